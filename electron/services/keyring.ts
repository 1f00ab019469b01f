import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../shared/api/errors';
import { orgSchema, type Org } from '../../shared/api/auth';
import { writeFileAtomic } from './atomic-file';
import { DATABASE_FILE } from './context';
import {
  DEFAULT_KDF,
  newKeyPair,
  openSealed,
  sealTo,
  unwrapSecret,
  wrapSecret,
  deriveKey,
} from './keyring-crypto';
import { attempt } from './login-attempts';

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

// One-time public key (32) | iv (12) | a 32-byte key (32) | tag (16).
const sealedSchema = bytes(92);

/**
 * What a key pair holder is given: the data key, and for the clinical roles the clinical private
 * key, each sealed to its public key. `next` holds the keys a rotation is moving to, so a crash
 * between re-keying the database and rewriting this file never locks anyone out.
 */
const grantsShape = {
  publicKey: bytes(32),
  data: sealedSchema,
  clinical: sealedSchema.nullable(),
  next: z.object({ data: sealedSchema, clinical: sealedSchema.nullable() }).optional(),
};

/** Format 2: the user's private key under the password, bound to user id and name. */
const userEntrySchema = wrappedSchema.extend({
  userId: z
    .number()
    .int()
    .min(1)
    .max(2 ** 31 - 1),
  ...grantsShape,
});
/** Format 1 (before keys followed roles): the data key itself under the password, bound to nothing. */
const legacyEntrySchema = wrappedSchema.extend({
  failedAttempts: z.number().int().min(0).max(1_000_000).optional(),
  lastFailureAt: z.number().min(0).max(8.64e15).optional(),
});
const recoverySchema = wrappedSchema.extend(grantsShape);

const boundedOrgSchema = orgSchema.extend({ name: z.string().max(200) });

const keyringSchema = z.object({
  format: z.union([z.literal(1), z.literal(2)]),
  org: boundedOrgSchema,
  users: z
    .record(z.string().max(64), z.union([userEntrySchema, legacyEntrySchema]))
    .refine((users) => Object.keys(users).length <= 10_000, 'too many users'),
  recovery: z.union([recoverySchema, wrappedSchema]),
});
type Keyring = z.infer<typeof keyringSchema>;
type UserEntry = z.infer<typeof userEntrySchema>;
type RecoveryEntry = z.infer<typeof recoverySchema>;
type Grants = Pick<UserEntry, 'publicKey' | 'data' | 'clinical' | 'next'>;

const recoveryEnvelopeSchema = z.object({
  format: z.union([z.literal(1), z.literal(2)]),
  org: boundedOrgSchema,
  recovery: z.union([recoverySchema, wrappedSchema]),
  writtenAt: z.string().max(40),
});
type RecoveryEnvelope = z.infer<typeof recoveryEnvelopeSchema>;

/** A keyring or recovery file larger than this is not one of ours (a real one is under 10 KB per user). */
const MAX_FILE_BYTES = 8 * 1024 * 1024;

const isBound = (entry: Keyring['users'][string]): entry is UserEntry => 'userId' in entry;
const hasGrants = (entry: Keyring['recovery']): entry is RecoveryEntry => 'publicKey' in entry;

// Associated data: what each sealed or wrapped secret is, and whose. An entry copied under
// another name, or a grant moved to another entry, no longer opens.
const userAad = (userId: number, name: string) => `anxin/user-key/2|${userId}|${name}`;
const grantAad = (what: 'data' | 'clinical', holder: string) => `anxin/grant/2|${what}|${holder}`;
const holderOf = (userId: number, name: string) => `${userId}|${name}`;
const RECOVERY_AAD = 'anxin/recovery/2';
const RECOVERY_HOLDER = 'recovery';

/** The keys a holder is given, sealed to its public key. */
function sealGrants(publicKey: Buffer, holder: string, keys: GrantKeys): Pick<Grants, 'data' | 'clinical'> {
  return {
    data: sealTo(publicKey, keys.dataKey, grantAad('data', holder)),
    clinical: keys.clinicalKey ? sealTo(publicKey, keys.clinicalKey, grantAad('clinical', holder)) : null,
  };
}

export interface GrantKeys {
  dataKey: Buffer;
  /** The clinical private key, for the clinical roles only. */
  clinicalKey: Buffer | null;
}

/** What a holder's private key opens: current keys first, then those of a rotation under way. */
export interface OpenedKeys {
  dataKeys: Buffer[];
  clinicalKeys: Buffer[];
}

