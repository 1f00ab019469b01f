import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { handlers } from '../../electron/api/handlers';
import { startBackupScheduler } from '../../electron/backend/backup-scheduler';
import {
  backupDue,
  backupsToKeep,
  backupStatus,
  backupToFolder,
  saveBackupSettings,
  scheduledName,
} from '../../electron/services/backup/schedule';
import { closeSession } from '../../electron/services/context';
import { fails, ok, setUpApp } from '../helpers/app';
import { useTempDirs } from '../helpers/temp';

const tempDir = useTempDirs();
/** Local time, as the automatic backups are named. */
const at = (y: number, m: number, d: number, h = 2) => new Date(y, m - 1, d, h, 0, 0);

describe('rotation of automatic backups', () => {
  test('a year of daily backups keeps 7 daily, 4 weekly and 12 monthly (20 files)', () => {
    const names: string[] = [];
    for (let day = at(2026, 1, 1); day <= at(2026, 12, 31); day = new Date(day.getTime() + 86_400_000))
      names.push(scheduledName(at(day.getFullYear(), day.getMonth() + 1, day.getDate())));
    expect(names).toHaveLength(365);
    const kept = [...backupsToKeep(names)].map((n) => n.slice(13, 21)).sort();
    expect(kept).toEqual([
      '20260131',
      '20260228',
      '20260331',
      '20260430',
      '20260531',
      '20260630',
      '20260731',
      '20260831',
      '20260930',
      '20261031',
      '20261130',
      // ISO weeks 50 and 51 (weeks 52 and 53 are within the 7 daily).
      '20261213',
      '20261220',
      '20261225',
      '20261226',
      '20261227',
      '20261228',
      '20261229',
      '20261230',
      '20261231',
    ]);
  });

  test('real backups on a driven clock: the folder keeps the right files, others are never touched', async () => {
    const dataDir = tempDir();
    const folder = tempDir();
    writeFileSync(join(folder, 'notes.txt'), 'kept');
    const { ctx } = await setUpApp(dataDir);
    const db = ctx.db!;
    saveBackupSettings(db, ctx.user!.id, { folder, schedule: 'daily' });
    expect(backupStatus(db, at(2026, 3, 1))).toMatchObject({ lastAt: null, stale: true });
    // 1–12 March 2026 (1 March is a Sunday), one backup a day at 02:00.
    for (let d = 1; d <= 12; d++) {
      const now = at(2026, 3, d);
      expect(backupDue(db, now)).toBe(true);
      backupToFolder(db, dataDir, ctx.dataKey!, ctx.user!.id, { now, scheduled: true });
      expect(backupDue(db, at(2026, 3, d, 20))).toBe(false);
    }
    expect(readdirSync(folder).sort()).toEqual([
      'anxin-backup-20260301-020000.anxinbak', // the newest of ISO week 9
      'anxin-backup-20260306-020000.anxinbak',
      'anxin-backup-20260307-020000.anxinbak',
      'anxin-backup-20260308-020000.anxinbak',
      'anxin-backup-20260309-020000.anxinbak',
      'anxin-backup-20260310-020000.anxinbak',
      'anxin-backup-20260311-020000.anxinbak',
      'anxin-backup-20260312-020000.anxinbak',
      'notes.txt',
    ]);
    // 上次备份: fresh for a week, then a warning.
    expect(backupStatus(db, at(2026, 3, 19, 1))).toMatchObject({
      lastAt: at(2026, 3, 12).toISOString(),
      stale: false,
      lastError: null,
    });
    expect(backupStatus(db, at(2026, 3, 19, 3)).stale).toBe(true);
    expect(backupDue(db, at(2026, 3, 13, 1))).toBe(true);
    closeSession(ctx);
  }, 120_000);

  test('the serving process backs up when due, once, and a failure shows in the status', async () => {
    const dataDir = tempDir();
    const folder = join(tempDir(), 'usb');
    const { ctx } = await setUpApp(dataDir);
    await ok(ctx, 'backup.saveSettings', { folder, schedule: 'daily' });
    const stop = startBackupScheduler(ctx, handlers, { intervalMs: 50 });
    try {
      for (let i = 0; i < 100 && !existsSync(folder); i++) await new Promise((r) => setTimeout(r, 50));
      await new Promise((r) => setTimeout(r, 500));
      expect(readdirSync(folder)).toHaveLength(1);
      const status = await ok(ctx, 'backup.status', {});
      expect(status).toMatchObject({ folder, schedule: 'daily', stale: false, lastError: null });
      expect(status.lastFile).toBe(join(folder, readdirSync(folder)[0]!));
    } finally {
      stop();
    }
    // A folder that cannot be written (a file in its place): the error is kept for the status.
    const blocked = join(tempDir(), 'blocked');
    writeFileSync(blocked, '');
    const failed = await fails(ctx, 'backup.create', { folder: join(blocked, 'sub') });
    expect(failed.code).toBe('backup_failed');
    expect(failed.message).toContain(join(blocked, 'sub'));
    expect((await ok(ctx, 'backup.status', {})).lastError).toMatchObject({ code: 'backup_failed' });
    closeSession(ctx);
  }, 60_000);

  test('roles: backup methods are for the administrator; the status also for psychologists', async () => {
    const { ctx } = await setUpApp(tempDir());
    await ok(ctx, 'users.create', {
      username: 'supervisor',
      displayName: '李督导',
      role: 'supervisor',
      password: 'supervisor-pass-1',
    });
    await ok(ctx, 'auth.login', { username: 'supervisor', password: 'supervisor-pass-1' });
    for (const method of ['backup.status', 'backup.settings', 'backup.create', 'backup.saveSettings'])
      expect(
        (await fails(ctx, method, method === 'backup.saveSettings' ? { folder: null, schedule: 'off' } : {}))
          .code,
      ).toBe('forbidden');
    closeSession(ctx);
  });
});
