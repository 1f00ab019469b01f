import { useTranslation } from 'react-i18next';
import type { InstrumentDefinition } from '../../../../shared/instruments/schema';
import { Card, Hint, IconBadge, Lead, RsButton, Title } from './kit';
import type { FlowEnd } from './RespondentFlow';
import { RespondentIcon } from './RespondentIcon';
import { textLanguage } from './model';
import styles from './ThankYou.module.css';
import { useCountdown } from './useCountdown';

/** The respondent's own result as the kiosk and the station both receive it. */
export interface OwnResult {
  results: readonly { instrumentId: string; band: string | null }[];
  defs: readonly InstrumentDefinition[];
}

/**
 * The same calm screen whatever was answered: nothing on it hints at a score, so a classmate
 * glancing over sees no difference. Counts down, then hands the screen to the next respondent.
 */
export function ThankYou({
  end,
  audience,
  seconds,
  onDone,
  result,
}: {
  end: FlowEnd;
  /** Where to get help differs: a school's counselling room, a clinic's doctor. */
  audience: 'school' | 'perinatal';
  seconds: number;
  onDone(): void;
  /** Only where the campaign lets respondents see their own result; shown after a submit only. */
  result?: OwnResult | null;
}) {
  const { t } = useTranslation();
  const perinatal = audience === 'perinatal';
  const left = useCountdown(seconds, onDone);

  return (
    <Card center testId="rs-thanks" aria-live="polite">
      <IconBadge name={end === 'submitted' ? 'check' : 'heart'} />
      <Title>
        {end === 'submitted'
          ? perinatal
            ? t('screening.respondent.thanksTitlePerinatal')
            : t('screening.respondent.thanksTitle')
          : perinatal
            ? t('screening.respondent.declinedTitlePerinatal')
            : t('screening.respondent.declinedTitle')}
      </Title>
      <Lead>
        {end === 'submitted'
          ? perinatal
            ? t('screening.respondent.thanksBodyPerinatal')
            : t('screening.respondent.thanksBody')
          : perinatal
            ? t('screening.respondent.declinedBodyPerinatal')
            : t('screening.respondent.declinedBody')}
      </Lead>
      {end === 'submitted' && result ? <ResultSummary {...result} perinatal={perinatal} /> : null}
      <div className={styles.help}>
        <RespondentIcon name="heart" size={22} className={styles.helpIcon} />
        <p>{perinatal ? t('screening.respondent.helpPerinatal') : t('screening.respondent.helpSchool')}</p>
      </div>
      <RsButton onClick={onDone} data-testid="rs-thanks-done">
        {t('screening.respondent.finish')}
      </RsButton>
      <Hint testId="rs-thanks-countdown">{t('screening.respondent.resetIn', { count: left })}</Hint>
    </Card>
  );
}

/**
 * The respondent's own result: each part's band in plain words (no score, no warning level),
 * with a pointer to someone to talk it over with.
 */
function ResultSummary({ results, defs, perinatal }: OwnResult & { perinatal: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = textLanguage(i18n.language);
  return (
    <div className={styles.result} data-testid="rs-own-result">
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
      <Hint>
        {perinatal ? t('screening.respondent.resultNotePerinatal') : t('screening.respondent.resultNote')}
      </Hint>
    </div>
  );
}
