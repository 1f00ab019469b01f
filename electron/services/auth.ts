import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { AppError, refusal } from '../../shared/api/errors';
import type { AppStatus, SetupInput, User } from '../../shared/api/auth';
import { openDatabase, type Db } from '../db/database';
import { audit, noteFailedAttempt, recordFailedAttempts, type FailedAttempt } from './audit';
import { closeSession, databasePath, type AppContext } from './context';
import {
  createKeyring,
  keyringProblem,
  keyringState,
  keyringUsers,
  rebuildKeyring,
  keyringHasUser,
  rotateRecoveryCode,
  setUserPassword,
  unlockWithPassword,
  unlockWithRecoveryCode,
  type Unlocked,
} from './keyring';
import { newKeyPair, publicKeyOf } from './keyring-crypto';
import {
  clinicalPrivateKey,
  clinicalPublicKey,
  installClinicalPublicKey,
  openClinical,
} from './clinical/vault';
import {
  entryFits,
  markBound,
  openWithKeys,
  rotateKeys,
  rotationPending,
  settleSessionKeys,
} from './session-keys';
import { recoverInterruptedImports } from './people/roster-import';
import { getSetting, setSetting } from './settings';
import { createUser, findActiveUser } from './users';
import { flagCriticalAnswersLeftBehind } from './screening/sessions';

export function appStatus(ctx: AppContext): AppStatus {
  const found = keyringState(ctx.dataDir);
  return {
    // A folder holding a database is never "not set up", whatever happened to its keyring.
    setUp: found.state !== 'fresh',
    org: found.state === 'ok' ? found.keyring.org : null,
    user: ctx.user,
    transport: ctx.transport,
    keyring: found.state === 'missing' || found.state === 'damaged' ? found.state : 'ok',
    keyringFile: found.state === 'missing' || found.state === 'damaged' ? found.file : null,
    locked: Boolean(ctx.locked),
    idleMinutes: ctx.db && ctx.user ? idleMinutes(ctx.db) : null,
  };
}

/** First start: organisation, administrator, data key, clinical key pair and the one-time recovery code. */
export async function setup(
  ctx: AppContext,
  input: SetupInput,
): Promise<{ recoveryCode: string; user: User }> {
  const org = { type: input.orgType, name: input.orgName };
  const found = keyringState(ctx.dataDir);
  if (existsSync(databasePath(ctx.dataDir)) || found.state === 'ok') {
    if (found.state === 'missing' || found.state === 'damaged') throw keyringProblem(found.state, found.file);
    throw new AppError('already_set_up', 'This data folder is already set up.');
  }
  mkdirSync(ctx.dataDir, { recursive: true, mode: 0o700 });
  const dataKey = randomBytes(32);
  const clinical = newKeyPair();
  const db = openDatabase(databasePath(ctx.dataDir), dataKey);
  let recoveryCode: string;
  let user: User;
  try {
    user = db.transaction(() => {
      setSetting(db, 'org.type', org.type);
      setSetting(db, 'org.name', org.name);
      installClinicalPublicKey(db, clinical.publicKey);
      const admin = createUser(db, input.username, input.displayName, 'admin');
      audit(db, admin.id, 'setup', 'org');
      return admin;
    })();
    ({ recoveryCode } = await createKeyring(ctx.dataDir, org, user, input.password, {
      dataKey,
      clinicalKey: clinical.privateKey,
    }));
    markBound(db, user.id);
  } catch (error) {
    // No keyring, no database: a half-made folder would read as "keyring missing" for ever.
    db.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(databasePath(ctx.dataDir) + suffix, { force: true });
    throw error;
  }
  closeSession(ctx);
  ctx.db = db;
  ctx.user = user;
  ctx.dataKey = dataKey;
  openClinical(db, clinical.privateKey);
  clinical.privateKey.fill(0);
  return { recoveryCode, user };
}

function sameKey(a: Buffer | null, b: Buffer): boolean {
  return a !== null && a.length === b.length && timingSafeEqual(a, b);
}

