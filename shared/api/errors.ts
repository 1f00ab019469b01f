import { z } from 'zod';
import type { ErrorReason } from './error-reasons';
import { issueParamsSchema } from '../issues';

/** Error codes that cross the API boundary; the UI turns each into words. */
export const apiErrorCodes = [
  'invalid_input',
  'unknown_method',
  'not_set_up',
  'already_set_up',
  'unauthenticated',
  'wrong_password',
  'too_many_attempts',
  'forbidden',
  'not_found',
  'conflict',
  'database_locked',
  'database_newer',
  /** keyring.json is gone but the folder holds a database: recover with the code, or restore. */
  'keyring_missing',
  /** keyring.json (and its .bak) cannot be read: the message names the file and the way out. */
  'keyring_damaged',
  'backup_damaged',
  'backup_newer_schema',
  'backup_failed',
  'internal',
] as const;
export type ApiErrorCode = (typeof apiErrorCodes)[number];

export const apiErrorSchema = z.object({
  code: z.enum(apiErrorCodes),
  message: z.string(),
  /**
   * Where the input is wrong. An issue in a user's file (an instrument workbook) also carries a
   * `code` and `params`, so the UI words it in its own language; `message` is then the Chinese.
   */
  issues: z
    .array(
      z.object({
        path: z.string(),
        message: z.string(),
        code: z.string().optional(),
        params: issueParamsSchema.optional(),
      }),
    )
    .optional(),
  retryAfterMs: z.number().optional(),
  /** The file a keyring error is about (keyring.json, recovery.json). */
  file: z.string().optional(),
  /** Why a session ended: `locked` after the idle limit, so the login screen can say so. */
  reason: z.enum(['locked']).optional(),
  /**
   * A machine-readable reason beside the sentence (a file refused: which limit, the value, the cap),
   * so the UI words it in its own language instead of showing the server's Chinese.
   */
  detail: z
    .object({
      reason: z.string(),
      params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
    })
    .optional(),
  /** A damaged backup: which part of the file (manifest.json, anxin.db, keyring.json). */
  part: z.string().optional(),
});
export type ApiError = z.infer<typeof apiErrorSchema>;

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** Thrown by services; the dispatcher turns it into an ApiError instead of a crash. */
export class AppError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly extra: Pick<ApiError, 'issues' | 'retryAfterMs' | 'file' | 'reason' | 'detail' | 'part'> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/**
 * An error that says why as data: `reason` from the shared list and the values its words need.
 * `message` is for developers and logs (English); people read the UI's words for the reason.
 */
export function refusal(
  code: ApiErrorCode,
  reason: ErrorReason,
  message: string,
  params?: Record<string, string | number>,
  extra: Omit<AppError['extra'], 'detail'> = {},
): AppError {
  return new AppError(code, message, { ...extra, detail: { reason, ...(params ? { params } : {}) } });
}
