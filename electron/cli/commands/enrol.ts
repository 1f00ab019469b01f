import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { refusal } from '../../../shared/api/errors';
import { requireString } from '../args';
import { asUser, call } from '../session';
import type { Command } from './types';

export const enrolCommand: Command = {
  name: 'enrol',
  usage:
    'anxin enrol --data-dir DIR --invite FILE [--replace] [--user NAME] [--json]   (加入区县平台 with the hub’s invitation file; password from ANXIN_PASSWORD)',
  async run({ values }) {
    const file = resolve(requireString(values, 'invite'));
    let invite: string;
    try {
      invite = readFileSync(file, 'utf8');
    } catch {
      throw refusal('invalid_input', 'files.unreadable', `Cannot read ${file}.`, { path: file });
    }
    const replace = values.replace === true;
    const result = await asUser(values, (ctx) => call(ctx, 'hubLink.enrol', { invite, replace }));
    const json = {
      hubId: result.hubId,
      hubName: result.hubName,
      installationId: result.installationId,
      installationName: result.installationName,
      agreement: result.agreement,
    };
    return {
      json,
      text: [
        `已加入区县平台 Enrolled: ${result.hubName} (${result.hubId})`,
        `本机构 Installation: ${result.installationName} (${result.installationId})`,
        `共享姓名 Names shared: ${result.agreement.names ? result.agreement.nameLevels.join(', ') : '否 no'}`,
      ].join('\n'),
    };
  },
};
