import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../../shared/api/audit';
import { invoke } from '../../api/client';
import { describeError } from '../../api/errors';
import { Alert } from '../../ui/Alert';
import { Icon } from '../../ui/Icon';
import { Spinner } from '../../ui/Spinner';
import type { zhCN } from '../../i18n/zh-CN';
import { downloadBase64 } from '../../lib/files';
import { useApi } from '../../lib/useApi';
import { usePageTitle } from '../../lib/usePageTitle';
import { toast } from '../../store/toast';
import './audit.css';
import { Button } from '../../ui/Button';

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
  const chain = useApi(() => invoke('audit.verify', {}), []);
  if (chain.error) return <Alert title={describeError(chain.error)} />;
  if (!chain.data)
    return (
      <div className="card card-pad audit-chain" data-testid="audit-chain">
        <Spinner /> {t('audit.checking')}
      </div>
    );
  const { ok, entries, firstBroken } = chain.data;
  return (
    <div
      className={`card card-pad audit-chain ${ok ? 'audit-chain-ok' : 'audit-chain-broken'}`}
      data-testid="audit-chain"
      role="status"
    >
      <Icon name={ok ? 'check' : 'alert'} size={20} />
      <div>
        <strong>{ok ? t('audit.chainOk') : t('audit.chainBroken', { id: firstBroken?.id })}</strong>
        <div className="audit-chain-detail">
          {ok
            ? t('audit.chainOkDetail', { count: entries })
            : t('audit.chainBrokenDetail', { reason: t(`audit.reasons.${firstBroken!.reason}`) })}
        </div>
      </div>
    </div>
  );
}

export function AuditPage() {
  const { t } = useTranslation();
  usePageTitle(t('audit.title'));
  const users = useApi(() => invoke('users.list', {}), []);
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [pages, setPages] = useState(1);
  const list = useApi(
    () => invoke('audit.list', { ...toInput(filters), limit: PAGE * pages, offset: 0 }),
    [filters, pages],
  );
  const [exporting, setExporting] = useState(false);

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

  async function exportXlsx() {
    setExporting(true);
    try {
      const file = await invoke('audit.export', toInput(filters));
      downloadBase64(file.fileName, file.contentBase64);
      toast.success(t('audit.exported', { name: file.fileName }));
    } catch (error) {
      toast.error(describeError(error));
    } finally {
      setExporting(false);
    }
  }

  const detailText = (e: AuditEntry) => (e.detail === null ? '' : JSON.stringify(e.detail));

  return (
    <div className="page" data-testid="audit-page">
      <div className="page-header">
        <div>
          <h1 className="page-title">{t('audit.title')}</h1>
          <p className="page-subtitle">{t('audit.subtitle')}</p>
        </div>
        <div className="page-actions">
          <Button
            variant="secondary"
            onClick={() => void exportXlsx()}
            disabled={exporting}
            data-testid="audit-export"
          >
            {exporting ? <Spinner /> : <Icon name="download" size={16} />}
            {exporting ? t('audit.exporting') : t('audit.export')}
          </Button>
        </div>
      </div>
      <ChainStatus />
      <form
        className="card card-pad form-grid audit-filters"
        onSubmit={(e) => {
          e.preventDefault();
          apply(draft);
        }}
      >
        <label className="field">
          <span className="field-label">{t('audit.filters.user')}</span>
          <select
            className="input"
            data-testid="audit-filter-user"
            value={draft.userId}
            onChange={(e) => setDraft({ ...draft, userId: e.target.value })}
          >
            <option value="">{t('audit.filters.all')}</option>
            {users.data?.map((u) => (
              <option key={u.id} value={u.id}>
                {u.displayName} ({u.username})
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">{t('audit.filters.action')}</span>
          <select
            className="input"
            data-testid="audit-filter-action"
            value={draft.action}
            onChange={(e) => setDraft({ ...draft, action: e.target.value })}
          >
            <option value="">{t('audit.filters.all')}</option>
            {list.data?.actions.map((a) => (
              <option key={a} value={a}>
                {actionLabel(a)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">{t('audit.filters.from')}</span>
          <input
            className="input"
            type="date"
            value={draft.from}
            onChange={(e) => setDraft({ ...draft, from: e.target.value })}
          />
        </label>
        <label className="field">
          <span className="field-label">{t('audit.filters.to')}</span>
          <input
            className="input"
            type="date"
            value={draft.to}
            onChange={(e) => setDraft({ ...draft, to: e.target.value })}
          />
        </label>
        <div className="audit-filter-buttons">
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
      {list.error ? (
        <Alert title={t('audit.loadFailed')}>
          {describeError(list.error)}{' '}
          <Button variant="link" onClick={list.reload}>
            {t('common.retry')}
          </Button>
        </Alert>
      ) : null}
      {list.loading && !list.data ? (
        <div className="card card-loading">
          <Spinner size={20} />
          {t('common.loading')}
        </div>
      ) : null}
      {list.data ? (
        <section className="card">
          <p className="audit-total" data-testid="audit-total">
            {t('audit.total', { count: list.data.total })}
          </p>
          {list.data.items.length === 0 ? (
            <p className="card-pad">{t('audit.empty')}</p>
          ) : (
            <div className="table-wrap">
              <table className="table" data-testid="audit-table">
                <thead>
                  <tr>
                    <th scope="col">{t('audit.columns.id')}</th>
                    <th scope="col">{t('audit.columns.at')}</th>
                    <th scope="col">{t('audit.columns.user')}</th>
                    <th scope="col">{t('audit.columns.action')}</th>
                    <th scope="col">{t('audit.columns.subject')}</th>
                    <th scope="col">{t('audit.columns.detail')}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.data.items.map((e) => (
                    <tr key={e.id} data-testid="audit-row">
                      <td className="num">{e.id}</td>
                      <td className="audit-at">{new Date(e.at).toLocaleString()}</td>
                      <td>{e.username ?? (e.userId === null ? t('audit.system') : `#${e.userId}`)}</td>
                      <td title={e.action}>{actionLabel(e.action)}</td>
                      <td>{subjectLabel(e.subject)}</td>
                      <td className="audit-detail">
                        {/* Raw JSON of ids and counts: code, as `anxin audit` prints it. */}
                        <code>{detailText(e)}</code>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {list.data.items.length < list.data.total ? (
            <div className="card-pad">
              <Button variant="ghost" onClick={() => setPages(pages + 1)} disabled={list.loading}>
                {t('audit.more')}
              </Button>
            </div>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
