import { randomBytes } from 'node:crypto';
import {
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../../shared/api/errors';
import { orgSchema } from '../../../shared/api/auth';
import pkg from '../../../package.json';
import { openDatabase, type Db } from '../../db/database';
import { latestSchemaVersion, schemaVersion } from '../../db/migrations';
import { audit } from '../audit';
import { DATABASE_FILE } from '../context';
import { can } from '../../../shared/api/contract';
import type { Role } from '../../../shared/api/auth';
import { readOrg, RECOVERY_FILE, unlockWithPassword, unlockWithRecoveryCode } from '../keyring';
import { hashEntry, listTar, PART_NAME, readEntry, sha256, writeTar, type TarEntry } from './container';

export const MANIFEST_FILE = 'manifest.json';
/** The last entry: the manifest's own sha256, so a damaged manifest is named as such. */
export const MANIFEST_HASH_FILE = 'manifest.json.sha256';
export const BACKUP_EXTENSION = '.anxinbak';
/** Where a snapshot is made before it is packed: inside the data folder, so it never leaves the user's private folder unencrypted (it is encrypted anyway) and a crash's leftover is found again. */
const STAGING_DIR = 'backup-tmp';
/** Partial backups carry this marker between the final name and a random suffix. */
const PARTIAL_MARK = '.partial-';

const partSchema = z.object({
  name: z.string().regex(PART_NAME),
  size: z.number().int(),
  sha256: z.string(),
});
export const manifestSchema = z.object({
  format: z.literal('anxin-backup'),
  formatVersion: z.literal(1),
  appVersion: z.string(),
  schemaVersion: z.number().int(),
  createdAt: z.string(),
  org: orgSchema.nullable(),
  /** Rows per table: table names and numbers only, never a row's content. */
  counts: z.record(z.string(), z.number().int()),
  parts: z.array(partSchema),
});
export type BackupManifest = z.infer<typeof manifestSchema>;

export interface BackupResult {
  file: string;
  bytes: number;
  createdAt: string;
  schemaVersion: number;
  counts: Record<string, number>;
  verified: true;
}

/** Steps reported to a progress bar: the snapshot, packing, checking. */
type OnStep = (done: number, total: number) => void;
const STEPS = 3;

/** The keyring and its other copies: every `keyring*` file (the rotated .bak) and the recovery envelope beside the database. */
export function keyringFiles(dataDir: string): string[] {
  return readdirSync(dataDir)
    .filter(
      (name) =>
        (name.startsWith('keyring') || name === RECOVERY_FILE) &&
        !name.endsWith('.tmp') &&
        PART_NAME.test(name),
    )
    .filter((name) => statSync(join(dataDir, name)).isFile())
    .sort();
}

export function tableCounts(db: Db): Record<string, number> {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
  return Object.fromEntries(
    tables.map((t) => [
      t,
      db
        .prepare(`SELECT count(*) FROM "${t.replace(/"/g, '""')}"`)
        .pluck()
        .get() as number,
    ]),
  );
}

/** `ok` or the first problems SQLite names. */
function integrity(db: Db): string[] {
  const rows = db.pragma('integrity_check', { simple: false }) as { integrity_check: string }[];
  return rows.map((r) => r.integrity_check).filter((r) => r !== 'ok');
}

function syncDir(dir: string): void {
  // Makes the rename itself durable; not every platform lets a folder be opened (Windows).
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    /* best effort */
  }
}

/**
 * A consistent copy of the live database at page level. A read transaction on this connection pins
 * one snapshot: in WAL mode no checkpoint can copy frames newer than it into the database file, and
 * the WAL cannot be restarted under it, so the database file and the WAL copied meanwhile hold that
 * snapshot (plus, at most, whole transactions committed later, each with its commit frame; a frame
 * being appended fails its checksum and is ignored, as after a crash). The pages are copied as they
 * are — still encrypted with the data key — then the copy's WAL is folded into it. This replaced
 * `VACUUM INTO`, which rebuilds every table and index (8 s of 14 on 150,000 screenings); SQLite's
 * backup API cannot write a plain file from an encrypted source.
 */
