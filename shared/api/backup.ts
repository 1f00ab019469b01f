import { z } from 'zod';

/** The 上次备份 status turns to a warning after this many days, or when there has never been one. */
export const STALE_AFTER_DAYS = 7;

export const backupScheduleSchema = z.enum(['off', 'daily', 'weekly']);

export const backupSettingsSchema = z.object({
  /** The folder automatic backups go to (a USB stick, a network share); null when none is chosen. */
  folder: z.string().trim().max(1024).nullable(),
  schedule: backupScheduleSchema,
});
export type BackupSettings = z.infer<typeof backupSettingsSchema>;

export const backupStatusSchema = backupSettingsSchema.extend({
  lastAt: z.string().nullable(),
  lastFile: z.string().nullable(),
  lastBytes: z.number().nullable(),
  /** No backup yet, or the last one is older than STALE_AFTER_DAYS. */
  stale: z.boolean(),
  lastError: z.object({ at: z.string(), code: z.string(), message: z.string() }).nullable(),
});
export type BackupStatus = z.infer<typeof backupStatusSchema>;

export const backupCreateInputSchema = z.object({
  /** Another folder than the configured one (a one-off copy); the dated name is chosen by the app. */
  folder: z.string().trim().min(1).max(1024).optional(),
});

export const backupResultSchema = z.object({
  file: z.string(),
  bytes: z.number(),
  createdAt: z.string(),
  schemaVersion: z.number().int(),
  counts: z.record(z.string(), z.number().int()),
  verified: z.literal(true),
  removed: z.array(z.string()),
});

export const backupRestoreInputSchema = z.union([
  z.object({
    file: z.string().trim().min(1).max(1024),
    username: z.string().trim().min(1).max(64),
    password: z.string().min(1).max(256),
  }),
  z.object({ file: z.string().trim().min(1).max(1024), recoveryCode: z.string().trim().min(1).max(64) }),
]);

export const backupRestoreResultSchema = z.object({
  safetyCopy: z.string().nullable(),
  createdAt: z.string(),
  counts: z.record(z.string(), z.number().int()),
  /** The session has ended: the restored data is opened by logging in again. */
  loggedOut: z.literal(true),
});
