import {
  createCipheriv,
  createDecipheriv,
  randomBytes,
  scrypt as scryptCb,
  type ScryptOptions,
} from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../shared/api/errors';
import { orgSchema, type Org } from '../../shared/api/auth';
import { writeFileAtomic } from './atomic-file';
import { DATABASE_FILE } from './context';

/**
 * The keyring holds the random data key only in wrapped form: once per user under a
 * key derived from that user's password, once under the recovery code. It sits
 * beside the database and contains no personal data.
 *
 * It must survive a crash, a bad disk sector or a deleted file, so it lives in three places:
 * `keyring.json` (rewritten at logins), `keyring.json.bak` (the previous good version, rotated at
 * every write) and `recovery.json` (the data key under the recovery code alone, written only at
 * setup and when the code rotates, so a login never touches it). Every file is written atomically
 * with fsync, and every field is checked within bounds before any key derivation runs.
 */
export const KEYRING_FILE = 'keyring.json';
export const KEYRING_BACKUP_FILE = 'keyring.json.bak';
export const RECOVERY_FILE = 'recovery.json';

/**
 * scrypt costs memory 128·N·r·p bytes; a crafted file must not make a login allocate gigabytes or
 * run for hours. The default (N 2^15, r 8) uses 32 MiB; the ceiling leaves room to raise it.
 */
export const KDF_LIMITS = { minN: 2 ** 10, maxN: 2 ** 20, maxR: 32, maxP: 16, maxMemory: 256 * 1024 * 1024 };

const kdfSchema = z
  .object({
    name: z.literal('scrypt'),
    N: z
      .number()
      .int()
      .min(KDF_LIMITS.minN)
      .max(KDF_LIMITS.maxN)
      .refine((n) => (n & (n - 1)) === 0, 'N must be a power of two'),
    r: z.number().int().min(1).max(KDF_LIMITS.maxR),
    p: z.number().int().min(1).max(KDF_LIMITS.maxP),
  })
  .refine((k) => 128 * k.N * k.r * k.p <= KDF_LIMITS.maxMemory, 'scrypt parameters need too much memory');
type KdfParams = z.infer<typeof kdfSchema>;

/** Base64 that decodes to exactly (or between) the given numbers of bytes. */
const bytes = (min: number, max = min) =>
  z
    .string()
    .max(128)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64')
    .refine(
      (v) => {
        const n = Buffer.from(v, 'base64').length;
        return n >= min && n <= max;
      },
      `must be ${min === max ? min : `${min}-${max}`} bytes`,
    );

const wrappedSchema = z.object({
  kdf: kdfSchema,
  salt: bytes(16, 64),
  iv: bytes(12),
  ciphertext: bytes(32),
  tag: bytes(16),
});
type Wrapped = z.infer<typeof wrappedSchema>;

const userEntrySchema = wrappedSchema.extend({
  failedAttempts: z.number().int().min(0).max(1_000_000).default(0),
  lastFailureAt: z.number().min(0).max(8.64e15).default(0),
});

const boundedOrgSchema = orgSchema.extend({ name: z.string().max(200) });

const keyringSchema = z.object({
  format: z.literal(1),
  org: boundedOrgSchema,
  users: z
    .record(z.string().max(64), userEntrySchema)
    .refine((users) => Object.keys(users).length <= 10_000, 'too many users'),
  recovery: wrappedSchema,
});
type Keyring = z.infer<typeof keyringSchema>;

const recoveryEnvelopeSchema = z.object({
  format: z.literal(1),
  org: boundedOrgSchema,
  recovery: wrappedSchema,
  writtenAt: z.string().max(40),
});
type RecoveryEnvelope = z.infer<typeof recoveryEnvelopeSchema>;

/** A keyring or recovery file larger than this is not one of ours (a real one is under 10 KB per user). */
const MAX_FILE_BYTES = 8 * 1024 * 1024;

const DEFAULT_KDF: KdfParams = { name: 'scrypt', N: 2 ** 15, r: 8, p: 1 };
/** Failures allowed before each further attempt must wait; the wait doubles each time. */
const FREE_ATTEMPTS = 3;
const BASE_DELAY_MS = 2_000;
const MAX_DELAY_MS = 5 * 60_000;

