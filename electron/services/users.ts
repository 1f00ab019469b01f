import type { ClassRef, NewUser, Role, User } from '../../shared/api/auth';
import { AppError } from '../../shared/api/errors';
import type { Db } from '../db/database';
import { nowIso } from '../db/database';
import { audit } from './audit';
import type { AppContext } from './context';
import { setUserPassword } from './keyring';

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