function copySnapshot(db: Db, target: string, dataKey: Buffer): void {
  const source = db.name;
  db.exec('BEGIN');
  try {
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    copyFileSync(source, target);
    if (existsSync(`${source}-wal`)) copyFileSync(`${source}-wal`, `${target}-wal`);
  } finally {
    db.exec('COMMIT');
  }
  const copy = openDatabase(target, dataKey, { raw: true });
  try {
    copy.pragma('wal_checkpoint(TRUNCATE)');
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
}

/** Leftovers of a backup a crash cut short: snapshots in the data folder, partial files beside a target. */
export function removeLeftovers(dataDir: string, out?: string): void {
  rmSync(join(dataDir, STAGING_DIR), { recursive: true, force: true });
  if (!out) return;
  const dir = dirname(out);
  const prefix = basename(out) + PARTIAL_MARK;
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) if (name.startsWith(prefix)) rmSync(join(dir, name), { force: true });
}

/**
 * A consistent copy of the running database, packed with the keyring into one file, then checked.
 * The snapshot is a page-level copy under a read transaction (writers carry on meanwhile) and stays
 * encrypted with the same key. The file
 * is written under a temporary name in the destination folder, synced, then renamed, so a crash
 * leaves the previous backup and never a partial file under the final name.
 */
export function createBackup(
  db: Db,
  dataDir: string,
  dataKey: Buffer,
  out: string,
  onStep?: OnStep,
  now: Date = new Date(),
): BackupResult {
  out = resolve(out);
  try {
    return writeBackup(db, dataDir, dataKey, out, onStep, now);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    // A missing USB stick, a full disk, a read-only share: say which folder and what to do.
    if (!(error instanceof AppError) && typeof code === 'string' && /^E[A-Z]+$/.test(code))
      throw new AppError(
        'backup_failed',
        `The backup could not be written to ${dirname(out)} (${code}). Check that the folder exists, is writable and has room (USB stick plugged in, network share reachable), or choose another folder.`,
      );
    throw error;
  }
}

function writeBackup(
  db: Db,
  dataDir: string,
  dataKey: Buffer,
  out: string,
  onStep: OnStep | undefined,
  now: Date,
): BackupResult {
  if (existsSync(out) && statSync(out).isDirectory())
    throw new AppError('invalid_input', `The backup target is a folder, not a file: ${out}`);
  mkdirSync(dirname(out), { recursive: true });
  removeLeftovers(dataDir, out);
  const staging = join(dataDir, STAGING_DIR, randomBytes(6).toString('hex'));
  mkdirSync(staging, { recursive: true, mode: 0o700 });
  const partial = out + PARTIAL_MARK + randomBytes(6).toString('hex');
  try {
    onStep?.(0, STEPS);
    const snapshot = join(staging, DATABASE_FILE);
    copySnapshot(db, snapshot, dataKey);
    const checked = openDatabase(snapshot, dataKey, { readonly: true });
    let counts: Record<string, number>;
    let version: number;
    try {
      const problems = integrity(checked);
      if (problems.length)
        throw new AppError('backup_failed', `The snapshot failed SQLite's integrity check: ${problems[0]}`);
      counts = tableCounts(checked);
      version = schemaVersion(checked);
    } finally {
      checked.close();
    }
    onStep?.(1, STEPS);
    const keyrings = keyringFiles(dataDir).map((name) => ({
      name,
      bytes: readFileSync(join(dataDir, name)),
    }));
    const createdAt = now.toISOString();
    const sizes: Record<string, number> = { [DATABASE_FILE]: statSync(snapshot).size };
    for (const k of keyrings) sizes[k.name] = k.bytes.length;
    writeTar(partial, [
      { name: DATABASE_FILE, file: snapshot },
      ...keyrings,
      {
        name: MANIFEST_FILE,
        bytes: (hashes) => {
          const manifest: BackupManifest = {
            format: 'anxin-backup',
            formatVersion: 1,
            appVersion: pkg.version,
            schemaVersion: version,
            createdAt,
            org: readOrg(dataDir),
            counts,
            parts: Object.keys(sizes).map((name) => ({ name, size: sizes[name]!, sha256: hashes[name]! })),
          };
          return Buffer.from(JSON.stringify(manifest, null, 2), 'utf8');
        },
      },
      { name: MANIFEST_HASH_FILE, bytes: (hashes) => Buffer.from(`${hashes[MANIFEST_FILE]}\n`, 'ascii') },
    ]);
    renameSync(partial, out);
    syncDir(dirname(out));
    onStep?.(2, STEPS);
    // The bytes on disk are read back and hashed: equal to the snapshot that passed the integrity
    // check and was counted, so unpacking and checking it again would prove nothing more.
    const { manifest } = verifyContainer(out);
    onStep?.(3, STEPS);
    return {
      file: out,
      bytes: statSync(out).size,
      createdAt,
      schemaVersion: manifest.schemaVersion,
      counts: manifest.counts,
      verified: true,
    };
  } finally {
    rmSync(staging, { recursive: true, force: true });
    rmSync(partial, { force: true });
    try {
      rmdirSync(dirname(staging));
    } catch {
      // Another backup is making its snapshot there.
    }
  }
}

