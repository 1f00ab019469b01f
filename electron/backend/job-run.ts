import { toApiError } from '../api/dispatch';
import { handlers } from '../api/handlers';
import { openDatabase } from '../db/database';
import { closeClinical, openClinical } from '../services/clinical/vault';
import { databasePath, type AppContext } from '../services/context';
import { flushCommitted, subscribe } from '../services/events';
import { exportInThisThread } from '../services/export/jobs';
import { describeFailure } from '../services/job-log';
import type { JobMessage, JobWorkerData } from './jobs-protocol';

// A roster commit touches tens of thousands of pages; a larger cache keeps them from spilling to
// the log mid-transaction, which shortens the time the write lock is held (measured ~25 % on 50,000 rows).
const JOB_CACHE_KIB = 64 * 1024;

/**
 * Runs one job in this (worker) thread over its own connection to the same encrypted database:
 * WAL lets it read while the request thread reads and writes; its own writes take the lock only
 * for their final transaction. Events its services publish travel back to the host's bus.
 */
export async function runJob(
  data: JobWorkerData,
  post: (message: JobMessage, transfer?: ArrayBuffer[]) => void,
): Promise<void> {
  const dataKey = Buffer.from(data.dataKey);
  let db: ReturnType<typeof openDatabase> | null = null;
  const unsubscribe = subscribe((event) => post({ type: 'event', event }));
  try {
    db = openDatabase(databasePath(data.dataDir), dataKey);
    db.pragma(`cache_size = -${JOB_CACHE_KIB}`);
    // Clinical fields read as the requesting user's session would: with the private key only if it had it.
    const clinicalKey = data.clinicalKey ? Buffer.from(data.clinicalKey) : null;
    openClinical(db, clinicalKey);
    clinicalKey?.fill(0);
    data.clinicalKey?.fill(0);
    const { user, job } = data;
    if (job.kind === 'call') {
      const ctx: AppContext = {
        dataDir: data.dataDir,
        transport: data.transport,
        db,
        user,
        dataKey,
        onStep: (done, total) => post({ type: 'steps', done, total }),
      };
      const handler = handlers[job.method] as (input: unknown, c: AppContext, s: unknown) => unknown;
      const value = await handler(job.input, ctx, { db, user });
      flushCommitted(db);
      post({ type: 'done', value });
    } else {
      const { counts, content } = await exportInThisThread(db, user, job.options, {
        signal: new AbortController().signal,
        onProgress: (progress) => post({ type: 'progress', progress }),
      });
      // A fresh buffer of its own (Buffer may share a pooled one) moves to the host without a copy.
      const bytes = new Uint8Array(content);
      post({ type: 'done', value: { counts, content: bytes } }, [bytes.buffer]);
    }
  } catch (error) {
    // Logged by the host, which knows the job's id and kind (see job-log.ts); the worker only reports.
    post({ type: 'failed', error: toApiError(error), diagnostic: describeFailure(error) });
  } finally {
    unsubscribe();
    if (db) closeClinical(db);
    db?.close();
    dataKey.fill(0);
  }
}
