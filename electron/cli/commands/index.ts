import { auditListCommand, auditVerifyCommand } from './audit';
import { backupCreateCommand, backupRestoreCommand, backupVerifyCommand } from './backup';
import { campaignCreateCommand, importResponsesCommand } from './campaign';
import { casesAssignCommand } from './cases';
import { enrolCommand } from './enrol';
import { exportRosterCommand } from './export';
import { hubCommands } from './hub';
import { importRosterCommand, importWomenCommand } from './import';
import { infoCommand } from './info';
import { peopleAddCommand, peopleSearchCommand } from './people';
import { initCommand } from './init';
import { recoverCommand } from './recover';
import { reportBundleCommand } from './report';
import { scoreCommand } from './score';
import { hubServeCommand } from './hub-serve';
import { serveCommand } from './serve';
import { stationCommand } from './station';
import { tierCommand } from './tier';
import type { Command } from './types';
import { usersAddCommand, usersDeactivateCommand, usersListCommand } from './users';
import { alertsCommand, worklistCommand } from './worklist';

export const commands: Command[] = [
  initCommand,
  infoCommand,
  recoverCommand,
  serveCommand,
  stationCommand,
  scoreCommand,
  tierCommand,
  importRosterCommand,
  importWomenCommand,
  peopleSearchCommand,
  peopleAddCommand,
  campaignCreateCommand,
  importResponsesCommand,
  exportRosterCommand,
  worklistCommand,
  alertsCommand,
  casesAssignCommand,
  auditVerifyCommand,
  auditListCommand,
  backupCreateCommand,
  backupVerifyCommand,
  backupRestoreCommand,
  usersAddCommand,
  usersListCommand,
  usersDeactivateCommand,
  ...hubCommands,
  hubServeCommand,
  enrolCommand,
  reportBundleCommand,
];
