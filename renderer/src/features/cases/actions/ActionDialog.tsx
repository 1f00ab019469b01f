import { useState, type ReactNode } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Case } from '../../../../../shared/api/cases';
import type { ApiInput, ApiMethod } from '../../../../../shared/api/contract';
import { describeError } from '../../../api/errors';
import { useApiMutation } from '../../../api/query';
import { todayIso } from '../../../../../shared/people/date';
import { Alert } from '../../../ui/Alert';
import { Dialog, DialogActions } from '../../../ui/Dialog';
import { Field, SelectField, TextField } from '../../../ui/Field';

/** The contract methods that record a step on a case; each answers with the case as it now is. */
export type CaseMethod =
  | 'cases.lift'
  | 'cases.reopen'
  | 'cases.assignColour'
  | 'cases.close'
  | 'cases.confirmInPerson'
  | 'cases.safetyCheck'
  | 'cases.interview'
  | 'cases.followUp'
  | 'cases.guardianContact'
  | 'cases.refer'
  | 'cases.updateReferral';

/** What a recorded step changes besides the case itself: lists, counts and the person's file. */
export const CASE_CHANGES: readonly ApiMethod[] = [
  'cases.worklist',
  'dashboard.get',
  'alerts.list',
  'people.get',
];

export interface FormState {
  /** The user has tried to save: show what is missing. */
  submitted: boolean;
  /** "Please fill in X" once the user has tried to save with X empty. */
  required(value: string, field: string): string | undefined;
  /** A required text field's props: label, value, setter and its "please fill in" error. */
  need(
    label: string,
    value: string,
    onValue: (value: string) => void,
  ): {
    label: string;
    value: string;
    onValue(value: string): void;
    error: string | undefined;
    required: true;
  };
}

export interface ActionProps {
  c: Case;
  onClose(): void;
  /** The case as the server returned it after the save, and what to tell the user. */
  onSaved(c: Case, message: string): void;
}

/**
 * One recorded step on a case: a form in a modal that validates on submit (errors show once the
 * user has tried), saves through the API and shows the server's refusal in place.
 */
export function ActionDialog<M extends CaseMethod>({
  title,
  subtitle,
  testId,
  saved,
  onClose,
  onSaved,
  method,
  input,
  confirm,
  children,
}: {
  title: string;
  subtitle?: ReactNode;
  testId: string;
  /** The toast after a successful save. */
  saved: string;
  onClose(): void;
  onSaved(c: Case, message: string): void;
  method: M;
  /** The call's input, or null when the form is not valid yet. */
  input(): ApiInput<M> | null;
  /** A step that cannot be undone asks this first: the first save shows it, the second saves. */
  confirm?: { question: string; label: string } | undefined;
  children(form: FormState): ReactNode;
}) {
  const { t } = useTranslation();
  const [submitted, setSubmitted] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const save = useApiMutation(method, CASE_CHANGES);
  const required = (value: string, field: string) =>
    submitted && !value.trim() ? t('cases.form.required', { field }) : undefined;

  function onSubmit() {
    setSubmitted(true);
    save.reset();
    const call = input();
    if (!call) return;
    if (confirm && !confirming) return setConfirming(true);
    save.mutate(call, {
      onSuccess: (c) => {
        onSaved(c as Case, saved);
        onClose();
      },
    });
  }

  return (
    <Dialog
      title={title}
      subtitle={subtitle}
      onClose={onClose}
      busy={save.isPending}
      testId={testId}
      onSubmit={onSubmit}
      footer={
        <DialogActions
          onCancel={onClose}
          busy={save.isPending}
          confirmLabel={
            save.isPending
              ? t('cases.form.saving')
              : confirm && confirming
                ? confirm.label
                : t('cases.form.save')
          }
        />
      }
    >
      <div className="form">
        {save.error ? <Alert testId="action-error">{describeError(save.error)}</Alert> : null}
        {confirm && confirming ? (
          <Alert kind="warning" testId="action-confirm">
            {confirm.question}
          </Alert>
        ) : null}
        {children({
          submitted,
          required,
          need: (label, value, onValue) => ({
            label,
            value,
            onValue,
            error: required(value, label),
            required: true,
          }),
        })}
      </div>
    </Dialog>
  );
}

export function TextAreaField({
  label,
  value,
  onValue,
  error,
  hint,
  required,
  placeholder,
  rows = 3,
  maxLength = 2000,
}: {
  label: string;
  value: string;
  onValue(value: string): void;
  error?: string | undefined;
  hint?: ReactNode;
  required?: boolean;
  placeholder?: string;
  rows?: number;
  maxLength?: number;
}) {
  return (
    <Field label={label} error={error} hint={hint} required={required}>
      {(control) => (
        <textarea
          {...control}
          className="input textarea"
          rows={rows}
          maxLength={maxLength}
          placeholder={placeholder}
          value={value}
          onChange={(e) => onValue(e.target.value)}
        />
      )}
    </Field>
  );
}

export function CheckField({
  label,
  checked,
  onChecked,
  testId,
}: {
  label: string;
  checked: boolean;
  onChecked(checked: boolean): void;
  testId?: string;
}) {
  return (
    <label className="checkbox">
      <input
        type="checkbox"
        checked={checked}
        onChange={(e) => onChecked(e.target.checked)}
        data-testid={testId}
      />
      {label}
    </label>
  );
}

/**
 * Why a date that must be today or earlier is not valid, or undefined when it is. A record's
 * date has its own words (validation.dateFuture speaks of a birth date).
 */
export function pastDateError(value: string, t: TFunction): string | undefined {
  return !value ? t('validation.dateInvalid') : value > todayIso() ? t('cases.eventDate.future') : undefined;
}

/** A date on which something already happened: today or earlier, today by default. */
export function PastDateField({
  label,
  value,
  onValue,
}: {
  label: string;
  value: string;
  onValue(value: string): void;
}) {
  const { t } = useTranslation();
  return (
    <TextField
      label={label}
      type="date"
      value={value}
      onValue={onValue}
      max={todayIso()}
      error={pastDateError(value, t)}
      required
    />
  );
}

/** A required choice among fixed keys, each worded by `labelOf`. */
export function ChoiceField<V extends string>({
  label,
  value,
  onValue,
  choices,
  labelOf,
  placeholder,
  error,
  hint,
  testId,
}: {
  label: string;
  value: NoInfer<V> | '';
  onValue(value: NoInfer<V>): void;
  choices: readonly V[];
  labelOf(value: V): string;
  placeholder?: string;
  error?: string | null | undefined;
  hint?: ReactNode;
  testId?: string;
}) {
  return (
    <SelectField
      data-testid={testId}
      label={label}
      value={value}
      onValue={(v) => onValue(v as V)}
      options={choices.map((v) => ({ value: v, label: labelOf(v) }))}
      placeholder={placeholder}
      error={error}
      hint={hint}
      required
    />
  );
}
