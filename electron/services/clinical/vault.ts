import { z } from 'zod';
import { AppError } from '../../../shared/api/errors';
import type { Db } from '../../db/database';
import { nowIso } from '../../db/database';
import { parseJsonColumn } from '../../db/json-column';
import { statement } from '../../db/statements';
import {
  decryptField,
  encryptField,
  fieldWriterKeyId,
  openSealed,
  publicKeyOf,
  randomWriterKey,
  sealToPublicKey,
  type ClinicalKeyPair,
} from './crypto';

export { generateClinicalKeyPair, type ClinicalKeyPair } from './crypto';

/**
 * The clinical vault of one database connection: the current clinical public key (to seal this
 * process's writer key), the clinical private key when the signed-in user may read clinical
 * content (admin, psychologist/clinician), this process's own writer key, and the writer keys
 * unsealed so far. Nothing here is ever written to disk except sealed writer keys.
 */
interface Vault {
  clinicalKeyId: number | null;
  publicKey: Buffer | null;
  privateKey: Buffer | null;
  /** This connection's writer key; its row may belong to a transaction that was rolled back. */
  writer: { id: number; key: Buffer; confirmed: boolean } | null;
  /** Writer keys by id: the key, or null when it cannot be opened with what this vault holds. */
  keys: Map<number, Buffer | null>;
  epoch: number;
}

const vaults = new WeakMap<Db, Vault>();
/** Bumped by a rotation: every vault of this process drops its writer key and reloads the public key. */
let rotationEpoch = 0;

interface KeyRow {
  id: number;
  public_key: Buffer;
}

function currentKey(db: Db): KeyRow | null {
  return (
    statement<[], KeyRow>(
      db,
      'SELECT id, public_key FROM clinical_keys WHERE retired_at IS NULL ORDER BY id DESC LIMIT 1',
    ).get() ?? null
  );
}

function vaultOf(db: Db): Vault {
  let vault = vaults.get(db);
  if (!vault || vault.epoch !== rotationEpoch) {
    const key = currentKey(db);
    const privateKey = vault?.privateKey ?? null;
    vault = {
      clinicalKeyId: key?.id ?? null,
      publicKey: key?.public_key ?? null,
      // A private key that is not the current key's (rotated away) opens nothing new.
      privateKey: privateKey && key && publicKeyOf(privateKey).equals(key.public_key) ? privateKey : null,
      writer: null,
      keys: new Map(),
      epoch: rotationEpoch,
    };
    vaults.set(db, vault);
  }
  return vault;
}

export function hasClinicalPublicKey(db: Db): boolean {
  return currentKey(db) !== null;
}

/** The current clinical public key (the keyring picks the private key that matches it). */
export function clinicalPublicKey(db: Db): Buffer | null {
  return currentKey(db)?.public_key ?? null;
}

/** Stores the clinical public key (first set-up, or an install that has none yet). */
export function installClinicalPublicKey(db: Db, publicKey: Buffer): number {
  if (publicKey.length !== 32) throw new Error('clinical public key must be 32 bytes');
  if (currentKey(db))
    throw new AppError('conflict', 'A clinical key is already installed; rotate it instead.');
  const id = Number(
    statement(db, 'INSERT INTO clinical_keys (public_key, created_at) VALUES (?, ?)').run(publicKey, nowIso())
      .lastInsertRowid,
  );
  rotationEpoch++;
  return id;
}

/**
 * Opens the vault of this connection for the signed-in user: with the clinical private key
 * (admin, psychologist/clinician) clinical fields read back; with null the session can still
 * write them and read back what this process wrote, nothing else. A private key that does not
 * belong to the current clinical public key is refused.
 */
export function openClinical(db: Db, privateKey: Buffer | null): void {
  const key = currentKey(db);
  if (privateKey && (!key || !publicKeyOf(privateKey).equals(key.public_key))) {
    throw new AppError('forbidden', 'This clinical key does not belong to this database.');
  }
  const previous = vaults.get(db);
  const own = previous?.epoch === rotationEpoch ? previous.writer : null;
  previous?.privateKey?.fill(0);
  const vault: Vault = {
    clinicalKeyId: key?.id ?? null,
    publicKey: key?.public_key ?? null,
    privateKey: privateKey ? Buffer.from(privateKey) : null,
    // This process's own writer key stays: what it wrote stays readable to whoever runs it.
    writer: own,
    keys: new Map(own ? [[own.id, own.key]] : []),
    epoch: rotationEpoch,
  };
  vaults.set(db, vault);
}

