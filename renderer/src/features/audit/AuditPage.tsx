import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../../shared/api/audit';
import { describeError } from '../../api/errors';
import { useApiMutation, useApiQuery } from '../../api/query';
import { Alert } from '../../ui/Alert';
import { Icon } from '../../ui/Icon';
import { Spinner } from '../../ui/Spinner';
import type { zhCN } from '../../i18n/zh-CN';
import { downloadBase64 } from '../../lib/files';
import { usePageTitle } from '../../lib/usePageTitle';
import { toast } from '../../store/toast';
import { Button } from '../../ui/Button';
import { SelectField, TextField } from '../../ui/Field';
import { PageHeader } from '../../ui/PageHeader';
import { Table, type Column } from '../../ui/Table';
import { LoadState } from '../../ui/LoadState';
import styles from './AuditPage.module.css';

type ActionKey = keyof typeof zhCN.audit.actions;
const PAGE = 100;

interface Filters {
  userId: string;
  action: string;
  from: string;
  to: string;
}
const NO_FILTERS: Filters = { userId: '', action: '', from: '', to: '' };

/** The contract's filter object: empty fields are left out. */
const toInput = (f: Filters) => ({
  ...(f.userId ? { userId: Number(f.userId) } : {}),
  ...(f.action ? { action: f.action } : {}),
  ...(f.from ? { from: f.from } : {}),
  ...(f.to ? { to: f.to } : {}),
});

function ChainStatus() {
  const { t } = useTranslation();
  const chain = useApiQuery('audit.verify', {});
  if (chain.error) return <Alert title={describeError(chain.error)} />;
  if (!chain.data)
    return (
      <div className={`card card-pad ${styles.chain}`} data-testid="audit-chain">
        <Spinner /> {t('audit.checking')}
      </div>
    );
  const { ok, entries, firstBroken } = chain.data;
  return (
    <div
      className={`card card-pad ${styles.chain} ${ok ? styles.ok : styles.broken}`}
      data-testid="audit-chain"
      role="status"
    >
      <Icon name={ok ? 'check' : 'alert'} size={20} />
      <div>
        <strong>{ok ? t('audit.chainOk') : t('audit.chainBroken', { id: firstBroken?.id })}</strong>
        <div className={styles.chainDetail}>
          {ok
            ? t('audit.chainOkDetail', { count: entries })
            : t('audit.chainBrokenDetail', { reason: t(`audit.reasons.${firstBroken!.reason}`) })}
        </div>
      </div>
    </div>
  );
}

type ColumnKey = 'id' | 'at' | 'user' | 'action' | 'subject' | 'detail';

export function AuditPage() {
  const { t } = useTranslation();
  usePageTitle(t('audit.title'));
  const users = useApiQuery('users.list', {});
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [pages, setPages] = useState(1);
  const list = useApiQuery(
    'audit.list',
    { ...toInput(filters), limit: PAGE * pages, offset: 0 },
    { keepPrevious: true },
  );
  // An export is itself audited, so the list is stale after one.
  const exporter = useApiMutation('audit.export', ['audit.list', 'audit.verify']);

  const actionLabel = (action: string) => {
    const key = action.replace(/\./g, '_');
    return key in (t('audit.actions', { returnObjects: true }) as object)
      ? t(`audit.actions.${key as ActionKey}`)
      : action;
  };
  const subjects = t('audit.subjects', { returnObjects: true }) as Record<string, string>;
  /** A word subject (an import's kind, a programme) in the UI language; ids as they are. */
  const subjectLabel = (subject: string | null) => (subject === null ? '' : (subjects[subject] ?? subject));

  function apply(next: Filters) {
    setFilters(next);
    setPages(1);
  }

  function exportXlsx() {
    exporter.mutate(toInput(filters), {
      onSuccess: (file) => {
        downloadBase64(file.fileName, file.contentBase64);
        toast.success(t('audit.exported', { name: file.fileName }));
      },
      onError: (error) => toast.error(describeError(error)),
    });
  }

  const set = (key: keyof Filters) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const c = 'audit.columns';
  const columns: Column<AuditEntry, ColumnKey>[] = [
    { key: 'id', header: t(`${c}.id`), kind: 'num', cell: (e) => e.id },
    { key: 'at', header: t(`${c}.at`), cell: (e) => new Date(e.at).toLocaleString() },
    {
      key: 'user',
      header: t(`${c}.user`),
      cell: (e) => e.username ?? (e.userId === null ? t('audit.system') : `#${e.userId}`),
    },
    {
      key: 'action',
      header: t(`${c}.action`),
      cell: (e) => <span title={e.action}>{actionLabel(e.action)}</span>,
    },
    { key: 'subject', header: t(`${c}.subject`), cell: (e) => subjectLabel(e.subject) },
    {
      key: 'detail',
      header: t(`${c}.detail`),
      kind: 'wrap',
      cell: (e) => <code className={styles.detail}>{e.detail === null ? '' : JSON.stringify(e.detail)}</code>,
    },
  ];

  return (
    <div className="page" data-testid="audit-page">
      <PageHeader
        title={t('audit.title')}
        subtitle={t('audit.subtitle')}
        actions={
          <Button
            variant="secondary"
            icon="download"
            onClick={exportXlsx}
            busy={exporter.isPending}
            data-testid="audit-export"
          >
            {exporter.isPending ? t('audit.exporting') : t('audit.export')}
          </Button>
        }
      />
      <ChainStatus />
      <form
        className={`card card-pad form-grid ${styles.filters}`}
        onSubmit={(e) => {
          e.preventDefault();
          apply(draft);
        }}
      >
        <SelectField
          label={t('audit.filters.user')}
          value={draft.userId}
          onValue={set('userId')}
          placeholder={t('audit.filters.all')}
          options={(users.data ?? []).map((u) => ({
            value: String(u.id),
            label: `${u.displayName} (${u.username})`,
          }))}
          data-testid="audit-filter-user"
        />
        <SelectField
          label={t('audit.filters.action')}
          value={draft.action}
          onValue={set('action')}
          placeholder={t('audit.filters.all')}
          options={(list.data?.actions ?? []).map((a) => ({ value: a, label: actionLabel(a) }))}
          data-testid="audit-filter-action"
        />
        <TextField label={t('audit.filters.from')} type="date" value={draft.from} onValue={set('from')} />
        <TextField label={t('audit.filters.to')} type="date" value={draft.to} onValue={set('to')} />
        <div className={styles.filterButtons}>
          <Button variant="primary" type="submit" data-testid="audit-apply">
            {t('audit.filters.apply')}
          </Button>
          <Button
            variant="ghost"
            onClick={() => {
              setDraft(NO_FILTERS);
              apply(NO_FILTERS);
            }}
          >
            {t('audit.filters.clear')}
          </Button>
        </div>
      </form>
      <LoadState query={list} failed={t('audit.loadFailed')}>
        {(data) => (
          <section className="card">
            <p className={styles.total} data-testid="audit-total">
              {t('audit.total', { count: data.total })}
            </p>
            <Table
              label={t('audit.title')}
              columns={columns}
              rows={data.items}
              rowKey={(e) => e.id}
              testId="audit-table"
              rowTestId="audit-row"
              empty={<p className="card-pad">{t('audit.empty')}</p>}
            />
            {data.items.length < data.total ? (
              <div className="card-pad">
                <Button variant="ghost" onClick={() => setPages(pages + 1)} busy={list.isFetching}>
                  {t('audit.more')}
                </Button>
              </div>
            ) : null}
          </section>
        )}
      </LoadState>
    </div>
  );
}
