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
  ROLES,
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
  assignCasesSchema,
  assignResultSchema,
  reopenCaseSchema,
  responsibleCandidateSchema,
} from './case-responsibility';
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
  CASE_ROLES,
} from './cases';
import { dashboardInputSchema, dashboardViewSchema } from './dashboard';
import { importInputSchema, importPreviewSchema, importSummarySchema } from './imports';
import {
  exportJobIdSchema,
  exportProgressSchema,
  rosterExportDownloadSchema,
  rosterExportInputSchema,
  rosterExportResultSchema,
} from './exports';
import { savedViewSchema, viewPageSchema } from './views';
import { groupReportInputSchema, groupReportSchema, referralLetterSchema } from './reports';
import {
  personCorrectionSchema,
  addPersonInputSchema,
  addPersonResultSchema,
  personGroupsSchema,
  windowSettingsSchema,
  personKindSchema,
  personListInputSchema,
  personListItemSchema,
  isoDate,
  studentInputSchema,
  studentListInputSchema,
  studentSchema,
} from './people';
import { programmeSchema } from '../instruments';
import { screeningWindowsSchema } from '../people/perinatal';
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
  hubBundleFileSchema,
  hubEnrolInputSchema,
  hubEnrolmentSchema,
  hubLinkStatusSchema,
  hubPushResultSchema,
  sharingPreviewSchema,
} from './hub-link';
import {
  checkinCodeSchema,
  checkinIssueSchema,
  networkInterfaceSchema,
  slipSchema,
  stationDecideSchema,
  stationStartSchema,
  stationStatusSchema,
} from './station';

type Role = z.infer<typeof roleSchema>;

/** Every role, for the few methods each of them needs (its own session, reference data). */
export const ALL_ROLES = ROLES;
/** Who runs a screening day: the case roles (who read answers, notes and cases) and the screener. */
const SCREENING_ROLES = [...CASE_ROLES, 'screener'] as const;

/**
 * Who may call a method: `'public'` (no session: setup, log-in, recovery, status), or the roles
 * of a logged-in user. There is no default: a method without `roles` does not compile, so the
 * table below is the whole of the authorization (the dispatcher enforces it; the renderer reads
 * it through `can`).
 */
export type MethodRoles = 'public' | readonly [Role, ...Role[]];