function openGrants(privateKey: Buffer, holder: string, grants: Grants): OpenedKeys | null {
  const open = (sealed: z.infer<typeof sealedSchema> | null, what: 'data' | 'clinical') =>
    sealed ? openSealed(privateKey, sealed, grantAad(what, holder)) : null;
  const data = open(grants.data, 'data');
  if (!data) return null;
  const nextData = grants.next ? open(grants.next.data, 'data') : null;
  const clinical = [
    open(grants.clinical, 'clinical'),
    grants.next ? open(grants.next.clinical, 'clinical') : null,
  ];
  return {
    dataKeys: nextData ? [data, nextData] : [data],
    clinicalKeys: clinical.filter((k): k is Buffer => k !== null),
  };
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
        `${file} is missing but the folder holds a database: recover with the recovery code (anxin recover) or restore a backup.`,
        { file },
      )
    : new AppError(
        'keyring_damaged',
        `${file} is damaged and cannot be read: recover with the recovery code (anxin recover) or restore a backup.`,
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

function writeRecoveryEnvelope(dataDir: string, org: Org, recovery: Keyring['recovery']): void {
  const envelope: RecoveryEnvelope = { format: 2, org, recovery, writtenAt: new Date().toISOString() };
  writeFileAtomic(join(dataDir, RECOVERY_FILE), JSON.stringify(envelope, null, 2));
}

export function readOrg(dataDir: string): Org | null {
  const found = keyringState(dataDir);
  return found.state === 'ok' ? found.keyring.org : null;
}

/** Whose account an entry is: its id in the database, and its (lower-case) user name. */
export interface KeyHolder {
  id: number;
  username: string;
}

async function userEntry(holder: KeyHolder, password: string, keys: GrantKeys): Promise<UserEntry> {
  const name = userKey(holder.username);
  const pair = newKeyPair();
  try {
    return {
      ...(await wrapSecret(pair.privateKey, password, userAad(holder.id, name))),
      userId: holder.id,
      publicKey: pair.publicKey.toString('base64'),
      ...sealGrants(pair.publicKey, holderOf(holder.id, name), keys),
    };
  } finally {
    pair.privateKey.fill(0);
  }
}

async function recoveryEntry(code: string, keys: GrantKeys): Promise<RecoveryEntry> {
  const pair = newKeyPair();
  try {
    return {
      ...(await wrapSecret(pair.privateKey, normaliseRecoveryCode(code), RECOVERY_AAD)),
      publicKey: pair.publicKey.toString('base64'),
      ...sealGrants(pair.publicKey, RECOVERY_HOLDER, keys),
    };
  } finally {
    pair.privateKey.fill(0);
  }
}

/** First start: the keyring for the data key and clinical key just made, with its administrator. */
export async function createKeyring(
  dataDir: string,
  org: Org,
  admin: KeyHolder,
  password: string,
  keys: GrantKeys,
): Promise<{ recoveryCode: string }> {
  const found = keyringState(dataDir);
  if (found.state === 'ok') throw new AppError('already_set_up', 'This data folder is already set up.');
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const recoveryCode = newRecoveryCode();
  const recovery = await recoveryEntry(recoveryCode, keys);
  writeRecoveryEnvelope(dataDir, org, recovery);
  writeKeyring(dataDir, {
    format: 2,
    org,
    users: { [userKey(admin.username)]: await userEntry(admin, password, keys) },
    recovery,
  });
  return { recoveryCode };
}

/** What a password opened: the keys, and whose entry it was (null: a format-1 entry, bound to nobody). */
export interface Unlocked extends OpenedKeys {
  userId: number | null;
}

/**
 * Opens the keys with a user's password. Attempts are serialised and counted before the key
 * derivation (see login-attempts.ts); an unknown name costs the same derivation and earns the
 * same waits, so names cannot be enumerated.
 */
export function unlockWithPassword(
  dataDir: string,
  username: string,
  password: string,
  now: number | (() => number) = Date.now,
): Promise<Unlocked> {
  const clock = typeof now === 'number' ? () => now : now;
  const keyring = readKeyring(dataDir);
  const name = userKey(username);
  return attempt(dataDir, name, clock, async () => {
    const entry = keyring.users[name];
    if (!entry) {
      await deriveKey(password, randomBytes(16), DEFAULT_KDF);
      return null;
    }
    if (!isBound(entry)) {
      const dataKey = await unwrapSecret(entry, password, '');
      return dataKey ? { userId: null, dataKeys: [dataKey], clinicalKeys: [] } : null;
    }
    const privateKey = await unwrapSecret(entry, password, userAad(entry.userId, name));
    if (!privateKey) return null;
    try {
      const opened = openGrants(privateKey, holderOf(entry.userId, name), entry);
      return opened ? { userId: entry.userId, ...opened } : null;
    } finally {
      privateKey.fill(0);
    }
  });
}

/**
 * The recovery code opens the keys from whichever copy is left: the keyring (or its .bak), else
 * recovery.json. It works with keyring.json deleted or damaged; `keyring` says whether the
 * keyring itself was usable, so the caller knows to rebuild it.
 */
export async function unlockWithRecoveryCode(
  dataDir: string,
  recoveryCode: string,
): Promise<OpenedKeys & { org: Org | null; keyring: 'ok' | 'missing' | 'damaged' }> {
  const found = keyringState(dataDir);
  if (found.state === 'fresh')
    throw new AppError('not_set_up', 'Anxin has not been set up in this data folder yet.');
  const envelope = parseFile(join(dataDir, RECOVERY_FILE), recoveryEnvelopeSchema);
  const candidates: { recovery: Keyring['recovery']; org: Org }[] = [];
  if (found.state === 'ok') candidates.push(found.keyring);
  if (envelope.kind === 'ok') candidates.push(envelope.value);
  if (candidates.length === 0) {
    throw new AppError(
      envelope.kind === 'absent' ? 'keyring_missing' : 'keyring_damaged',
      `${KEYRING_FILE} and ${RECOVERY_FILE} are both ${envelope.kind === 'absent' ? 'missing' : 'unreadable'}, so a recovery code has nothing to open: restore a backup.`,
      { file: RECOVERY_FILE },
    );
  }
  const code = normaliseRecoveryCode(recoveryCode);
  const keyring = found.state === 'ok' ? 'ok' : found.state;
  for (const { recovery, org } of candidates) {
    if (!hasGrants(recovery)) {
      const dataKey = await unwrapSecret(recovery, code, '');
      if (dataKey) return { dataKeys: [dataKey], clinicalKeys: [], org, keyring };
      continue;
    }
    const privateKey = await unwrapSecret(recovery, code, RECOVERY_AAD);
    if (!privateKey) continue;
    const opened = openGrants(privateKey, RECOVERY_HOLDER, recovery);
    privateKey.fill(0);
    if (opened) return { ...opened, org, keyring };
  }
  throw new AppError('wrong_password', 'The recovery code is not correct.');
}

/**
 * After recovery with the keyring lost: a new keyring holding only the recovering administrator.
 * Other users' entries cannot be rebuilt (they held keys only their passwords open); an
 * administrator sets new passwords for them. The unreadable file is kept aside, not overwritten.
 */
export async function rebuildKeyring(
  dataDir: string,
  org: Org,
  admin: KeyHolder,
  keys: GrantKeys,
  password: string,
): Promise<void> {
  const main = keyringPath(dataDir);
  if (existsSync(main)) renameSync(main, `${main}.damaged-${Date.now()}`);
  writeKeyring(dataDir, {
    format: 2,
    org,
    users: { [userKey(admin.username)]: await userEntry(admin, password, keys) },
    // Replaced at once by the rotation that follows; wrapped under a random secret nobody holds.
    recovery: await recoveryEntry(randomBytes(24).toString('base64'), keys),
  });
}

/** User names that have an entry in the keyring. */
export function keyringUsers(dataDir: string): string[] {
  return Object.keys(readKeyring(dataDir).users);
}

/**
 * A user's entry made anew (new account, new password, or a format-1 entry upgraded at log-in):
 * a fresh key pair under the password, bound to the account, with the keys its role may hold.
 */
export async function setUserPassword(
  dataDir: string,
  holder: KeyHolder,
  password: string,
  keys: GrantKeys,
): Promise<void> {
  const entry = await userEntry(holder, password, keys);
  const keyring = readKeyring(dataDir);
  keyring.users[userKey(holder.username)] = entry;
  keyring.format = 2;
  writeKeyring(dataDir, keyring);
}

/** A deactivated account: its entry goes, so its password no longer opens the data. */
export function removeUserKey(dataDir: string, username: string): void {
  const keyring = readKeyring(dataDir);
  if (!(userKey(username) in keyring.users)) return;
  delete keyring.users[userKey(username)];
  writeKeyring(dataDir, keyring);
}

/** A used recovery code has been seen by someone: replace it with a fresh one. */
export async function rotateRecoveryCode(dataDir: string, keys: GrantKeys): Promise<string> {
  const recoveryCode = newRecoveryCode();
  const recovery = await recoveryEntry(recoveryCode, keys);
  const keyring = readKeyring(dataDir);
  keyring.recovery = recovery;
  // The envelope first: if the keyring write is cut short, the new code already works.
  writeRecoveryEnvelope(dataDir, keyring.org, recovery);
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

/** Whether a user's entry is bound (format 2) and holds a clinical grant. */
export function entryInfo(dataDir: string, username: string): { bound: boolean; clinical: boolean } | null {
  const entry = readKeyring(dataDir).users[userKey(username)];
  if (!entry) return null;
  return isBound(entry)
    ? { bound: true, clinical: entry.clinical !== null }
    : { bound: false, clinical: false };
}

/**
 * Hands the clinical key to clinical-role accounts that lack it (created before it existed, or
 * upgraded from format 1 since), sealing it to their public keys: no password needed.
 */
export function grantClinicalKey(dataDir: string, holders: KeyHolder[], clinicalKey: Buffer): number {
  const keyring = readKeyring(dataDir);
  let granted = 0;
  for (const holder of holders) {
    const name = userKey(holder.username);
    const entry = keyring.users[name];
    if (!entry || !isBound(entry) || entry.userId !== holder.id || entry.clinical) continue;
    entry.clinical = sealTo(
      Buffer.from(entry.publicKey, 'base64'),
      clinicalKey,
      grantAad('clinical', holderOf(holder.id, name)),
    );
    granted++;
  }
  const recovery = keyring.recovery;
  const recoveryLacks = hasGrants(recovery) && !recovery.clinical;
  if (recoveryLacks) {
    recovery.clinical = sealTo(
      Buffer.from(recovery.publicKey, 'base64'),
      clinicalKey,
      grantAad('clinical', RECOVERY_HOLDER),
    );
    writeRecoveryEnvelope(dataDir, keyring.org, recovery);
  }
  // Most log-ins find nothing to hand out: the keyring is then left as it is.
  if (granted > 0 || recoveryLacks) writeKeyring(dataDir, keyring);
  return granted;
}

/** Who stays after a rotation, and whether their role holds the clinical key. */
export interface RotationHolder extends KeyHolder {
  clinical: boolean;
}

/**
 * Step one of a key rotation (a user deactivated or downgraded): the next data key and clinical
 * key are sealed to every remaining bound entry and to the recovery entry, beside the current
 * ones, and the leaver's entry goes. Entries that are not bound (format 1, never logged in since)
 * cannot be given new keys without their passwords and are dropped; `dropped` names them, for an
 * administrator to reset. A format-1 recovery entry cannot be resealed either: a new recovery
 * code replaces it and is returned.
 */
export async function beginRotation(
  dataDir: string,
  stay: RotationHolder[],
  next: { dataKey: Buffer; clinicalKey: Buffer | null },
): Promise<{ dropped: string[]; recoveryCode: string | null }> {
  const keyring = readKeyring(dataDir);
  const staying = new Map(stay.map((h) => [userKey(h.username), h]));
  const dropped: string[] = [];
  for (const [name, entry] of Object.entries(keyring.users)) {
    const holder = staying.get(name);
    if (!holder || !isBound(entry) || entry.userId !== holder.id) {
      if (holder) dropped.push(name);
      delete keyring.users[name];
      continue;
    }
    const sealed = sealGrants(Buffer.from(entry.publicKey, 'base64'), holderOf(entry.userId, name), {
      dataKey: next.dataKey,
      clinicalKey: holder.clinical ? next.clinicalKey : null,
    });
    // No new clinical key: the current grant goes on as it is (for the clinical roles only).
    entry.next = next.clinicalKey
      ? sealed
      : { data: sealed.data, clinical: holder.clinical ? entry.clinical : null };
  }
  let recoveryCode: string | null = null;
  const recovery = keyring.recovery;
  if (hasGrants(recovery)) {
    const sealed = sealGrants(Buffer.from(recovery.publicKey, 'base64'), RECOVERY_HOLDER, next);
    recovery.next = next.clinicalKey ? sealed : { data: sealed.data, clinical: recovery.clinical };
  } else {
    recoveryCode = newRecoveryCode();
    // Opens the next keys only: a database still on the current key is reopened from a user's entry.
    keyring.recovery = await recoveryEntry(recoveryCode, next);
  }
  keyring.format = 2;
  writeRecoveryEnvelope(dataDir, keyring.org, keyring.recovery);
  writeKeyring(dataDir, keyring);
  return { dropped, recoveryCode };
}

/** Step two, once the database is on the next keys: they become the current ones. */
export function finishRotation(dataDir: string): void {
  const keyring = readKeyring(dataDir);
  const promote = (g: Grants) => {
    if (!g.next) return false;
    g.data = g.next.data;
    g.clinical = g.next.clinical;
    delete g.next;
    return true;
  };
  let changed = false;
  for (const entry of Object.values(keyring.users)) if (isBound(entry) && promote(entry)) changed = true;
  if (hasGrants(keyring.recovery) && promote(keyring.recovery)) {
    writeRecoveryEnvelope(dataDir, keyring.org, keyring.recovery);
    changed = true;
  }
  if (changed) writeKeyring(dataDir, keyring);
}
