import type { ClassRef, NewUser, Role, User } from '../../shared/api/auth';
import { AppError } from '../../shared/api/errors';
import type { Db } from '../db/database';
import { nowIso } from '../db/database';
import { audit } from './audit';
import type { AppContext } from './context';
import { removeUserKey, setUserPassword } from './keyring';

interface UserRow {
  id: number;
  username: string;
  display_name: string;
  role: Role;
  classes: string | null;
  active: number;
}

const toUser = (row: UserRow): User => ({
  id: row.id,
  username: row.username,
  displayName: row.display_name,
  role: row.role,
  classes: row.classes ? (JSON.parse(row.classes) as ClassRef[]) : [],
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
    throw new AppError('conflict', `用户名 ${input.username} 已存在。`);
  }
  if (input.role === 'class_teacher' && input.classes.length === 0) {
    throw new AppError('invalid_input', '班主任账号需要指定所负责的班级。');
  }
  await setUserPassword(ctx.dataDir, input.username, ctx.dataKey, input.password);
  const user = createUser(ctx.db, input.username, input.displayName, input.role, input.classes);
  audit(ctx.db, adminId, 'user.create', String(user.id), { role: user.role });
  return user;
}

export function isActiveUser(db: Db, id: number): boolean {
  return db.prepare('SELECT 1 FROM users WHERE id = ? AND active = 1').get(id) !== undefined;
}

/**
 * Ends an account: the row stays (audit entries and records name it) but is inactive, and its
 * wrapped data key leaves the keyring, so the password opens nothing; open sessions end at
 * their next call (see dispatch).
 */
export function deactivateUser(ctx: AppContext, adminId: number, userId: number): User & { active: boolean } {
  const db = ctx.db;
  if (!db) throw new AppError('unauthenticated', 'Please log in first.');
  if (userId === adminId) throw new AppError('invalid_input', '不能停用自己的账号。');
  const row = db.prepare<[number], UserRow>('SELECT * FROM users WHERE id = ?').get(userId);
  if (!row) throw new AppError('not_found', '未找到该用户。');
  if (row.active === 1) {
    db.transaction(() => {
      const admins = db
        .prepare("SELECT count(*) FROM users WHERE role = 'admin' AND active = 1")
        .pluck()
        .get() as number;
      if (row.role === 'admin' && admins <= 1)
        throw new AppError('conflict', '至少需要保留一名在用的系统管理员。');
      db.prepare('UPDATE users SET active = 0 WHERE id = ?').run(userId);
      audit(db, adminId, 'user.deactivate', String(userId), { role: row.role });
    })();
  }
  removeUserKey(ctx.dataDir, row.username);
  return { ...toUser(row), active: false };
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
  if (!row) throw new AppError('not_found', '未找到该用户。');
  await setUserPassword(ctx.dataDir, row.username, ctx.dataKey, password);
  audit(ctx.db, adminId, 'user.resetPassword', String(userId));
  return {};
}