export interface OpenedBackup {
  manifest: BackupManifest;
  entries: Map<string, TarEntry>;
}

/** Checks the container: readable, a manifest, every part present with its size and sha256. */
export function verifyContainer(file: string): OpenedBackup {
  if (!existsSync(file)) throw new AppError('not_found', `No backup file at ${file}.`);
  const fd = openSync(file, 'r');
  try {
    const entries = new Map(listTar(fd).map((e) => [e.name, e]));
    const manifestEntry = entries.get(MANIFEST_FILE);
    if (!manifestEntry)
      throw new AppError('backup_damaged', 'This file has no manifest.json: not an Anxin backup.', {
        part: MANIFEST_FILE,
      });
    const hashEntryOfManifest = entries.get(MANIFEST_HASH_FILE);
    const manifestBytes = readEntry(fd, manifestEntry);
    if (
      !hashEntryOfManifest ||
      readEntry(fd, hashEntryOfManifest).toString('ascii').trim() !== sha256(manifestBytes)
    )
      throw new AppError(
        'backup_damaged',
        'The backup manifest (manifest.json) has been changed or damaged.',
        {
          part: MANIFEST_FILE,
        },
      );
    let manifest: BackupManifest;
    try {
      manifest = manifestSchema.parse(JSON.parse(manifestBytes.toString('utf8')));
    } catch {
      throw new AppError('backup_damaged', 'The backup manifest (manifest.json) is damaged.', {
        part: MANIFEST_FILE,
      });
    }
    if (!manifest.parts.some((p) => p.name === DATABASE_FILE))
      throw new AppError('backup_damaged', 'The backup has no database.', { part: DATABASE_FILE });
    for (const part of manifest.parts) {
      const entry = entries.get(part.name);
      if (!entry)
        throw new AppError('backup_damaged', `The backup lacks the part ${part.name}.`, { part: part.name });
      if (entry.size !== part.size || hashEntry(fd, entry) !== part.sha256)
        throw new AppError(
          'backup_damaged',
          `The part ${part.name} of the backup has been changed or damaged (its sha256 does not match the manifest).`,
          { part: part.name },
        );
    }
    return { manifest, entries };
  } finally {
    closeSync(fd);
  }
}

/** Copies the named parts out of the backup into `dir`. */
function unpack(file: string, opened: OpenedBackup, dir: string): void {
  const fd = openSync(file, 'r');
  try {
    for (const part of opened.manifest.parts) {
      const target = openSync(join(dir, part.name), 'wx', 0o600);
      try {
        if (hashEntry(fd, opened.entries.get(part.name)!, target) !== part.sha256)
          throw new AppError('backup_damaged', `The part ${part.name} changed while it was read.`, {
            part: part.name,
          });
        fsyncSync(target);
      } finally {
        closeSync(target);
      }
    }
  } finally {
    closeSync(fd);
  }
}

