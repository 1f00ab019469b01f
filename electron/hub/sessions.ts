import { createHash, randomBytes } from 'node:crypto';
import type { HubQueries } from './db/hub-db';
import { hubUserById, type HubUser } from './services/users';

/**
 * Hub sessions: a random token travels in the user's cookie; the database keeps only its SHA-256,
 * so a copy of the database (or a backup) opens no session. A session ends on logout or after
 * `HUB_IDLE_MINUTES` without a call.
 */
export const HUB_IDLE_MINUTES = 30;

/** 32 random bytes, base64url: what the cookie carries. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');

export async function openHubSession(db: HubQueries, userId: number): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db.query('INSERT INTO hub_sessions (token_hash, user_id) VALUES ($1, $2)', [
    tokenHash(token),
    userId,
  ]);
  return token;
}

/**
 * The user behind a token, or null when it is unknown, idle too long or its account was
 * deactivated. A live session's idle clock restarts; an expired one is deleted.
 */
export async function sessionUser(
  db: HubQueries,
  token: string | undefined,
  idleMinutes = HUB_IDLE_MINUTES,
): Promise<HubUser | null> {
  if (!token || !TOKEN_PATTERN.test(token)) return null;
  const hash = tokenHash(token);
  const [row] = await db.query<{ user_id: number; idle: boolean }>(
    `SELECT user_id, last_seen_at < now() - make_interval(mins => $2::int) AS idle
       FROM hub_sessions WHERE token_hash = $1`,
    [hash, idleMinutes],
  );
  if (!row) return null;
  if (row.idle) {
    await db.query('DELETE FROM hub_sessions WHERE token_hash = $1', [hash]);
    return null;
  }
  const user = await hubUserById(db, row.user_id);
  if (!user) {
    await db.query('DELETE FROM hub_sessions WHERE token_hash = $1', [hash]);
    return null;
  }
  await db.query('UPDATE hub_sessions SET last_seen_at = now() WHERE token_hash = $1', [hash]);
  return user;
}

export async function closeHubSession(db: HubQueries, token: string | undefined): Promise<void> {
  if (!token) return;
  await db.query('DELETE FROM hub_sessions WHERE token_hash = $1', [tokenHash(token)]);
}

/** Drops sessions idle past the limit (called now and then by the server, so the table stays small). */
export async function sweepHubSessions(db: HubQueries, idleMinutes = HUB_IDLE_MINUTES): Promise<void> {
  await db.query('DELETE FROM hub_sessions WHERE last_seen_at < now() - make_interval(mins => $1::int)', [
    idleMinutes,
  ]);
}