/** Forgets the private key and every unsealed writer key of this connection (log-out, close). */
export function closeClinical(db: Db): void {
  const vault = vaults.get(db);
  if (!vault) return;
  vault.privateKey?.fill(0);
  for (const key of vault.keys.values()) key?.fill(0);
  vault.writer?.key.fill(0);
  vaults.delete(db);
}

/** Whether this connection may read clinical fields written by others. */
export function canReadClinical(db: Db): boolean {
  return vaultOf(db).privateKey !== null;
}

/** A copy of the private key for a job worker's own connection (the caller zeroes it), or null. */
export function clinicalPrivateKey(db: Db): Buffer | null {
  const key = vaultOf(db).privateKey;
  return key ? Buffer.from(key) : null;
}

const writerAad = (id: number, clinicalKeyId: number) => `clinical_writer_keys:${id}:${clinicalKeyId}`;

function createWriter(db: Db, vault: Vault): { id: number; key: Buffer; confirmed: boolean } {
  const key = randomWriterKey();
  const id = Number(
    statement(
      db,
      "INSERT INTO clinical_writer_keys (clinical_key_id, sealed, created_at) VALUES (?, x'', ?)",
    ).run(vault.clinicalKeyId, nowIso()).lastInsertRowid,
  );
  statement(db, 'UPDATE clinical_writer_keys SET sealed = ? WHERE id = ?').run(
    sealToPublicKey(vault.publicKey!, key, writerAad(id, vault.clinicalKeyId!)),
    id,
  );
  return { id, key, confirmed: !db.inTransaction };
}

const writerExists = (db: Db, id: number) =>
  statement<[number], { id: number }>(db, 'SELECT id FROM clinical_writer_keys WHERE id = ?').get(id) !==
  undefined;

/** This connection's writer key, made (and sealed to the public key) on the first clinical write. */
function writerOf(db: Db, vault: Vault): { id: number; key: Buffer } {
  let writer = vault.writer;
  if (writer && !writer.confirmed) {
    // Made inside a transaction: if that one was rolled back, the row is gone and a new key is made.
    if (!writerExists(db, writer.id)) writer = null;
    else if (!db.inTransaction) writer.confirmed = true;
  }
  if (!writer) {
    writer = createWriter(db, vault);
    vault.writer = writer;
    vault.keys.set(writer.id, writer.key);
  }
  return writer;
}

function writerKey(db: Db, vault: Vault, id: number): Buffer | null {
  if (vault.keys.has(id)) return vault.keys.get(id)!;
  let key: Buffer | null = null;
  if (vault.privateKey) {
    const row = statement<[number], { clinical_key_id: number; sealed: Buffer }>(
      db,
      'SELECT clinical_key_id, sealed FROM clinical_writer_keys WHERE id = ?',
    ).get(id);
    if (row && row.clinical_key_id === vault.clinicalKeyId) {
      try {
        key = openSealed(vault.privateKey, row.sealed, writerAad(id, row.clinical_key_id));
      } catch {
        throw new AppError('conflict', `Clinical writer key ${id} failed its integrity check.`);
      }
    }
  }
  // Not cached when missing: a row written later by another process may become readable.
  if (key) vault.keys.set(id, key);
  return key;
}

/** The associated data of a field: table, column and row key, so it cannot move elsewhere. */
export const fieldAad = (table: string, column: string, ...row: (string | number)[]) =>
  `${table}.${column}:${row.join(':')}`;

/**
 * Seals one clinical value. Without an installed clinical key (a database not yet set up for it)
 * the value stays as it is; `sealLegacyPlaintext` seals it once a key exists.
 */
export function sealText(db: Db, aad: string, plaintext: string): string {
  const vault = vaultOf(db);
  if (vault.publicKey === null) return plaintext;
  const writer = writerOf(db, vault);
  return encryptField(writer.id, writer.key, aad, plaintext);
}

/**
 * Opens one stored clinical value: the plaintext, or null when this session holds no key for it
 * (services show such a value as absent). Legacy plaintext reads as it is. A sealed value that was
 * changed or moved to another row is an integrity error, never silently absent.
 */
