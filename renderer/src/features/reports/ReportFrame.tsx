import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { LoadState, type Loadable } from '../../ui/LoadState';
import { usePageTitle } from '../../lib/usePageTitle';
import { Button } from '../../ui/Button';
import styles from './reports.module.css';

/**
 * A printable report: a toolbar (back, print) over an A4 sheet; on paper only the sheet shows.
 * The sheet waits for its query; printing waits for the sheet.
 */
export function ReportFrame<T>({
  title,
  query,
  testId,
  children,
}: {
  title: string;
  query: Loadable<T>;
  testId: string;
  children(data: T): ReactNode;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  usePageTitle(title);
  return (
    <div className={styles.reportPage}>
      <div className={`${styles.reportToolbar} no-print`}>
        <Button variant="secondary" icon="arrowLeft" onClick={() => void navigate(-1)}>
          {t('reports.back')}
        </Button>
        <span className="fact-note">{t('reports.printHint')}</span>
        <Button
          variant="primary"
          icon="printer"
          disabled={query.data === undefined}
          onClick={() => window.print()}
          data-testid="report-print"
        >
          {t('reports.print')}
        </Button>
      </div>
      <LoadState query={query} failed={t('reports.loadFailed')}>
        {(data) => (
          <article className={styles.reportSheet} data-testid={testId}>
            {children(data)}
          </article>
        )}
      </LoadState>
    </div>
  );
}

/** The report's heading: organisation, title, and a line under it. */
export function ReportHead({ org, title, meta }: { org: string; title: string; meta: ReactNode }) {
  return (
    <header className={styles.reportHead}>
      <p className={styles.reportOrg} data-testid="report-org">
        {org}
      </p>
      <h1 className={styles.reportTitle}>{title}</h1>
      <p className={styles.reportMeta}>{meta}</p>
    </header>
  );
}

/** Label–value pairs as a ruled grid, `columns` pairs to a row. */
export function FactGrid({ rows, columns = 3 }: { rows: [string, ReactNode][]; columns?: number }) {
  return (
    <dl
      className={styles.reportFacts}
      data-testid="report-facts"
      style={{ gridTemplateColumns: `repeat(${columns}, auto 1fr)` }}
    >
      {rows.map(([label, value]) => (
        <div key={label} className={styles.reportFact}>
          <dt>{label}</dt>
          <dd>{value === null || value === undefined || value === '' ? '—' : value}</dd>
        </div>
      ))}
    </dl>
  );
}
