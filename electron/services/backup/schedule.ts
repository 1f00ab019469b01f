import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { BackupSettings, BackupStatus } from '../../../shared/api/backup';
import { STALE_AFTER_DAYS } from '../../../shared/api/backup';
import { refusal } from '../../../shared/api/errors';
import type { Db } from '../../db/database';
import { parseJsonColumn } from '../../db/json-column';
import { audit } from '../audit';
import { getSetting, setSetting } from '../settings';
import { BACKUP_EXTENSION, createBackup, type BackupResult } from './backup';

const FOLDER = 'backup.folder';
const SCHEDULE = 'backup.schedule';
const LAST = 'backup.last';
const LAST_ERROR = 'backup.lastError';

const DAY_MS = 86_400_000;
/** A little under a day or a week, so a PC started at the same hour each morning still backs up daily. */
const INTERVAL_MS = { daily: DAY_MS - 4 * 3_600_000, weekly: 7 * DAY_MS - 4 * 3_600_000 } as const;
/** How many of each a folder of automatic backups keeps (newest of each day, ISO week, month). */
export const KEEP = { daily: 7, weekly: 4, monthly: 12 } as const;

export function backupSettings(db: Db): BackupSettings {
  const schedule = getSetting(db, SCHEDULE);
  return {
    folder: getSetting(db, FOLDER),
    schedule: schedule === 'daily' || schedule === 'weekly' ? schedule : 'off',
  };
}

export function saveBackupSettings(db: Db, userId: number, input: BackupSettings): BackupSettings {
  db.transaction(() => {
    setSetting(db, FOLDER, input.folder ?? '');
    setSetting(db, SCHEDULE, input.schedule);
    audit(db, userId, 'backup.settings', undefined, { schedule: input.schedule });
  })();
  return backupSettings(db);
}

const lastBackupSetting = z.object({ at: z.string(), file: z.string(), bytes: z.number() });
const lastErrorSetting = z.object({ at: z.string(), code: z.string(), message: z.string() });

/** A status setting, or null when absent or unreadable: the status screen shows no backup rather than fail. */
function readJson<S extends z.ZodType>(db: Db, key: string, schema: S): z.output<S> | null {
  const value = getSetting(db, key);
  if (!value) return null;
  try {
    return parseJsonColumn(schema, value, `setting ${key}`);
  } catch {
    return null;
  }
}

export function backupStatus(db: Db, now: Date = new Date()): BackupStatus {
  const settings = backupSettings(db);
  const last = readJson(db, LAST, lastBackupSetting);
  const lastError = readJson(db, LAST_ERROR, lastErrorSetting);
  const ageDays = last ? (now.getTime() - Date.parse(last.at)) / DAY_MS : null;
  return {
    ...settings,
    folder: settings.folder || null,
    lastAt: last?.at ?? null,
    lastFile: last?.file ?? null,
    lastBytes: last?.bytes ?? null,
    stale: ageDays === null || ageDays > STALE_AFTER_DAYS,
    lastError: lastError && (!last || lastError.at > last.at) ? lastError : null,
  };
}

export function recordBackup(db: Db, userId: number | null, result: BackupResult, scheduled: boolean): void {
  db.transaction(() => {
    setSetting(db, LAST, JSON.stringify({ at: result.createdAt, file: result.file, bytes: result.bytes }));
    audit(db, userId, 'backup.create', undefined, { bytes: result.bytes, scheduled });
  })();
}

export function recordBackupError(db: Db, error: { code: string; message: string }, now = new Date()): void {
  setSetting(
    db,
    LAST_ERROR,
    JSON.stringify({ at: now.toISOString(), code: error.code, message: error.message }),
  );
}

const pad = (n: number) => String(n).padStart(2, '0');
const NAME = /^anxin-backup-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})\.anxinbak$/;

/** `anxin-backup-YYYYMMDD-HHMMSS.anxinbak` in local time: sorts by name, reads at a glance. */
export function scheduledName(at: Date): string {
  return (
    `anxin-backup-${at.getFullYear()}${pad(at.getMonth() + 1)}${pad(at.getDate())}-` +
    `${pad(at.getHours())}${pad(at.getMinutes())}${pad(at.getSeconds())}${BACKUP_EXTENSION}`
  );
}