/** How the backup's own keyring is unlocked: a password of a user in it, or its recovery code. */
export type BackupSecret = { username: string; password: string } | { recoveryCode: string };

async function unlockUnpacked(dir: string, secret: BackupSecret): Promise<Buffer> {
  try {
    const opened =
      'recoveryCode' in secret
        ? await unlockWithRecoveryCode(dir, secret.recoveryCode)
        : await unlockWithPassword(dir, secret.username, secret.password);
    // A backup holds one database on one key: the current one (a rotation finishes before it ends).
    for (const k of [...opened.dataKeys.slice(1), ...opened.clinicalKeys]) k.fill(0);
    return opened.dataKeys[0]!;
  } catch (error) {
    if (error instanceof AppError && error.code === 'wrong_password')
      throw new AppError(
        'wrong_password',
        'recoveryCode' in secret
          ? 'This recovery code does not belong to this backup.'
          : 'The user name or password does not open this backup (use a password that was valid when it was made).',
      );
    throw error;
  }
}

/** Opens the unpacked database read-only and checks it against the manifest. */
function checkUnpacked(dir: string, key: Buffer, manifest: BackupManifest): void {
  const db = openDatabase(join(dir, DATABASE_FILE), key, { readonly: true });
  try {
    const problems = integrity(db);
    if (problems.length)
      throw new AppError(
        'backup_damaged',
        `The backup's database failed the integrity check: ${problems[0]}`,
        {
          part: DATABASE_FILE,
        },
      );
    const counts = tableCounts(db);
    for (const [table, n] of Object.entries(manifest.counts))
      if (counts[table] !== n)
        throw new AppError(
          'backup_damaged',
          `The backup's table ${table} holds ${counts[table] ?? 0} rows; the manifest says ${n}.`,
          { part: DATABASE_FILE },
        );
    if (schemaVersion(db) !== manifest.schemaVersion)
      throw new AppError('backup_damaged', 'The backup database schema does not match its manifest.', {
        part: DATABASE_FILE,
      });
  } finally {
    db.close();
  }
}

export interface VerifyResult {
  ok: true;
  file: string;
  createdAt: string;
  appVersion: string;
  schemaVersion: number;
  org: BackupManifest['org'];
  counts: Record<string, number>;
  parts: { name: string; size: number }[];
  /** True when the database was opened and checked (a password or the recovery code was given). */
  databaseChecked: boolean;
}

