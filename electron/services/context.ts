import { join } from 'node:path';
import type { User } from '../../shared/api/auth';
import type { Db } from '../db/database';
import { closeClinical } from './clinical/vault';

export const DATABASE_FILE = 'anxin.db';

/** What one running app (window, server or CLI call) knows: where its data is and who is logged in. */
export interface AppContext {
  readonly dataDir: string;
  readonly transport: 'ipc' | 'http';
  db: Db | null;
  user: User | null;
  /** Kept while a session is open so an administrator can wrap it for a new account. */
  dataKey: Buffer | null;
  /** Set in a job worker: long services report their steps here (pushed as `job.progress`). */
  onStep?: (done: number, total: number) => void;
  /** When the staff member last did something (ms); the idle lock measures from here. */
  lastActivityAt?: number;
  /**
   * Set when the session locked after the idle limit: the user is gone but the database stays
   * open, so a running station keeps taking answers; the next login reuses it.
   */
  locked?: boolean;
  /** False for the CLI: a command has no screen to lock. */
  idleLock?: boolean;
  /**
   * True for the command line only: its user can read and write files on this machine anyway,
   * so an import may name a file by path and an export may write one (see `localOnly`); a page
   * or a loopback client never can. A roster commit there is also one transaction.
   */
  commandLine?: boolean;
}

export function createContext(dataDir: string, transport: AppContext['transport']): AppContext {
  return { dataDir, transport, db: null, user: null, dataKey: null };
}

export function databasePath(dataDir: string): string {
  return join(dataDir, DATABASE_FILE);
}

export function closeSession(ctx: AppContext): void {
  ctx.locked = false;
  if (ctx.db) closeClinical(ctx.db);
  ctx.db?.close();
  ctx.db = null;
  ctx.user = null;
  ctx.dataKey?.fill(0);
  ctx.dataKey = null;
}
