import type { ApiResult } from '../../shared/api/errors';
import type { ServerEvent } from '../../shared/api/events';
import type { FromServices, PortLike, ToServices } from './protocol';

export interface ServiceClient {
  /** Forwards one call and resolves with the service process's typed result. */
  call(method: string, input: unknown): Promise<ApiResult<unknown>>;
  onEvent(listener: (event: ServerEvent) => void): () => void;
  onKiosk(listener: (active: boolean) => void): void;
  /** The service process went away: every open call gets an error instead of hanging. */
  fail(reason: string): void;
  ready: Promise<void>;
}

/** The window side of the protocol (Electron's main process); the port reaches the service process. */
export function createServiceClient(port: PortLike<FromServices, ToServices>): ServiceClient {
  let nextId = 1;
  const pending = new Map<number, (result: ApiResult<unknown>) => void>();
  const eventListeners = new Set<(event: ServerEvent) => void>();
  let kioskListener: ((active: boolean) => void) | null = null;
  let markReady!: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  port.onMessage((message) => {
    switch (message.type) {
      case 'ready':
        return markReady();
      case 'reply': {
        const resolve = pending.get(message.id);
        pending.delete(message.id);
        return resolve?.(message.result);
      }
      case 'event':
        for (const listener of eventListeners) listener(message.event);
        return;
      case 'kiosk':
        return kioskListener?.(message.active);
      case 'closed':
        return;
    }
  });
  return {
    ready,
    call: (method, input) =>
      new Promise((resolve) => {
        const id = nextId++;
        pending.set(id, resolve);
        port.postMessage({ type: 'call', id, method, input });
      }),
    onEvent(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    onKiosk(listener) {
      kioskListener = listener;
    },
    fail(reason) {
      for (const resolve of pending.values())
        resolve({ ok: false, error: { code: 'internal', message: reason } });
      pending.clear();
    },
  };
}
