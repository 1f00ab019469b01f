import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ViewPage } from '../../../../shared/api/views';
import { useApiMutation, useApiQuery } from '../../api/query';
import { describeError } from '../../api/errors';
import { Alert } from '../../ui/Alert';
import { TextField } from '../../ui/Field';
import { Dialog, DialogActions } from '../../ui/Dialog';
import { FilterChip } from '../people/RegisterPage';
import styles from './Worklist.module.css';
import { toast } from '../../store/toast';
import { Button } from '../../ui/Button';

type Filters = Record<string, string | boolean>;

function SaveViewDialog({
  page,
  filters,
  summary,
  onClose,
}: {
  page: ViewPage;
  filters: Filters;
  summary: string;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const save = useApiMutation('views.save', ['views.list']);

  function submit() {
    setSubmitted(true);
    if (!name.trim()) return;
    save.mutate(
      { page, view: { name: name.trim(), filters } },
      {
        onSuccess: () => {
          toast.success(t('cases.worklist.views.saved', { name: name.trim() }));
          onClose();
        },
      },
    );
  }

  return (
    <Dialog
      title={t('cases.worklist.views.saveTitle')}
      subtitle={t('cases.worklist.views.summary', { filters: summary })}
      onClose={onClose}
      busy={save.isPending}
      testId="save-view-dialog"
      onSubmit={submit}
      footer={
        <DialogActions
          onCancel={onClose}
          busy={save.isPending}
          confirmLabel={t('cases.worklist.views.save')}
        />
      }
    >
      <div className="form">
        {save.error ? <Alert>{describeError(save.error)}</Alert> : null}
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
      </div>
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
  const views = useApiQuery('views.list', { page });
  const remove = useApiMutation('views.delete', ['views.list']);
  const [saving, setSaving] = useState(false);

  function removeView(name: string) {
    remove.mutate(
      { page, name },
      {
        onSuccess: () => toast.success(t('cases.worklist.views.deleted', { name })),
        onError: (err) => toast.error(describeError(err)),
      },
    );
  }

  return (
    <div className={styles.views} data-testid="saved-views">
      <span className="fact-note">{t('cases.worklist.views.label')}</span>
      {views.data?.length ? (
        views.data.map((view) => (
          <FilterChip
            key={view.name}
            testId="saved-view"
            label={
              <button
                type="button"
                onClick={() => onApply(view.filters)}
                aria-label={t('cases.worklist.views.apply', { name: view.name })}
              >
                {view.name}
              </button>
            }
            clearLabel={t('cases.worklist.views.remove', { name: view.name })}
            onClear={() => removeView(view.name)}
          />
        ))
      ) : (
        <span className="fact-note">{t('cases.worklist.views.none')}</span>
      )}
      <Button variant="link" icon="plus" onClick={() => setSaving(true)}>
        {t('cases.worklist.views.save')}
      </Button>
      {saving ? (
        <SaveViewDialog page={page} filters={filters} summary={summary} onClose={() => setSaving(false)} />
      ) : null}
    </div>
  );
}
