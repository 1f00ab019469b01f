import type { ApiResult } from '../../shared/api/errors';
import type { ServerEvent } from '../../shared/api/events';

/**
 * The messages between the window side (Electron's main process) and the service process (an
 * Electron utility process running electron/backend/utility.ts). Plain structured-clone data,
 * so any port that carries messages — `process.parentPort`, a worker, a forked child — will do.
 */
export type ToServices = { type: 'call'; id: number; method: string; input: unknown } | { type: 'shutdown' };

export type FromServices =
  | { type: 'ready' }
  | { type: 'reply'; id: number; result: ApiResult<unknown> }
  /** A pushed event, for every window's EVENT_CHANNEL. */
  | { type: 'event'; event: ServerEvent }
  /** Kiosk mode began or ended: the main process locks or frees the real window. */
  | { type: 'kiosk'; active: boolean }
  | { type: 'closed' };

/** Anything that can send and receive messages; adapters wrap Electron's and Node's ports. */
export interface PortLike<In, Out> {
  postMessage(message: Out): void;
  onMessage(listener: (message: In) => void): void;
}
