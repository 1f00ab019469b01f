import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { statement } from './statements';

/**
 * The audit trail is a hash chain: every row carries `prev_hash` (the `hash` of the row before it,
 * or GENESIS for the first) and `hash = HMAC-SHA256(auditKey, canonical(row))`, where
 *
 *   canonical(row) = JSON.stringify(['anxin-audit/1', id, at, user_id, action, subject, detail, prev_hash])
 *
 * with `id` and `user_id` as JSON numbers (or null), the other fields as the exact stored strings
 * (or null) — `detail` is the stored JSON text, never re-serialised, so the encoding is byte-stable.
 * JSON.stringify of an array of strings, numbers and nulls has one possible output, which is what
 * makes this canonical. The key is derived from the data key (HKDF-SHA256, fixed salt and label),
 * so a row edited with an SQL tool (which needs the data key just to open the file) no longer
 * matches unless the editor also recomputes every later hash with this scheme: the trail is
 * tamper-evident against edits, not tamper-proof against someone holding the key and this code.
 *
 * Rows are numbered by AUTOINCREMENT (migration 14), so ids are never reused: a deleted row leaves
 * a gap, and deleted rows at the end leave `sqlite_sequence` ahead of the last id.
 */
export const GENESIS = '0'.repeat(64);
const ENCODING = 'anxin-audit/1';
const HKDF_SALT = 'anxin';
const HKDF_INFO = 'anxin audit chain v1';

export interface AuditRow {
  id: number;
  at: string;
  user_id: number | null;
  action: string;
  subject: string | null;
  detail: string | null;
  prev_hash: string | null;
  hash: string | null;
}

export type BrokenReason = 'changed' | 'deleted' | 'reordered';

export interface ChainReport {
  ok: boolean;
  entries: number;
  firstBroken?: { id: number; reason: BrokenReason; detail: string };
}

export function deriveAuditKey(dataKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', dataKey, HKDF_SALT, HKDF_INFO, 32));
}

export function canonical(row: Omit<AuditRow, 'hash'>): string {
  return JSON.stringify([
    ENCODING,
    row.id,
    row.at,
    row.user_id,
    row.action,
    row.subject,
    row.detail,
    row.prev_hash,
  ]);
}

export function rowHash(key: Buffer, row: Omit<AuditRow, 'hash'>): string {
  return createHmac('sha256', key).update(canonical(row), 'utf8').digest('hex');
}

const sameHash = (a: string | null, b: string) =>
  a !== null && a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

// The audit key of each open connection: registered where the database is opened with its data
// key (openDatabase), so every writer — the request thread, a job worker, the CLI — chains with it
// without the key travelling through every service call.
const keys = new WeakMap<Database, Buffer>();

export function registerAuditKey(db: Database, dataKey: Buffer): void {
  keys.set(db, deriveAuditKey(dataKey));
}

/** The key the trail was first sealed with, kept across data-key rotations. */
export function setAuditKey(db: Database, key: Buffer): void {
  keys.set(db, key);
}

export function auditKeyOf(db: Database): Buffer {
  const key = keys.get(db);
  if (!key) throw new Error('audit key missing: open the database with openDatabase()');
  return key;
}

/**
 * Appends one row. The row is inserted first — that takes the write lock, so the read of the
 * previous row's hash that follows sees the newest committed row — and is sealed in the same
 * (sub)transaction. Two connections (request thread and a job worker) therefore cannot both link
 * to the same predecessor: SQLite lets only one of them hold the lock at a time.
 */
export function appendAuditRow(
  db: Database,
  row: { at: string; userId: number | null; action: string; subject: string | null; detail: string | null },
): number {
  const key = auditKeyOf(db);
  return db.transaction(() => {
    const id = Number(
      statement(
        db,
        'INSERT INTO audit_log (at, user_id, action, subject, detail) VALUES (?, ?, ?, ?, ?)',
      ).run(row.at, row.userId, row.action, row.subject, row.detail).lastInsertRowid,
    );
    const before = statement<[number], { hash: string | null }>(
      db,
      'SELECT hash FROM audit_log WHERE id < ? ORDER BY id DESC LIMIT 1',
    ).get(id);
    const prev = before?.hash ?? GENESIS;
    const sealed = {
      id,
      at: row.at,
      user_id: row.userId,
      action: row.action,
      subject: row.subject,
      detail: row.detail,
      prev_hash: prev,
    };
    statement(db, 'UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?').run(
      prev,
      rowHash(key, sealed),
      id,
    );
    return id;
  })();
}

