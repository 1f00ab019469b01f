import { useTranslation } from 'react-i18next';
import type { InstrumentDefinition } from '../../../../shared/instruments/schema';
import { textLanguage } from './model';

/**
 * The respondent's own result, only where the campaign allows it: each part's band in plain
 * words (no score, no warning level), with a pointer to someone to talk it over with.
 */
export function ResultSummary({
  results,
  defs,
  perinatal,
}: {
  results: readonly { instrumentId: string; band: string | null }[];
  defs: readonly InstrumentDefinition[];
  perinatal: boolean;
}) {
  const { t, i18n } = useTranslation();
  const lang = textLanguage(i18n.language);
  return (
    <div className="rs-result" data-testid="rs-own-result">
      {results.map((r) => {
        const def = defs.find((d) => d.id === r.instrumentId);
        const scale = def?.scales.find((s) => s.id === def.mainScale);
        const band = scale?.bands?.find((b) => b.id === r.band);
        const part = defs.findIndex((d) => d.id === r.instrumentId) + 1;
        return (
          <p key={r.instrumentId}>
            {t('screening.respondent.partResult', {
              part: t('screening.respondent.part', { part, parts: defs.length }),
              band: band ? band.label[lang] : '—',
            })}
          </p>
        );
      })}
      <p className="rs-hint">
        {perinatal ? t('screening.respondent.resultNotePerinatal') : t('screening.respondent.resultNote')}
      </p>
    </div>
  );
}
