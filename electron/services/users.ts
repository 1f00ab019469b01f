import { z } from 'zod';
import {
  classRefSchema,
  isClinicalRole,
  type ClassRef,
  type KeyRenewal,
  type NewUser,
  type Role,
  type User,
} from '../../shared/api/auth';
import { AppError, refusal } from '../../shared/api/errors';
import type { Db } from '../db/database';
import { parseJsonColumn } from '../db/json-column';
import { nowIso } from '../db/database';
import { audit } from './audit';
import type { AppContext } from './context';
import { grantClinicalKey, removeUserKey, setUserPassword, type GrantKeys } from './keyring';
import { markBound, rotateKeys } from './session-keys';
import { clinicalPrivateKey } from './clinical/vault';

const userNotFound = () => refusal('not_found', 'users.not_found', 'No such user.');
const classesRequired = () =>
  refusal('invalid_input', 'users.classes_required', 'A class teacher account needs at least one class.');

interface UserRow {
  id: number;
  username: string;
  display_name: string;
  role: Role;
  classes: string | null;
  active: number;
}

const classScopeColumn = z.array(classRefSchema);

const toUser = (row: UserRow): User => ({
  id: row.id,
  username: row.username,
  displayName: row.display_name,
  role: row.role,
  // The classes a class teacher may see: a malformed value is refused, never read as a wider scope.
  classes: row.classes ? parseJsonColumn(classScopeColumn, row.classes, 'users.classes') : [],
});

export function createUser(
  db: Db,
  username: string,
  displayName: string,
  role: Role,
  classes: ClassRef[] = [],
): User {
  const result = db
    .prepare('INSERT INTO users (username, display_name, role, created_at, classes) VALUES (?, ?, ?, ?, ?)')
    .run(username, displayName, role, nowIso(), classes.length ? JSON.stringify(classes) : null);
  return { id: Number(result.lastInsertRowid), username, displayName, role, classes };
}

export function findActiveUser(db: Db, username: string): User | null {
  const row = db
    .prepare<[string], UserRow>('SELECT * FROM users WHERE username = ? AND active = 1')
    .get(username.trim());
  return row ? toUser(row) : null;
}

export function listUsers(db: Db): (User & { active: boolean })[] {
  return db
    .prepare<[], UserRow>('SELECT * FROM users ORDER BY role, username')
    .all()
    .map((r) => ({ ...toUser(r), active: r.active === 1 }));
}

/** A new account: a row in the database and the data key wrapped under its own password. */
export async function addUserAccount(ctx: AppContext, adminId: number, input: NewUser): Promise<User> {
  if (!ctx.db || !ctx.dataKey) throw new AppError('unauthenticated', 'Please log in first.');
  if (
    findActiveUser(ctx.db, input.username) ||
    ctx.db.prepare('SELECT 1 FROM users WHERE username = ?').get(input.username)
  ) {
    throw refusal('conflict', 'users.username_taken', `User name ${input.username} is taken.`, {
      username: input.username,
    });
  }
  if (input.role === 'class_teacher' && input.classes.length === 0) throw classesRequired();
  const db = ctx.db;
  const user = db.transaction(() =>
    createUser(db, input.username, input.displayName, input.role, input.classes),
  )();
  const keys = keysFor(ctx, user.role);
  try {
    await setUserPassword(ctx.dataDir, user, input.password, keys);
  } catch (error) {
    db.prepare('DELETE FROM users WHERE id = ?').run(user.id);
    throw error;
  } finally {
    keys.clinicalKey?.fill(0);
  }
  markBound(db, user.id);
  audit(ctx.db, adminId, 'user.create', String(user.id), { role: user.role });
  return user;
}

/** What a new or reset entry holds: the data key, and the clinical key for the clinical roles. */
function keysFor(ctx: AppContext, role: Role): GrantKeys {
  // A copy from the vault: the caller wipes it once the entry is written.
  return { dataKey: ctx.dataKey!, clinicalKey: isClinicalRole(role) ? clinicalPrivateKey(ctx.db!) : null };
}

export function isActiveUser(db: Db, id: number): boolean {
  return db.prepare('SELECT 1 FROM users WHERE id = ? AND active = 1').get(id) !== undefined;
}