interface MethodSpec<I extends z.ZodType, O extends z.ZodType> {
  input: I;
  output: O;
  roles: MethodRoles;
  /**
   * The method names files on this machine (a path to read or write): only the command line,
   * whose user can open those files anyway, may call it; never a page or the loopback server.
   */
  localOnly?: true;
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
  'app.status': method({ input: empty, output: appStatusSchema, roles: 'public' }),
  'auth.setup': method({
    input: setupInputSchema,
    output: z.object({ recoveryCode: z.string(), user: userSchema }),
    roles: 'public',
  }),
  'auth.login': method({
    input: z.object({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(256) }),
    output: z.object({ user: userSchema }),
    roles: 'public',
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
    roles: 'public',
  }),
  'auth.logout': method({ input: empty, output: z.object({}), roles: ALL_ROLES }),
  /** The screen went idle: the staff session locks; the database (and a running station) stay open. */
  'auth.lock': method({ input: empty, output: z.object({}), roles: ALL_ROLES }),
  'settings.setIdleMinutes': method({
    input: z.object({ minutes: idleMinutesSchema }),
    output: z.object({ minutes: z.number() }),
    roles: ['admin'],
  }),
  // Schema version and counts of the whole database: the administrator's view (anxin info).
  'db.info': method({ input: empty, output: databaseInfoSchema, roles: ['admin'] }),
  'students.add': method({
    input: studentInputSchema,
    output: studentSchema,
    roles: ['admin', 'psychologist'],
  }),
  /** 学籍号 and birth date of every student (a class teacher: own classes); a screener has people.list instead. */
  'students.list': method({
    input: studentListInputSchema,
    output: z.object({ items: z.array(studentSchema), total: z.number().int() }),
    roles: ['admin', 'psychologist', 'class_teacher'],
  }),
  'users.list': method({
    input: empty,
    output: z.array(userSchema.extend({ active: z.boolean() })),
    roles: ['admin'],
  }),
  'users.create': method({ input: newUserSchema, output: userSchema, roles: ['admin'] }),
  /** Ends an account: never one's own nor the last administrator; its password stops opening the data. */
  'users.deactivate': method({
    input: z.object({ id: z.number().int() }),
    output: userSchema.extend({ active: z.boolean(), keys: keyRenewalSchema.nullable() }),
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
    roles: ['admin'],
  }),
  /** A new password for another account, e.g. after the keyring was rebuilt from the recovery code. */
  'users.resetPassword': method({
    input: z.object({ id: z.number().int(), password: passwordSchema }),
    output: z.object({}),
    roles: ['admin'],
  }),
  /** The audit trail, newest first; administrators only (it shows who opened which file). */
  'audit.list': method({
    input: auditListInputSchema,
    output: auditPageSchema,
    roles: ['admin'],
  }),
  'audit.export': method({
    input: auditExportInputSchema,
    output: z.object({ fileName: z.string(), contentBase64: z.string() }),
    roles: ['admin'],
  }),
  /** Walks the hash chain and names the first row that does not hold. */
  'audit.verify': method({ input: empty, output: auditChainSchema, roles: ['admin'] }),
  'people.list': method({
    input: personListInputSchema,
    output: z.object({ items: z.array(personListItemSchema), total: z.number().int() }),
    roles: ['admin', 'psychologist', 'screener', 'class_teacher'],
  }),
  'people.groups': method({
    input: empty,
    output: personGroupsSchema,
    roles: ['admin', 'psychologist', 'screener', 'class_teacher', 'supervisor'],
  }),
  'people.search': method({
    input: z.object({
      query: z.string().trim().min(1).max(64),
      kind: personKindSchema.optional(),
      limit: z.number().int().min(1).max(200).default(20),
    }),
    output: z.array(personListItemSchema),
    roles: ['admin', 'psychologist', 'screener', 'class_teacher'],
  }),
  'people.get': method({
    input: z.object({ id: z.number().int() }),
    output: personFileSchema,
    roles: ['admin', 'psychologist', 'screener', 'class_teacher'],
  }),
  'people.correct': method({
    input: z.object({
      id: z.number().int(),
      changes: personCorrectionSchema,
      reason: z.string().trim().min(1).max(500),
    }),
    output: personFileSchema,
    roles: ['admin', 'psychologist'],
  }),
  'people.addNote': method({
    input: z.object({ id: z.number().int(), text: z.string().trim().min(1).max(5000) }),
    output: personFileSchema,
    roles: ['admin', 'psychologist'],
  }),
  /** One student or woman by hand, read and checked as an imported row: created, or the row's issues. */
  'people.add': method({
    input: addPersonInputSchema,
    output: addPersonResultSchema,
    roles: ['admin', 'psychologist'],
  }),
  'people.importPreview': method({
    input: importInputSchema,
    output: importPreviewSchema,
    roles: ['admin', 'psychologist'],
  }),
  'people.importCommit': method({
    input: importInputSchema,
    output: importSummarySchema,
    roles: ['admin', 'psychologist'],
  }),
  'people.importTemplate': method({
    input: z.object({ kind: personKindSchema }),
    output: z.object({ fileName: z.string(), contentBase64: z.string() }),
    roles: ['admin', 'psychologist'],
  }),
  // Names, bands and cut-offs: reference data every role needs to word a level, no personal data.
  'instruments.list': method({ input: empty, output: z.array(instrumentSummarySchema), roles: ALL_ROLES }),
  // Item texts: for those who run a sheet (kiosk, paper entry) or read answers.
  'instruments.get': method({
    input: instrumentIdInputSchema,
    output: instrumentDefinitionSchema,
    roles: SCREENING_ROLES,
  }),
  'instruments.setEnabled': method({
    input: instrumentIdInputSchema.extend({ enabled: z.boolean() }),
    output: instrumentSummarySchema,
    roles: ['admin'],
  }),
  'instruments.import': method({
    input: z.object({ file: uploadedFileSchema }),
    output: instrumentSummarySchema,
    roles: ['admin'],
  }),
  // The blank workbook a psychologist fills in for the administrator to import.
  'instruments.template': method({
    input: empty,
    output: z.object({ fileName: z.string(), contentBase64: z.string() }),
    roles: CASE_ROLES,
  }),
  // A calculator over values the caller gives (the library's preview): for those who see items.
  'instruments.score': method({ input: scoreInputSchema, output: scoreResultSchema, roles: SCREENING_ROLES }),
  // Level names, colours and cut-offs: reference data to word a level, no personal data.
  'tiers.get': method({
    input: z.object({ programme: programmeSchema }),
    output: tierSettingsSchema,
    roles: ALL_ROLES,
  }),
  'tiers.save': method({
    input: z.object({ programme: programmeSchema, ruleSet: tierRuleSetSchema }),
    output: tierSettingsSchema,
    roles: ['admin'],
  }),
  // When each perinatal time point is due: reference data, no personal data; admins version it.
  'timepoints.get': method({ input: empty, output: windowSettingsSchema, roles: ALL_ROLES }),
  'timepoints.save': method({
    input: z.object({ windows: screeningWindowsSchema }),
    output: windowSettingsSchema,
    roles: ['admin'],
  }),
  'tiers.evaluate': method({
    input: tierEvaluateInputSchema,
    output: z.object({ results: z.array(scoreResultSchema), tier: tierResultSchema }),
    roles: CASE_ROLES,
  }),
  'campaigns.create': method({
    input: campaignInputSchema,
    output: createdCampaignSchema,
    roles: ['admin', 'psychologist'],
  }),
  'campaigns.list': method({ input: empty, output: z.array(campaignSchema), roles: SCREENING_ROLES }),
  'campaigns.progress': method({
    input: z.object({ id: z.number().int() }),
    output: campaignProgressSchema,
    roles: ['admin', 'psychologist', 'screener'],
  }),
  'campaigns.markAbsent': method({
    input: z.object({ campaignId: z.number().int(), personId: z.number().int() }),
    output: z.object({}),
    roles: ['admin', 'psychologist', 'screener'],
  }),
  'kiosk.enter': method({
    input: z.object({ campaignId: z.number().int(), pin: z.string().regex(/^\d{4,8}$/, '4–8 digits') }),
    output: z.object({}),
    roles: ['admin', 'psychologist', 'screener'],
  }),
  'kiosk.exit': method({
    input: z.object({ pin: z.string().max(8) }),
    output: z.object({}),
    roles: SCREENING_ROLES,
  }),
  /**
   * Ends kiosk mode with an administrator's own user name and password typed on the kiosk screen:
   * the way out after too many wrong PINs. Callable by the kiosk's session (whoever started it);
   * the password must be an active administrator's.
   */
  'kiosk.unlockWithAdmin': method({
    input: z.object({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(256) }),
    output: z.object({}),
    roles: SCREENING_ROLES,
  }),
  // Every staff screen asks whether this window is a kiosk (it only is for the screening roles).
  'kiosk.status': method({
    input: empty,
    output: z.object({
      active: z.boolean(),
      campaignId: z.number().int().nullable(),
      /** Too many wrong PINs: only an administrator's password ends kiosk mode now. */
      pinLocked: z.boolean(),
      /**
       * The kiosk's campaign, so a reloaded page shows the kiosk screen again (campaigns.progress
       * is refused in kiosk mode). Null when no kiosk runs.
       */
      campaign: campaignSchema.nullable(),
    }),
    roles: ALL_ROLES,
  }),
  'screening.identify': method({
    input: z.object({
      campaignId: z.number().int(),
      number: z.string().trim().min(1).max(32),
      birthDate: isoDate.optional(),
    }),
    output: z.object({ personId: z.number().int() }),
    roles: ['admin', 'psychologist', 'screener'],
  }),
  'screening.start': method({
    input: startScreeningSchema,
    output: screeningSessionSchema,
    roles: ['admin', 'psychologist', 'screener'],
  }),
  'screening.saveAnswer': method({
    input: saveAnswerSchema,
    output: z.object({}),
    roles: ['admin', 'psychologist', 'screener'],
  }),
  'screening.submit': method({
    input: z.object({ screeningId: z.number().int(), allowIncomplete: z.boolean().default(false) }),
    output: screeningOutcomeSchema,
    roles: ['admin', 'psychologist', 'screener'],
  }),
  'screening.consent': method({
    input: z.object({ screeningId: z.number().int() }),
    output: z.object({}),
    roles: ['admin', 'psychologist', 'screener'],
  }),
  'screening.decline': method({
    input: z.object({ screeningId: z.number().int() }),
    output: z.object({}),
    roles: ['admin', 'psychologist', 'screener'],
  }),
  'screening.forPerson': method({
    input: z.object({ personId: z.number().int() }),
    output: z.array(personScreeningSchema),
    roles: ['admin', 'psychologist'],
  }),
  'responses.preview': method({
    input: responseImportInputSchema,
    output: responseImportPreviewSchema,
    roles: ['admin', 'psychologist'],
  }),
  'responses.import': method({
    // commit: false runs the whole import without writing (the command line's preview, same summary).
    input: responseImportInputSchema.extend({ commit: z.boolean().default(true) }),
    output: responseImportSummarySchema,
    roles: ['admin', 'psychologist'],
  }),
  'cases.worklist': method({
    input: worklistInputSchema,
    output: z.array(worklistItemSchema),
    roles: ['admin', 'psychologist', 'class_teacher'],
  }),
  'cases.get': method({
    input: z.object({ id: z.number().int() }),
    output: caseSchema,
    roles: ['admin', 'psychologist'],
  }),
  'cases.safetyCheck': method({
    input: safetyCheckSchema,
    output: caseSchema,
    roles: ['admin', 'psychologist'],
  }),
  'cases.confirmInPerson': method({
    input: confirmInPersonSchema,
    output: caseSchema,
    roles: ['admin', 'psychologist'],
  }),
  'cases.interview': method({
    input: interviewSchema,
    output: caseSchema,
    roles: ['admin', 'psychologist'],
  }),
  'cases.followUp': method({
    input: followUpSchema,
    output: caseSchema,
    roles: ['admin', 'psychologist'],
  }),
  'cases.lift': method({
    input: liftSchema,
    output: caseSchema,
    roles: ['admin', 'psychologist'],
  }),
  // 重新开放 a lifted warning, with its reason; work resumes with a follow-up.
  'cases.reopen': method({
    input: reopenCaseSchema,
    output: caseSchema,
    roles: ['admin', 'psychologist'],
  }),
  // 指派 / 转交责任人, one case or many, all or none; mirrors RESPONSIBLE_ROLES (not a class teacher).
  'cases.assign': method({
    input: assignCasesSchema,
    output: assignResultSchema,
    roles: ['admin', 'psychologist'],
  }),
  // Who can be made 责任人: the assign dialog's picker.
  'cases.responsibleCandidates': method({
    input: z.object({}),
    output: z.array(responsibleCandidateSchema),
    roles: ['admin', 'psychologist'],
  }),
  // Which levels open a case and how often they are followed: settings the worklist's filters need.
  'followUp.intervals': method({
    input: z.object({ programme: programmeSchema }),
    output: followUpIntervalsSchema,
    roles: ['admin', 'psychologist', 'class_teacher'],
  }),
  'followUp.saveIntervals': method({
    input: z.object({ programme: programmeSchema, intervals: followUpIntervalsSchema }),
    output: followUpIntervalsSchema,
    roles: ['admin'],
  }),
  'cases.guardianContact': method({
    input: guardianContactSchema,
    output: caseSchema,
    roles: ['admin', 'psychologist'],
  }),
  'cases.refer': method({
    input: referralInputSchema,
    output: caseSchema,
    roles: ['admin', 'psychologist'],
  }),
  'cases.updateReferral': method({
    input: referralUpdateSchema,
    output: caseSchema,
    roles: ['admin', 'psychologist'],
  }),
  'cases.assignColour': method({
    input: colourInputSchema,
    output: caseSchema,
    roles: ['admin', 'psychologist'],
  }),
  'cases.close': method({
    input: closeCaseSchema,
    output: caseSchema,
    roles: ['admin', 'psychologist'],
  }),
  'dashboard.get': method({
    input: dashboardInputSchema,
    output: dashboardViewSchema,
    roles: ['admin', 'psychologist', 'supervisor'],
  }),
  /** The 随访名册 workbook; which variants a role may have is checked by the service. */
  'exports.roster': method({
    input: rosterExportInputSchema,
    output: rosterExportDownloadSchema,
    roles: ['admin', 'psychologist', 'supervisor', 'class_teacher'],
  }),
  /** The workbook written to a file on this machine (`anxin export roster --out`): the command line only. */
  'exports.toFile': method({
    input: z.object({ out: z.string().trim().min(1).max(4096) }).and(rosterExportInputSchema),
    output: rosterExportResultSchema,
    roles: ['admin', 'psychologist', 'supervisor', 'class_teacher'],
    localOnly: true,
  }),
  /** The same workbook as a background job the UI polls: progress, cancel, then fetch the bytes once. */
  'exports.start': method({
    input: rosterExportInputSchema,
    output: z.object({ jobId: z.string() }),
    roles: ['admin', 'psychologist', 'supervisor', 'class_teacher'],
  }),
  'exports.progress': method({
    input: exportJobIdSchema,
    output: exportProgressSchema,
    roles: ['admin', 'psychologist', 'supervisor', 'class_teacher'],
  }),
  'exports.cancel': method({
    input: exportJobIdSchema,
    output: z.object({ cancelled: z.boolean() }),
    roles: ['admin', 'psychologist', 'supervisor', 'class_teacher'],
  }),
  'exports.fetch': method({
    input: exportJobIdSchema,
    output: rosterExportDownloadSchema,
    roles: ['admin', 'psychologist', 'supervisor', 'class_teacher'],
  }),
  /** The 转介单 for one referral: the full file's identity and history, so for the case roles only. */
  'reports.referral': method({
    input: z.object({ referralId: z.number().int() }),
    output: referralLetterSchema,
    roles: ['admin', 'psychologist'],
  }),
  /** A class, grade or township report: aggregates only; a class teacher for their own classes. */
  'reports.group': method({
    input: groupReportInputSchema,
    output: groupReportSchema,
    roles: ['admin', 'psychologist', 'supervisor', 'class_teacher'],
  }),
  /** Open critical alerts (all, or one campaign's), newest first; item and value only for the case roles. */
  'alerts.list': method({
    input: alertListInputSchema,
    output: z.array(alertSchema),
    roles: ALERT_ROLES,
  }),
  /** 我已到场: records who reached the person and when; the safety check resolves the alert. */
  'alerts.arrive': method({
    input: z.object({ id: z.number().int() }),
    output: alertSchema,
    roles: ALERT_ROLES,
  }),
  /** Named filter sets, kept per user. */
  'views.list': method({
    input: z.object({ page: viewPageSchema }),
    output: z.array(savedViewSchema),
    roles: ['admin', 'psychologist', 'class_teacher'],
  }),
  'views.save': method({
    input: z.object({ page: viewPageSchema, view: savedViewSchema }),
    output: z.array(savedViewSchema),
    roles: ['admin', 'psychologist', 'class_teacher'],
  }),
  'views.delete': method({
    input: z.object({ page: viewPageSchema, name: z.string().max(40) }),
    output: z.array(savedViewSchema),
    roles: ['admin', 'psychologist', 'class_teacher'],
  }),
  'campaigns.slips': method({
    input: z.object({ campaignId: z.number().int() }),
    output: z.array(slipSchema),
    roles: ['admin', 'psychologist', 'screener'],
  }),
  'station.start': method({
    input: stationStartSchema,
    output: stationStatusSchema,
    roles: ['admin', 'psychologist', 'screener'],
  }),
  'station.status': method({
    input: empty,
    output: stationStatusSchema,
    roles: ['admin', 'psychologist', 'screener'],
  }),
  'station.stop': method({
    input: empty,
    output: stationStatusSchema,
    roles: ['admin', 'psychologist', 'screener'],
  }),
  /** A new station code for the next lesson; the old one stops working at once. */
  'station.rotateCode': method({
    input: empty,
    output: stationStatusSchema,
    roles: SCREENING_ROLES,
  }),
  /** Lets a waiting sign-in in (ending the person's session on any other device) or refuses it. */
  'station.decide': method({
    input: stationDecideSchema,
    output: stationStatusSchema,
    roles: SCREENING_ROLES,
  }),
  /** A one-time check-in code for one participant, shown on the staff screen only. */
  'station.issueCheckin': method({
    input: checkinIssueSchema,
    output: checkinCodeSchema,
    roles: SCREENING_ROLES,
  }),
  'station.interfaces': method({
    input: empty,
    output: z.array(networkInterfaceSchema),
    roles: ['admin', 'psychologist', 'screener'],
  }),
  /** 上次备份: when, where, and whether it is stale; psychologists see it too, so the warning reaches someone. */
  'backup.status': method({
    input: empty,
    output: backupStatusSchema,
    roles: ['admin', 'psychologist'],
  }),
  'backup.settings': method({ input: empty, output: backupSettingsSchema, roles: ['admin'] }),
  'backup.saveSettings': method({
    input: backupSettingsSchema,
    output: backupSettingsSchema,
    roles: ['admin'],
  }),
  /** A verified backup to the configured folder (or a given one), made in a job worker. */
  'backup.create': method({
    input: backupCreateInputSchema,
    output: backupResultSchema,
    roles: ['admin'],
  }),
  /** Replaces the current data (kept in a safety folder) with a backup; the session ends. */
  'backup.restore': method({
    input: backupRestoreInputSchema,
    output: backupRestoreResultSchema,
    roles: ['admin'],
  }),
  /** 区县平台: whether and where this organisation reports; the lead staff see it beside 上报. */
  'hubLink.status': method({
    input: empty,
    output: hubLinkStatusSchema,
    roles: ['admin', 'psychologist'],
  }),
  /** 加入区县平台 with the hub's invitation file. */
  'hubLink.enrol': method({ input: hubEnrolInputSchema, output: hubEnrolmentSchema, roles: ['admin'] }),
  /** Exactly what a bundle written now would send: the agreement, the fields, the counts. */
  'hubLink.preview': method({
    input: empty,
    output: sharingPreviewSchema,
    roles: ['admin', 'psychologist'],
  }),
  /** 上报: the next report bundle, signed and encrypted to the hub, as a file to save or carry. */
  'hubLink.bundle': method({
    input: empty,
    output: hubBundleFileSchema,
    roles: ['admin', 'psychologist'],
  }),
  /** 上报 over the network to the invitation's upload address. */
  'hubLink.push': method({
    input: empty,
    output: hubPushResultSchema,
    roles: ['admin', 'psychologist'],
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

/** Who may call a method: the one answer to "may this role do that", for the dispatcher and every screen. */
export function methodRoles(method: ApiMethod): MethodRoles {
  return contract[method].roles;
}

/**
 * Whether a user of `role` may call `method` (a public method: anyone). The renderer shows a page,
 * a menu entry or a button only when this holds; the dispatcher refuses the call otherwise.
 */
export function can(role: Role | null | undefined, method: ApiMethod): boolean {
  const roles = methodRoles(method);
  if (roles === 'public') return true;
  return role !== null && role !== undefined && (roles as readonly Role[]).includes(role);
}

/** The methods that name files on this machine (see `localOnly`). */
export const isLocalOnly = (method: ApiMethod): boolean => contract[method].localOnly === true;
