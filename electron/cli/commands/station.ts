import { AppError } from '../../../shared/api/errors';
import { optionalString, requireString } from '../args';
import { call, loggedInContext } from '../session';
import { parsePort } from './serve';
import type { Command } from './types';

export const stationCommand: Command = {
  name: 'station',
  usage:
    'anxin station --data-dir DIR --campaign ID [--host ADDRESS] [--port N] [--json]   (机房施测: respondents open the printed address)',
  async run({ values }) {
    const campaignId = Number(requireString(values, 'campaign'));
    if (!Number.isInteger(campaignId))
      throw new AppError('invalid_input', '--campaign must be a campaign id.');
    const ctx = await loggedInContext(values);
    // The session stays open while the station runs; a refused or failed start ends it here.
    const status = await call(ctx, 'station.start', {
      campaignId,
      host: optionalString(values, 'host') ?? '127.0.0.1',
      port: parsePort(optionalString(values, 'port')) ?? 0,
    }).catch(async (error: unknown) => {
      await call(ctx, 'auth.logout', {});
      throw error;
    });
    const stop = () =>
      void call(ctx, 'station.stop', {})
        .then(() => call(ctx, 'auth.logout', {}))
        .finally(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    return {
      json: {
        url: status.url,
        port: Number(new URL(status.url!).port),
        stationCode: status.stationCode,
        campaignId,
        dataDir: ctx.dataDir,
      },
      text: [
        `测评站已启动 / Station running: ${status.url}`,
        `测评码 / Station code: ${status.stationCode}`,
        '按 Ctrl+C 停止 / Ctrl+C stops it.',
      ].join('\n'),
    };
  },
};
