import { randomBytes } from 'node:crypto';
import type { ApiMethod, ApiOutput, ApiParsedInput } from '../../shared/api/contract';
import type { User } from '../../shared/api/auth';
import type { Db } from '../db/database';
import { exportAudit, listAudit, verifyAudit } from '../services/audit';
import { appStatus, lockSession, login, logout, recover, setIdleMinutes, setup } from '../services/auth';
import { closeSession, type AppContext } from '../services/context';
import { publish } from '../services/events';
import { restoreBackup } from '../services/backup/backup';
import {
  backupSettings,
  backupStatus,
  backupToFolder,
  saveBackupSettings,
} from '../services/backup/schedule';
import { databaseInfo } from '../services/info';
import { enrol, hubLinkStatus } from '../services/hub-link/link';
import { bundleFile, pushBundle, sharingPreview } from '../services/hub-link/bundle';
import { findDefinition, listInstruments, scoreValues, setInstrumentEnabled } from '../services/instruments';
import {
  addNote,
  correctPerson,
  listPeople,
  openPersonFile,
  personGroups,
  searchPeople,
} from '../services/people/people';
import { importTemplate } from '../services/people/import-templates';
import { commitImport, commitImportInSteps, planImport } from '../services/people/roster-import';
import { addStudent, listStudents } from '../services/people/students';
import { addPerson } from '../services/people/add-person';
import { readUpload, uploadName } from '../services/uploads';
import {
  addUserAccount,
  changeUserRole,
  deactivateUser,
  listUsers,
  resetUserPassword,
} from '../services/users';
import {
  assertMayFilter,
  classScope,
  minimumFile,
  minimumPerson,
  minimumProgress,
  seesAnswers,
} from '../services/scope';
import { deleteView, listViews, saveView } from '../services/views';
import {
  followUpIntervals,
  getCase,
  saveFollowUpIntervals,
  liftCase,
  recordFollowUp,
  recordInterview,
  recordSafetyCheck,
  worklist,
} from '../services/cases/cases';
import { confirmInPerson } from '../services/cases/confirm-in-person';
import { reopenCase } from '../services/cases/reopen';
import { assignCases, responsibleCandidates } from '../services/cases/responsibility';
import { dashboardView } from '../services/cases/dashboard-view';
import { cancelExportJob, exportJobProgress, fetchExportJob, startExportJob } from '../services/export/jobs';
import { exportRoster, exportRosterDownload } from '../services/export/output';
import { groupReport } from '../services/reports/group-report';
import { referralLetter } from '../services/reports/referral-letter';
import { assignColour, closeCase } from '../services/cases/management';
import { createReferral, recordGuardianContact, updateReferral } from '../services/cases/referrals';
import { enterKiosk, exitKiosk, kioskStatus, unlockKioskWithAdmin } from '../services/kiosk';
import { importInstrument, instrumentTemplate } from '../services/instrument-import';
import { importResponses, previewResponses } from '../services/screening/response-import';
import { arriveAtAlert, listAlerts } from '../services/screening/alerts';
import {
  campaignProgress,
  getCampaign,
  identifyParticipant,
  createCampaign,
  listCampaigns,
  setParticipantStatus,
} from '../services/screening/campaigns';
import {
  consentScreening,
  declineScreening,
  personScreenings,
  saveAnswer,
  startScreening,
  submitScreening,
} from '../services/screening/sessions';
import { activeRuleSet, saveRuleSet, tierSettings } from '../services/tier-rules';
import { saveScreeningWindows, screeningWindowSettings } from '../services/people/screening-windows';
import { evaluateTier } from '../../shared/tiers';
import { campaignSlips } from '../services/station/slips';
import { listInterfaces } from '../services/station/interfaces';
import { stationRendererDir } from '../services/station/renderer';
import {
  decideSignIn,
  issueCheckin,
  rotateStationCode,
  startStation,
  stationStatus,
  stopStation,
} from '../transports/station';

/** What a handler of a logged-in method receives; null for public methods. */
export interface Session {
  db: Db;
  user: User;
}

type Handler<M extends ApiMethod> = (
  input: ApiParsedInput<M>,
  ctx: AppContext,
  session: Session,
) => ApiOutput<M> | Promise<ApiOutput<M>>;

export type Handlers = { [M in ApiMethod]: Handler<M> };

