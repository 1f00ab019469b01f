import { randomBytes } from 'node:crypto';
import type { User } from '../../../shared/api/auth';
import { AppError } from '../../../shared/api/errors';
import type { ExportProgress } from '../../../shared/api/exports';
import type { Db } from '../../db/database';
import { downloadName, memorySink } from './output';
import { auditExport, checkVariant, writeRosterExport, type RosterExportOptions } from './roster';

/**
 * Exports the UI starts and polls: the same writer as the CLI, run in the background with a
 * progress count and an abort signal. The workbook is built in memory (the browser download and
 * the Electron save dialog both receive bytes), so a cancelled or failed job leaves no file anywhere.
 */
interface Job {
  userId: number;
  progress: ExportProgress;
  controller: AbortController;
  memory: ReturnType<typeof memorySink>;
  fileName: string;
  finishedAt: number | null;
}

const jobs = new Map<string, Job>();
// A finished export not fetched within this time is dropped: it holds personal data in memory.
const KEEP_MS = 10 * 60_000;

function sweep(now = Date.now()) {
  for (const [id, job] of jobs)
    if (job.finishedAt !== null && now - job.finishedAt > KEEP_MS) jobs.delete(id);
}

function own(user: User, jobId: string): Job {
  const job = jobs.get(jobId);
  // Someone else's job is reported as missing, not as forbidden: its existence is not theirs to know.
  if (!job || job.userId !== user.id) throw new AppError('not_found', '找不到该导出任务，可能已取消或过期。');
  return job;
}

export function startExportJob(db: Db, user: User, options: RosterExportOptions): { jobId: string } {
  checkVariant(user, options.variant);
  sweep();
  const jobId = randomBytes(12).toString('hex');
  const job: Job = {
    userId: user.id,
    progress: { state: 'running', phase: 'reading', done: 0, total: 0 },
    controller: new AbortController(),
    memory: memorySink(),
    fileName: downloadName(db, options),
    finishedAt: null,
  };
  jobs.set(jobId, job);
  // Started on the next turn so the caller has its job id before the first (synchronous) read.
  setImmediate(() => {
    writeRosterExport(db, user, options, job.memory.sink, {
      signal: job.controller.signal,
      onProgress: (p) => Object.assign(job.progress, p),
    }).then(
      (counts) => {
        auditExport(db, user, options, counts, 'download');
        Object.assign(job.progress, { state: 'done', done: job.progress.total, ...counts });
        job.finishedAt = Date.now();
      },
      (error: unknown) => {
        job.memory.drop();
        job.finishedAt = Date.now();
        if (!job.controller.signal.aborted) {
          job.progress.state = 'failed';
          job.progress.error = error instanceof AppError ? error.message : '导出失败。';
        }
      },
    );
  });
  return { jobId };
}

export function exportJobProgress(user: User, jobId: string): ExportProgress {
  return { ...own(user, jobId).progress };
}

/** Stops the work at the next row; the partial workbook is dropped. */
export function cancelExportJob(user: User, jobId: string): { cancelled: boolean } {
  const job = own(user, jobId);
  if (job.progress.state !== 'running') return { cancelled: false };
  job.controller.abort();
  job.memory.drop();
  job.progress.state = 'cancelled';
  return { cancelled: true };
}

/** The finished workbook, once: fetching it forgets the job and the bytes. */
export function fetchExportJob(user: User, jobId: string): { fileName: string; contentBase64: string } {
  const job = own(user, jobId);
  if (job.progress.state !== 'done') throw new AppError('conflict', '导出尚未完成。');
  jobs.delete(jobId);
  return { fileName: job.fileName, contentBase64: job.memory.base64() };
}
