import type { User } from '../../shared/api/auth';
import type { ApiError } from '../../shared/api/errors';
import type { ServerEvent } from '../../shared/api/events';
import type { ExportRun, RosterExportOptions } from '../services/export/roster';
import type { FailureDiagnostic } from '../services/job-log';

type ExportProgressUpdate = Parameters<NonNullable<ExportRun['onProgress']>>[0];

/**
 * The long, heavy methods: reading and checking a roster or a results file, writing it, building
 * an export. Each runs in a job worker (a worker thread with its own database connection), never
 * on the thread that answers requests and serves the station. Validation, the role check and the
 * kiosk check still happen first, in `dispatch`, on the request thread.
 */
export const OFFLOADED_METHODS = [
  'people.importPreview',
  'people.importCommit',
  'responses.preview',
  'responses.import',
  'exports.roster',
  'backup.create',
] as const;
export type OffloadedMethod = (typeof OFFLOADED_METHODS)[number];

export const JOB_KIND: Record<OffloadedMethod, 'import' | 'responses' | 'export' | 'backup'> = {
  'people.importPreview': 'import',
  'people.importCommit': 'import',
  'responses.preview': 'responses',
  'responses.import': 'responses',
  'exports.roster': 'export',
  'backup.create': 'backup',
};

export type JobSpec =
  | { kind: 'call'; method: OffloadedMethod; input: unknown }
  | { kind: 'export'; options: RosterExportOptions };

/** What a job worker is started with. The data key is a copy; the worker wipes it when done. */
export interface JobWorkerData {
  dataDir: string;
  transport: 'ipc' | 'http';
  dataKey: Uint8Array;
  /** The clinical private key when the user may read clinical content, else null; wiped likewise. */
  clinicalKey: Uint8Array | null;
  user: User;
  job: JobSpec;
}

export type JobMessage =
  | { type: 'event'; event: ServerEvent }
  | { type: 'progress'; progress: ExportProgressUpdate }
  /** A long service's steps (rows written of a roster commit). */
  | { type: 'steps'; done: number; total: number }
  | { type: 'done'; value: unknown }
  /** The typed error for the caller, and the error's class and frames for the host's log line. */
  | { type: 'failed'; error: ApiError; diagnostic: FailureDiagnostic };
