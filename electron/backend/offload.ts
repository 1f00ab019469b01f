import { clinicalPrivateKey } from '../services/clinical/vault';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { User } from '../../shared/api/auth';
import { AppError, refusal } from '../../shared/api/errors';
import { fileError } from '../services/spreadsheet/limits';
import { handlers, type Handlers, type Session } from '../api/handlers';
import type { AppContext } from '../services/context';
import { publish } from '../services/events';
import { describeFailure, logJobFailure, withDiagnostic } from '../services/job-log';
import type { ExportRun } from '../services/export/roster';
import { EXPORT_TOO_LARGE } from '../../shared/api/exports';
import { startExportJob, type ExportCounts, type ExportRunner } from '../services/export/jobs';
import {
  JOB_KIND,
  OFFLOADED_METHODS,
  type JobMessage,
  type JobSpec,
  type JobWorkerData,
} from './jobs-protocol';

/** The built job worker, beside whichever bundle runs this (dist/cli.js, out/main/utility.js). */
export function jobWorkerFile(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 3; i++) {
    const candidate = join(dir, 'job-worker.js');
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  throw new Error('The job worker has not been built: run `npm run build` first.');
}

type RunOptions = ExportRun & {
  onSteps?: (done: number, total: number) => void;
  /** The job's heap ceiling; tests lower it to see the out-of-memory path. */
  maxHeapMb?: number;
};

/**
 * Each job's heap ceiling. A 50,000-row roster needs a few hundred MB; past this a file that slipped
 * through the reader's limits ends its own thread with a clear message instead of taking the app
 * (and the LAN station running in it) down with it.
 */
export const JOB_HEAP_MB = 1024;

/** A worker that died of its heap ceiling: worded for the user, never "internal". */
function jobFailure(error: unknown, job: JobSpec): Error {
  if ((error as { code?: string } | null)?.code !== 'ERR_WORKER_OUT_OF_MEMORY') return error as Error;
  // The log line names what really happened (ERR_WORKER_OUT_OF_MEMORY), not the user's wording of it.
  const diagnostic = describeFailure(error);
  if (job.kind === 'call' && job.method !== 'exports.roster') {
    return withDiagnostic(
      fileError('out_of_memory', '文件太大，导入时超出了允许的内存：请把名单拆成几个较小的文件分别导入。', {
        cap: JOB_HEAP_MB,
      }),
      diagnostic,
    );
  }
  return withDiagnostic(
    refusal('conflict', EXPORT_TOO_LARGE, 'The export ran out of memory; export a smaller range.', {
      cap: JOB_HEAP_MB,
    }),
    diagnostic,
  );
}

/**
 * Starts a worker thread for one job and settles with its result. One worker per job: jobs run
 * side by side, a cancelled export simply ends its thread (nothing half-built survives it), and
 * the memory a 50,000-row file needed goes with the thread.
 */
function clinicalKeyCopy(db: NonNullable<AppContext['db']>): Uint8Array | null {
  const key = clinicalPrivateKey(db);
  if (!key) return null;
  const copy = new Uint8Array(key);
  key.fill(0);
  return copy;
}

export function runInWorker(
  workerFile: string,
  ctx: AppContext,
  user: User,
  job: JobSpec,
  { signal, onProgress, onSteps, maxHeapMb = JOB_HEAP_MB }: RunOptions = {},
): Promise<unknown> {
  if (!ctx.dataKey) return Promise.reject(new AppError('unauthenticated', 'Please log in first.'));
  const workerData: JobWorkerData = {
    dataDir: ctx.dataDir,
    transport: ctx.transport,
    dataKey: new Uint8Array(ctx.dataKey),
    clinicalKey: ctx.db ? clinicalKeyCopy(ctx.db) : null,
    user,
    job,
  };
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerFile, {
      workerData,
      resourceLimits: { maxOldGenerationSizeMb: maxHeapMb },
    });
    // The worker got its own copies (structured clone); these are not needed any more.
    workerData.dataKey.fill(0);
    workerData.clinicalKey?.fill(0);
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', abort);
      fn();
    };
    const abort = () => {
      void worker.terminate();
      settle(() => reject(refusal('conflict', 'jobs.cancelled', 'Cancelled.')));
    };
    if (signal?.aborted) return abort();
    signal?.addEventListener('abort', abort);
    worker.on('message', (message: JobMessage) => {
      if (message.type === 'event') publish(message.event);
      else if (message.type === 'progress') onProgress?.(message.progress);
      else if (message.type === 'steps') onSteps?.(message.done, message.total);
      else if (message.type === 'done') settle(() => resolve(message.value));
      else {
        const { code, message: text, ...extra } = message.error;
        settle(() => reject(withDiagnostic(new AppError(code, text, extra), message.diagnostic)));
      }
    });
    worker.on('error', (error) => settle(() => reject(jobFailure(error, job))));
    worker.on('exit', () =>
      settle(() => reject(new AppError('internal', 'The job ended without an answer.'))),
    );
  });
}

/** An export job whose workbook is built in a worker; the job's bookkeeping stays on the host. */
function exportInWorker(workerFile: string, ctx: AppContext): ExportRunner {
  return async (_db, user, options, run) => {
    const { counts, content } = (await runInWorker(
      workerFile,
      ctx,
      user,
      { kind: 'export', options },
      run,
    )) as {
      counts: ExportCounts;
      content: Uint8Array;
    };
    return { counts, content: Buffer.from(content.buffer, content.byteOffset, content.byteLength) };
  };
}

/**
 * The handlers that replace the heavy ones when a host (the Electron utility process, `anxin
 * serve`) runs jobs off its request thread. Each call is one job with pushed `job.progress`.
 */
export function offloadedHandlers(workerFile: string = jobWorkerFile()): Partial<Handlers> {
  const table: Record<string, unknown> = {};
  for (const method of OFFLOADED_METHODS) {
    table[method] = async (input: unknown, ctx: AppContext, { user }: Session) => {
      const jobId = randomBytes(12).toString('hex');
      const kind = JOB_KIND[method];
      // Until a service reports steps, a job counts as one step.
      let last = { done: 0, total: 1 };
      const progress = (state: 'running' | 'done' | 'failed', done = last.done, total = last.total) => {
        last = { done, total };
        publish({ type: 'job.progress', jobId, kind, done, total, state });
      };
      progress('running');
      try {
        const value = await runInWorker(
          workerFile,
          ctx,
          user,
          { kind: 'call', method, input },
          { onSteps: (done, total) => progress('running', done, total) },
        );
        progress('done', last.total, last.total);
        return value;
      } catch (error) {
        // The caller gets the error as its reply; the log gets the job's kind, id and code.
        logJobFailure(kind, jobId, error);
        progress('failed');
        throw error;
      }
    };
  }
  const exportsStart: Handlers['exports.start'] = (input, ctx, { db, user }) =>
    startExportJob(db, user, input, exportInWorker(workerFile, ctx));
  table['exports.start'] = exportsStart;
  return table as Partial<Handlers>;
}

/** Every method: the quick ones answered on the request thread, the heavy ones in job workers. */
export function backendHandlers(workerFile: string = jobWorkerFile()): Handlers {
  return { ...handlers, ...offloadedHandlers(workerFile) };
}
