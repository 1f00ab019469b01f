import { useRef, useState } from 'react';
import { ApiCallError } from '../api/client';
import { fieldErrorsFromIssues } from '../api/errors';
import { focusFirstInvalid, hasErrors, mergeErrors, withoutField, type Errors } from './validation';

/**
 * A form's values, its errors (the client's checks once submitted, plus the server's per field),
 * and the sending of it: busy while the call runs, a failure kept to show above the buttons.
 */
export function useFormState<V extends { [K in keyof V]: string }>(
  initial: V,
  validate: (values: V) => Errors<string>,
) {
  const formRef = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState<V>(initial);
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<Errors<string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  // Recomputed on every render so the messages follow edits and the language switch.
  const errors = mergeErrors(submitted ? validate(values) : {}, serverErrors);
  const set = (key: keyof V & string) => (value: string) => {
    setValues((v) => ({ ...v, [key]: value }));
    setServerErrors((e) => withoutField(e, key));
  };

  /** Marks the form submitted; false, with the first invalid field focused, when it cannot be sent. */
  function ready(alsoInvalid = false): boolean {
    setSubmitted(true);
    setError(null);
    if (!hasErrors(validate(values)) && !alsoInvalid) return true;
    focusFirstInvalid(formRef.current);
    return false;
  }

  /** Runs the call; `handled` may claim a failure the form words itself (true: nothing more to show). */
  async function send(call: () => Promise<void>, handled?: (error: unknown) => boolean): Promise<void> {
    setBusy(true);
    try {
      await call();
    } catch (err) {
      if (handled?.(err)) return;
      setError(err);
      if (err instanceof ApiCallError) setServerErrors(fieldErrorsFromIssues(err.issues));
    } finally {
      setBusy(false);
    }
  }

  return {
    formRef,
    values,
    setValues,
    set,
    errors,
    error,
    busy,
    ready,
    send,
    setServerErrors,
    setSubmitted,
  };
}
