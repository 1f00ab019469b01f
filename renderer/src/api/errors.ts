import { isErrorReason } from '../../../shared/api/error-reasons';
import { responseErrorValues, responseErrorWords } from '../../../shared/screening/response-issues';
import { i18n } from '../i18n';
import { contentLanguage } from '../lib/format';
import { zhCN } from '../i18n/zh-CN';
import { ApiCallError, type ApiIssue, type ClientErrorCode } from './client';

type FieldName = keyof typeof zhCN.fields;

function isFieldName(path: string): path is FieldName {
  return Object.hasOwn(zhCN.fields, path);
}

/** A field's label in the current language, or the raw path when the UI has no name for it. */
export function fieldLabel(path: string): string {
  return isFieldName(path) ? i18n.t(`fields.${path}`) : path;
}

/** Server-side validation issues keyed by field, worded in the current language. */
export function fieldErrorsFromIssues(issues: readonly ApiIssue[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const field = issue.path.split('.')[0] ?? '';
    // zod's own messages are English; only the field name is trusted for display.
    out[field] ??= i18n.t('validation.invalid', { field: fieldLabel(field) });
  }
  return out;
}

export function secondsToWait(error: unknown): number | null {
  if (!(error instanceof ApiCallError) || !error.retryAfterMs) return null;
  return Math.max(1, Math.ceil(error.retryAfterMs / 1000));
}

const isKeyOf = <T extends object>(table: T, key: string): key is Extract<keyof T, string> =>
  Object.hasOwn(table, key);

/**
 * A refused file or a failed import worded from its machine-readable reason, in the current
 * language: the service's own sentence, never "以下内容填写有误：file".
 */
function detailWords(error: ApiCallError): string | null {
  const { reason, params: given = {} } = error.detail ?? {};
  // Field keys (studentNo,name) are named in the UI's language rather than by the server's Chinese.
  const params =
    typeof given.fields === 'string'
      ? {
          ...given,
          columns: given.fields.split(',').map(fieldLabel).join(i18n.t('errors.listSeparator')),
        }
      : given;
  // Services say why as a code (shared/api/error-reasons.ts); never by a sentence of their own.
  if (isErrorReason(reason)) return i18n.t(`errors.reasons.${reason}`, params);
  if (reason === 'import.conflict') return i18n.t('errors.importConflict', params);
  if (reason === 'import.missing_columns') return i18n.t('importer.issues.missing_columns', params);
  const response = reason?.startsWith('responses.') ? reason.slice('responses.'.length) : '';
  if (isKeyOf(responseErrorWords.zh, response)) {
    return i18n.t(`responseImport.errors.${response}`, responseErrorValues(params, contentLanguage()));
  }
  if (!reason?.startsWith('file.')) return null;
  const key = reason.slice('file.'.length);
  if (key === 'limit') {
    const limit = String(params.limit ?? '');
    if (limit === 'rows' || limit === 'excelRows') return i18n.t('errors.file.rowLimit', params);
    const what = isKeyOf(zhCN.errors.limits, limit) ? i18n.t(`errors.limits.${limit}`) : limit;
    return i18n.t('errors.file.limit', { ...params, what });
  }
  return isKeyOf(zhCN.errors.file, key) ? i18n.t(`errors.file.${key}`, params) : null;
}

/** Issues that are about the file as a whole carry no field to name; their sentence is the message. */
const onlyAboutTheFile = (error: ApiCallError) =>
  error.issues.length > 0 && error.issues.every((issue) => issue.path === 'file');

/**
 * Words for any failure, in the current language. Every code has a default message;
 * a screen may override codes whose meaning depends on where they happen (a wrong
 * "password" during recovery is a wrong recovery code).
 */
export function describeError(
  error: unknown,
  overrides: Partial<Record<ClientErrorCode, string>> = {},
  /** A live countdown from the screen; without it the wait the server reported is used. */
  secondsLeft?: number,
): string {
  if (!(error instanceof ApiCallError)) return i18n.t('errors.codes.internal');
  const described = detailWords(error);
  let text = overrides[error.code] ?? described ?? i18n.t(`errors.codes.${error.code}`);
  if (error.code === 'invalid_input' && error.issues.length > 0 && !described && !onlyAboutTheFile(error)) {
    const fields = [...new Set(error.issues.map((i) => fieldLabel(i.path.split('.')[0] ?? '')))];
    text = i18n.t('errors.invalidFields', { fields: fields.join(i18n.t('errors.listSeparator')) });
  }
  const seconds = secondsLeft ?? secondsToWait(error);
  if (seconds) {
    text =
      error.code === 'too_many_attempts' && !overrides.too_many_attempts
        ? i18n.t('errors.tooManyWait', { seconds })
        : i18n.t('errors.withRetry', { message: text.replace(/[。.！!]+$/u, ''), seconds });
  }
  return text;
}