export function openText(db: Db, aad: string, stored: string | null): string | null {
  if (stored === null) return null;
  const id = fieldWriterKeyId(stored);
  if (id === null) return stored;
  const key = writerKey(db, vaultOf(db), id);
  if (!key) return null;
  try {
    return decryptField(key, aad, stored);
  } catch {
    throw new AppError('conflict', 'A clinical field failed its integrity check (changed or moved).');
  }
}

export const sealNumber = (db: Db, aad: string, value: number) => sealText(db, aad, String(value));

export function openNumber(db: Db, aad: string, stored: string | number | null): number | null {
  if (stored === null) return null;
  if (typeof stored === 'number') return stored;
  const text = openText(db, aad, stored);
  return text === null ? null : Number(text);
}

/** Whether a stored value is sealed (a field written under a writer key). */
export const isSealed = (stored: unknown) => typeof stored === 'string' && fieldWriterKeyId(stored) !== null;

/**
 * Replaces the clinical key pair: every writer key is re-sealed to the new public key and the old
 * key is retired, then this process starts a fresh writer key, so the old private key (even with
 * a copy of the database from before) opens nothing written afterwards.
 */
export function rotateClinicalKey(db: Db, oldPrivateKey: Buffer, next: ClinicalKeyPair): void {
  const old = currentKey(db);
  if (!old || !publicKeyOf(oldPrivateKey).equals(old.public_key))
    throw new AppError('forbidden', 'The old clinical key does not belong to this database.');
  if (!publicKeyOf(next.privateKey).equals(next.publicKey))
    throw new Error('the new clinical key pair does not match');
  db.transaction(() => {
    const at = nowIso();
    const id = Number(
      statement(db, 'INSERT INTO clinical_keys (public_key, created_at) VALUES (?, ?)').run(
        next.publicKey,
        at,
      ).lastInsertRowid,
    );
    const update = statement(
      db,
      'UPDATE clinical_writer_keys SET clinical_key_id = ?, sealed = ? WHERE id = ?',
    );
    for (const row of statement<[number], { id: number; sealed: Buffer }>(
      db,
      'SELECT id, sealed FROM clinical_writer_keys WHERE clinical_key_id = ?',
    ).all(old.id)) {
      const key = openSealed(oldPrivateKey, row.sealed, writerAad(row.id, old.id));
      update.run(id, sealToPublicKey(next.publicKey, key, writerAad(row.id, id)), row.id);
      key.fill(0);
    }
    statement(db, 'UPDATE clinical_keys SET retired_at = ? WHERE id = ?').run(at, old.id);
  })();
  const holding = (vaults.get(db)?.privateKey ?? null) !== null;
  rotationEpoch++;
  openClinical(db, holding ? next.privateKey : null);
}

const LEGACY_DONE = 'clinical.plaintextSealedAt';

/** Legacy plaintext in the clinical columns of an install from before field encryption. */
const LEGACY = {
  answers: `SELECT screening_id AS s, instrument_id AS i, item_id AS t, value FROM screening_answers
             WHERE value NOT LIKE 'c1.%'`,
  alerts: `SELECT id, screening_id AS s, instrument_id AS i, item_id AS t, value FROM alerts WHERE value NOT LIKE 'c1.%'`,
};

/**
 * Seals every clinical value still in plaintext (an install upgraded from before field encryption,
 * or values written before its clinical key existed). Needs only the public key; idempotent, so it
 * runs at every log-in and does nothing once all is sealed. Returns how many values it sealed.
 */