/** Without a secret: the container and every hash. With one: also opens the database, integrity_check and counts. */
export async function verifyBackup(file: string, secret?: BackupSecret): Promise<VerifyResult> {
  const opened = verifyContainer(resolve(file));
  const { manifest } = opened;
  if (secret) {
    const dir = mkdtempSync(join(tmpdir(), 'anxin-verify-'));
    try {
      unpack(file, opened, dir);
      const key = await unlockUnpacked(dir, secret);
      try {
        checkUnpacked(dir, key, manifest);
      } finally {
        key.fill(0);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return {
    ok: true,
    file: resolve(file),
    createdAt: manifest.createdAt,
    appVersion: manifest.appVersion,
    schemaVersion: manifest.schemaVersion,
    org: manifest.org,
    counts: manifest.counts,
    parts: manifest.parts.map(({ name, size }) => ({ name, size })),
    databaseChecked: secret !== undefined,
  };
}

export interface RestoreResult {
  dataDir: string;
  /** Where the data that was there before now is (null when the folder held none). */
  safetyCopy: string | null;
  schemaVersion: number;
  counts: Record<string, number>;
  createdAt: string;
}

/** The files that make up a data folder's data: the database with its WAL files and every keyring file. */
function dataFiles(dataDir: string): string[] {
  if (!existsSync(dataDir)) return [];
  const db = [DATABASE_FILE, `${DATABASE_FILE}-wal`, `${DATABASE_FILE}-shm`].filter((n) =>
    existsSync(join(dataDir, n)),
  );
  return [...db, ...keyringFiles(dataDir)];
}

const stamp = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');

/**
 * Restores a backup into `dataDir`, empty or holding data. The backup is checked, unlocked with a
 * secret of its own keyring, checked again as a database and migrated (an older schema) in a
 * staging folder inside `dataDir` first; only then are the current files moved aside into
 * `dataDir/safety/before-restore-<time>/` and the restored ones moved in. Moves inside one folder
 * are renames on one disk: instant for a large database, and the folder the app is configured
 * with (ANXIN_DATA_DIR, Electron's userData) stays where it is. The caller must have closed every
 * connection to the current database.
 */
export async function restoreBackup(
  file: string,
  dataDir: string,
  secret: BackupSecret,
  options: { onStep?: OnStep; now?: Date; beforeSwap?: () => Promise<void> | void } = {},
): Promise<RestoreResult> {
  const { onStep, now = new Date() } = options;
  dataDir = resolve(dataDir);
  onStep?.(0, STEPS);
  const opened = verifyContainer(resolve(file));
  const { manifest } = opened;
  if (manifest.schemaVersion > latestSchemaVersion)
    throw new AppError(
      'backup_newer_schema',
      `This backup was made by a newer version of Anxin (schema ${manifest.schemaVersion}; this version knows ${latestSchemaVersion}). Update Anxin first.`,
    );
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const staging = join(dataDir, `.restore-${randomBytes(6).toString('hex')}`);
  mkdirSync(staging, { mode: 0o700 });
  try {
    unpack(file, opened, staging);
    onStep?.(1, STEPS);
    const key = await unlockUnpacked(staging, secret);
    try {
      checkUnpacked(staging, key, manifest);
      // The real schema, not the manifest's word, decides; an older one is migrated here, before anything is moved.
      const db = openDatabase(join(staging, DATABASE_FILE), key);
      try {
        // Recorded in the data that goes on, by the backup's own user id for the name that unlocked it.
        const account =
          'username' in secret
            ? (db
                .prepare('SELECT id, role, active FROM users WHERE lower(username) = lower(?)')
                .get(secret.username) as { id: number; role: Role; active: number } | undefined)
            : undefined;
        // A password restores only for whom the contract allows it (an administrator then); the
        // recovery code stands for the organisation and needs no role.
        if ('username' in secret && (!account?.active || !can(account.role, 'backup.restore')))
          throw new AppError('forbidden', 'Only an administrator of the backup may restore it.');
        const userId = account?.id ?? null;
        audit(db, userId, 'backup.restore', undefined, {
          backupCreatedAt: manifest.createdAt,
          schemaVersion: manifest.schemaVersion,
          with: 'username' in secret ? 'password' : 'recovery-code',
        });
      } finally {
        db.close();
      }
    } finally {
      key.fill(0);
    }
    onStep?.(2, STEPS);
    // Only a backup proven good ends the running session (the app closes its connections here).
    await options.beforeSwap?.();
    const current = dataFiles(dataDir);
    let safetyCopy: string | null = null;
    if (current.length) {
      safetyCopy = join(dataDir, 'safety', `before-restore-${stamp(now)}`);
      mkdirSync(safetyCopy, { recursive: true, mode: 0o700 });
      for (const name of current) renameSync(join(dataDir, name), join(safetyCopy, name));
    }
    for (const name of readdirSync(staging)) renameSync(join(staging, name), join(dataDir, name));
    syncDir(dataDir);
    onStep?.(3, STEPS);
    return {
      dataDir,
      safetyCopy,
      schemaVersion: latestSchemaVersion,
      counts: manifest.counts,
      createdAt: manifest.createdAt,
    };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