async function startSession(
  ctx: AppContext,
  unlocked: Unlocked,
  username: string,
  password: string | null,
): Promise<User> {
  // Unlocking after the idle lock keeps the open database, so a running station never notices.
  const reuse =
    ctx.locked === true && ctx.db !== null && unlocked.dataKeys.some((k) => sameKey(ctx.dataKey, k));
  if (!reuse) closeSession(ctx);
  const { db, dataKey } = reuse
    ? { db: ctx.db!, dataKey: ctx.dataKey! }
    : openWithKeys(ctx.dataDir, unlocked);
  const user = findActiveUser(db, username);
  const refuse = (reason: string) => {
    // Unlocked, but not as this account: the key is at hand, so it is audited now.
    audit(db, user?.id ?? null, 'login.failed', undefined, { reason });
    if (!reuse) db.close();
    for (const k of [...unlocked.dataKeys, ...unlocked.clinicalKeys]) if (k !== ctx.dataKey) k.fill(0);
    return new AppError('wrong_password', 'The user name or password is not correct.');
  };
  if (!user) throw refuse('inactive');
  // An entry copied over another account's (or an old one put back) opens the keys, not the account.
  if (!entryFits(db, user, unlocked)) throw refuse('entry_mismatch');
  if (!reuse) {
    // An import a crash cut short is taken back before anyone sees half a roster.
    recoverInterruptedImports(db);
  }
  // Failed attempts since the last unlock enter the trail first, then this log-in.
  recordFailedAttempts(db, ctx.dataDir);
  audit(db, user.id, 'login');
  await settleSessionKeys(ctx, db, user, unlocked, dataKey, password);
  // Critical answers a former version left without a case get theirs before anyone looks.
  flagCriticalAnswersLeftBehind(db);
  for (const k of unlocked.dataKeys) if (k !== dataKey) k.fill(0);
  if (reuse) {
    if (dataKey !== ctx.dataKey) dataKey.fill(0);
  } else ctx.dataKey = dataKey;
  ctx.db = db;
  ctx.user = user;
  ctx.locked = false;
  ctx.lastActivityAt = Date.now();
  // A rotation the database was too busy for runs now that an administrator is here.
  const pending = user.role === 'admin' ? rotationPending(db) : null;
  if (pending) await rotateKeys(ctx, user.id, pending);
  return user;
}

/**
 * A refused unlock is audited: straight into the trail when this context has a session open (the
 * data key is at hand), otherwise noted for the next unlock (see noteFailedAttempt).
 */
async function audited<T>(
  ctx: AppContext,
  action: FailedAttempt['action'],
  username: string | null,
  unlock: () => Promise<T>,
): Promise<T> {
  try {
    return await unlock();
  } catch (error) {
    if (
      error instanceof AppError &&
      (error.code === 'wrong_password' || error.code === 'too_many_attempts')
    ) {
      const account = username !== null && keyringHasUser(ctx.dataDir, username) ? username : null;
      if (ctx.db) {
        const userId = account
          ? ((ctx.db.prepare('SELECT id FROM users WHERE username = ?').pluck().get(account) as
              number | undefined) ?? null)
          : null;
        audit(ctx.db, userId, action, undefined, { reason: error.code });
      } else noteFailedAttempt(ctx.dataDir, { action, reason: error.code, account });
    }
    throw error;
  }
}

export async function login(ctx: AppContext, username: string, password: string): Promise<User> {
  const unlocked = await audited(ctx, 'login.failed', username, () =>
    unlockWithPassword(ctx.dataDir, username, password),
  );
  return startSession(ctx, unlocked, username, password);
}

export interface RecoverResult {
  user: User;
  recoveryCode: string;
  /** Accounts whose keys were lost with the keyring: an administrator must set new passwords. */
  usersNeedingReset: string[];
  /** Whether the keyring had to be rebuilt from recovery.json. */
  keyringRebuilt: boolean;
}

/**
 * A forgotten password or a lost keyring: the recovery code unlocks (from the keyring or from
 * recovery.json), sets a new password and is replaced. With the keyring lost, only an
 * administrator can recover, because only they can then give the other accounts new passwords.
 */
