import { infoCommand } from './info';
import { initCommand } from './init';
import { serveCommand } from './serve';
import type { Command } from './types';

export const commands: Command[] = [initCommand, infoCommand, serveCommand];
