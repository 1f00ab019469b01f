import { campaignCreateCommand, importResponsesCommand } from './campaign';
import { importRosterCommand, importWomenCommand } from './import';
import { infoCommand } from './info';
import { peopleSearchCommand } from './people';
import { initCommand } from './init';
import { scoreCommand } from './score';
import { serveCommand } from './serve';
import { tierCommand } from './tier';
import type { Command } from './types';

export const commands: Command[] = [
  initCommand,
  infoCommand,
  serveCommand,
  scoreCommand,
  tierCommand,
  importRosterCommand,
  importWomenCommand,
  peopleSearchCommand,
  campaignCreateCommand,
  importResponsesCommand,
];