export async function recover(
  ctx: AppContext,
  recoveryCode: string,
  username: string,
  newPassword: string,
): Promise<RecoverResult> {
  const unlocked = await audited(ctx, 'recover.failed', null, () =>
    unlockWithRecoveryCode(ctx.dataDir, recoveryCode),
  );
  const keyringRebuilt = unlocked.keyring !== 'ok';
  // Opening the database proves the key and names the account before anything is written.
  const { db, dataKey } = openWithKeys(ctx.dataDir, unlocked);
  let admin: User | null;
  let clinicalKey: Buffer | null;
  try {
    admin = findActiveUser(db, username);
    const installed = clinicalPublicKey(db);
    clinicalKey = installed
      ? (unlocked.clinicalKeys.find((k) => publicKeyOf(k).equals(installed)) ?? null)
      : null;
    if (!admin || admin.role !== 'admin')
      throw new AppError(
        'wrong_password',
        'The recovery code or the administrator user name is not correct.',
      );
    const org = {
      type: (getSetting(db, 'org.type') ?? unlocked.org?.type ?? 'school') as 'school' | 'maternal',
      name: getSetting(db, 'org.name') ?? unlocked.org?.name ?? '',
    };
    const keys = { dataKey, clinicalKey };
    if (keyringRebuilt) await rebuildKeyring(ctx.dataDir, org, admin, keys, newPassword);
    else await setUserPassword(ctx.dataDir, admin, newPassword, keys);
    markBound(db, admin.id);
  } finally {
    db.close();
  }
  const reopened = await unlockWithPassword(ctx.dataDir, admin.username, newPassword);
  const user = await startSession(ctx, reopened, username, newPassword);
  const clinicalNow = clinicalPrivateKey(ctx.db!);
  const fresh = await rotateRecoveryCode(ctx.dataDir, { dataKey: ctx.dataKey!, clinicalKey: clinicalNow });
  clinicalNow?.fill(0);
  for (const k of [...unlocked.dataKeys, ...unlocked.clinicalKeys]) k.fill(0);
  const withKeys = new Set(keyringUsers(ctx.dataDir));
  const usersNeedingReset = (
    ctx.db!.prepare('SELECT username FROM users WHERE active = 1 ORDER BY id').pluck().all() as string[]
  ).filter((name) => !withKeys.has(name.trim().toLowerCase()));
  audit(ctx.db!, user.id, 'recover', undefined, {
    keyringRebuilt,
    usersNeedingReset: usersNeedingReset.length,
  });
  return { user, recoveryCode: fresh, usersNeedingReset, keyringRebuilt };
}

/** The idle limit in minutes (admin setting); 0 turns the lock off. */
export const DEFAULT_IDLE_MINUTES = 10;
export const IDLE_SETTING = 'session.idleMinutes';

export function idleMinutes(db: Db): number {
  const value = Number(getSetting(db, IDLE_SETTING) ?? DEFAULT_IDLE_MINUTES);
  return Number.isFinite(value) && value >= 0 ? value : DEFAULT_IDLE_MINUTES;
}

/**
 * Ends the staff session but keeps the database open (a running station writes to it). Only the
 * person's identity goes; the next login with the same data key picks the session up again.
 */
export function lockSession(ctx: AppContext): void {
  if (!ctx.db || !ctx.user) return;
  audit(ctx.db, ctx.user.id, 'lock');
  ctx.user = null;
  ctx.locked = true;
}

export function logout(ctx: AppContext): void {
  if (ctx.db && ctx.user) audit(ctx.db, ctx.user.id, 'logout');
  closeSession(ctx);
}

export function setIdleMinutes(db: Db, adminId: number, minutes: number): { minutes: number } {
  setSetting(db, IDLE_SETTING, String(minutes));
  audit(db, adminId, 'settings.idleMinutes', undefined, { minutes });
  return { minutes };
}

/** Why a call after the idle limit is refused, so the login screen can say the screen locked. */
export const lockedError = () =>
  refusal('unauthenticated', 'auth.idle_locked', 'Locked after the idle limit; log in again.', undefined, {
    reason: 'locked',
  });

/**
 * The server's backstop to the screen's own idle timer: a call arriving after the limit locks
 * the session instead of being answered. Kiosk mode (respondents at the keyboard) and the CLI
 * (no screen) never lock.
 */
export function touchSession(ctx: AppContext, kioskActive: boolean, now: number = Date.now()): void {
  if (!ctx.db || !ctx.user) return;
  const limit = idleMinutes(ctx.db) * 60_000;
  const last = ctx.lastActivityAt ?? now;
  if (ctx.idleLock !== false && !kioskActive && limit > 0 && now - last > limit) {
    lockSession(ctx);
    throw lockedError();
  }
  ctx.lastActivityAt = now;
}
