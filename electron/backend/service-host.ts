import { dispatch } from '../api/dispatch';
import type { Handlers } from '../api/handlers';
import { closeSession, createContext, type AppContext } from '../services/context';
import { subscribe } from '../services/events';
import { onKioskChange } from '../services/kiosk';
import { cleanPrivateTmp } from '../services/private-tmp';
import { stopStation } from '../transports/station';
import { startBackupScheduler } from './backup-scheduler';
import { backendHandlers } from './offload';
import type { FromServices, PortLike, ToServices } from './protocol';

export interface ServiceHostOptions {
  dataDir: string;
  /** Defaults to the backend table (heavy methods in job workers); tests may pass their own. */
  table?: Handlers;
}

/**
 * The service process: the database session, dispatch, imports and exports (through job
 * workers), the LAN station and the event bus, answering over one port. Nothing here knows about
 * windows; the main process keeps those, so no import or export can freeze the window, its IPC or
 * the kiosk's key blocking.
 */
export function startServiceHost(
  port: PortLike<ToServices, FromServices>,
  options: ServiceHostOptions,
): { ctx: AppContext; closed: Promise<void> } {
  // Exports a crash or a kill cut short left in the private temp folder are removed at start.
  cleanPrivateTmp(options.dataDir);
  const ctx = createContext(options.dataDir, 'ipc');
  const table = options.table ?? backendHandlers();
  onKioskChange(ctx, (active) => port.postMessage({ type: 'kiosk', active }));
  const unsubscribe = subscribe((event) => port.postMessage({ type: 'event', event }));
  const stopBackups = startBackupScheduler(ctx, table);
  let close!: () => void;
  const closed = new Promise<void>((resolve) => (close = resolve));
  port.onMessage((message) => {
    if (message.type === 'call') {
      void dispatch(ctx, message.method, message.input, table).then((result) =>
        port.postMessage({ type: 'reply', id: message.id, result }),
      );
    } else if (message.type === 'shutdown') {
      unsubscribe();
      stopBackups();
      void stopStation(ctx).finally(() => {
        closeSession(ctx);
        port.postMessage({ type: 'closed' });
        close();
      });
    }
  });
  port.postMessage({ type: 'ready' });
  return { ctx, closed };
}
