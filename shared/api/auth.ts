import { z } from 'zod';

export const orgTypeSchema = z.enum(['school', 'maternal']);
export type OrgType = z.infer<typeof orgTypeSchema>;

/** Every role, in the order lists show them. */
export const ROLES = ['admin', 'psychologist', 'screener', 'class_teacher', 'supervisor'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;
/** The roles whose keys open clinical content (answers, notes, records, diagnoses). */
export const CLINICAL_ROLES: readonly Role[] = ['admin', 'psychologist'];
export const isClinicalRole = (role: Role): boolean => CLINICAL_ROLES.includes(role);

export const usernameSchema = z
  .string()
  .trim()
  .min(2)
  .max(32)
  .regex(/^[\p{L}\p{N}_.-]+$/u, 'letters, digits, _ . - only');
/** The shortest password any account may have; the form's rule list states the same number. */
export const PASSWORD_MIN = 8;
export const passwordSchema = z.string().min(PASSWORD_MIN).max(256);

export const classRefSchema = z.object({
  grade: z.string().min(1).max(32),
  className: z.string().min(1).max(32),
});
export type ClassRef = z.infer<typeof classRefSchema>;

/** What renewing the keys after a deactivation or downgrade came to. */
export const keyRenewalSchema = z.object({
  /** False when the database was busy: the keys are renewed at the next administrator log-in. */
  rotated: z.boolean(),
  /** A new recovery code, shown once, when the old one could not be given the new keys. */
  recoveryCode: z.string().nullable(),
  /** Accounts (format-1 entries) that could not be given the new keys: they need a new password. */
  usersNeedingReset: z.array(z.string()),
});
export type KeyRenewal = z.infer<typeof keyRenewalSchema>;

export const userSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  /** For a class teacher: the classes they may see. */
  classes: z.array(classRefSchema).default([]),
});

export const newUserSchema = z.object({
  username: usernameSchema,
  displayName: z.string().trim().min(1).max(64),
  role: roleSchema,
  password: passwordSchema,
  classes: z.array(classRefSchema).max(50).default([]),
});
export type NewUser = z.infer<typeof newUserSchema>;
export type User = z.infer<typeof userSchema>;

export const orgSchema = z.object({ type: orgTypeSchema, name: z.string() });
export type Org = z.infer<typeof orgSchema>;

export const appStatusSchema = z.object({
  setUp: z.boolean(),
  org: orgSchema.nullable(),
  user: userSchema.nullable(),
  transport: z.enum(['ipc', 'http']),
  /**
   * `missing` / `damaged`: the folder holds a database but its keyring.json cannot be used (and
   * its .bak neither); the UI offers recovery with the code or a restore, never first-run setup.
   */
  keyring: z.enum(['ok', 'missing', 'damaged']),
  /** The file the keyring problem is about, to name it on screen. */
  keyringFile: z.string().nullable(),
  /** The staff session locked after the idle limit (the station, if any, keeps running). */
  locked: z.boolean(),
  /** Minutes without input before the staff screen locks (0 = never); null when nobody is logged in. */
  idleMinutes: z.number().nullable(),
});
export type AppStatus = z.infer<typeof appStatusSchema>;

export const setupInputSchema = z.object({
  orgType: orgTypeSchema,
  orgName: z.string().trim().min(1).max(100),
  username: usernameSchema,
  displayName: z.string().trim().min(1).max(64),
  password: passwordSchema,
});
export type SetupInput = z.infer<typeof setupInputSchema>;

/** Minutes of no input before staff screens lock; 0 turns it off. */
// Fractions are allowed so a test can lock within seconds; the settings screen offers whole minutes.
export const idleMinutesSchema = z.number().min(0).max(240);
