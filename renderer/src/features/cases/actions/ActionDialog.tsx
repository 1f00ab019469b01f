import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Case } from '../../../../../shared/api/cases';
import { describeError } from '../../../api/errors';
import { Alert } from '../../../ui/Alert';
import { Field } from '../../../ui/Field';
import { Dialog } from '../../../ui/Dialog';
import { Spinner } from '../../../ui/Spinner';
import { Button } from '../../../ui/Button';

export interface FormState {
  /** The user has tried to save: show what is missing. */
  submitted: boolean;
  /** "Please fill in X" once the user has tried to save with X empty. */
  required(value: string, field: string): string | undefined;
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
export function ActionDialog({
  title,
  subtitle,
  testId,
  saved,
  onClose,
  onSaved,
  submit,
  children,
}: {
  title: string;
  subtitle?: ReactNode;
  testId: string;
  /** The toast after a successful save. */
  saved: string;
  onClose(): void;
  onSaved(c: Case, message: string): void;
  /** The API call, or null when the form is not valid yet. */
  submit(): Promise<Case> | null;
  children(form: FormState): ReactNode;
}) {
  const { t } = useTranslation();
  const formId = useId();
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setSubmitted(true);
    setError(null);
    const call = submit();
    if (!call) return;
    setBusy(true);
    try {
      onSaved(await call, saved);
      onClose();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog
      title={title}
      subtitle={subtitle}
      onClose={onClose}
      busy={busy}
      testId={testId}
      footer={
        <>
          <Button variant="ghost" onClick={onClose} disabled={busy}>
            {t('common.cancel')}
          </Button>
          <Button variant="primary" type="submit" form={formId} disabled={busy}>
            {busy ? <Spinner /> : null}
            {busy ? t('cases.form.saving') : t('cases.form.save')}
          </Button>
        </>
      }
    >
      <form id={formId} noValidate className="form" onSubmit={(e) => void onSubmit(e)}>
        {error ? <Alert testId="action-error">{describeError(error)}</Alert> : null}
        {children({
          submitted,
          required: (value, field) =>
            submitted && !value.trim() ? t('cases.form.required', { field }) : undefined,
        })}
      </form>
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