export function sealLegacyPlaintext(db: Db): number {
  if (!hasClinicalPublicKey(db)) return 0;
  // Plaintext can only predate the clinical key (an upgraded install, or rows written before set-up
  // installed it): once a whole pass has run, every later write is sealed, so log-ins skip the scans
  // (on 150,000 screenings they read every answer row).
  if (statement<[string], { value: string }>(db, 'SELECT value FROM settings WHERE key = ?').get(LEGACY_DONE))
    return 0;
  let sealed = 0;
  db.transaction(() => {
    const answer = statement(
      db,
      'UPDATE screening_answers SET value = ? WHERE screening_id = ? AND instrument_id = ? AND item_id = ?',
    );
    for (const r of statement<[], { s: number; i: string; t: string; value: string }>(
      db,
      LEGACY.answers,
    ).all()) {
      answer.run(sealText(db, answerAad(r.s, r.i, r.t), r.value), r.s, r.i, r.t);
      sealed++;
    }
    const alert = statement(db, 'UPDATE alerts SET value = ? WHERE id = ?');
    for (const r of statement<[], { id: number; s: number; i: string; t: string; value: string }>(
      db,
      LEGACY.alerts,
    ).all()) {
      alert.run(sealText(db, alertAad(r.s, r.i, r.t), r.value), r.id);
      sealed++;
    }
    sealed += sealLegacyResults(db) + sealLegacyEvents(db);
    statement(db, 'INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)').run(LEGACY_DONE, nowIso());
  })();
  return sealed;
}

// ---- Where each clinical field lives (its associated data) ----

export const answerAad = (screeningId: number, instrumentId: string, itemId: string) =>
  fieldAad('screening_answers', 'value', screeningId, instrumentId, itemId);
export const alertAad = (screeningId: number, instrumentId: string, itemId: string) =>
  fieldAad('alerts', 'value', screeningId, instrumentId, itemId);
export const resultAad = (screeningId: number, instrumentId: string) =>
  fieldAad('screening_results', 'result', screeningId, instrumentId);
export const caseEventAad = (caseId: number, kind: string, at: string) =>
  fieldAad('case_events', 'detail', caseId, kind, at);
export const noteAad = (personId: number, at: string) => fieldAad('person_events', 'text', personId, at);
export const referralAad = (column: 'diagnosis' | 'outcome', id: number) => fieldAad('referrals', column, id);

// ---- Stored results: the item values go under the seal, totals and bands stay readable ----

interface StoredResult {
  itemScores?: Record<string, number | null>;
  critical?: { value: number | null }[];
  sealed?: string;
}

// The parts of a stored result the seal touches; the rest is kept as stored.
const storedResultColumn = z.looseObject({
  instrumentId: z.string(),
  sealed: z.string().optional(),
  critical: z.array(z.looseObject({ value: z.number().nullable() })).optional(),
});
const sealedResultText = z.object({
  itemScores: z.record(z.string(), z.number().nullable()),
  critical: z.array(z.number().nullable()),
});
/** A case event's detail, stored or sealed: keys to values, whatever the kind. */
const detailColumn = z.record(z.string(), z.unknown());

/** A result as stored: its item values (itemScores, critical values) sealed into `sealed`. */
export function sealResult(db: Db, screeningId: number, result: object): string {
  const r = result as StoredResult;
  if (!hasKey(db)) return JSON.stringify(result);
  const clinical = { itemScores: r.itemScores ?? {}, critical: (r.critical ?? []).map((c) => c.value) };
  return JSON.stringify({
    ...result,
    itemScores: {},
    critical: (r.critical ?? []).map((c) => ({ ...c, value: null })),
    sealed: sealText(
      db,
      resultAad(screeningId, (result as { instrumentId: string }).instrumentId),
      JSON.stringify(clinical),
    ),
  });
}

/** A stored result with its item values back when this session may read them (else left empty). */
export function openResult<T>(db: Db, screeningId: number, stored: string): T {
  const r = parseJsonColumn(storedResultColumn, stored, 'screening_results.result');
  if (typeof r.sealed !== 'string') return r as T;
  const text = openText(db, resultAad(screeningId, r.instrumentId), r.sealed);
  const { sealed: _sealed, ...rest } = r;
  if (text === null) return rest as T;
  const clinical = parseJsonColumn(sealedResultText, text, 'sealed screening_results.result');
  return {
    ...rest,
    itemScores: clinical.itemScores,
    critical: (rest.critical ?? []).map((c, i) => ({ ...c, value: clinical.critical[i] ?? null })),
  } as T;
}

// ---- Case event details: dates, levels and next steps stay readable, the record is sealed ----

