import { AppError } from '../../shared/api/errors';
import type { AppStatus, SetupInput, User } from '../../shared/api/auth';
import { openDatabase } from '../db/database';
import { audit, noteFailedAttempt, recordFailedAttempts, type FailedAttempt } from './audit';
import { closeSession, databasePath, type AppContext } from './context';
import {
  createKeyring,
  keyringHasUser,
  keyringExists,
  readOrg,
  rotateRecoveryCode,
  setUserPassword,
  unlockWithPassword,
  unlockWithRecoveryCode,
} from './keyring';
import { recoverInterruptedImports } from './people/roster-import';
import { setSetting } from './settings';
import { createUser, findActiveUser } from './users';
import { flagCriticalAnswersLeftBehind } from './screening/sessions';

export function appStatus(ctx: AppContext): AppStatus {
  return {
    setUp: keyringExists(ctx.dataDir),
    org: readOrg(ctx.dataDir),
    user: ctx.user,
    transport: ctx.transport,
  };
}

/** First start: organisation, administrator, data key and the one-time recovery code. */
export async function setup(
  ctx: AppContext,
  input: SetupInput,
): Promise<{ recoveryCode: string; user: User }> {
  const org = { type: input.orgType, name: input.orgName };
  const { dataKey, recoveryCode } = await createKeyring(ctx.dataDir, org, input.username, input.password);
  const db = openDatabase(databasePath(ctx.dataDir), dataKey);
  const user = db.transaction(() => {
    setSetting(db, 'org.type', org.type);
    setSetting(db, 'org.name', org.name);
    const admin = createUser(db, input.username, input.displayName, 'admin');
    audit(db, admin.id, 'setup', 'org');
    return admin;
  })();
  closeSession(ctx);
  ctx.db = db;
  ctx.user = user;
  ctx.dataKey = dataKey;
  return { recoveryCode, user };
}

function startSession(ctx: AppContext, dataKey: Buffer, username: string): User {
  closeSession(ctx);
  const db = openDatabase(databasePath(ctx.dataDir), dataKey);
  const user = findActiveUser(db, username);
  if (!user) {
    // Unlocked, but the account is no longer active here: the key is at hand, so it is audited now.
    audit(db, null, 'login.failed', undefined, { reason: 'inactive' });
    db.close();
    throw new AppError('wrong_password', 'The user name or password is not correct.');
  }
  // An import a crash cut short is taken back before anyone sees half a roster.
  recoverInterruptedImports(db);
  // Failed attempts since the last unlock enter the trail first, then this log-in.
  recordFailedAttempts(db, ctx.dataDir);
  audit(db, user.id, 'login');
  // Critical answers a former version left without a case get theirs before anyone looks.
  flagCriticalAnswersLeftBehind(db);
  ctx.db = db;
  ctx.user = user;
  ctx.dataKey = dataKey;
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

/** A forgotten password: the recovery code unlocks, sets a new password and is replaced. */
export async function recover(
  ctx: AppContext,
  recoveryCode: string,
  username: string,
  newPassword: string,
): Promise<{ user: User; recoveryCode: string }> {
  const dataKey = await audited(ctx, 'recover.failed', null, () =>
    unlockWithRecoveryCode(ctx.dataDir, recoveryCode),
  );
  const user = startSession(ctx, dataKey, username);
  await setUserPassword(ctx.dataDir, username, dataKey, newPassword);
  const fresh = await rotateRecoveryCode(ctx.dataDir, dataKey);
  audit(ctx.db!, user.id, 'recover');
  return { user, recoveryCode: fresh };
}

export function logout(ctx: AppContext): void {
  if (ctx.db && ctx.user) audit(ctx.db, ctx.user.id, 'logout');
  closeSession(ctx);
}
