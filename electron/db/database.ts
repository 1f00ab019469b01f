import Database from 'better-sqlite3-multiple-ciphers';
import { AppError } from '../../shared/api/errors';
import { registerAuditKey } from './audit-chain';
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
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

export function nowIso(): string {
  return new Date().toISOString();
}
