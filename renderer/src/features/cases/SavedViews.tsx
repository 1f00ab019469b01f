import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ViewPage } from '../../../../shared/api/views';
import { invoke } from '../../api/client';
import { describeError } from '../../api/errors';
import { Alert } from '../../ui/Alert';
import { TextField } from '../../ui/Field';
import { Icon } from '../../ui/Icon';
import { Dialog } from '../../ui/Dialog';
import { Spinner } from '../../ui/Spinner';
import { useApi } from '../../lib/useApi';
import { toast } from '../../store/toast';
import { Button } from '../../ui/Button';

type Filters = Record<string, string | boolean>;

function SaveViewDialog({
  page,
  filters,
  summary,
  onClose,
  onSaved,
}: {
  page: ViewPage;
  filters: Filters;
  summary: string;
  onClose(): void;
  onSaved(views: { name: string; filters: Filters }[]): void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function save() {
    setSubmitted(true);
    if (!name.trim()) return;
    setBusy(true);
    setError(null);
    try {
      onSaved(await invoke('views.save', { page, view: { name: name.trim(), filters } }));
      toast.success(t('cases.worklist.views.saved', { name: name.trim() }));
      onClose();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog
      title={t('cases.worklist.views.saveTitle')}
      subtitle={t('cases.worklist.views.summary', { filters: summary })}
      onClose={onClose}
      busy={busy}
      testId="save-view-dialog"
      footer={
        <>
          <Button variant="ghost" onClick={onClose} disabled={busy}>
            {t('common.cancel')}
          </Button>
          <Button variant="primary" type="submit" form="save-view-form" disabled={busy}>
            {busy ? <Spinner /> : null}
            {t('cases.worklist.views.save')}
          </Button>
        </>
      }
    >
      <form
        id="save-view-form"
        className="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        {error ? <Alert>{describeError(error)}</Alert> : null}
        <TextField
          label={t('cases.worklist.views.name')}
          value={name}
          onValue={setName}
          placeholder={t('cases.worklist.views.namePlaceholder')}
          maxLength={40}
          error={submitted && !name.trim() ? t('cases.worklist.views.nameRequired') : undefined}
          required
          autoFocus
        />
      </form>
    </Dialog>
  );
}

/** Named filter sets kept per user: apply one with a click, save the current filters, delete. */
export function SavedViews({
  page,
  filters,
  summary,
  onApply,
}: {
  page: ViewPage;
  filters: Filters;
  /** The current filters in words, shown before saving. */
  summary: string;
  onApply(filters: Filters): void;
}) {
  const { t } = useTranslation();
  const views = useApi(() => invoke('views.list', { page }), [page]);
  const [saving, setSaving] = useState(false);

  async function remove(name: string) {
    try {
      views.set(await invoke('views.delete', { page, name }));
      toast.success(t('cases.worklist.views.deleted', { name }));
    } catch (err) {
      toast.error(describeError(err));
    }
  }

  return (
    <div className="saved-views" data-testid="saved-views">
      <span className="fact-note">{t('cases.worklist.views.label')}</span>
      {views.data?.length ? (
        views.data.map((view) => (
          <span key={view.name} className="filter-chip" data-testid="saved-view">
            <button
              type="button"
              className="saved-view-apply"
              onClick={() => onApply(view.filters)}
              aria-label={t('cases.worklist.views.apply', { name: view.name })}
            >
              {view.name}
            </button>
            <button
              type="button"
              onClick={() => void remove(view.name)}
              aria-label={t('cases.worklist.views.remove', { name: view.name })}
            >
              <Icon name="x" size={12} />
            </button>
          </span>
        ))
      ) : (
        <span className="fact-note">{t('cases.worklist.views.none')}</span>
      )}
      <Button variant="link" icon="plus" onClick={() => setSaving(true)}>
        {t('cases.worklist.views.save')}
      </Button>
      {saving ? (
        <SaveViewDialog
          page={page}
          filters={filters}
          summary={summary}
          onClose={() => setSaving(false)}
          onSaved={views.set}
        />
      ) : null}
    </div>
  );
}
