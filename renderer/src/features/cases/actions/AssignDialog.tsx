import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AssignResult } from '../../../../../shared/api/case-responsibility';
import { describeError } from '../../../api/errors';
import { useApiMutation, useApiQuery } from '../../../api/query';
import { Alert } from '../../../ui/Alert';
import { Dialog, DialogActions } from '../../../ui/Dialog';
import { ChoiceField, CASE_CHANGES } from './ActionDialog';

/** What the assign call refreshes besides the worklist: the case pages and the audit. */
const ASSIGN_CHANGES = [...CASE_CHANGES, 'cases.get', 'audit.list'] as const;

/**
 * 指派 / 转交责任人 for one case (the case page) or the worklist's selection: one eligible user
 * (an active administrator or psychologist) for every case, all or none.
 */
export function AssignDialog({
  caseIds,
  name,
  current,
  onClose,
  onAssigned,
}: {
  caseIds: readonly number[];
  /** The person's name when a single case is assigned. */
  name?: string;
  /** The single case's current 责任人 (a transfer), if any. */
  current?: { id: number | null; name: string | null };
  onClose(): void;
  onAssigned(result: AssignResult): void;
}) {
  const { t } = useTranslation();
  const candidates = useApiQuery('cases.responsibleCandidates', {});
  const save = useApiMutation('cases.assign', ASSIGN_CHANGES);
  const [to, setTo] = useState<string>(current?.id ? String(current.id) : '');
  const [submitted, setSubmitted] = useState(false);
  const k = 'cases.assign';
  const transfer = Boolean(current?.name);
  const options = candidates.data ?? [];
  const labelOf = (id: string) => {
    const user = options.find((u) => String(u.id) === id);
    return user ? `${user.displayName} (${user.username})` : id;
  };

  function onSubmit() {
    setSubmitted(true);
    save.reset();
    if (!to) return;
    save.mutate(
      { caseIds: [...caseIds], to: Number(to) },
      {
        onSuccess: (result) => {
          onAssigned(result);
          onClose();
        },
      },
    );
  }

  return (
    <Dialog
      title={transfer ? t(`${k}.titleTransfer`) : t(`${k}.title`)}
      subtitle={
        caseIds.length === 1 && name
          ? t(`${k}.introOne`, { name })
          : t(`${k}.introMany`, { count: caseIds.length })
      }
      onClose={onClose}
      busy={save.isPending}
      testId="assign-dialog"
      onSubmit={onSubmit}
      footer={
        <DialogActions
          onCancel={onClose}
          busy={save.isPending}
          confirmLabel={save.isPending ? t('cases.form.saving') : t(`${k}.save`)}
        />
      }
    >
      <div className="form">
        {save.error ? <Alert testId="action-error">{describeError(save.error)}</Alert> : null}
        {candidates.error ? <Alert>{describeError(candidates.error)}</Alert> : null}
        {candidates.data && options.length === 0 ? <Alert kind="info">{t(`${k}.noCandidates`)}</Alert> : null}
        {transfer ? <p className="fact-note">{t(`${k}.current`, { name: current?.name })}</p> : null}
        <ChoiceField
          label={t(`${k}.to`)}
          value={to}
          onValue={setTo}
          choices={options.map((u) => String(u.id))}
          labelOf={labelOf}
          placeholder={t('cases.form.choose')}
          error={submitted && !to ? t('validation.requiredChoice', { field: t(`${k}.to`) }) : undefined}
        />
      </div>
    </Dialog>
  );
}

/** The toast after an assignment: who now has how many, or that nothing changed. */
export function assignedMessage(result: AssignResult, t: TFunction): string {
  const name = result.to.displayName;
  if (result.changed === 0) return t('cases.assign.unchanged', { name });
  return result.cases.length === 1
    ? t('cases.assign.savedOne', { name })
    : t('cases.assign.savedMany', { count: result.changed, name });
}
