import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { describeError } from '../../api/errors';
import { Alert } from '../../ui/Alert';
import { Spinner } from '../../ui/Spinner';
import { usePageTitle } from '../../lib/usePageTitle';
import { Button } from '../../ui/Button';

/**
 * A printable report: a toolbar (back, print) over an A4 sheet; on paper only the sheet shows.
 */
export function ReportFrame({
  title,
  error,
  ready,
  testId,
  children,
}: {
  title: string;
  error: unknown;
  ready: boolean;
  testId: string;
  children: () => ReactNode;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  usePageTitle(title);
  return (
    <div className="report-page">
      <div className="report-toolbar no-print">
        <Button variant="secondary" icon="arrowLeft" onClick={() => void navigate(-1)}>
          {t('reports.back')}
        </Button>
        <span className="fact-note">{t('reports.printHint')}</span>
        <Button
          variant="primary"
          icon="printer"
          disabled={!ready}
          onClick={() => window.print()}
          data-testid="report-print"
        >
          {t('reports.print')}
        </Button>
      </div>
      {error ? (
        <Alert kind="error" title={t('reports.loadFailed')}>
          {describeError(error)}
        </Alert>
      ) : ready ? (
        <article className="report-sheet" data-testid={testId}>
          {children()}
        </article>
      ) : (
        <div className="card card-loading">
          <Spinner size={20} />
          {t('common.loading')}
        </div>
      )}
    </div>
  );
}

/** The report's heading: organisation, title, and a line under it. */
export function ReportHead({ org, title, meta }: { org: string; title: string; meta: ReactNode }) {
  return (
    <header className="report-head">
      <p className="report-org" data-testid="report-org">
        {org}
      </p>
      <h1 className="report-title">{title}</h1>
      <p className="report-meta">{meta}</p>
    </header>
  );
}

/** Label–value pairs as a ruled grid, `columns` pairs to a row. */
export function FactGrid({ rows, columns = 3 }: { rows: [string, ReactNode][]; columns?: number }) {
  return (
    <dl className="report-facts" style={{ gridTemplateColumns: `repeat(${columns}, auto 1fr)` }}>
      {rows.map(([label, value]) => (
        <div key={label} className="report-fact">
          <dt>{label}</dt>
          <dd>{value === null || value === undefined || value === '' ? '—' : value}</dd>
        </div>
      ))}
    </dl>
  );
}
