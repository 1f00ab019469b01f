import type { Role, User } from '../../shared/api/auth';
import type { Db } from '../db/database';
import { nowIso } from '../db/database';

interface UserRow {
  id: number;
  username: string;
  display_name: string;
  role: Role;
}

const toUser = (row: UserRow): User => ({
  id: row.id,
  username: row.username,
  displayName: row.display_name,
  role: row.role,
});

export function createUser(db: Db, username: string, displayName: string, role: Role): User {
  const result = db
    .prepare('INSERT INTO users (username, display_name, role, created_at) VALUES (?, ?, ?, ?)')
    .run(username, displayName, role, nowIso());
  return { id: Number(result.lastInsertRowid), username, displayName, role };
}

export function findActiveUser(db: Db, username: string): User | null {
  const row = db
    .prepare<[string], UserRow>(
      'SELECT id, username, display_name, role FROM users WHERE username = ? AND active = 1',
    )
    .get(username.trim());
  return row ? toUser(row) : null;
}
