import { randomBytes } from 'node:crypto';
import { AppError } from '../../shared/api/errors';
import { isClinicalRole, type KeyRenewal, type Role, type User } from '../../shared/api/auth';
import { openDatabase, rekeyDatabase, type Db } from '../db/database';
import { audit } from './audit';
import { databasePath, type AppContext } from './context';
import {
  beginRotation,
  finishRotation,
  grantClinicalKey,
  setUserPassword,
  type KeyHolder,
  type OpenedKeys,
  type Unlocked,
} from './keyring';
import { newKeyPair, publicKeyOf } from './keyring-crypto';
import {
  clinicalPrivateKey,
  clinicalPublicKey,
  installClinicalPublicKey,
  openClinical,
  rotateClinicalKey,
  sealLegacyPlaintext,
} from './clinical/vault';
import { getSetting, setSetting } from './settings';

/**
 * What a session holds once the keyring has opened: the database (on whichever data key it is
 * on, mid-rotation or not), the clinical key if the role may hold it, and every entry brought up to
 * date — format-1 entries bound to their accounts, the clinical key handed to clinical accounts
 * that lack it, and a rotation a crash or a busy database left unfinished carried through.
 */

/** Accounts whose entries are bound (format 2): a format-1 entry under their name is refused. */
const BOUND_USERS = 'keyring.boundUsers';
/** A rotation that could not run yet (the database was busy); the next administrator session runs it. */
const ROTATION_PENDING = 'keyring.rotationPending';

/** Opens the database with the current data key, or the next one of a rotation half done. */
export function openWithKeys(dataDir: string, keys: OpenedKeys): { db: Db; dataKey: Buffer } {
  let lastError: unknown = null;
  for (const dataKey of keys.dataKeys) {
    try {
      return { db: openDatabase(databasePath(dataDir), dataKey), dataKey };
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'database_locked')) throw error;
      lastError = error;
    }
  }
  throw lastError;
}

const boundUsers = (db: Db): number[] => {
  try {
    const parsed: unknown = JSON.parse(getSetting(db, BOUND_USERS) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((n): n is number => typeof n === 'number') : [];
  } catch {
    return [];
  }
};

export function markBound(db: Db, userId: number): void {
  const ids = boundUsers(db);
  if (!ids.includes(userId)) setSetting(db, BOUND_USERS, JSON.stringify([...ids, userId]));
}

/**
 * Whether the entry that opened may act as this account. A bound entry must name the account's
 * id; a format-1 entry is accepted only for an account that never had a bound one (else it is an
 * old entry copied back over the new).
 */
export function entryFits(db: Db, user: User, unlocked: Unlocked): boolean {
  return unlocked.userId === null ? !boundUsers(db).includes(user.id) : unlocked.userId === user.id;
}

const holdersOf = (db: Db, filter: (role: Role) => boolean): (KeyHolder & { role: Role })[] =>
  (
    db.prepare('SELECT id, username, role FROM users WHERE active = 1 ORDER BY id').all() as {
      id: number;
      username: string;
      role: Role;
    }[]
  ).filter((u) => filter(u.role));

/** Called once the account is known; opens the clinical vault and brings the keyring up to date. */
export async function settleSessionKeys(
  ctx: AppContext,
  db: Db,
  user: User,
  unlocked: Unlocked,
  dataKey: Buffer,
  password: string | null,
): Promise<void> {
  const clinicalRole = isClinicalRole(user.role);
  const installed = clinicalPublicKey(db);
  const matching = installed
    ? (unlocked.clinicalKeys.find((k) => publicKeyOf(k).equals(installed)) ?? null)
    : null;
  let clinicalKey = clinicalRole ? matching : null;
  // A rotation whose database half ran but whose keyring half did not: the next keys are in use.
  if (dataKey !== unlocked.dataKeys[0]) {
    const [current, next] = unlocked.clinicalKeys;
    if (next && installed && current && publicKeyOf(current).equals(installed)) {
      rotateClinicalKey(db, current, { publicKey: publicKeyOf(next), privateKey: next });
      clinicalKey = clinicalRole ? next : null;
    }
    finishRotation(ctx.dataDir);
  }
  if (clinicalRole && !installed) {
    // A database from before clinical keys: the first clinical session makes the pair.
    const pair = newKeyPair();
    installClinicalPublicKey(db, pair.publicKey);
    clinicalKey = pair.privateKey;
    audit(db, user.id, 'keys.clinicalCreated');
  }
  if (unlocked.userId === null && password !== null) {
    await setUserPassword(ctx.dataDir, user, password, { dataKey, clinicalKey });
    markBound(db, user.id);
    audit(db, user.id, 'keys.entryBound');
  } else if (unlocked.userId !== null) markBound(db, user.id);
  if (clinicalKey) grantClinicalKey(ctx.dataDir, holdersOf(db, isClinicalRole), clinicalKey);
  // The vault holds its own copy: read access for the clinical roles, write-only for the rest.
  openClinical(db, clinicalKey);
  for (const k of [...unlocked.clinicalKeys, clinicalKey]) k?.fill(0);
  // Values from before field encryption are sealed once (later log-ins skip the scan).
  sealLegacyPlaintext(db);
}

export function markRotationPending(db: Db, reason: string): void {
  setSetting(db, ROTATION_PENDING, reason);
}

export const rotationPending = (db: Db): string | null => getSetting(db, ROTATION_PENDING) ?? null;

/**
 * After a deactivation or a downgrade: a new data key (the file is re-encrypted) and a new clinical
 * key pair, handed to every remaining account by its public key. The leaver's password, with any
 * old copy of the keyring, opens nothing written afterwards.
 */
export async function rotateKeys(ctx: AppContext, actorId: number, reason: string): Promise<KeyRenewal> {
  const db = ctx.db;
  if (!db || !ctx.dataKey) throw new AppError('unauthenticated', 'Please log in first.');
  markRotationPending(db, reason);
  const nextData = randomBytes(32);
  // Without the current clinical key (an administrator recovered from a format-1 code) the
  // clinical content cannot be moved to a new pair: its grants stay as they are.
  const currentClinical = clinicalPrivateKey(db);
  const nextClinical = currentClinical ? newKeyPair() : null;
  const stay = holdersOf(db, () => true).map((u) => ({ ...u, clinical: isClinicalRole(u.role) }));
  const { dropped, recoveryCode } = await beginRotation(ctx.dataDir, stay, {
    dataKey: nextData,
    clinicalKey: nextClinical?.privateKey ?? null,
  });
  try {
    rekeyDatabase(db, nextData);
  } catch (error) {
    if (error instanceof AppError && error.code === 'conflict') {
      audit(db, actorId, 'keys.rotationDeferred', undefined, { reason });
      currentClinical?.fill(0);
      nextClinical?.privateKey.fill(0);
      return { rotated: false, recoveryCode, usersNeedingReset: dropped };
    }
    throw error;
  }
  // Re-seals every writer key to the new pair; this connection keeps reading with the new key.
  if (currentClinical && nextClinical) rotateClinicalKey(db, currentClinical, nextClinical);
  currentClinical?.fill(0);
  nextClinical?.privateKey.fill(0);
  finishRotation(ctx.dataDir);
  db.prepare('DELETE FROM settings WHERE key = ?').run(ROTATION_PENDING);
  ctx.dataKey.fill(0);
  ctx.dataKey = nextData;
  audit(db, actorId, 'keys.rotated', undefined, { reason, usersNeedingReset: dropped.length });
  return { rotated: true, recoveryCode, usersNeedingReset: dropped };
}
