import { useCallback, useState } from 'react';

/** The result of an action that failed: its error is in `error`, shown by the page. */
export const FAILED = Symbol('failed');

/**
 * A staff action the page waits for (start the station, read a file, commit an import): one at a
 * time, busy while it runs, and its failure kept for the page to show until the next try.
 */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = useCallback(async <T>(action: () => Promise<T>): Promise<T | typeof FAILED> => {
    setBusy(true);
    setError(null);
    try {
      return await action();
    } catch (err) {
      setError(err);
      return FAILED;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, setError, run };
}
