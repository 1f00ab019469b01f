import { randomBytes } from 'node:crypto';
import type { User } from '../../../shared/api/auth';
import { AppError, refusal } from '../../../shared/api/errors';
import type { ExportProgress } from '../../../shared/api/exports';
import type { Db } from '../../db/database';
import { publish } from '../events';
import { logJobFailure } from '../job-log';
import { downloadName, memorySink } from './output';
import {
  auditExport,
  auditExportFailure,
  checkVariant,
  writeRosterExport,
  type ExportRun,
  type RosterExportOptions,
} from './roster';

/**
 * Exports the UI starts and follows: the same writer as the CLI, run in the background with a
 * progress count pushed as `job.progress` events and an abort signal. The workbook is built in
 * memory (the browser download and the Electron save dialog both receive bytes), so a cancelled
 * or failed job leaves no file anywhere.
 */
interface Job {
  userId: number;
  progress: ExportProgress;
  controller: AbortController;
  content: Buffer | null;
  fileName: string;
  finishedAt: number | null;
}

export type ExportCounts = { people: number; screenings: number };
/**
 * Writes the workbook and returns its bytes: here in this thread (CLI, in-process tests) or in a
 * job worker (the app and `anxin serve`, see electron/backend/offload.ts), so a long export never
 * holds up the thread that answers requests. An aborted run rejects and keeps nothing.
 */
export type ExportRunner = (
  db: Db,
  user: User,
  options: RosterExportOptions,
  run: Required<ExportRun>,
) => Promise<{ counts: ExportCounts; content: Buffer }>;

export const exportInThisThread: ExportRunner = async (db, user, options, run) => {
  const memory = memorySink();
  try {
    const counts = await writeRosterExport(db, user, options, memory.sink, run);
    return { counts, content: memory.bytes() };
  } finally {
    memory.drop();
  }
};

const jobs = new Map<string, Job>();
// A finished export not fetched within this time is dropped: it holds personal data in memory.
const KEEP_MS = 10 * 60_000;
// Progress events at most this often while rows are written (state changes always go out).
const PUSH_EVERY_MS = 100;

function sweep(now = Date.now()) {
  for (const [id, job] of jobs)
    if (job.finishedAt !== null && now - job.finishedAt > KEEP_MS) jobs.delete(id);
}

function own(user: User, jobId: string): Job {
  const job = jobs.get(jobId);
  // Someone else's job is reported as missing, not as forbidden: its existence is not theirs to know.
  if (!job || job.userId !== user.id)
    throw refusal('not_found', 'exports.job_not_found', 'No such export job (cancelled or expired).');
  return job;
}

function push(jobId: string, { state, done, total }: ExportProgress): void {
  publish({ type: 'job.progress', jobId, kind: 'export', done, total, state });
}

export function startExportJob(
  db: Db,
  user: User,
  options: RosterExportOptions,
  runner: ExportRunner = exportInThisThread,
): { jobId: string } {
  checkVariant(user, options.variant);
  sweep();
  const jobId = randomBytes(12).toString('hex');
  const job: Job = {
    userId: user.id,
    progress: { state: 'running', phase: 'reading', done: 0, total: 0 },
    controller: new AbortController(),
    content: null,
    fileName: downloadName(db, options),
    finishedAt: null,
  };
  jobs.set(jobId, job);
  let pushedAt = 0;
  const run = async () => {
    const { counts, content } = await runner(db, user, options, {
      signal: job.controller.signal,
      onProgress: (p) => {
        if (job.progress.state !== 'running') return;
        Object.assign(job.progress, p);
        const now = Date.now();
        if (now - pushedAt >= PUSH_EVERY_MS) {
          pushedAt = now;
          push(jobId, job.progress);
        }
      },
    });
    job.finishedAt = Date.now();
    // Cancelled while the last bytes were on their way: they are not kept.
    if (job.controller.signal.aborted) return;
    auditExport(db, user, options, counts, 'download');
    job.content = content;
    Object.assign(job.progress, { state: 'done', done: job.progress.total, ...counts });
    push(jobId, job.progress);
  };
  // Started on the next turn so the caller has its job id before the first (synchronous) read.
  // Whatever goes wrong — the writer, the worker, the audit of a finished file — ends as a failed
  // job the user sees and a log line without personal data, never as a silent, unhandled rejection.
  setImmediate(() => {
    run().catch((error: unknown) => {
      job.finishedAt = Date.now();
      job.content = null;
      const cancelled = job.controller.signal.aborted;
      try {
        auditExportFailure(db, user, options, error, cancelled ? 'cancelled' : 'failed');
      } catch (auditError) {
        // The session closed under the job (a log-out): the failure is still logged and shown.
        logJobFailure('export', jobId, auditError);
      }
      if (cancelled) return;
      logJobFailure('export', jobId, error);
      job.progress.state = 'failed';
      job.progress.errorCode = error instanceof AppError ? error.code : 'internal';
      const reason = error instanceof AppError ? error.extra.detail?.reason : undefined;
      if (reason) job.progress.errorReason = reason;
      push(jobId, job.progress);
    });
  });
  return { jobId };
}

export function exportJobProgress(user: User, jobId: string): ExportProgress {
  return { ...own(user, jobId).progress };
}

/** Stops the work at the next row (or ends its worker); the partial workbook is dropped. */
export function cancelExportJob(user: User, jobId: string): { cancelled: boolean } {
  const job = own(user, jobId);
  if (job.progress.state !== 'running') return { cancelled: false };
  job.controller.abort();
  job.content = null;
  job.progress.state = 'cancelled';
  push(jobId, job.progress);
  return { cancelled: true };
}

/** The finished workbook, once: fetching it forgets the job and the bytes. */
export function fetchExportJob(user: User, jobId: string): { fileName: string; contentBase64: string } {
  const job = own(user, jobId);
  if (job.progress.state !== 'done' || !job.content)
    throw refusal('conflict', 'exports.job_not_done', 'The export has not finished.');
  jobs.delete(jobId);
  return { fileName: job.fileName, contentBase64: job.content.toString('base64') };
}
