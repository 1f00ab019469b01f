import {
  createCipheriv,
  createDecipheriv,
  randomBytes,
  scrypt as scryptCb,
  type ScryptOptions,
} from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../shared/api/errors';
import { orgSchema, type Org } from '../../shared/api/auth';
import { writeFileAtomic } from './atomic-file';

/**
 * The keyring holds the random data key only in wrapped form: once per user under a
 * key derived from that user's password, once under the recovery code. It sits
 * beside the database and contains no personal data.
 */
export const KEYRING_FILE = 'keyring.json';

const kdfSchema = z.object({
  name: z.literal('scrypt'),
  N: z.number().int(),
  r: z.number().int(),
  p: z.number().int(),
});
type KdfParams = z.infer<typeof kdfSchema>;

const wrappedSchema = z.object({
  kdf: kdfSchema,
  salt: z.string(),
  iv: z.string(),
  ciphertext: z.string(),
  tag: z.string(),
});
type Wrapped = z.infer<typeof wrappedSchema>;

const userEntrySchema = wrappedSchema.extend({
  failedAttempts: z.number().int().default(0),
  lastFailureAt: z.number().default(0),
});

const keyringSchema = z.object({
  format: z.literal(1),
  org: orgSchema,
  users: z.record(z.string(), userEntrySchema),
  recovery: wrappedSchema,
});
type Keyring = z.infer<typeof keyringSchema>;

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

export function keyringExists(dataDir: string): boolean {
  return existsSync(keyringPath(dataDir));
}

function readKeyring(dataDir: string): Keyring {
  if (!keyringExists(dataDir))
    throw new AppError('not_set_up', 'Anxin has not been set up in this data folder yet.');
  return keyringSchema.parse(JSON.parse(readFileSync(keyringPath(dataDir), 'utf8')));
}

function writeKeyring(dataDir: string, keyring: Keyring): void {
  writeFileAtomic(keyringPath(dataDir), JSON.stringify(keyring, null, 2));
}

export function readOrg(dataDir: string): Org | null {
  return keyringExists(dataDir) ? readKeyring(dataDir).org : null;
}

export async function createKeyring(
  dataDir: string,
  org: Org,
  username: string,
  password: string,
): Promise<{ dataKey: Buffer; recoveryCode: string }> {
  if (keyringExists(dataDir)) throw new AppError('already_set_up', 'This data folder is already set up.');
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const dataKey = randomBytes(32);
  const recoveryCode = newRecoveryCode();
  writeKeyring(dataDir, {
    format: 1,
    org,
    users: {
      [userKey(username)]: { ...(await wrap(dataKey, password)), failedAttempts: 0, lastFailureAt: 0 },
    },
    recovery: await wrap(dataKey, normaliseRecoveryCode(recoveryCode)),
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

export async function unlockWithRecoveryCode(dataDir: string, recoveryCode: string): Promise<Buffer> {
  const dataKey = await unwrap(readKeyring(dataDir).recovery, normaliseRecoveryCode(recoveryCode));
  if (!dataKey) throw new AppError('wrong_password', 'The recovery code is not correct.');
  return dataKey;
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
