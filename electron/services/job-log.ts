import { basename } from 'node:path';
import { AppError, type ApiErrorCode } from '../../shared/api/errors';

/**
 * Failed background jobs (exports, imports, backups) in the log, with nothing personal in it.
 * An error's message can quote a row ("张三: 身份证号…"), and its stack's file paths can name a
 * person (/home/zhangsan/…), so a line holds only what a developer needs to find the fault: the
 * job's kind and id, the error's code and class, and the stack's frames as function names with
 * file base names and line numbers — never a message, a value or a directory.
 */

export type JobKind = 'export' | 'import' | 'responses' | 'backup';

export interface FailureDiagnostic {
  /** The code the user is shown. */
  code: ApiErrorCode;
  /** The error's class (TypeError, AppError, SqliteError…), never its message. */
  errorClass: string;
  /** A system or library error code (ENOSPC, SQLITE_BUSY, ERR_WORKER_OUT_OF_MEMORY), if any. */
  errorCode?: string;
  /** `function (file.ts:12:5)` for each frame: names and numbers only. */
  frames: string[];
}

const MAX_FRAMES = 8;
// What a frame may keep: identifier characters, and the dots and angle brackets of
// `Object.<anonymous>`, `new Foo`, `async run`. Anything else (a quoted value in an eval frame) goes.
const SAFE_NAME = /[^\w$.<> ]/g;
const SAFE_FILE = /[^\w.-]/g;
const IDENTIFIER_CODE = /^[A-Z][A-Z0-9_]{1,40}$/;

/** One `    at fn (path:line:col)` line as `fn (file:line:col)`, or null for a line that is not a frame. */
function frame(line: string): string | null {
  const match = /^\s*at (?:(.*?) \()?(.*?):(\d+):(\d+)\)?$/.exec(line);
  if (!match) return null;
  const [, fn, location, row, col] = match;
  // file:///…/x.js, /home/someone/…/x.ts and C:\Users\someone\…\x.ts all keep only x.js / x.ts.
  const file = basename((location ?? '').replace(/\\/g, '/')).replace(SAFE_FILE, '');
  const name = (fn ?? '').replace(SAFE_NAME, '').trim();
  return `${name ? `${name} ` : ''}(${file}:${row}:${col})`;
}

const diagnostics = new WeakMap<object, FailureDiagnostic>();

/**
 * Keeps what a job worker reported beside the error the host rebuilt from its reply, so the host's
 * log line shows the worker's class and frames rather than the rebuilding.
 */
export function withDiagnostic<E extends object>(error: E, diagnostic: FailureDiagnostic): E {
  diagnostics.set(error, diagnostic);
  return error;
}

/** The loggable facts of an error: its code, class, system code and frames; nothing it says. */
export function describeFailure(error: unknown): FailureDiagnostic {
  if (typeof error === 'object' && error !== null) {
    const known = diagnostics.get(error);
    if (known) return known;
  }
  const { name, code, stack } = (error ?? {}) as { name?: unknown; code?: unknown; stack?: unknown };
  const errorClass =
    typeof name === 'string' && name ? name.replace(SAFE_NAME, '').slice(0, 40) : typeof error;
  const frames =
    typeof stack === 'string'
      ? stack
          .split('\n')
          .map(frame)
          .filter((f): f is string => f !== null)
          .slice(0, MAX_FRAMES)
      : [];
  return {
    code: error instanceof AppError ? error.code : 'internal',
    errorClass,
    ...(typeof code === 'string' && IDENTIFIER_CODE.test(code) ? { errorCode: code } : {}),
    frames,
  };
}

type Logger = (line: string) => void;
// Standard error: the Electron utility process and `anxin serve` keep it in their output.
let logger: Logger = (line) => console.error(line);

/** Replaces where job failures are logged (tests capture the lines); returns the way back. */
export function setJobLogger(next: Logger): () => void {
  const previous = logger;
  logger = next;
  return () => {
    logger = previous;
  };
}

const logged = new WeakSet<object>();

/** Whether this error has had its log line already (so the dispatcher does not log it twice). */
export const alreadyLogged = (error: unknown) =>
  typeof error === 'object' && error !== null && logged.has(error);

/** One line for a background job that failed; a cancelled job is not a failure and is not logged. */
export function logJobFailure(kind: JobKind, jobId: string, error: unknown): FailureDiagnostic {
  const d = describeFailure(error);
  logger(
    `[anxin] background job failed: kind=${kind} id=${jobId} code=${d.code} class=${d.errorClass}` +
      (d.errorCode ? ` errorCode=${d.errorCode}` : '') +
      (d.frames.length ? ` stack=${d.frames.join(' < ')}` : ''),
  );
  if (typeof error === 'object' && error !== null) logged.add(error);
  return d;
}
