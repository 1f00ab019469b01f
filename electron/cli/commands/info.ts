import { asUser, call } from '../session';
import type { Command } from './types';

export const infoCommand: Command = {
  name: 'info',
  usage: 'anxin info --data-dir DIR [--user NAME] [--json]   (password from ANXIN_PASSWORD)',
  async run({ values }) {
    return asUser(values, async (ctx) => {
      const status = await call(ctx, 'app.status', {});
      const info = await call(ctx, 'db.info', {});
      return {
        json: { dataDir: ctx.dataDir, org: status.org, ...info },
        text: [
          `数据目录 / Data folder: ${ctx.dataDir}`,
          `机构 / Organisation: ${status.org?.name ?? ''} (${status.org?.type ?? ''})`,
          `数据库版本 / Schema: ${info.schemaVersion}/${info.latestSchemaVersion}, cipher ${info.cipher}`,
          `用户 / Users: ${info.counts.users}   学生 / Students: ${info.counts.students}`,
        ].join('\n'),
      };
    });
  },
};
