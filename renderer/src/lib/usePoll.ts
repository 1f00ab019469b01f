import { useCallback, useEffect, useRef, useState } from 'react';
import { useServerEvents } from '../api/events';
import type { ServerEvent } from '../../../shared/api/events';

export interface Polled<T> {
  data: T | null;
  error: unknown;
  /** Fetch now (after an action or a pushed event) without waiting for the next tick. */
  refresh(): void;
}

/**
 * Calls `load` at once and then every `ms`, never two at a time (a slow answer is not
 * overtaken by the next request); a refresh asked for during a round runs once right after it,
 * so a burst of pushed events costs at most two requests. Refetches when the window regains
 * focus (a laptop woken up, a tab come back to). Keeps the last good data when one round fails.
 */
export function usePoll<T>(load: () => Promise<T>, ms: number, enabled = true): Polled<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const loadRef = useRef(load);
  const kick = useRef<() => void>(() => undefined);
  useEffect(() => {
    loadRef.current = load;
  }, [load]);

  useEffect(() => {
    if (!enabled) return;
    let alive = true;
    let busy = false;
    let again = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const round = async () => {
      if (!alive) return;
      if (busy) {
        again = true;
        return;
      }
      busy = true;
      again = false;
      if (timer) clearTimeout(timer);
      try {
        const value = await loadRef.current();
        if (alive) {
          setData(value);
          setError(null);
        }
      } catch (err) {
        if (alive) setError(err);
      } finally {
        busy = false;
        if (alive) timer = setTimeout(() => void round(), again ? 0 : ms);
      }
    };
    const onFocus = () => void round();
    kick.current = () => void round();
    window.addEventListener('focus', onFocus);
    void round();
    return () => {
      alive = false;
      window.removeEventListener('focus', onFocus);
      if (timer) clearTimeout(timer);
    };
  }, [ms, enabled]);

  const refresh = useCallback(() => kick.current(), []);
  return { data, error, refresh };
}

/**
 * Data the server pushes changes of: fetched on mount, again on each event of `types` (that
 * `accept` keeps), and every `fallbackMs` in case an event was missed (a dropped connection).
 */
export function useLive<T>(
  load: () => Promise<T>,
  types: readonly ServerEvent['type'][],
  { fallbackMs = 30_000, enabled = true, accept }: LiveOptions = {},
): Polled<T> {
  const polled = usePoll(load, fallbackMs, enabled);
  useServerEvents(types, (event) => {
    if (enabled && (!accept || accept(event))) polled.refresh();
  });
  return polled;
}

export interface LiveOptions {
  fallbackMs?: number;
  enabled?: boolean;
  accept?(event: ServerEvent): boolean;
}
