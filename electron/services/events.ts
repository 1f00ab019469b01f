import type { ServerEvent } from '../../shared/api/events';

type Listener = (event: ServerEvent) => void;

/**
 * The service side of the push channel. Services publish after their transaction commits;
 * transports (SSE, IPC, the utility process's parent port) subscribe. A listener that throws
 * never stops the others or the service that published.
 */
const listeners = new Set<Listener>();

export function publish(event: ServerEvent): void {
  for (const listener of listeners) {
    try {
      listener(event);
    } catch {
      // A broken transport must not undo or delay the work that raised the event.
    }
  }
}

export function subscribe(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
