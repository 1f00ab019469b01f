import type { z } from 'zod';
import { isIsoDate, todayIso } from '../../../shared/people/date';
import { fieldLabel } from '../api/errors';
import { i18n } from '../i18n';

// Forms check their values with the contract's own zod schemas before a round trip, so the client
// never restates a limit the server enforces; the server still validates everything.

export type Errors<K extends string> = Partial<Record<K, string>>;

type IssueCode = z.core.$ZodIssue['code'];

/** Words for a field where the general "X 格式不正确" would not say what to fix. */
const FIELD_WORDS: Record<string, Partial<Record<IssueCode, MessageKey>>> = {
  username: {
    too_small: 'validation.usernameLength',
    too_big: 'validation.usernameLength',
    invalid_format: 'validation.usernameChars',
  },
  password: { too_small: 'validation.passwordLength' },
  newPassword: { too_small: 'validation.passwordLength' },
  ...Object.fromEntries(
    ['birthDate', 'lmp', 'edd', 'deliveryDate'].map((field) => [
      field,
      { invalid_format: 'validation.dateInvalid', custom: 'validation.dateInvalid' } as const,
    ]),
  ),
};
type MessageKey =
  | 'validation.usernameLength'
  | 'validation.usernameChars'
  | 'validation.passwordLength'
  | 'validation.dateInvalid';

const isBlank = (value: unknown) =>
  value === undefined || value === null || (typeof value === 'string' && !value.trim());

function issueWords(issue: z.core.$ZodIssue, field: string, value: unknown, label: string): string {
  if (isBlank(value)) {
    const key = issue.code === 'invalid_value' ? 'validation.requiredChoice' : 'validation.required';
    return i18n.t(key, { field: fieldLabel(label) });
  }
  const own = FIELD_WORDS[field]?.[issue.code];
  if (own) return i18n.t(own);
  if (issue.code === 'too_big')
    return i18n.t('validation.tooLong', { field: fieldLabel(label), max: Number(issue.maximum) });
  return i18n.t('validation.invalid', { field: fieldLabel(label) });
}

/**
 * The form's values checked by the contract's schema for the call they feed, each issue worded as
 * its field's message in the UI language (the first issue per field). `labels` names a field the
 * way this form does where it differs from the field's general label.
 */
export function schemaErrors(
  schema: z.ZodType,
  values: object,
  labels: Record<string, string> = {},
): Errors<string> {
  const result = schema.safeParse(values);
  if (result.success) return {};
  const given = new Map<string, unknown>(Object.entries(values));
  const out: Errors<string> = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? '');
    out[field] ??= issueWords(issue, field, given.get(field), labels[field] ?? field);
  }
  return out;
}

export function checkConfirm(
  password: string,
  confirm: string,
  field = 'confirmPassword',
): string | undefined {
  if (!confirm) return i18n.t('validation.required', { field: fieldLabel(field) });
  return password === confirm ? undefined : i18n.t('validation.passwordMismatch');
}

/** What the client adds to a valid birth date: not before 1900, not after today. */
export function checkBirthDateRange(value: string): string | undefined {
  if (!isIsoDate(value)) return undefined;
  if (value < '1900-01-01') return i18n.t('validation.dateTooEarly');
  if (value > todayIso()) return i18n.t('validation.dateFuture');
  return undefined;
}

/** Client checks first, then what the server said about a field (the server knows more, e.g. duplicates). */
export function mergeErrors(client: Errors<string>, server: Errors<string>): Errors<string> {
  const out: Errors<string> = { ...client };
  for (const [field, message] of Object.entries(server)) if (message) out[field] = message;
  return out;
}

/** Drops the server's verdict on a field once the user edits it. */
export function withoutField(errors: Errors<string>, field: string): Errors<string> {
  if (!(field in errors)) return errors;
  const { [field]: _dropped, ...rest } = errors;
  return rest;
}

export function hasErrors<K extends string>(errors: Errors<K>): boolean {
  return Object.values(errors).some(Boolean);
}

/** Moves focus to the first invalid control so keyboard users land where the problem is. */
export function focusFirstInvalid(form: HTMLFormElement | null): void {
  requestAnimationFrame(() => form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
}
