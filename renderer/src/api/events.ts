import { useEffect, useRef } from 'react';
import { EVENTS_PATH, serverEventSchema, type ServerEvent } from '../../../shared/api/events';
import { launchToken } from './client';

type Listener = (event: ServerEvent) => void;
const listeners = new Set<Listener>();
let stop: (() => void) | null = null;

function deliver(raw: unknown): void {
  const parsed = serverEventSchema.safeParse(raw);
  if (!parsed.success) return;
  for (const listener of listeners) listener(parsed.data);
}

/** One connection per window, opened with the first listener and closed with the last. */
function connect(): () => void {
  if (window.anxin) return window.anxin.onEvent(deliver);
  const source = new EventSource(`${EVENTS_PATH}?token=${encodeURIComponent(launchToken())}`);
  source.onmessage = (message: MessageEvent<string>) => {
    try {
      deliver(JSON.parse(message.data));
    } catch {
      // A malformed frame is dropped; the next one still arrives.
    }
  };
  // EventSource reconnects by itself after a drop (server restart, sleep).
  return () => source.close();
}

export function subscribeEvents(listener: Listener): () => void {
  listeners.add(listener);
  stop ??= connect();
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && stop) {
      stop();
      stop = null;
    }
  };
}

/** Calls `onEvent` for each pushed event of the given types while the component is mounted. */
export function useServerEvents(types: readonly ServerEvent['type'][], onEvent: Listener): void {
  const latest = useRef(onEvent);
  useEffect(() => {
    latest.current = onEvent;
  });
  const key = types.join(',');
  useEffect(
    () =>
      subscribeEvents((event) => {
        if (key.split(',').includes(event.type)) latest.current(event);
      }),
    [key],
  );
}
