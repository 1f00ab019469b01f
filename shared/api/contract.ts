import { z } from 'zod';
import {
  appStatusSchema,
  idleMinutesSchema,
  newUserSchema,
  setupInputSchema,
  userSchema,
  usernameSchema,
  passwordSchema,
  roleSchema,
  classRefSchema,
  keyRenewalSchema,
} from './auth';
import {
  instrumentDefinitionSchema,
  instrumentIdInputSchema,
  instrumentSummarySchema,
  scoreInputSchema,
  scoreResultSchema,
  tierEvaluateInputSchema,
  tierResultSchema,
  tierRuleSetSchema,
  tierSettingsSchema,
  uploadedFileSchema,
} from './instruments';
import {
  ALERT_ROLES,
  alertListInputSchema,
  alertSchema,
  campaignInputSchema,
  createdCampaignSchema,
  campaignProgressSchema,
  campaignSchema,
  personScreeningSchema,
  saveAnswerSchema,
  screeningOutcomeSchema,
  screeningSessionSchema,
  startScreeningSchema,
} from './screening';
import {
  responseImportInputSchema,
  responseImportPreviewSchema,
  responseImportSummarySchema,
} from './responses';
import { personFileSchema } from './person-file';
import {
  caseSchema,
  closeCaseSchema,
  colourInputSchema,
  followUpSchema,
  followUpIntervalsSchema,
  guardianContactSchema,
  referralInputSchema,
  referralUpdateSchema,
  interviewSchema,
  liftSchema,
  safetyCheckSchema,
  confirmInPersonSchema,
  worklistInputSchema,
  worklistItemSchema,
} from './cases';
import { dashboardInputSchema, dashboardViewSchema } from './dashboard';
import { importInputSchema, importPreviewSchema, importSummarySchema } from './imports';
import {
  exportJobIdSchema,
  exportProgressSchema,
  rosterExportDownloadSchema,
  rosterExportInputSchema,
} from './exports';
import { savedViewSchema, viewPageSchema } from './views';
import { groupReportInputSchema, groupReportSchema, referralLetterSchema } from './reports';
import {
  personCorrectionSchema,
  personGroupsSchema,
  personKindSchema,
  personListInputSchema,
  personListItemSchema,
  isoDate,
  studentInputSchema,
  studentListInputSchema,
  studentSchema,
} from './people';
import { programmeSchema } from '../instruments';
import { auditChainSchema, auditExportInputSchema, auditListInputSchema, auditPageSchema } from './audit';
import {
  backupCreateInputSchema,
  backupRestoreInputSchema,
  backupRestoreResultSchema,
  backupResultSchema,
  backupSettingsSchema,
  backupStatusSchema,
} from './backup';
import {
  checkinCodeSchema,
  checkinIssueSchema,
  networkInterfaceSchema,
  slipSchema,
  stationDecideSchema,
  stationStartSchema,
  stationStatusSchema,
} from './station';

type Access = 'public' | 'user';

interface MethodSpec<I extends z.ZodType, O extends z.ZodType> {
  input: I;
  output: O;
  access: Access;
  /** When set, only these roles may call the method (enforced in the dispatcher). */
  roles?: readonly z.infer<typeof roleSchema>[];
}

function method<I extends z.ZodType, O extends z.ZodType>(spec: MethodSpec<I, O>): MethodSpec<I, O> {
  return spec;
}

const empty = z.object({}).strict();

export const databaseInfoSchema = z.object({
  schemaVersion: z.number().int(),
  latestSchemaVersion: z.number().int(),
  counts: z.object({ users: z.number().int(), students: z.number().int() }),
  cipher: z.string(),
});
export type DatabaseInfo = z.infer<typeof databaseInfoSchema>;

/**
 * The one API of the app. Both transports (Electron IPC and loopback HTTP), the CLI
 * and the renderer derive their types from this map.
 */