/**
 * Ends an account: the row stays (audit entries and records name it) but is inactive, its entry
 * leaves the keyring, and the keys it could open are renewed (the file re-encrypted, a new clinical
 * key pair), so neither its password nor an old copy of the keyring opens anything written from
 * now on. Open sessions end at their next call (see dispatch).
 */
export async function deactivateUser(
  ctx: AppContext,
  adminId: number,
  userId: number,
): Promise<User & { active: boolean; keys: KeyRenewal | null }> {
  const db = ctx.db;
  if (!db) throw new AppError('unauthenticated', 'Please log in first.');
  if (userId === adminId)
    throw refusal(
      'invalid_input',
      'users.self_deactivate',
      'An administrator cannot deactivate their own account.',
    );
  const row = db.prepare<[number], UserRow>('SELECT * FROM users WHERE id = ?').get(userId);
  if (!row) throw userNotFound();
  if (row.active === 1) {
    db.transaction(() => {
      const admins = db
        .prepare("SELECT count(*) FROM users WHERE role = 'admin' AND active = 1")
        .pluck()
        .get() as number;
      if (row.role === 'admin' && admins <= 1)
        throw refusal('conflict', 'users.last_admin', 'At least one active administrator must remain.');
      db.prepare('UPDATE users SET active = 0 WHERE id = ?').run(userId);
      audit(db, adminId, 'user.deactivate', String(userId), { role: row.role });
    })();
  }
  removeUserKey(ctx.dataDir, row.username);
  const keys = row.active === 1 ? await rotateKeys(ctx, adminId, 'deactivated') : null;
  return { ...toUser(row), active: false, keys };
}

/**
 * A new role (and classes) for an account. Leaving a clinical role renews the keys as a
 * deactivation does: what the account could open before stays behind it.
 */
export async function changeUserRole(
  ctx: AppContext,
  adminId: number,
  input: { id: number; role: Role; classes: ClassRef[] },
): Promise<User & { active: boolean; keys: KeyRenewal | null }> {
  const db = ctx.db;
  if (!db || !ctx.dataKey) throw new AppError('unauthenticated', 'Please log in first.');
  const row = db.prepare<[number], UserRow>('SELECT * FROM users WHERE id = ? AND active = 1').get(input.id);
  if (!row) throw userNotFound();
  if (input.id === adminId && input.role !== 'admin')
    throw refusal('invalid_input', 'users.self_role', 'An administrator cannot change their own role.');
  if (input.role === 'class_teacher' && input.classes.length === 0) throw classesRequired();
  const classes = input.role === 'class_teacher' ? input.classes : [];
  db.transaction(() => {
    db.prepare('UPDATE users SET role = ?, classes = ? WHERE id = ?').run(
      input.role,
      classes.length ? JSON.stringify(classes) : null,
      input.id,
    );
    audit(db, adminId, 'user.role', String(input.id), { from: row.role, to: input.role });
  })();
  const downgrade = isClinicalRole(row.role) && !isClinicalRole(input.role);
  const keys = downgrade ? await rotateKeys(ctx, adminId, 'downgraded') : null;
  // Moving into a clinical role: the key is sealed to the account's public key, no password needed.
  const clinicalKey = isClinicalRole(row.role)
    ? null
    : isClinicalRole(input.role)
      ? clinicalPrivateKey(db)
      : null;
  if (clinicalKey) grantClinicalKey(ctx.dataDir, [{ id: row.id, username: row.username }], clinicalKey);
  clinicalKey?.fill(0);
  return {
    ...toUser({ ...row, role: input.role, classes: classes.length ? JSON.stringify(classes) : null }),
    active: true,
    keys,
  };
}

/** An administrator gives another account a new password (its wrapped key is made anew). */
export async function resetUserPassword(
  ctx: AppContext,
  adminId: number,
  userId: number,
  password: string,
): Promise<Record<string, never>> {
  if (!ctx.db || !ctx.dataKey) throw new AppError('unauthenticated', 'Please log in first.');
  const row = ctx.db
    .prepare<[number], UserRow>('SELECT * FROM users WHERE id = ? AND active = 1')
    .get(userId);
  if (!row) throw userNotFound();
  const keys = keysFor(ctx, row.role);
  try {
    await setUserPassword(ctx.dataDir, row, password, keys);
  } finally {
    keys.clinicalKey?.fill(0);
  }
  markBound(ctx.db, row.id);
  audit(ctx.db, adminId, 'user.resetPassword', String(userId));
  return {};
}
