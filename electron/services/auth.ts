import { timingSafeEqual } from 'node:crypto';
import { existsSync } from 'node:fs';
import { AppError } from '../../shared/api/errors';
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
} from './keyring';
import { recoverInterruptedImports } from './people/roster-import';
import { getSetting, setSetting } from './settings';
import { createUser, findActiveUser } from './users';
import { flagCriticalAnswersLeftBehind } from './screening/sessions';
import { clinicalOnSession } from './clinical/session';

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

/** First start: organisation, administrator, data key and the one-time recovery code. */
export async function setup(
  ctx: AppContext,
  input: SetupInput,
): Promise<{ recoveryCode: string; user: User }> {
  const org = { type: input.orgType, name: input.orgName };
  if (existsSync(databasePath(ctx.dataDir))) {
    const found = keyringState(ctx.dataDir);
    if (found.state === 'missing' || found.state === 'damaged') throw keyringProblem(found.state, found.file);
    throw new AppError('already_set_up', 'This data folder is already set up.');
  }
  const { dataKey, recoveryCode } = await createKeyring(ctx.dataDir, org, input.username, input.password);
  const db = openDatabase(databasePath(ctx.dataDir), dataKey);
  const user = db.transaction(() => {
    setSetting(db, 'org.type', org.type);
    setSetting(db, 'org.name', org.name);
    const admin = createUser(db, input.username, input.displayName, 'admin');
    audit(db, admin.id, 'setup', 'org');
    return admin;
  })();
  // INTERIM: replaced by keyring grants (the clinical key pair is made and opened here).
  clinicalOnSession(db, user);
  closeSession(ctx);
  ctx.db = db;
  ctx.user = user;
  ctx.dataKey = dataKey;
  return { recoveryCode, user };
}

function sameKey(a: Buffer | null, b: Buffer): boolean {
  return a !== null && a.length === b.length && timingSafeEqual(a, b);
}

function startSession(ctx: AppContext, dataKey: Buffer, username: string): User {
  // Unlocking after the idle lock keeps the open database, so a running station never notices.
  const reuse = ctx.locked === true && ctx.db !== null && sameKey(ctx.dataKey, dataKey);
  if (!reuse) closeSession(ctx);
  const db = reuse ? ctx.db! : openDatabase(databasePath(ctx.dataDir), dataKey);
  const user = findActiveUser(db, username);
  if (!user) {
    // Unlocked, but the account is no longer active here: the key is at hand, so it is audited now.
    audit(db, null, 'login.failed', undefined, { reason: 'inactive' });
    if (!reuse) db.close();
    throw new AppError('wrong_password', 'The user name or password is not correct.');
  }
  if (!reuse) {
    // An import a crash cut short is taken back before anyone sees half a roster.
    recoverInterruptedImports(db);
  }
  // Failed attempts since the last unlock enter the trail first, then this log-in.
  recordFailedAttempts(db, ctx.dataDir);
  audit(db, user.id, 'login');
  // INTERIM: replaced by keyring grants (opens the clinical vault for this user's role).
  clinicalOnSession(db, user);
  // Critical answers a former version left without a case get theirs before anyone looks.
  flagCriticalAnswersLeftBehind(db);
  if (reuse) dataKey.fill(0);
  else ctx.dataKey = dataKey;
  ctx.db = db;
  ctx.user = user;
  ctx.locked = false;
  ctx.lastActivityAt = Date.now();
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
  const dataKey = await audited(ctx, 'login.failed', username, () =>
    unlockWithPassword(ctx.dataDir, username, password),
  );
  return startSession(ctx, dataKey, username);
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
  const { dataKey } = unlocked;
  const keyringRebuilt = unlocked.keyring !== 'ok';
  if (keyringRebuilt) {
    // Opening the database proves the key before anything is written.
    const db = openDatabase(databasePath(ctx.dataDir), dataKey);
    try {
      const user = findActiveUser(db, username);
      if (!user || user.role !== 'admin')
        throw new AppError(
          'wrong_password',
          'The recovery code or the administrator user name is not correct.',
        );
      const org = {
        type: (getSetting(db, 'org.type') ?? unlocked.org?.type ?? 'school') as 'school' | 'maternal',
        name: getSetting(db, 'org.name') ?? unlocked.org?.name ?? '',
      };
      await rebuildKeyring(ctx.dataDir, org, username, dataKey, newPassword);
    } finally {
      db.close();
    }
  }
  const user = startSession(ctx, Buffer.from(dataKey), username);
  if (!keyringRebuilt) await setUserPassword(ctx.dataDir, username, dataKey, newPassword);
  const fresh = await rotateRecoveryCode(ctx.dataDir, dataKey);
  dataKey.fill(0);
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
  new AppError('unauthenticated', '因长时间未操作，已自动锁定，请重新登录。', { reason: 'locked' });

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
