import { useTranslation } from 'react-i18next';
import type { PerinatalCaseSummary, PerinatalStatus } from '../../../../shared/api/people';
import { RiskColours } from '../cases/caseText';
import { Tag } from '../../ui/Tag';
import { pointStateText, timePointLabel, windowText } from './personText';
import styles from './WomenPage.module.css';

/** The five-colour risk and where her case stands (管理中 / 已结案 / 已转出), or 未建专案. */
export function CaseCell({ summary }: { summary: PerinatalCaseSummary | null }) {
  const { t } = useTranslation();
  if (!summary) return <span className="fact-note">{t('women.caseState.none')}</span>;
  const state =
    summary.status === 'closed' && summary.endReason === 'transferred' ? 'transferred' : summary.status;
  return (
    <span className={styles.due} data-testid="case-cell">
      {summary.colour || summary.purple ? <RiskColours item={summary} /> : null}
      <span>
        <Tag tone={state === 'open' ? 'warning' : 'muted'} dot>
          {t(`women.caseState.${state}`)}
        </Tag>
      </span>
    </span>
  );
}

const MARK: Partial<Record<PerinatalStatus['timePoints'][number]['state'], string | undefined>> = {
  done: styles.markDone,
  due: styles.markDue,
  missed: styles.markMissed,
  skipped: styles.markSkipped,
};

/**
 * The time points in a row: one short mark per point coloured by its state (its full state in
 * the title), then what matters now: due now (with the window), else the last one screened, else
 * the next one and when it opens.
 */
export function TimePointsCell({ perinatal }: { perinatal: PerinatalStatus | null }) {
  const { t } = useTranslation();
  if (!perinatal || perinatal.timePoints.length === 0) return <span className="fact-note">—</span>;
  const points = perinatal.timePoints;
  const due = points.find((p) => p.state === 'due');
  const done = points.findLast((p) => p.state === 'done');
  const next = perinatal.nextDue;
  let summary;
  if (due)
    summary = (
      <>
        <span className={styles.line}>
          <span className={`${styles.label} ${styles.now}`}>{timePointLabel(due.point)}</span>
          <Tag tone="warning">{t('women.dueNow')}</Tag>
        </span>
        <span className={styles.window}>{windowText(due)}</span>
      </>
    );
  else if (done?.doneOn)
    summary = (
      <span className={styles.line}>
        <Tag tone="success">
          {t('women.lastDone', { point: timePointLabel(done.point), date: done.doneOn })}
        </Tag>
      </span>
    );
  else if (next)
    summary = (
      <>
        <span className={styles.label}>{t('women.nextPoint', { point: timePointLabel(next.point) })}</span>
        <span className={styles.window}>{windowText(next)}</span>
      </>
    );
  else summary = <span className="fact-note">{t('women.noneDue')}</span>;
  return (
    <span className={styles.due} data-testid="next-due">
      <span className={styles.marks}>
        {points.map((p) => {
          const title = t('women.pointTitle', { point: timePointLabel(p.point), state: pointStateText(p) });
          return (
            <span
              key={p.point}
              className={`${styles.mark} ${MARK[p.state] ?? ''}`}
              title={title}
              aria-label={title}
              data-state={p.state}
            >
              {t(`women.pointShort.${p.point}`)}
            </span>
          );
        })}
      </span>
      {summary}
    </span>
  );
}
