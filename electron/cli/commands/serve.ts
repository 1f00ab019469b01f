import { AppError } from '../../../shared/api/errors';
import { startBackupScheduler } from '../../backend/backup-scheduler';
import { backendHandlers } from '../../backend/offload';
import { rendererDir } from '../../services/renderer-dir';
import { startStaffServer } from '../../transports/http';
import { optionalString } from '../args';
import { cliContext } from '../session';
import type { Command } from './types';

export function parsePort(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new AppError('invalid_input', '--port must be 0–65535.');
  return port;
}

export const serveCommand: Command = {
  name: 'serve',
  usage: 'anxin serve --data-dir DIR [--port N] [--json]   (the app in a browser on 127.0.0.1)',
  async run({ values }) {
    const ctx = cliContext(values);
    // As in the Electron utility process: imports and exports run in job workers, so this
    // thread stays free to answer calls, push events and serve the LAN station.
    const table = backendHandlers();
    const server = await startStaffServer(ctx, {
      port: parsePort(optionalString(values, 'port')),
      rendererDir: rendererDir(),
      table,
    });
    startBackupScheduler(ctx, table);
    const stop = () => void server.close().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    return {
      json: { url: server.url, port: server.port, dataDir: ctx.dataDir },
      text: `安心筛查已在浏览器模式运行 / Anxin is serving on loopback: ${server.url}\n数据目录 / Data folder: ${ctx.dataDir}`,
    };
  },
};