export const contract = {
  'app.status': method({ input: empty, output: appStatusSchema, access: 'public' }),
  'auth.setup': method({
    input: setupInputSchema,
    output: z.object({ recoveryCode: z.string(), user: userSchema }),
    access: 'public',
  }),
  'auth.login': method({
    input: z.object({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(256) }),
    output: z.object({ user: userSchema }),
    access: 'public',
  }),
  'auth.recover': method({
    input: z.object({
      recoveryCode: z.string().trim().min(1).max(64),
      username: usernameSchema,
      newPassword: passwordSchema,
    }),
    output: z.object({
      user: userSchema,
      recoveryCode: z.string(),
      /** Accounts whose keys were lost with keyring.json: an administrator sets new passwords. */
      usersNeedingReset: z.array(z.string()),
      keyringRebuilt: z.boolean(),
    }),
    access: 'public',
  }),
  'auth.logout': method({ input: empty, output: z.object({}), access: 'user' }),
  /** The screen went idle: the staff session locks; the database (and a running station) stay open. */
  'auth.lock': method({ input: empty, output: z.object({}), access: 'user' }),
  'settings.setIdleMinutes': method({
    input: z.object({ minutes: idleMinutesSchema }),
    output: z.object({ minutes: z.number() }),
    access: 'user',
    roles: ['admin'],
  }),
  'db.info': method({ input: empty, output: databaseInfoSchema, access: 'user' }),
  'students.add': method({
    input: studentInputSchema,
    output: studentSchema,
    access: 'user',
    roles: ['admin', 'psychologist'],
  }),
  'students.list': method({
    input: studentListInputSchema,
    output: z.object({ items: z.array(studentSchema), total: z.number().int() }),
    access: 'user',
    roles: ['admin', 'psychologist', 'screener', 'class_teacher'],
  }),
  'users.list': method({
    input: empty,
    output: z.array(userSchema.extend({ active: z.boolean() })),
    access: 'user',
    roles: ['admin'],
  }),
  'users.create': method({ input: newUserSchema, output: userSchema, access: 'user', roles: ['admin'] }),
  /** Ends an account: never one's own nor the last administrator; its password stops opening the data. */
  'users.deactivate': method({
    input: z.object({ id: z.number().int() }),
    output: userSchema.extend({ active: z.boolean(), keys: keyRenewalSchema.nullable() }),
    access: 'user',
    roles: ['admin'],
  }),
  /** A new role (and classes): leaving a clinical role renews the keys as a deactivation does. */
  'users.setRole': method({
    input: z.object({
      id: z.number().int(),
      role: roleSchema,
      classes: z.array(classRefSchema).max(200).default([]),
    }),
    output: userSchema.extend({ active: z.boolean(), keys: keyRenewalSchema.nullable() }),
    access: 'user',
    roles: ['admin'],
  }),
  /** A new password for another account, e.g. after the keyring was rebuilt from the recovery code. */
  'users.resetPassword': method({
    input: z.object({ id: z.number().int(), password: passwordSchema }),
    output: z.object({}),
    access: 'user',
    roles: ['admin'],
  }),
  /** The audit trail, newest first; administrators only (it shows who opened which file). */
  'audit.list': method({
    input: auditListInputSchema,
    output: auditPageSchema,
    access: 'user',
    roles: ['admin'],
  }),
  'audit.export': method({
    input: auditExportInputSchema,
    output: z.object({ fileName: z.string(), contentBase64: z.string() }),
    access: 'user',
    roles: ['admin'],
  }),
  /** Walks the hash chain and names the first row that does not hold. */
  'audit.verify': method({ input: empty, output: auditChainSchema, access: 'user', roles: ['admin'] }),
  'people.list': method({
    input: personListInputSchema,
    output: z.object({ items: z.array(personListItemSchema), total: z.number().int() }),
    access: 'user',
    roles: ['admin', 'psychologist', 'screener', 'class_teacher'],
  }),
  'people.groups': method({
    input: empty,
    output: personGroupsSchema,
    access: 'user',
    roles: ['admin', 'psychologist', 'screener', 'class_teacher', 'supervisor'],
  }),
  'people.search': method({
    input: z.object({
      query: z.string().trim().min(1).max(64),
      kind: personKindSchema.optional(),
      limit: z.number().int().min(1).max(200).default(20),
    }),
    output: z.array(personListItemSchema),
    access: 'user',
    roles: ['admin', 'psychologist', 'screener', 'class_teacher'],
  }),
  'people.get': method({
    input: z.object({ id: z.number().int() }),
    output: personFileSchema,
    access: 'user',
    roles: ['admin', 'psychologist', 'screener', 'class_teacher'],
  }),
  'people.correct': method({
    input: z.object({
      id: z.number().int(),
      changes: personCorrectionSchema,
      reason: z.string().trim().min(1).max(500),
    }),
    output: personFileSchema,
    access: 'user',
    roles: ['admin', 'psychologist'],
  }),
  'people.addNote': method({
    input: z.object({ id: z.number().int(), text: z.string().trim().min(1).max(5000) }),
    output: personFileSchema,
    access: 'user',
    roles: ['admin', 'psychologist'],
  }),
  'people.importPreview': method({
    input: importInputSchema,
    output: importPreviewSchema,
    access: 'user',
    roles: ['admin', 'psychologist'],
  }),
  'people.importCommit': method({
    input: importInputSchema,
    output: importSummarySchema,
    access: 'user',
    roles: ['admin', 'psychologist'],
  }),
  'people.importTemplate': method({
    input: z.object({ kind: personKindSchema }),
    output: z.object({ fileName: z.string(), contentBase64: z.string() }),
    access: 'user',
  }),
  'instruments.list': method({ input: empty, output: z.array(instrumentSummarySchema), access: 'user' }),
  'instruments.get': method({
    input: instrumentIdInputSchema,
    output: instrumentDefinitionSchema,
    access: 'user',
  }),
  'instruments.setEnabled': method({
    input: instrumentIdInputSchema.extend({ enabled: z.boolean() }),
    output: instrumentSummarySchema,
    access: 'user',
    roles: ['admin'],
  }),
  'instruments.import': method({
    input: z.object({ file: uploadedFileSchema }),
    output: instrumentSummarySchema,
    access: 'user',
    roles: ['admin'],
  }),
  'instruments.template': method({
    input: empty,
    output: z.object({ fileName: z.string(), contentBase64: z.string() }),
    access: 'user',
  }),
  'instruments.score': method({ input: scoreInputSchema, output: scoreResultSchema, access: 'user' }),
  'tiers.get': method({
    input: z.object({ programme: programmeSchema }),
    output: tierSettingsSchema,
    access: 'user',
  }),
  'tiers.save': method({
    input: z.object({ programme: programmeSchema, ruleSet: tierRuleSetSchema }),
    output: tierSettingsSchema,
    access: 'user',
    roles: ['admin'],
  }),
  'tiers.evaluate': method({
    input: tierEvaluateInputSchema,
    output: z.object({ results: z.array(scoreResultSchema), tier: tierResultSchema }),
    access: 'user',
  }),
  'campaigns.create': method({
    input: campaignInputSchema,
    output: createdCampaignSchema,
    access: 'user',
    roles: ['admin', 'psychologist'],
  }),
  'campaigns.list': method({ input: empty, output: z.array(campaignSchema), access: 'user' }),
  'campaigns.progress': method({
    input: z.object({ id: z.number().int() }),
    output: campaignProgressSchema,
    access: 'user',
    roles: ['admin', 'psychologist', 'screener'],
  }),
  'campaigns.markAbsent': method({
    input: z.object({ campaignId: z.number().int(), personId: z.number().int() }),
    output: z.object({}),
    access: 'user',
    roles: ['admin', 'psychologist', 'screener'],
  }),
  'kiosk.enter': method({
    input: z.object({ campaignId: z.number().int(), pin: z.string().regex(/^\d{4,8}$/, '4–8 digits') }),
    output: z.object({}),
    access: 'user',
    roles: ['admin', 'psychologist', 'screener'],
  }),
  'kiosk.exit': method({ input: z.object({ pin: z.string().max(8) }), output: z.object({}), access: 'user' }),
  /**
   * Ends kiosk mode with an administrator's own user name and password typed on the kiosk screen:
   * the way out after too many wrong PINs. Callable by the kiosk's session (whoever started it);
   * the password must be an active administrator's.
   */
  'kiosk.unlockWithAdmin': method({
    input: z.object({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(256) }),
    output: z.object({}),
    access: 'user',
    roles: ['admin', 'psychologist', 'screener'],
  }),
  'kiosk.status': method({
    input: empty,
    output: z.object({
      active: z.boolean(),
      campaignId: z.number().int().nullable(),
      /** Too many wrong PINs: only an administrator's password ends kiosk mode now. */
      pinLocked: z.boolean(),
    }),
    access: 'user',
  }),
  'screening.identify': method({
    input: z.object({
      campaignId: z.number().int(),
      number: z.string().trim().min(1).max(32),
      birthDate: isoDate.optional(),
    }),
    output: z.object({ personId: z.number().int() }),
    access: 'user',
    roles: ['admin', 'psychologist', 'screener'],
  }),
  'screening.start': method({
    input: startScreeningSchema,
    output: screeningSessionSchema,
    access: 'user',
    roles: ['admin', 'psychologist', 'screener'],
  }),
  'screening.saveAnswer': method({
    input: saveAnswerSchema,
    output: z.object({}),
    access: 'user',
    roles: ['admin', 'psychologist', 'screener'],
  }),
  'screening.submit': method({
    input: z.object({ screeningId: z.number().int(), allowIncomplete: z.boolean().default(false) }),
    output: screeningOutcomeSchema,
    access: 'user',
    roles: ['admin', 'psychologist', 'screener'],
  }),
  'screening.consent': method({
    input: z.object({ screeningId: z.number().int() }),
    output: z.object({}),
    access: 'user',
    roles: ['admin', 'psychologist', 'screener'],
  }),
  'screening.decline': method({
    input: z.object({ screeningId: z.number().int() }),
    output: z.object({}),
    access: 'user',
    roles: ['admin', 'psychologist', 'screener'],
  }),
  'screening.forPerson': method({
    input: z.object({ personId: z.number().int() }),
    output: z.array(personScreeningSchema),
    access: 'user',
    roles: ['admin', 'psychologist'],
  }),
  'responses.preview': method({
    input: responseImportInputSchema,
    output: responseImportPreviewSchema,
    access: 'user',
    roles: ['admin', 'psychologist'],
  }),
  'responses.import': method({
    input: responseImportInputSchema,
    output: responseImportSummarySchema,
    access: 'user',
    roles: ['admin', 'psychologist'],
  }),
  'cases.worklist': method({
    input: worklistInputSchema,
    output: z.array(worklistItemSchema),
    access: 'user',
    roles: ['admin', 'psychologist', 'class_teacher'],
  }),
  'cases.get': method({
    input: z.object({ id: z.number().int() }),
    output: caseSchema,
    access: 'user',
    roles: ['admin', 'psychologist'],
  }),
  'cases.safetyCheck': method({
    input: safetyCheckSchema,
    output: caseSchema,
    access: 'user',
    roles: ['admin', 'psychologist'],
  }),
  'cases.confirmInPerson': method({
    input: confirmInPersonSchema,
    output: caseSchema,
    access: 'user',
    roles: ['admin', 'psychologist'],
  }),
  'cases.interview': method({
    input: interviewSchema,
    output: caseSchema,
    access: 'user',
    roles: ['admin', 'psychologist'],
  }),
  'cases.followUp': method({
    input: followUpSchema,
    output: caseSchema,
    access: 'user',
    roles: ['admin', 'psychologist'],
  }),
  'cases.lift': method({
    input: liftSchema,
    output: caseSchema,
    access: 'user',
    roles: ['admin', 'psychologist'],
  }),
  'followUp.intervals': method({
    input: z.object({ programme: programmeSchema }),
    output: followUpIntervalsSchema,
    access: 'user',
  }),
  'followUp.saveIntervals': method({
    input: z.object({ programme: programmeSchema, intervals: followUpIntervalsSchema }),
    output: followUpIntervalsSchema,
    access: 'user',
    roles: ['admin'],
  }),
  'cases.guardianContact': method({
    input: guardianContactSchema,
    output: caseSchema,
    access: 'user',
    roles: ['admin', 'psychologist'],
  }),
  'cases.refer': method({
    input: referralInputSchema,
    output: caseSchema,
    access: 'user',
    roles: ['admin', 'psychologist'],
  }),
  'cases.updateReferral': method({
    input: referralUpdateSchema,
    output: caseSchema,
    access: 'user',
    roles: ['admin', 'psychologist'],
  }),
  'cases.assignColour': method({
    input: colourInputSchema,
    output: caseSchema,
    access: 'user',
    roles: ['admin', 'psychologist'],
  }),
  'cases.close': method({
    input: closeCaseSchema,
    output: caseSchema,
    access: 'user',
    roles: ['admin', 'psychologist'],
  }),
  'dashboard.get': method({
    input: dashboardInputSchema,
    output: dashboardViewSchema,
    access: 'user',
    roles: ['admin', 'psychologist', 'supervisor'],
  }),
  /** The 随访名册 workbook; which variants a role may have is checked by the service. */
  'exports.roster': method({
    input: rosterExportInputSchema,
    output: rosterExportDownloadSchema,
    access: 'user',
    roles: ['admin', 'psychologist', 'supervisor', 'class_teacher'],
  }),
  /** The same workbook as a background job the UI polls: progress, cancel, then fetch the bytes once. */
  'exports.start': method({
    input: rosterExportInputSchema,
    output: z.object({ jobId: z.string() }),
    access: 'user',
    roles: ['admin', 'psychologist', 'supervisor', 'class_teacher'],
  }),
  'exports.progress': method({
    input: exportJobIdSchema,
    output: exportProgressSchema,
    access: 'user',
    roles: ['admin', 'psychologist', 'supervisor', 'class_teacher'],
  }),
  'exports.cancel': method({
    input: exportJobIdSchema,
    output: z.object({ cancelled: z.boolean() }),
    access: 'user',
    roles: ['admin', 'psychologist', 'supervisor', 'class_teacher'],
  }),
  'exports.fetch': method({
    input: exportJobIdSchema,
    output: rosterExportDownloadSchema,
    access: 'user',
    roles: ['admin', 'psychologist', 'supervisor', 'class_teacher'],
  }),
  /** The 转介单 for one referral: the full file's identity and history, so for the case roles only. */
  'reports.referral': method({
    input: z.object({ referralId: z.number().int() }),
    output: referralLetterSchema,
    access: 'user',
    roles: ['admin', 'psychologist'],
  }),
  /** A class, grade or township report: aggregates only; a class teacher for their own classes. */
  'reports.group': method({
    input: groupReportInputSchema,
    output: groupReportSchema,
    access: 'user',
    roles: ['admin', 'psychologist', 'supervisor', 'class_teacher'],
  }),
  /** Open critical alerts (all, or one campaign's), newest first; item and value only for the case roles. */
  'alerts.list': method({
    input: alertListInputSchema,
    output: z.array(alertSchema),
    access: 'user',
    roles: ALERT_ROLES,
  }),
  /** 我已到场: records who reached the person and when; the safety check resolves the alert. */
  'alerts.arrive': method({
    input: z.object({ id: z.number().int() }),
    output: alertSchema,
    access: 'user',
    roles: ALERT_ROLES,
  }),
  /** Named filter sets, kept per user. */
  'views.list': method({
    input: z.object({ page: viewPageSchema }),
    output: z.array(savedViewSchema),
    access: 'user',
    roles: ['admin', 'psychologist', 'class_teacher'],
  }),
  'views.save': method({
    input: z.object({ page: viewPageSchema, view: savedViewSchema }),
    output: z.array(savedViewSchema),
    access: 'user',
    roles: ['admin', 'psychologist', 'class_teacher'],
  }),
  'views.delete': method({
    input: z.object({ page: viewPageSchema, name: z.string().max(40) }),
    output: z.array(savedViewSchema),
    access: 'user',
    roles: ['admin', 'psychologist', 'class_teacher'],
  }),
  'campaigns.slips': method({
    input: z.object({ campaignId: z.number().int() }),
    output: z.array(slipSchema),
    access: 'user',
    roles: ['admin', 'psychologist', 'screener'],
  }),
  'station.start': method({
    input: stationStartSchema,
    output: stationStatusSchema,
    access: 'user',
    roles: ['admin', 'psychologist', 'screener'],
  }),
  'station.status': method({
    input: empty,
    output: stationStatusSchema,
    access: 'user',
    roles: ['admin', 'psychologist', 'screener'],
  }),
  'station.stop': method({
    input: empty,
    output: stationStatusSchema,
    access: 'user',
    roles: ['admin', 'psychologist', 'screener'],
  }),
  /** A new station code for the next lesson; the old one stops working at once. */
  'station.rotateCode': method({
    input: empty,
    output: stationStatusSchema,
    access: 'user',
    roles: ['admin', 'psychologist', 'screener'],
  }),
  /** Lets a waiting sign-in in (ending the person's session on any other device) or refuses it. */
  'station.decide': method({
    input: stationDecideSchema,
    output: stationStatusSchema,
    access: 'user',
    roles: ['admin', 'psychologist', 'screener'],
  }),
  /** A one-time check-in code for one participant, shown on the staff screen only. */
  'station.issueCheckin': method({
    input: checkinIssueSchema,
    output: checkinCodeSchema,
    access: 'user',
    roles: ['admin', 'psychologist', 'screener'],
  }),
  'station.interfaces': method({
    input: empty,
    output: z.array(networkInterfaceSchema),
    access: 'user',
    roles: ['admin', 'psychologist', 'screener'],
  }),
  /** 上次备份: when, where, and whether it is stale; psychologists see it too, so the warning reaches someone. */
  'backup.status': method({
    input: empty,
    output: backupStatusSchema,
    access: 'user',
    roles: ['admin', 'psychologist'],
  }),
  'backup.settings': method({ input: empty, output: backupSettingsSchema, access: 'user', roles: ['admin'] }),
  'backup.saveSettings': method({
    input: backupSettingsSchema,
    output: backupSettingsSchema,
    access: 'user',
    roles: ['admin'],
  }),
  /** A verified backup to the configured folder (or a given one), made in a job worker. */
  'backup.create': method({
    input: backupCreateInputSchema,
    output: backupResultSchema,
    access: 'user',
    roles: ['admin'],
  }),
  /** Replaces the current data (kept in a safety folder) with a backup; the session ends. */
  'backup.restore': method({
    input: backupRestoreInputSchema,
    output: backupRestoreResultSchema,
    access: 'user',
    roles: ['admin'],
  }),
} as const;

export type Contract = typeof contract;
export type ApiMethod = keyof Contract;
export type ApiInput<M extends ApiMethod> = z.input<Contract[M]['input']>;
export type ApiParsedInput<M extends ApiMethod> = z.output<Contract[M]['input']>;
export type ApiOutput<M extends ApiMethod> = z.output<Contract[M]['output']>;

export const apiMethods = Object.keys(contract) as ApiMethod[];

export function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}
