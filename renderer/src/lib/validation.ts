import { i18n } from '../i18n';
import { fieldLabel } from '../api/errors';

// Mirrors the limits in shared/api so most mistakes are caught before a round trip;
// the server still validates everything.

export type Errors<K extends string> = Partial<Record<K, string>>;

export function requireText(value: string, field: string, max: number): string | undefined {
  const trimmed = value.trim();
  if (!trimmed) return i18n.t('validation.required', { field: fieldLabel(field) });
  if (trimmed.length > max) return i18n.t('validation.tooLong', { field: fieldLabel(field), max });
  return undefined;
}

export function requireChoice(value: string, field: string): string | undefined {
  return value ? undefined : i18n.t('validation.requiredChoice', { field: fieldLabel(field) });
}

export function checkUsername(value: string): string | undefined {
  const trimmed = value.trim();
  if (!trimmed) return i18n.t('validation.required', { field: fieldLabel('username') });
  if (trimmed.length < 2 || trimmed.length > 32) return i18n.t('validation.usernameLength');
  if (!/^[\p{L}\p{N}_.-]+$/u.test(trimmed)) return i18n.t('validation.usernameChars');
  return undefined;
}

export const PASSWORD_MIN = 8;

export function checkPassword(value: string, field = 'password'): string | undefined {
  if (!value) return i18n.t('validation.required', { field: fieldLabel(field) });
  if (value.length < PASSWORD_MIN) return i18n.t('validation.passwordLength');
  if (value.length > 256) return i18n.t('validation.tooLong', { field: fieldLabel(field), max: 256 });
  return undefined;
}

export function checkConfirm(
  password: string,
  confirm: string,
  field = 'confirmPassword',
): string | undefined {
  if (!confirm) return i18n.t('validation.required', { field: fieldLabel(field) });
  return password === confirm ? undefined : i18n.t('validation.passwordMismatch');
}

export function todayIso(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  // Rejects days that roll over, such as 2023-02-30.
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

export function checkBirthDate(value: string): string | undefined {
  if (!value) return i18n.t('validation.required', { field: fieldLabel('birthDate') });
  if (!isCalendarDate(value)) return i18n.t('validation.dateInvalid');
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
