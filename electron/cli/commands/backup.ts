import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { can } from '../../../shared/api/contract';
import { AppError } from '../../../shared/api/errors';
import { createBackup, restoreBackup, verifyBackup, type BackupSecret } from '../../services/backup/backup';
import { recordBackup, scheduledName } from '../../services/backup/schedule';
import { defaultDataDir } from '../../services/paths';
import { unlockWithPassword } from '../../services/keyring';
import { entryFits, openWithKeys } from '../../services/session-keys';
import { findActiveUser } from '../../services/users';
import { optionalString, requireString, type CliValues } from '../args';
import type { Command } from './types';

/** A progress line on a terminal's stderr (stdout keeps the stable JSON). */
function progressLine(what: string): ((done: number, total: number) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  return (done, total) => {
    const width = 20;
    const filled = Math.round((done / Math.max(total, 1)) * width);
    process.stderr.write(`\r${what} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
    if (done >= total) process.stderr.write('\n');
  };
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** The backup's own secret: `--recovery-code`, or ANXIN_PASSWORD for `--user` (default admin); secrets never as arguments but the code. */
function backupSecret(values: CliValues, required: boolean): BackupSecret | undefined {
  const recoveryCode = optionalString(values, 'recovery-code');
  if (recoveryCode) return { recoveryCode };
  const password = process.env.ANXIN_PASSWORD;
  if (password) return { username: optionalString(values, 'user') ?? 'admin', password };
  if (required)
    throw new AppError(
      'unauthenticated',
      'Give --recovery-code, or set ANXIN_PASSWORD (and --user if not admin) to a password of the backup.',
    );
  return undefined;
}

function backupFileArg(positionals: string[]): string {
  const file = positionals[0];
  if (!file) throw new AppError('invalid_input', 'Name the backup file: anxin backup verify FILE.');
  return resolve(file);
}

/**
 * The administrator's password opens the data for a backup without a full log-in: a backup only
 * reads, so it skips the log-in's repair passes (taking back an interrupted import, flagging
 * critical answers), which on 150,000 screenings cost more than the backup itself. The role is
 * checked against the contract's `backup.create`, as the dispatcher would.
 */
async function unlockForBackup(values: CliValues) {
  const password = process.env.ANXIN_PASSWORD;
  if (!password)
    throw new AppError('unauthenticated', 'Set ANXIN_PASSWORD (and --user if not admin) to unlock the data.');
  const username = optionalString(values, 'user') ?? 'admin';
  const dataDir = optionalString(values, 'data-dir') ?? defaultDataDir();
  const unlocked = await unlockWithPassword(dataDir, username, password);
  const { db, dataKey } = openWithKeys(dataDir, unlocked);
  for (const k of [...unlocked.dataKeys, ...unlocked.clinicalKeys]) if (k !== dataKey) k.fill(0);
  const found = findActiveUser(db, username);
  const user = found && entryFits(db, found, unlocked) ? found : null;
  if (!user || !can(user.role, 'backup.create')) {
    db.close();
    dataKey.fill(0);
    throw user
      ? new AppError('forbidden', 'Only an administrator may make a backup.')
      : new AppError('wrong_password', 'The user name or password is not correct.');
  }
  return { db, dataDir, dataKey, user };
}

export const backupCreateCommand: Command = {
  name: 'backup create',
  usage:
    'anxin backup create --data-dir DIR --out FILE|FOLDER [--user NAME] [--json]   (password from ANXIN_PASSWORD)',
  async run({ values }) {
    let out = resolve(requireString(values, 'out'));
    // A folder gets the same dated name as the automatic backups.
    if (existsSync(out) && statSync(out).isDirectory()) out = join(out, scheduledName(new Date()));
    const { db, dataDir, dataKey, user } = await unlockForBackup(values);
    try {
      const result = createBackup(db, dataDir, dataKey, out, progressLine('备份 Backup'));
      recordBackup(db, user.id, result, false);
      return {
        json: result,
        text: `已备份并校验 / Backed up and verified: ${result.file} (${mb(result.bytes)})`,
      };
    } finally {
      db.close();
      dataKey.fill(0);
    }
  },
};

export const backupVerifyCommand: Command = {
  name: 'backup verify',
  usage:
    'anxin backup verify FILE [--recovery-code C | --user NAME] [--json]   (with ANXIN_PASSWORD or the code: also opens the database)',
  async run({ positionals, values }) {
    const result = await verifyBackup(backupFileArg(positionals), backupSecret(values, false));
    return {
      json: result,
      text: [
        `备份完好 / Backup intact: ${result.file}`,
        `创建于 / Made: ${result.createdAt}   版本 / Schema: ${result.schemaVersion}   机构 / Organisation: ${result.org?.name ?? ''}`,
        result.databaseChecked
          ? '数据库已打开并通过完整性检查，数量与清单一致 / Database opened, integrity_check ok, counts match.'
          : '已核对各部分的 sha256；给出密码或恢复码可同时检查数据库 / Parts match their sha256; give a password or the recovery code to check the database too.',
      ].join('\n'),
    };
  },
};

export const backupRestoreCommand: Command = {
  name: 'backup restore',
  usage:
    'anxin backup restore FILE --data-dir DIR [--recovery-code C | --user NAME] [--json]   (password from ANXIN_PASSWORD)',
  async run({ positionals, values }) {
    const file = backupFileArg(positionals);
    const dataDir = optionalString(values, 'data-dir') ?? defaultDataDir();
    const result = await restoreBackup(file, dataDir, backupSecret(values, true)!, {
      onStep: progressLine('恢复 Restore'),
    });
    return {
      json: result,
      text: [
        `已恢复 / Restored into ${result.dataDir} (备份时间 / made ${result.createdAt})`,
        result.safetyCopy
          ? `原有数据已移至 / The data that was there is kept in: ${result.safetyCopy}`
          : '目标文件夹原无数据 / The folder held no data before.',
      ].join('\n'),
    };
  },
};