/** Detail keys a class teacher may see: structure, dates, next steps; everything else is clinical. */
const PUBLIC_DETAIL_KEYS = new Set([
  'screeningId',
  'atAnswer',
  'reasons',
  'level',
  'colour',
  'purple',
  'status',
  'heldOn',
  'nextOn',
  'contactedOn',
  'referredOn',
  'attendedOn',
  'diagnosedOn',
  'method',
  'institution',
  'department',
  'consent',
  'referralId',
  // A colour decision's kind (suggested / accepted / changed / assigned) and the colour suggested:
  // the case reads its pending suggestion from them in SQL.
  'decision',
  'suggested',
  // 责任人 assignments: staff names, from → to.
  'from',
  'to',
]);

const hasKey = (db: Db) => vaultOf(db).publicKey !== null;

/** A case event's detail as stored: the clinical keys sealed into `sealed`. */
export function sealDetail(db: Db, caseId: number, kind: string, at: string, detail: object): string {
  const open: Record<string, unknown> = {};
  const clinical: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(detail)) (PUBLIC_DETAIL_KEYS.has(k) ? open : clinical)[k] = v;
  if (Object.keys(clinical).length === 0 || !hasKey(db)) return JSON.stringify(detail);
  return JSON.stringify({
    ...open,
    sealed: sealText(db, caseEventAad(caseId, kind, at), JSON.stringify(clinical)),
  });
}

/**
 * A stored case event's detail with its clinical part back, or without it (and `restricted: true`)
 * when this session may not read it.
 */
export function openDetail(
  db: Db,
  caseId: number,
  kind: string,
  at: string,
  stored: string,
): Record<string, unknown> {
  const detail = parseJsonColumn(detailColumn, stored, 'case_events.detail');
  if (typeof detail.sealed !== 'string') return detail;
  const { sealed, ...rest } = detail;
  const text = openText(db, caseEventAad(caseId, kind, at), sealed);
  return text === null
    ? { ...rest, restricted: true }
    : { ...rest, ...parseJsonColumn(detailColumn, text, 'sealed case_events.detail') };
}

function sealLegacyResults(db: Db): number {
  let n = 0;
  const update = statement(
    db,
    'UPDATE screening_results SET result = ? WHERE screening_id = ? AND instrument_id = ?',
  );
  for (const r of statement<[], { s: number; i: string; result: string }>(
    db,
    `SELECT screening_id AS s, instrument_id AS i, result FROM screening_results
      WHERE json_extract(result, '$.sealed') IS NULL AND json_extract(result, '$.itemScores') <> '{}'`,
  ).all()) {
    update.run(
      sealResult(db, r.s, parseJsonColumn(storedResultColumn, r.result, 'screening_results.result')),
      r.s,
      r.i,
    );
    n++;
  }
  return n;
}

function sealLegacyEvents(db: Db): number {
  let n = 0;
  const update = statement(db, 'UPDATE case_events SET detail = ? WHERE id = ?');
  for (const r of statement<[], { id: number; case_id: number; kind: string; at: string; detail: string }>(
    db,
    "SELECT id, case_id, kind, at, detail FROM case_events WHERE json_extract(detail, '$.sealed') IS NULL",
  ).all()) {
    const sealed = sealDetail(
      db,
      r.case_id,
      r.kind,
      r.at,
      parseJsonColumn(detailColumn, r.detail, 'case_events.detail'),
    );
    if (sealed !== r.detail) {
      update.run(sealed, r.id);
      n++;
    }
  }
  const note = statement(db, 'UPDATE person_events SET text = ? WHERE id = ?');
  for (const r of statement<[], { id: number; person_id: number; at: string; text: string }>(
    db,
    "SELECT id, person_id, at, text FROM person_events WHERE kind = 'note' AND text IS NOT NULL AND text NOT LIKE 'c1.%'",
  ).all()) {
    note.run(sealText(db, noteAad(r.person_id, r.at), r.text), r.id);
    n++;
  }
  const referral = (column: 'diagnosis' | 'outcome') => {
    const set = statement(db, `UPDATE referrals SET ${column} = ? WHERE id = ?`);
    for (const r of statement<[], { id: number; value: string }>(
      db,
      `SELECT id, ${column} AS value FROM referrals WHERE ${column} IS NOT NULL AND ${column} NOT LIKE 'c1.%'`,
    ).all()) {
      set.run(sealText(db, referralAad(column, r.id), r.value), r.id);
      n++;
    }
  };
  referral('diagnosis');
  referral('outcome');
  return n;
}