function parseName(name: string): Date | null {
  const m = NAME.exec(name);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
  return new Date(y!, mo! - 1, d!, h!, mi!, s!);
}

/** The ISO week a date falls in, as `YYYY-Www` (weeks start on Monday; week 1 holds the first Thursday). */
function isoWeek(date: Date): string {
  const d = new Date(Date.UTC(date.getFullYear(), date.getMonth(), date.getDate()));
  d.setUTCDate(d.getUTCDate() + 4 - (d.getUTCDay() || 7));
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((d.getTime() - yearStart) / DAY_MS + 1) / 7);
  return `${d.getUTCFullYear()}-W${pad(week)}`;
}

/**
 * Which automatic backups to keep, as restic's --keep-daily/weekly/monthly count: the newest of
 * each of the last 7 days that have one, of the last 4 ISO weeks and of the last 12 months. Gaps
 * (a holiday, a forgotten USB stick) never make older backups go; the newest is always kept.
 */
export function backupsToKeep(names: string[]): Set<string> {
  const dated = names
    .map((name) => ({ name, at: parseName(name) }))
    .filter((b): b is { name: string; at: Date } => b.at !== null)
    .sort((a, b) => b.at.getTime() - a.at.getTime());
  const keep = new Set<string>();
  if (dated[0]) keep.add(dated[0].name);
  const buckets: [number, (d: Date) => string][] = [
    [KEEP.daily, (d) => `${d.getFullYear()}-${d.getMonth()}-${d.getDate()}`],
    [KEEP.weekly, isoWeek],
    [KEEP.monthly, (d) => `${d.getFullYear()}-${d.getMonth()}`],
  ];
  for (const [count, bucketOf] of buckets) {
    const seen = new Set<string>();
    for (const b of dated) {
      const bucket = bucketOf(b.at);
      if (seen.has(bucket)) continue;
      if (seen.size >= count) break;
      seen.add(bucket);
      keep.add(b.name);
    }
  }
  return keep;
}

/** Deletes the automatic backups the rotation no longer keeps; files of other names are never touched. */
export function rotateBackups(folder: string): string[] {
  if (!existsSync(folder)) return [];
  const names = readdirSync(folder).filter((n) => NAME.test(n));
  const keep = backupsToKeep(names);
  const removed = names.filter((n) => !keep.has(n));
  for (const name of removed) rmSync(join(folder, name), { force: true });
  return removed;
}

export function backupDue(db: Db, now: Date = new Date()): boolean {
  const { folder, schedule } = backupSettings(db);
  if (!folder || schedule === 'off') return false;
  const last = backupStatus(db, now).lastAt;
  return !last || now.getTime() - Date.parse(last) >= INTERVAL_MS[schedule];
}

/** A backup into the configured folder under a dated name, then rotation; records the outcome either way. */
export function backupToFolder(
  db: Db,
  dataDir: string,
  dataKey: Buffer,
  userId: number | null,
  options: {
    folder?: string;
    scheduled?: boolean;
    now?: Date;
    onStep?: (done: number, total: number) => void;
  } = {},
): BackupResult & { removed: string[] } {
  const now = options.now ?? new Date();
  const configured = backupSettings(db).folder;
  const folder = options.folder ?? configured;
  if (!folder) throw refusal('invalid_input', 'backup.no_folder', 'Choose a backup folder first.');
  try {
    const result = createBackup(db, dataDir, dataKey, join(folder, scheduledName(now)), options.onStep, now);
    recordBackup(db, userId, result, options.scheduled ?? false);
    // Only the configured folder of dated automatic backups is rotated.
    const removed = folder === configured ? rotateBackups(folder) : [];
    return { ...result, removed };
  } catch (error) {
    const e = error as { code?: string; message?: string };
    recordBackupError(db, { code: e.code ?? 'internal', message: e.message ?? String(error) }, now);
    throw error;
  }
}
