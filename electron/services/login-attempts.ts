import { createHmac, randomBytes } from 'node:crypto';
import { closeSync, openSync, readFileSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../shared/api/errors';
import { writeFileAtomic } from './atomic-file';

/**
 * Failed log-ins, counted per user name whether or not the name exists (so a name cannot be
 * told apart by never locking), in `login-attempts.json` beside the keyring. Names are kept only
 * as an HMAC under a random per-folder salt.
 *
 * An attempt is recorded as a failure *before* the slow key derivation runs and cleared when the
 * password turns out right, and attempts for one name are serialised (in this process by a
 * queue, between processes by a lock file), so thirty guesses sent at once are thirty attempts in
 * a row, each waiting for the delay the ones before it earned.
 */
export const ATTEMPTS_FILE = 'login-attempts.json';
const LOCK_FILE = 'login-attempts.lock';

/** Failures allowed before each further attempt must wait; the wait doubles each time. */
export const FREE_ATTEMPTS = 3;
const BASE_DELAY_MS = 2_000;
const MAX_DELAY_MS = 5 * 60_000;
/** Records older than this, or beyond this many names, are dropped. */
const KEEP_MS = 24 * 60 * 60_000;
const MAX_NAMES = 2_000;
const MAX_FILE_BYTES = 1024 * 1024;

export function retryDelayMs(failedAttempts: number): number {
  if (failedAttempts < FREE_ATTEMPTS) return 0;
  return Math.min(BASE_DELAY_MS * 2 ** (failedAttempts - FREE_ATTEMPTS), MAX_DELAY_MS);
}

const recordSchema = z.object({
  failures: z.number().int().min(0).max(1_000_000),
  lastFailureAt: z.number().min(0).max(8.64e15),
});
const fileSchema = z.object({
  format: z.literal(1),
  salt: z.string().regex(/^[0-9a-f]{64}$/),
  names: z.record(z.string().regex(/^[0-9a-f]{64}$/), recordSchema),
});
type AttemptsFile = z.infer<typeof fileSchema>;

function readAttempts(dataDir: string): AttemptsFile {
  const path = join(dataDir, ATTEMPTS_FILE);
  try {
    if (statSync(path).size <= MAX_FILE_BYTES) {
      const parsed = fileSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
      if (parsed.success) return parsed.data;
    }
  } catch {
    // Missing or unreadable: start a fresh count (a deleted file cannot unlock anything).
  }
  return { format: 1, salt: randomBytes(32).toString('hex'), names: {} };
}

function writeAttempts(dataDir: string, file: AttemptsFile, now: number): void {
  const kept = Object.entries(file.names)
    .filter(([, r]) => now - r.lastFailureAt < KEEP_MS)
    .sort((a, b) => b[1].lastFailureAt - a[1].lastFailureAt)
    .slice(0, MAX_NAMES);
  writeFileAtomic(join(dataDir, ATTEMPTS_FILE), JSON.stringify({ ...file, names: Object.fromEntries(kept) }));
}

const nameKey = (salt: string, username: string) =>
  createHmac('sha256', Buffer.from(salt, 'hex')).update(username.trim().toLowerCase(), 'utf8').digest('hex');

/** Across processes (the app and a CLI call): held only for a read-and-write, never during the KDF. */
async function withFileLock<T>(dataDir: string, body: () => T): Promise<T> {
  const path = join(dataDir, LOCK_FILE);
  for (let tries = 0; ; tries++) {
    try {
      closeSync(openSync(path, 'wx', 0o600));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      try {
        // A lock left by a killed process is old within seconds: the holder never waits inside it.
        if (Date.now() - statSync(path).mtimeMs > 10_000) unlinkSync(path);
      } catch {
        // Gone already: try again.
      }
      if (tries > 500) throw new AppError('conflict', 'Another log-in is in progress. Try again.');
      await new Promise((r) => setTimeout(r, 10));
    }
  }
  try {
    return body();
  } finally {
    try {
      unlinkSync(path);
    } catch {
      // Already removed.
    }
  }
}

const queues = new Map<string, Promise<unknown>>();

/** Runs attempts for one name one after another in this process. */
function serialised<T>(key: string, run: () => Promise<T>): Promise<T> {
  const before = queues.get(key) ?? Promise.resolve();
  const next = before.then(run, run);
  const settled = next.then(
    () => undefined,
    () => undefined,
  );
  queues.set(key, settled);
  void settled.then(() => {
    if (queues.get(key) === settled) queues.delete(key);
  });
  return next;
}

/**
 * One log-in attempt for `username`: refused at once while an earlier failure's wait runs (the
 * refusal neither evaluates the password nor lengthens the wait); otherwise counted as a failure
 * first, then `evaluate` runs, and a success clears the count.
 */
export function attempt<T>(
  dataDir: string,
  username: string,
  now: () => number,
  evaluate: () => Promise<T | null>,
): Promise<T> {
  return serialised(`${dataDir}\0${username.trim().toLowerCase()}`, async () => {
    const started = now();
    const failures = await withFileLock(dataDir, () => {
      const file = readAttempts(dataDir);
      const key = nameKey(file.salt, username);
      const record = file.names[key] ?? { failures: 0, lastFailureAt: 0 };
      // A time in the future (a clock set back, or a crafted file) counts from now, not from then.
      const last = Math.min(record.lastFailureAt, started);
      const waitMs = last + retryDelayMs(record.failures) - started;
      if (waitMs > 0) {
        throw new AppError('too_many_attempts', 'Too many wrong passwords. Wait before trying again.', {
          retryAfterMs: waitMs,
        });
      }
      file.names[key] = { failures: record.failures + 1, lastFailureAt: started };
      writeAttempts(dataDir, file, started);
      return record.failures + 1;
    });
    const value = await evaluate();
    if (value === null) {
      const retryAfterMs = retryDelayMs(failures);
      throw new AppError(
        'wrong_password',
        'The user name or password is not correct.',
        retryAfterMs ? { retryAfterMs } : {},
      );
    }
    await withFileLock(dataDir, () => {
      const file = readAttempts(dataDir);
      delete file.names[nameKey(file.salt, username)];
      writeAttempts(dataDir, file, now());
    });
    return value;
  });
}
