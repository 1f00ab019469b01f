import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiInput } from '../../../../shared/api/contract';
import type { ExportProgress } from '../../../../shared/api/exports';
import { invoke } from '../../api/client';
import { useServerEvents } from '../../api/events';
import { describeError } from '../../api/errors';
import { downloadBase64 } from '../../lib/files';

const QUIET_MS = 5_000;

/**
 * The export job this page started: its progress (pushed by the job, about ten a second), the
 * workbook downloaded once when it is done, and cancel. Events and replies for any other job (an
 * older, cancelled one) are ignored. Progress arrives as events, not as a cached query: each
 * event carries only the job id, and the reply decides whether to download.
 */
export function useExportJob() {
  const [jobId, setJobId] = useState<string | null>(null);
  const [progress, setProgress] = useState<ExportProgress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef<string | null>(null);
  const lastEvent = useRef(0);

  const stop = useCallback((id: string) => {
    if (latest.current !== id) return;
    latest.current = null;
    setJobId(null);
  }, []);

  /** Reads the job's state (phase, counts, error) and, once it is done, downloads the workbook once. */
  const follow = useCallback(
    async (id: string) => {
      try {
        const p = await invoke('exports.progress', { jobId: id });
        if (latest.current !== id) return;
        setProgress(p);
        if (p.state === 'running') return;
        // Cleared before the fetch, so a second event for the same job cannot fetch it again.
        stop(id);
        if (p.state === 'done') {
          const file = await invoke('exports.fetch', { jobId: id });
          downloadBase64(file.fileName, file.contentBase64);
        }
      } catch (err) {
        stop(id);
        setError(describeError(err));
      }
    },
    [stop],
  );

  useServerEvents(['job.progress'], (event) => {
    if (event.type !== 'job.progress' || event.jobId !== latest.current) return;
    lastEvent.current = Date.now();
    void follow(event.jobId);
  });
  // Only if the event stream went quiet (a dropped connection reconnecting) is the job asked directly.
  useEffect(() => {
    if (!jobId) return;
    const timer = setInterval(() => {
      if (Date.now() - lastEvent.current > QUIET_MS) void follow(jobId);
    }, QUIET_MS);
    return () => clearInterval(timer);
  }, [jobId, follow]);

  return {
    running: jobId !== null,
    progress,
    error,
    async start(input: ApiInput<'exports.start'>) {
      setError(null);
      setProgress(null);
      try {
        const started = await invoke('exports.start', input);
        setJobId(started.jobId);
        latest.current = started.jobId;
        // Catches up with what happened before this page knew the job's id (a small export may be done).
        void follow(started.jobId);
      } catch (err) {
        setError(describeError(err));
      }
    },
    async cancel() {
      const id = latest.current;
      if (!id) return;
      stop(id);
      try {
        await invoke('exports.cancel', { jobId: id });
        setProgress((p) => (p ? { ...p, state: 'cancelled' } : p));
      } catch (err) {
        setError(describeError(err));
      }
    },
  };
}