/**
 * Seals rows written before the chain existed (migration 14), in id order. Runs inside the
 * migration's transaction with the key of the connection, so no moment exists in which the old
 * rows sit in the file unsealed under a schema that expects them sealed.
 */
export function sealUnchainedRows(db: Database): number {
  const key = auditKeyOf(db);
  const rows = db
    .prepare('SELECT id, at, user_id, action, subject, detail FROM audit_log ORDER BY id')
    .all() as Omit<AuditRow, 'prev_hash' | 'hash'>[];
  const update = db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?');
  let prev = GENESIS;
  for (const row of rows) {
    const hash = rowHash(key, { ...row, prev_hash: prev });
    update.run(prev, hash, row.id);
    prev = hash;
  }
  return rows.length;
}

/**
 * Walks the chain in id order and names the first row that does not hold:
 * - `changed`: its own fields no longer give its hash (or its link was rewritten);
 * - `reordered`: its fields and hash are intact but belong at another id (ids were swapped);
 * - `deleted`: it is intact but rows before it are missing (a gap in the ids, or the first rows),
 *   or — named by the id the next row would have had — rows at the end were removed.
 */
export function verifyChain(db: Database): ChainReport {
  const key = auditKeyOf(db);
  const select = 'SELECT id, at, user_id, action, subject, detail, prev_hash, hash FROM audit_log';
  const entries = db.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;
  // Streamed: a trail of years is walked without holding it in memory.
  const rows = db.prepare(`${select} ORDER BY id`).iterate() as IterableIterator<AuditRow>;
  let prevHash = GENESIS;
  let prevId = 0;
  const broken = (id: number, reason: BrokenReason, detail: string): ChainReport => ({
    ok: false,
    entries,
    firstBroken: { id, reason, detail },
  });
  // The first row that fails, found while streaming; classified once the walk has stopped (the
  // connection runs no other statement while a row iterator is open).
  let failed: AuditRow | null = null;
  for (const row of rows) {
    // Ids are never reused nor skipped (AUTOINCREMENT; a rolled-back row takes its number back
    // with it), so a gap is a deletion even when a later row was appended after it and links up.
    if (!sameHash(row.hash, rowHash(key, row)) || row.id !== prevId + 1 || row.prev_hash !== prevHash) {
      failed = row;
      break;
    }
    prevHash = row.hash!;
    prevId = row.id;
  }
  if (failed) {
    const row = failed;
    if (!sameHash(row.hash, rowHash(key, row))) {
      const ids = db.prepare('SELECT id FROM audit_log').pluck().all() as number[];
      const elsewhere = originalId(key, row, ids);
      if (elsewhere !== null)
        return broken(row.id, 'reordered', `row ${row.id} was written as row ${elsewhere}`);
      return broken(row.id, 'changed', `row ${row.id} no longer matches its hash`);
    }
    if (row.id !== prevId + 1)
      return broken(row.id, 'deleted', `${row.id - prevId - 1} row(s) before row ${row.id} are missing`);
    return broken(row.id, 'changed', `row ${row.id} does not follow row ${prevId}`);
  }
  const sequence =
    (db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'").pluck().get() as
      number | undefined) ?? 0;
  if (sequence > prevId)
    return broken(prevId + 1, 'deleted', `rows ${prevId + 1}–${sequence} at the end are missing`);
  return { ok: true, entries };
}

/** The id a row was sealed under, when its fields and hash are intact but it sits elsewhere. */
function originalId(key: Buffer, row: AuditRow, ids: number[]): number | null {
  for (const id of ids) {
    if (id === row.id) continue;
    if (sameHash(row.hash, rowHash(key, { ...row, id }))) return id;
  }
  return null;
}
