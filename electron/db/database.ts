import Database from 'better-sqlite3-multiple-ciphers';
import { AppError } from '../../shared/api/errors';
import { auditKeyOf, registerAuditKey, setAuditKey } from './audit-chain';
import { migrate } from './migrations';

export type Db = Database.Database;

export const DATA_KEY_BYTES = 32;

/**
 * Opens the encrypted database with a raw 256-bit data key (SQLCipher v4 format).
 * A raw key skips the per-connection KDF; the key itself is protected by the keyring.
 */
export function openDatabase(
  file: string,
  key: Buffer,
  options: { migrateTo?: number; readonly?: boolean; raw?: boolean } = {},
): Db {
  if (key.length !== DATA_KEY_BYTES) throw new Error('data key must be 32 bytes');
  const db = new Database(file, {
    readonly: options.readonly ?? false,
    fileMustExist: options.readonly ?? false,
  });
  try {
    // Cipher selection and the key must precede any read of the file.
    db.pragma("cipher = 'sqlcipher'");
    db.pragma('legacy = 4');
    db.pragma(`key = "x'${key.toString('hex')}'"`);
    try {
      db.prepare('SELECT count(*) FROM sqlite_master').get();
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_NOTADB') {
        throw new AppError(
          'database_locked',
          'The database cannot be opened with this key (wrong key or not an Anxin database).',
        );
      }
      throw error;
    }
    // A snapshot (a backup) is taken as it is: no journal change, no migration.
    if (options.readonly || options.raw) return db;
    db.pragma('journal_mode = WAL');
    // WAL reopens with synchronous=NORMAL; an acknowledged answer must survive a power cut.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('temp_store = MEMORY');
    // Before migrating: migration 14 seals the existing audit rows with this key.
    registerAuditKey(db, key);
    migrate(db, options.migrateTo);
    useStoredAuditKey(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

const AUDIT_KEY_SETTING = 'audit.chainKey';

/** After a key rotation the trail keeps the key it was sealed with (stored in the encrypted file). */
function useStoredAuditKey(db: Db): void {
  // A database held at an early version (migrateTo) has no settings table yet.
  if (!db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'settings'").get()) return;
  const stored = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(AUDIT_KEY_SETTING) as
    string | undefined;
  if (stored) setAuditKey(db, Buffer.from(stored, 'base64'));
}

/**
 * Re-encrypts the whole file under a new data key (a user left: the old key, and every copy of
 * the keyring that wraps it, must open nothing from now on). SQLCipher cannot rekey in WAL mode,
 * so the log is folded in and the journal switched for the duration; that switch needs the only
 * connection, so another open one (a running job, a CLI call) makes it `conflict`, changing nothing.
 */
export function rekeyDatabase(db: Db, newKey: Buffer): void {
  if (newKey.length !== DATA_KEY_BYTES) throw new Error('data key must be 32 bytes');
  // The trail's seals were made with a key derived from the old data key: keep that key.
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING').run(
    AUDIT_KEY_SETTING,
    auditKeyOf(db).toString('base64'),
  );
  useStoredAuditKey(db);
  const inUse = () =>
    new AppError('conflict', 'The database is in use by another task; the keys will be renewed later.');
  db.pragma('busy_timeout = 0');
  let mode = '';
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
    mode = String(db.pragma('journal_mode = DELETE', { simple: true })).toLowerCase();
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_BUSY') throw inUse();
    throw error;
  } finally {
    db.pragma('busy_timeout = 5000');
  }
  if (mode !== 'delete') throw inUse();
  try {
    db.pragma(`rekey = "x'${newKey.toString('hex')}'"`);
  } finally {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
  }
}

export function nowIso(): string {
  return new Date().toISOString();
}
