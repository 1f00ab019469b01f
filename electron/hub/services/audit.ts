import { createHash } from 'node:crypto';
import type { HubDb, HubQueries } from '../db/hub-db';

/**
 * The hub's tamper-evident audit: each row's hash is sha256 over the previous row's hash and the
 * row's own fields, so an edited, inserted or deleted row breaks the chain at that row.
 * Actors: `user:<username>`, `cli:<username>`, `installation:<id>` (a push).
 */
export interface HubAuditEntry {
  actor: string;
  action: string;
  installationId?: string | null;
  detail?: Record<string, unknown>;
}

const GENESIS = '0'.repeat(64);

/** JSON with object keys sorted at every depth, so the same value always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

interface AuditFields {
  seq: string;
  at: string;
  actor: string;
  action: string;
  installation_id: string | null;
  detail: unknown;
}

function rowHash(prevHash: string, row: AuditFields): string {
  const fields = [row.seq, row.at, row.actor, row.action, row.installation_id, row.detail];
  return createHash('sha256')
    .update(`${prevHash}\n${canonicalJson(fields)}`)
    .digest('hex');
}

/** `at` as the ISO text it was written with (millisecond precision, UTC), the same on PGlite and pg. */
const AT_TEXT = `to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const isDb = (db: HubDb | HubQueries): db is HubDb => 'transaction' in db;

/**
 * Appends one row. Inside a transaction (`tx`) the row commits with the work it records; given the
 * db itself it runs in its own. The table lock serialises appends, so concurrent writers (two
 * ingests on PostgreSQL) still make one chain; readers are not blocked.
 */
export async function appendHubAudit(db: HubDb | HubQueries, entry: HubAuditEntry): Promise<void> {
  if (isDb(db)) return db.transaction((tx) => appendHubAudit(tx, entry));
  await db.exec('LOCK TABLE hub_audit IN EXCLUSIVE MODE');
  const [last] = await db.query<{ hash: string }>('SELECT hash FROM hub_audit ORDER BY seq DESC LIMIT 1');
  const [next] = await db.query<{ seq: string }>(
    `SELECT nextval(pg_get_serial_sequence('hub_audit', 'seq'))::text AS seq`,
  );
  const row: AuditFields = {
    seq: next!.seq,
    at: new Date().toISOString(),
    actor: entry.actor,
    action: entry.action,
    installation_id: entry.installationId ?? null,
    detail: JSON.parse(canonicalJson(entry.detail ?? {})),
  };
  const prevHash = last?.hash ?? GENESIS;
  await db.query(
    `INSERT INTO hub_audit (seq, at, actor, action, installation_id, detail, prev_hash, hash)
     VALUES ($1::bigint, $2::timestamptz, $3, $4, $5::uuid, $6::jsonb, $7, $8)`,
    [
      row.seq,
      row.at,
      row.actor,
      row.action,
      row.installation_id,
      JSON.stringify(row.detail),
      prevHash,
      rowHash(prevHash, row),
    ],
  );
}

export interface HubAuditRow {
  seq: number;
  at: string;
  actor: string;
  action: string;
  installationId: string | null;
  detail: Record<string, unknown>;
}

/** Walks the chain from the first row; `brokenAt` is the seq of the first row that does not fit. */
export async function verifyHubAudit(
  db: HubQueries,
): Promise<{ ok: boolean; rows: number; brokenAt?: number }> {
  const rows = await db.query<AuditFields & { prev_hash: string; hash: string }>(
    `SELECT seq::text AS seq, ${AT_TEXT} AS at, actor, action, installation_id::text AS installation_id,
            detail, prev_hash, hash
       FROM hub_audit ORDER BY hub_audit.seq`,
  );
  let prev = GENESIS;
  for (const row of rows) {
    if (row.prev_hash !== prev || rowHash(prev, row) !== row.hash)
      return { ok: false, rows: rows.length, brokenAt: Number(row.seq) };
    prev = row.hash;
  }
  return { ok: true, rows: rows.length };
}

export async function listHubAudit(db: HubQueries, limit = 100): Promise<HubAuditRow[]> {
  const rows = await db.query<AuditFields>(
    `SELECT seq::text AS seq, ${AT_TEXT} AS at, actor, action, installation_id::text AS installation_id, detail
       FROM hub_audit ORDER BY hub_audit.seq DESC LIMIT $1`,
    [limit],
  );
  return rows.map((r) => ({
    seq: Number(r.seq),
    at: r.at,
    actor: r.actor,
    action: r.action,
    installationId: r.installation_id,
    detail: r.detail as Record<string, unknown>,
  }));
}