function deriveKey(secret: string, salt: Buffer, kdf: KdfParams): Promise<Buffer> {
  const options: ScryptOptions = { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: 256 * kdf.N * kdf.r + 1024 * 1024 };
  return new Promise((resolve, reject) =>
    scryptCb(secret.normalize('NFC'), salt, 32, options, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

async function wrap(dataKey: Buffer, secret: string, kdf: KdfParams = DEFAULT_KDF): Promise<Wrapped> {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', await deriveKey(secret, salt, kdf), iv);
  const ciphertext = Buffer.concat([cipher.update(dataKey), cipher.final()]);
  return {
    kdf,
    salt: salt.toString('base64'),
    iv: iv.toString('base64'),
    ciphertext: ciphertext.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
  };
}

/** Returns the data key, or null when the secret is wrong (the GCM tag does not verify). */
async function unwrap(entry: Wrapped, secret: string): Promise<Buffer | null> {
  const key = await deriveKey(secret, Buffer.from(entry.salt, 'base64'), entry.kdf);
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(entry.iv, 'base64'));
  decipher.setAuthTag(Buffer.from(entry.tag, 'base64'));
  try {
    return Buffer.concat([decipher.update(Buffer.from(entry.ciphertext, 'base64')), decipher.final()]);
  } catch {
    return null;
  }
}

// Crockford base32: no I, L, O, U, so a code read aloud or copied by hand survives.
const RECOVERY_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function newRecoveryCode(): string {
  const bytes = randomBytes(30);
  const chars = [...bytes].map((b) => RECOVERY_ALPHABET[b % 32]).join('');
  return chars.match(/.{5}/g)!.join('-');
}

export function normaliseRecoveryCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

const userKey = (username: string) => username.trim().toLowerCase();

export function keyringPath(dataDir: string): string {
  return join(dataDir, KEYRING_FILE);
}

type Parsed<T> = { kind: 'absent' } | { kind: 'damaged' } | { kind: 'ok'; value: T; raw: string };

function parseFile<T>(path: string, schema: z.ZodType<T>): Parsed<T> {
  let raw: string;
  try {
    if (statSync(path).size > MAX_FILE_BYTES) return { kind: 'damaged' };
    raw = readFileSync(path, 'utf8');
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? { kind: 'absent' } : { kind: 'damaged' };
  }
  try {
    const parsed = schema.safeParse(JSON.parse(raw));
    return parsed.success ? { kind: 'ok', value: parsed.data, raw } : { kind: 'damaged' };
  } catch {
    return { kind: 'damaged' };
  }
}

/** What the data folder holds: nothing yet, a usable keyring, or a database whose keyring is gone or broken. */
export type KeyringState =
  | { state: 'fresh' }
  | { state: 'ok'; keyring: Keyring; source: typeof KEYRING_FILE | typeof KEYRING_BACKUP_FILE }
  | { state: 'missing' | 'damaged'; file: typeof KEYRING_FILE };

export function keyringState(dataDir: string): KeyringState {
  const main = parseFile(join(dataDir, KEYRING_FILE), keyringSchema);
  if (main.kind === 'ok') return { state: 'ok', keyring: main.value, source: KEYRING_FILE };
  const backup = parseFile(join(dataDir, KEYRING_BACKUP_FILE), keyringSchema);
  if (backup.kind === 'ok') {
    // The previous good version stands in; put it back so the next reader needs no fallback.
    writeFileAtomic(join(dataDir, KEYRING_FILE), backup.raw);
    return { state: 'ok', keyring: backup.value, source: KEYRING_BACKUP_FILE };
  }
  if (main.kind === 'damaged') return { state: 'damaged', file: KEYRING_FILE };
  // No keyring at all: a fresh folder, unless a database says data lives here.
  return existsSync(join(dataDir, DATABASE_FILE))
    ? { state: 'missing', file: KEYRING_FILE }
    : { state: 'fresh' };
}

export function keyringProblem(state: 'missing' | 'damaged', file: string): AppError {
  return state === 'missing'
    ? new AppError(
        'keyring_missing',
        `找不到钥匙文件 ${file}，但此文件夹中有数据库。请用恢复码恢复（anxin recover），或从备份还原。`,
        { file },
      )
    : new AppError(
        'keyring_damaged',
        `钥匙文件 ${file} 已损坏，无法读取。请用恢复码恢复（anxin recover），或从备份还原。`,
        { file },
      );
}

function readKeyring(dataDir: string): Keyring {
  const found = keyringState(dataDir);
  if (found.state === 'ok') return found.keyring;
  if (found.state === 'fresh')
    throw new AppError('not_set_up', 'Anxin has not been set up in this data folder yet.');
  throw keyringProblem(found.state, found.file);
}

/** The current good version becomes the .bak before the new one replaces it. */
function writeKeyring(dataDir: string, keyring: Keyring): void {
  const current = parseFile(join(dataDir, KEYRING_FILE), keyringSchema);
  if (current.kind === 'ok') writeFileAtomic(join(dataDir, KEYRING_BACKUP_FILE), current.raw);
  writeFileAtomic(keyringPath(dataDir), JSON.stringify(keyring, null, 2));
}

function writeRecoveryEnvelope(dataDir: string, org: Org, recovery: Wrapped): void {
  const envelope: RecoveryEnvelope = { format: 1, org, recovery, writtenAt: new Date().toISOString() };
  writeFileAtomic(join(dataDir, RECOVERY_FILE), JSON.stringify(envelope, null, 2));
}

export function readOrg(dataDir: string): Org | null {
  const found = keyringState(dataDir);
  return found.state === 'ok' ? found.keyring.org : null;
}

export async function createKeyring(
  dataDir: string,
  org: Org,
  username: string,
  password: string,
): Promise<{ dataKey: Buffer; recoveryCode: string }> {
  const found = keyringState(dataDir);
  if (found.state === 'ok') throw new AppError('already_set_up', 'This data folder is already set up.');
  // A new keyring over an existing database would lock that database for good.
  if (found.state !== 'fresh') throw keyringProblem(found.state, found.file);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const dataKey = randomBytes(32);
  const recoveryCode = newRecoveryCode();
  const recovery = await wrap(dataKey, normaliseRecoveryCode(recoveryCode));
  writeRecoveryEnvelope(dataDir, org, recovery);
  writeKeyring(dataDir, {
    format: 1,
    org,
    users: {
      [userKey(username)]: { ...(await wrap(dataKey, password)), failedAttempts: 0, lastFailureAt: 0 },
    },
    recovery,
  });
  return { dataKey, recoveryCode };
}

export function retryDelayMs(failedAttempts: number): number {
  if (failedAttempts < FREE_ATTEMPTS) return 0;
  return Math.min(BASE_DELAY_MS * 2 ** (failedAttempts - FREE_ATTEMPTS), MAX_DELAY_MS);
}

export async function unlockWithPassword(
  dataDir: string,
  username: string,
  password: string,
  now: number = Date.now(),
): Promise<Buffer> {
  const keyring = readKeyring(dataDir);
  const entry = keyring.users[userKey(username)];
  const wrongPassword = new AppError('wrong_password', 'The user name or password is not correct.');
  if (!entry) {
    // Spend the same KDF time so timing does not reveal which user names exist.
    await deriveKey(password, randomBytes(16), DEFAULT_KDF);
    throw wrongPassword;
  }
  const waitMs = entry.lastFailureAt + retryDelayMs(entry.failedAttempts) - now;
  if (waitMs > 0) {
    throw new AppError('too_many_attempts', 'Too many wrong passwords. Wait before trying again.', {
      retryAfterMs: waitMs,
    });
  }
  const dataKey = await unwrap(entry, password);
  const fresh = readKeyring(dataDir);
  const current = fresh.users[userKey(username)];
  if (current) {
    current.failedAttempts = dataKey ? 0 : current.failedAttempts + 1;
    current.lastFailureAt = dataKey ? 0 : now;
    writeKeyring(dataDir, fresh);
  }
  if (!dataKey) {
    const retryAfterMs = retryDelayMs(current?.failedAttempts ?? 0);
    throw new AppError('wrong_password', wrongPassword.message, retryAfterMs ? { retryAfterMs } : {});
  }
  return dataKey;
}

/**
 * The recovery code opens the data key from whichever copy is left: the keyring (or its .bak),
 * else recovery.json. It works with keyring.json deleted or damaged; `keyring` says whether the
 * keyring itself was usable, so the caller knows to rebuild it.
 */
export async function unlockWithRecoveryCode(
  dataDir: string,
  recoveryCode: string,
): Promise<{ dataKey: Buffer; org: Org | null; keyring: 'ok' | 'missing' | 'damaged' }> {
  const found = keyringState(dataDir);
  if (found.state === 'fresh')
    throw new AppError('not_set_up', 'Anxin has not been set up in this data folder yet.');
  const envelope = parseFile(join(dataDir, RECOVERY_FILE), recoveryEnvelopeSchema);
  const candidates: { recovery: Wrapped; org: Org }[] = [];
  if (found.state === 'ok') candidates.push(found.keyring);
  if (envelope.kind === 'ok') candidates.push(envelope.value);
  if (candidates.length === 0) {
    throw new AppError(
      envelope.kind === 'absent' ? 'keyring_missing' : 'keyring_damaged',
      `${KEYRING_FILE} 与 ${RECOVERY_FILE} 都${envelope.kind === 'absent' ? '不存在' : '无法读取'}，恢复码无处可用。请从备份还原。`,
      { file: RECOVERY_FILE },
    );
  }
  const code = normaliseRecoveryCode(recoveryCode);
  for (const candidate of candidates) {
    const dataKey = await unwrap(candidate.recovery, code);
    if (dataKey) return { dataKey, org: candidate.org, keyring: found.state === 'ok' ? 'ok' : found.state };
  }
  throw new AppError('wrong_password', 'The recovery code is not correct.');
}

/**
 * After recovery with the keyring lost: a new keyring holding only the recovering administrator.
 * Other users' wrapped keys needed their passwords, so they cannot be rebuilt; an administrator
 * sets new passwords for them. The unreadable file is kept aside for inspection, not overwritten.
 */
export async function rebuildKeyring(
  dataDir: string,
  org: Org,
  username: string,
  dataKey: Buffer,
  password: string,
): Promise<void> {
  const main = keyringPath(dataDir);
  if (existsSync(main)) renameSync(main, `${main}.damaged-${Date.now()}`);
  writeKeyring(dataDir, {
    format: 1,
    org,
    users: {
      [userKey(username)]: { ...(await wrap(dataKey, password)), failedAttempts: 0, lastFailureAt: 0 },
    },
    // Replaced at once by the rotation that follows; wrapped under a random secret nobody holds.
    recovery: await wrap(dataKey, randomBytes(24).toString('base64')),
  });
}

/** User names that have a wrapped key in the keyring. */
export function keyringUsers(dataDir: string): string[] {
  return Object.keys(readKeyring(dataDir).users);
}

/** Wraps the data key for a user (new account or new password); the caller has the key, so is authorised. */
export async function setUserPassword(
  dataDir: string,
  username: string,
  dataKey: Buffer,
  password: string,
): Promise<void> {
  const wrapped = await wrap(dataKey, password);
  const keyring = readKeyring(dataDir);
  keyring.users[userKey(username)] = { ...wrapped, failedAttempts: 0, lastFailureAt: 0 };
  writeKeyring(dataDir, keyring);
}

/** A deactivated account: its wrapped key goes, so its password no longer opens the data. */
export function removeUserKey(dataDir: string, username: string): void {
  const keyring = readKeyring(dataDir);
  if (!(userKey(username) in keyring.users)) return;
  delete keyring.users[userKey(username)];
  writeKeyring(dataDir, keyring);
}

/** A used recovery code has been seen by someone: replace it with a fresh one. */
export async function rotateRecoveryCode(dataDir: string, dataKey: Buffer): Promise<string> {
  const recoveryCode = newRecoveryCode();
  const wrapped = await wrap(dataKey, normaliseRecoveryCode(recoveryCode));
  const keyring = readKeyring(dataDir);
  keyring.recovery = wrapped;
  // The envelope first: if the keyring write is cut short, the new code already works.
  writeRecoveryEnvelope(dataDir, keyring.org, wrapped);
  writeKeyring(dataDir, keyring);
  return recoveryCode;
}

/** Whether a name belongs to an account with a key here (the audit notes a failed log-in by it). */
export function keyringHasUser(dataDir: string, username: string): boolean {
  try {
    return userKey(username) in readKeyring(dataDir).users;
  } catch {
    return false;
  }
}
