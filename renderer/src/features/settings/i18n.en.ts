import type { Messages } from '../../i18n/messages';

export const backupEn: Messages['backup'] = {
  title: 'Backup and restore',
  subtitle:
    'Back up all data (the encrypted database and its key file) to a USB stick or a network share, and restore it when needed',
  loadFailed: 'Could not load the backup status',
  statusTitle: 'Backup status',
  last: 'Last backup:',
  never: 'never',
  lastAgo: '{{date}} ({{days}} days ago)',
  staleTitle: 'The backup is out of date',
  staleBody:
    'No backup for more than 7 days, or none at all. If the disk fails or the PC is lost, data without a backup cannot be recovered. Back up now.',
  lastErrorTitle: 'The backup of {{date}} failed',
  running: 'Backing up and verifying…',
  now: 'Back up now',
  done: 'Backed up and verified: {{file}}',
  chooseFolderFirst: 'Choose a backup folder below first.',
  settingsTitle: 'Backup folder and schedule',
  folder: 'Backup folder',
  folderHint: 'For example a USB stick (E:\\Anxin backups) or a network share; backup files are encrypted.',
  schedule: 'Automatic backup',
  rotationHint:
    'Automatic backups keep one a day for the last 7 days, one a week for the last 4 weeks and one a month for the last 12 months; older ones are deleted.',
  schedules: { off: 'Off', daily: 'Daily', weekly: 'Weekly' },
  saved: 'Backup settings saved',
  restoreTitle: 'Restore from a backup',
  restoreBody:
    'Replaces the current data with a backup. The current data is not deleted: it moves to the safety folder inside the data folder. You need a password that was valid when the backup was made, or its recovery code. You log in again afterwards.',
  file: 'Backup file path (.anxinbak)',
  withPassword: 'With a password',
  withCode: 'With the recovery code',
  username: 'User name',
  password: 'Password (valid when the backup was made)',
  recoveryCode: 'Recovery code',
  restore: 'Restore…',
  confirmTitle: 'Replace the current data with this backup?',
  confirmBody:
    'All current data will be replaced with {{file}}. The current data is first moved to the safety folder; you will be logged out when the restore is done.',
  confirmCheck: 'I understand the current data will be replaced (the old data is kept in the safety folder)',
  confirmRestore: 'Replace and restore',
  restoring: 'Verifying and restoring…',
  restored: 'Restored. The previous data is kept in: {{folder}}. Please log in again.',
};
