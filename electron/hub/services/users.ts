import { randomBytes, timingSafeEqual } from 'node:crypto';
import { DEFAULT_KDF, deriveKey } from '../../services/keyring-crypto';
import { HUB_ROLES, type HubRole } from '../../../shared/hub/roles';
import type { HubQueries } from '../db/hub-db';

/**
 * Hub accounts. Roles: district_admin (enrols and revokes installations, manages accounts, ingests),
 * district_staff (the district's psychologist or clinician: views, drill-down, reports, ingest),
 * viewer (figures only, no case lists). Scope: the whole district, one township, or a list of
 * installations; every view and query is cut to it (and, on PostgreSQL, by row-level security).
 */
export { HUB_ROLES, type HubRole };

export type HubScope =
  | { kind: 'district' }
  | { kind: 'township'; township: string }
  | { kind: 'installations'; installations: string[] };

export interface HubUser {
  id: number;
  username: string;
  displayName: string;
  role: HubRole;
  scope: HubScope;
}

interface UserRow {
  id: number;
  username: string;
  display_name: string;
  role: HubRole;
  scope_kind: HubScope['kind'];
  scope_township: string | null;
  scope_installations: string[];
  password_hash: string;
  active: boolean;
}

function toUser(row: UserRow): HubUser {
  const scope: HubScope =
    row.scope_kind === 'township'
      ? { kind: 'township', township: row.scope_township ?? '' }
      : row.scope_kind === 'installations'
        ? { kind: 'installations', installations: row.scope_installations }
        : { kind: 'district' };
  return { id: row.id, username: row.username, displayName: row.display_name, role: row.role, scope };
}

/** `scrypt$N$r$p$salt$hash` (the installation's key-derivation parameters). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await deriveKey(password, salt, DEFAULT_KDF);
  const { N, r, p } = DEFAULT_KDF;
  return ['scrypt', N, r, p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function passwordMatches(password: string, stored: string): Promise<boolean> {
  const [name, N, r, p, salt, hash] = stored.split('$');
  if (name !== 'scrypt' || !salt || !hash) return false;
  const key = await deriveKey(password, Buffer.from(salt, 'base64'), {
    name: 'scrypt',
    N: Number(N),
    r: Number(r),
    p: Number(p),
  });
  const expected = Buffer.from(hash, 'base64');
  return key.length === expected.length && timingSafeEqual(key, expected);
}

export interface NewHubUser {
  username: string;
  displayName: string;
  role: HubRole;
  scope: HubScope;
  password: string;
}

export async function createHubUser(db: HubQueries, input: NewHubUser): Promise<HubUser> {
  const [row] = await db.query<UserRow>(
    `INSERT INTO hub_users (username, display_name, role, scope_kind, scope_township, scope_installations, password_hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
    [
      input.username,
      input.displayName,
      input.role,
      input.scope.kind,
      input.scope.kind === 'township' ? input.scope.township : null,
      input.scope.kind === 'installations' ? input.scope.installations : [],
      await hashPassword(input.password),
    ],
  );
  return toUser(row!);
}

/** The active user with this name and password, else null (the same answer for both mistakes). */
export async function verifyHubUser(
  db: HubQueries,
  username: string,
  password: string,
): Promise<HubUser | null> {
  const [row] = await db.query<UserRow>('SELECT * FROM hub_users WHERE username = $1 AND active', [username]);
  if (!row) {
    // Spend the same time as a wrong password, so names cannot be probed by timing.
    await hashPassword(password);
    return null;
  }
  return (await passwordMatches(password, row.password_hash)) ? toUser(row) : null;
}

export async function hubUserById(db: HubQueries, id: number): Promise<HubUser | null> {
  const [row] = await db.query<UserRow>('SELECT * FROM hub_users WHERE id = $1 AND active', [id]);
  return row ? toUser(row) : null;
}

export async function listHubUsers(db: HubQueries): Promise<(HubUser & { active: boolean })[]> {
  const rows = await db.query<UserRow>('SELECT * FROM hub_users ORDER BY id');
  return rows.map((row) => ({ ...toUser(row), active: row.active }));
}

/** The installations a user may see: null for the whole district. */
export async function scopeInstallationIds(db: HubQueries, user: HubUser): Promise<string[] | null> {
  if (user.scope.kind === 'district') return null;
  if (user.scope.kind === 'installations') return user.scope.installations;
  const rows = await db.query<{ id: string }>('SELECT id FROM installations WHERE township = $1', [
    user.scope.township,
  ]);
  return rows.map((r) => r.id);
}
