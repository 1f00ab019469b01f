import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AppError } from '../../../shared/api/errors';
import { localToday } from '../../hub/handlers';
import { openHubStore } from '../../hub/store';
import { startHubServer } from '../../hub/transport';
import { rendererDir } from '../../services/renderer-dir';
import { optionalString, requireString } from '../args';
import { parsePort } from './serve';
import type { Command } from './types';

export const hubServeCommand: Command = {
  name: 'hub serve',
  usage:
    'anxin hub serve --data-dir DIR [--pg URL] [--host H] [--port N] [--tls-cert PEM --tls-key PEM] [--json]   (the district hub: its pages, API and bundle push)',
  async run({ values }) {
    const dataDir = resolve(requireString(values, 'data-dir'));
    const certFile = optionalString(values, 'tls-cert');
    const keyFile = optionalString(values, 'tls-key');
    if (Boolean(certFile) !== Boolean(keyFile))
      throw new AppError('invalid_input', '--tls-cert and --tls-key go together.');
    const tls =
      certFile && keyFile ? { cert: readFileSync(certFile), key: readFileSync(keyFile) } : undefined;
    const { db, keys } = await openHubStore({ dataDir, pg: optionalString(values, 'pg') });
    let server;
    try {
      server = await startHubServer(
        { db, keys, dataDir, today: () => localToday() },
        {
          rendererDir: rendererDir(),
          host: optionalString(values, 'host'),
          port: parsePort(optionalString(values, 'port')),
          tls,
        },
      );
    } catch (error) {
      await db.close();
      throw error;
    }
    const stop = () =>
      void server
        .close()
        .then(() => db.close())
        .then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    return {
      json: { url: server.url, port: server.port, dataDir },
      text: `区县平台已启动 / The district hub is serving: ${server.url}\n数据目录 / Data folder: ${dataDir}`,
    };
  },
};
