import { useEffect, useRef, useState } from 'react';

export interface Polled<T> {
  data: T | null;
  error: unknown;
  /** Fetch now (after an action) without waiting for the next tick. */
  refresh(): void;
}

/**
 * Calls `load` at once and then every `ms`, never two at a time (a slow answer is not
 * overtaken by the next request). Keeps the last good data when one round fails.
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
    let timer: ReturnType<typeof setTimeout> | null = null;
    const round = async () => {
      if (busy || !alive) return;
      busy = true;
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
        if (alive) timer = setTimeout(() => void round(), ms);
      }
    };
    kick.current = () => void round();
    void round();
    return () => {
      alive = false;
      if (timer) clearTimeout(timer);
    };
  }, [ms, enabled]);

  return { data, error, refresh: () => kick.current() };
}
