import { useTranslation } from 'react-i18next';
import type { ScreeningOutcome } from '../../../shared/api/screening';
import { blankCriticalText } from '../../../shared/instruments/blanks';
import { useContentLanguage } from '../lib/format';
import { Icon } from './Icon';

type Result = ScreeningOutcome['results'][number];

/**
 * How a submitted sheet with blanks is marked wherever it is shown (person file, paper entry, the
 * staff's result view): a 部分作答 badge, each blank critical item by number with 需当面确认, and
 * "—/未定" in place of a band the blanks could still change. Nothing here shows a score as whole.
 */
export function BlankMarks({ result }: { result: Result }) {
  const { t } = useTranslation();
  const lang = useContentLanguage();
  if (result.complete) return null;
  return (
    <>
      <span className="chip chip-muted" data-testid="incomplete-badge">
        {t('blanks.incomplete', { count: result.missing })}
      </span>
      {result.criticalUnanswered.map((number) => (
        <span key={number} className="chip chip-warn" data-testid="blank-critical">
          <Icon name="alert" size={12} />
          {blankCriticalText({ instrumentId: result.instrumentId, number })[lang]} · {t('blanks.confirm')}
        </span>
      ))}
    </>
  );
}

/** A band where the blanks leave none: "—/未定" and why. */
export function OpenBand({ result }: { result: Result }) {
  const { t } = useTranslation();
  if (result.complete || result.band !== null) return null;
  return (
    <span className="fact-note" data-testid="band-open" title={t('blanks.bandOpenWhy')}>
      {t('blanks.bandOpen')}
    </span>
  );
}

/** Under a level that blanks could still raise: it is a floor, not the result. */
export function LevelFloor({
  possibleHigher,
  name,
}: {
  possibleHigher: string | null;
  name(id: string): string;
}) {
  const { t } = useTranslation();
  if (!possibleHigher) return null;
  return (
    <p className="fact-note" data-testid="level-floor">
      {t('blanks.levelFloor', { level: name(possibleHigher) })}
    </p>
  );
}
