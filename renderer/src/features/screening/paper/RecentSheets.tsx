import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../lib/format';
import { BlankMarks } from '../../../ui/BlankMarks';
import { Icon } from '../../../ui/Icon';
import type { Recent } from './entry';
import sc from '../screening.module.css';
import styles from './PaperPage.module.css';

/** The sheets saved in this sitting, newest first, with blanks and critical answers marked. */
export function RecentSheets({ recent }: { recent: readonly Recent[] }) {
  const { t } = useTranslation();
  return (
    <aside className={`card ${styles.recent}`} aria-label={t('screening.paper.recent')}>
      <h2 className={`${sc.cardTitle} ${styles.recentTitle}`}>{t('screening.paper.recent')}</h2>
      {recent.length === 0 ? (
        <p className={sc.muted}>{t('screening.paper.recentEmpty')}</p>
      ) : (
        <ul className={styles.recentList} data-testid="paper-recent">
          {recent.map((r, i) => (
            <li key={`${r.at}-${i}`} className={r.critical ? styles.recentCritical : undefined}>
              <Icon name={r.critical ? 'alert' : 'check'} size={14} />
              <span className={`cell-strong ${styles.recentName}`}>{r.name}</span>
              <span className={sc.muted}>{formatDateTime(r.at).slice(11)}</span>
              {r.results.map((result) => (
                <BlankMarks key={result.instrumentId} result={result} />
              ))}
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}