/** Every method of the contract, mapped onto the services; the compiler checks none is missing. */
export const handlers: Handlers = {
  'app.status': (_input, ctx) => appStatus(ctx),
  'auth.setup': (input, ctx) => setup(ctx, input),
  'auth.login': async (input, ctx) => ({ user: await login(ctx, input.username, input.password) }),
  'auth.recover': (input, ctx) => recover(ctx, input.recoveryCode, input.username, input.newPassword),
  'auth.logout': (_input, ctx) => {
    logout(ctx);
    return {};
  },
  'auth.lock': (_input, ctx) => {
    lockSession(ctx);
    return {};
  },
  'settings.setIdleMinutes': (input, _ctx, { db, user }) => setIdleMinutes(db, user.id, input.minutes),
  'users.resetPassword': (input, ctx, { user }) => resetUserPassword(ctx, user.id, input.id, input.password),
  'db.info': (_input, _ctx, { db }) => databaseInfo(db),
  'backup.status': (_input, _ctx, { db }) => backupStatus(db),
  'backup.settings': (_input, _ctx, { db }) => backupSettings(db),
  'backup.saveSettings': (input, _ctx, { db, user }) => saveBackupSettings(db, user.id, input),
  'backup.create': (input, ctx, { db, user }) =>
    backupToFolder(db, ctx.dataDir, ctx.dataKey!, user.id, { folder: input.folder, onStep: ctx.onStep }),
  'backup.restore': async (input, ctx) => {
    const { file, ...secret } = input;
    const jobId = randomBytes(12).toString('hex');
    const result = await restoreBackup(file, ctx.dataDir, secret, {
      onStep: (done, total) =>
        publish({
          type: 'job.progress',
          jobId,
          kind: 'restore',
          done,
          total,
          state: done < total ? 'running' : 'done',
        }),
      // Once the backup has proven good, every connection to the current database closes: its files move aside.
      beforeSwap: async () => {
        await stopStation(ctx);
        closeSession(ctx);
      },
    });
    return {
      safetyCopy: result.safetyCopy,
      createdAt: result.createdAt,
      counts: result.counts,
      loggedOut: true as const,
    };
  },
  'students.add': (input, _ctx, { db, user }) => addStudent(db, user.id, input),
  'people.add': (input, _ctx, { db, user }) => addPerson(db, user.id, input.kind, input.values),
  // A class teacher's own classes only: 学籍号 and birth date are what a station signs a student in with.
  'students.list': (input, _ctx, { db, user }) => listStudents(db, input, classScope(user)),
  'users.list': (_input, _ctx, { db }) => listUsers(db),
  'users.create': (input, ctx, { user }) => addUserAccount(ctx, user.id, input),
  'users.deactivate': (input, ctx, { user }) => deactivateUser(ctx, user.id, input.id),
  'users.setRole': (input, ctx, { user }) => changeUserRole(ctx, user.id, input),
  'audit.list': (input, _ctx, { db }) => listAudit(db, input),
  'audit.verify': (_input, _ctx, { db }) => verifyAudit(db),
  'audit.export': (input, _ctx, { db, user }) => exportAudit(db, user.id, input),
  'people.list': (input, _ctx, { db, user }) => {
    assertMayFilter(user, input);
    const page = listPeople(db, input, classScope(user));
    return { ...page, items: page.items.map((p) => minimumPerson(user, p)) };
  },
  'people.groups': (_input, _ctx, { db, user }) => personGroups(db, classScope(user)),
  'people.search': (input, _ctx, { db, user }) => {
    assertMayFilter(user, input);
    return searchPeople(db, input.query, input.kind, input.limit, classScope(user)).map((p) =>
      minimumPerson(user, p),
    );
  },
  'people.get': (input, _ctx, { db, user }) =>
    minimumFile(user, openPersonFile(db, user.id, input.id, classScope(user), seesAnswers(user))),
  'people.correct': (input, _ctx, { db, user }) =>
    correctPerson(db, user.id, input.id, input.changes, input.reason),
  'people.addNote': (input, _ctx, { db, user }) => addNote(db, user.id, input.id, input.text),
  'people.importPreview': async (input, ctx, { db }) =>
    planImport(db, input.kind, uploadName(input.file), await readUpload(input.file, ctx), input.mapping)
      .preview,
  'people.importCommit': async (input, ctx, { db, user }) => {
    const plan = planImport(
      db,
      input.kind,
      uploadName(input.file),
      await readUpload(input.file, ctx),
      input.mapping,
    );
    // The command line keeps one transaction (no station waits on its process); the app commits
    // in steps, so a big roster never holds the write lock for seconds (see commitImportInSteps).
    if (ctx.commandLine) return commitImport(db, user.id, input.kind, plan);
    return commitImportInSteps(db, user.id, input.kind, plan, ctx.onStep ? { onStep: ctx.onStep } : {});
  },
  'people.importTemplate': (input) => importTemplate(input.kind),
  'instruments.list': (_input, _ctx, { db }) => listInstruments(db),
  'instruments.get': (input, _ctx, { db }) => findDefinition(db, input.id),
  'instruments.setEnabled': (input, _ctx, { db, user }) =>
    setInstrumentEnabled(db, user.id, input.id, input.enabled),
  'instruments.import': (input, _ctx, { db, user }) => importInstrument(db, user.id, input.file),
  'instruments.template': () => instrumentTemplate(),
  'instruments.score': (input, _ctx, { db }) =>
    scoreValues(findDefinition(db, input.instrumentId), input.values),
  'tiers.get': (input, _ctx, { db }) => tierSettings(db, input.programme),
  'timepoints.get': (_input, _ctx, { db }) => screeningWindowSettings(db),
  'timepoints.save': (input, _ctx, { db, user }) => saveScreeningWindows(db, user.id, input.windows),
  'tiers.save': (input, _ctx, { db, user }) => saveRuleSet(db, user.id, input.programme, input.ruleSet),
  'tiers.evaluate': (input, _ctx, { db }) => {
    const results = input.battery.map((b) => scoreValues(findDefinition(db, b.instrumentId), b.values));
    return { results, tier: evaluateTier(activeRuleSet(db, input.programme), results) };
  },
  'campaigns.create': (input, _ctx, { db, user }) => createCampaign(db, user.id, input),
  'campaigns.list': (_input, _ctx, { db }) => listCampaigns(db),
  'campaigns.progress': (input, _ctx, { db, user }) => minimumProgress(user, campaignProgress(db, input.id)),
  'campaigns.markAbsent': (input, _ctx, { db }) => {
    setParticipantStatus(db, input.campaignId, input.personId, 'absent');
    return {};
  },
  'kiosk.enter': (input, ctx) => {
    enterKiosk(ctx, input.campaignId, input.pin);
    return {};
  },
  'kiosk.exit': (input, ctx) => {
    exitKiosk(ctx, input.pin);
    return {};
  },
  'kiosk.unlockWithAdmin': async (input, ctx) => {
    await unlockKioskWithAdmin(ctx, input.username, input.password);
    return {};
  },
  'kiosk.status': (_input, ctx) => {
    const status = kioskStatus(ctx);
    return {
      ...status,
      campaign: status.campaignId !== null && ctx.db ? getCampaign(ctx.db, status.campaignId) : null,
    };
  },
  'screening.identify': (input, _ctx, { db }) => ({
    personId: identifyParticipant(db, input.campaignId, input.number, input.birthDate),
  }),
  'screening.start': (input, _ctx, { db, user }) => startScreening(db, user.id, input),
  'screening.saveAnswer': (input, _ctx, { db }) => {
    saveAnswer(db, input.screeningId, input.instrumentId, input.itemId, input.value);
    return {};
  },
  'screening.submit': (input, _ctx, { db }) =>
    submitScreening(db, input.screeningId, { allowIncomplete: input.allowIncomplete }),
  'screening.consent': (input, _ctx, { db }) => {
    consentScreening(db, input.screeningId);
    return {};
  },
  'screening.decline': (input, _ctx, { db }) => {
    declineScreening(db, input.screeningId);
    return {};
  },
  'screening.forPerson': (input, _ctx, { db }) => personScreenings(db, input.personId),
  'responses.preview': async ({ campaignId, file, ...options }, ctx, { db }) =>
    previewResponses(db, campaignId, await readUpload(file, ctx), options),
  'responses.import': async ({ campaignId, file, ...options }, ctx, { db, user }) =>
    importResponses(db, user.id, campaignId, await readUpload(file, ctx), options),
  'cases.worklist': (input, _ctx, { db, user }) => worklist(db, input, classScope(user), user.id),
  'cases.reopen': (input, _ctx, { db, user }) => reopenCase(db, user.id, input),
  'cases.assign': (input, _ctx, { db, user }) => assignCases(db, user.id, input, classScope(user)),
  'cases.responsibleCandidates': (_input, _ctx, { db }) => responsibleCandidates(db),
  'cases.get': (input, _ctx, { db }) => getCase(db, input.id),
  'cases.safetyCheck': (input, _ctx, { db, user }) => recordSafetyCheck(db, user.id, input),
  'cases.confirmInPerson': (input, _ctx, { db, user }) => confirmInPerson(db, user.id, input),
  'cases.interview': (input, _ctx, { db, user }) => recordInterview(db, user.id, input),
  'cases.followUp': (input, _ctx, { db, user }) => recordFollowUp(db, user.id, input),
  'cases.lift': (input, _ctx, { db, user }) => liftCase(db, user.id, input.caseId, input.reason),
  'followUp.intervals': (input, _ctx, { db }) => followUpIntervals(db, input.programme),
  'followUp.saveIntervals': (input, _ctx, { db, user }) =>
    saveFollowUpIntervals(db, user.id, input.programme, input.intervals),
  'cases.guardianContact': (input, _ctx, { db, user }) => recordGuardianContact(db, user.id, input),
  'cases.refer': (input, _ctx, { db, user }) => createReferral(db, user.id, input),
  'cases.updateReferral': (input, _ctx, { db, user }) => updateReferral(db, user.id, input),
  'cases.assignColour': (input, _ctx, { db, user }) => assignColour(db, user.id, input),
  'cases.close': (input, _ctx, { db, user }) => closeCase(db, user.id, input),
  'dashboard.get': (input, _ctx, { db, user }) =>
    dashboardView(db, user, input.programme, input.from, input.to),
  'exports.roster': (input, _ctx, { db, user }) => exportRosterDownload(db, user, input),
  'exports.toFile': (input, _ctx, { db, user }) => exportRoster(db, user, input),
  'exports.start': (input, _ctx, { db, user }) => startExportJob(db, user, input),
  'exports.progress': (input, _ctx, { user }) => exportJobProgress(user, input.jobId),
  'exports.cancel': (input, _ctx, { user }) => cancelExportJob(user, input.jobId),
  'exports.fetch': (input, _ctx, { user }) => fetchExportJob(user, input.jobId),
  'reports.referral': (input, _ctx, { db, user }) => referralLetter(db, user.id, input.referralId),
  'reports.group': (input, _ctx, { db, user }) => groupReport(db, user, input),
  'alerts.list': (input, _ctx, { db, user }) => listAlerts(db, user.role, input),
  'alerts.arrive': (input, _ctx, { db, user }) => arriveAtAlert(db, user, input.id),
  'views.list': (input, _ctx, { db, user }) => listViews(db, user.id, input.page),
  'views.save': (input, _ctx, { db, user }) => saveView(db, user.id, input.page, input.view),
  'views.delete': (input, _ctx, { db, user }) => deleteView(db, user.id, input.page, input.name),
  'campaigns.slips': (input, _ctx, { db, user }) => campaignSlips(db, user.id, input.campaignId),
  'station.start': (input, ctx) => startStation(ctx, { ...input, rendererDir: stationRendererDir() }),
  'station.status': (_input, ctx) => stationStatus(ctx),
  'station.stop': (_input, ctx) => stopStation(ctx),
  'station.rotateCode': (_input, ctx) => rotateStationCode(ctx),
  'station.decide': (input, ctx, { user }) => decideSignIn(ctx, user.id, input.requestId, input.approve),
  'station.issueCheckin': (input, ctx, { user }) => issueCheckin(ctx, user.id, input.personId),
  'station.interfaces': () => listInterfaces(),
  'hubLink.status': (_input, _ctx, { db }) => hubLinkStatus(db),
  'hubLink.enrol': (input, _ctx, { db, user }) => enrol(db, user.id, input.invite, input.replace),
  'hubLink.preview': (_input, _ctx, { db }) => sharingPreview(db),
  'hubLink.bundle': (_input, _ctx, { db, user }) => bundleFile(db, user.id),
  'hubLink.push': (_input, _ctx, { db, user }) => pushBundle(db, user.id),
};
