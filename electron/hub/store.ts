import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../shared/api/errors';
import type { HubDb } from './db/hub-db';
import { migrateHub } from './db/migrations';
import { openPglite } from './db/pglite';
import { openPostgres } from './db/postgres';
import { readHubKeys, type HubKeys } from './services/keys';

export type { HubKeys } from './services/keys';

export interface HubStoreOptions {
  /** The hub's folder: hub-keys.json, and the embedded database (pgdata/) unless `pg` is given. */
  dataDir: string;
  /** A PostgreSQL server's URL (`--pg postgres://…`) instead of the embedded PGlite. */
  pg?: string;
}

const LOCK_FILE = 'pgdata.lock';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite is one process's database: a second process opening the same folder (`anxin hub ingest`
 * while `anxin hub serve` runs) would corrupt it. The lock names its holder's pid; a lock whose
 * process is gone (a crash) is taken over.
 */
function lockPglite(dataDir: string): () => void {
  const path = join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(path, String(process.pid), { flag: 'wx', mode: 0o600 });
      return () => rmSync(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = Number(readFileSync(path, 'utf8').trim());
    if (Number.isInteger(holder) && holder > 0 && alive(holder))
      throw new AppError(
        'database_locked',
        `The hub's embedded database in ${dataDir} is in use by process ${holder} (anxin hub serve?). Stop it, or use its pages, and try again.`,
      );
    rmSync(path, { force: true });
  }
  throw new AppError('database_locked', `Could not lock the hub's embedded database in ${dataDir}.`);
}

/** The database alone, migrated: what `anxin hub init` needs before there are keys. */
export async function openHubDb({ dataDir, pg }: HubStoreOptions): Promise<HubDb> {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const db = pg ? await openPostgres(pg) : await openLockedPglite(dataDir);
  try {
    await migrateHub(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}

async function openLockedPglite(dataDir: string): Promise<HubDb> {
  const unlock = lockPglite(dataDir);
  try {
    const db = await openPglite(join(dataDir, 'pgdata'));
    return {
      ...db,
      close: async () => {
        try {
          await db.close();
        } finally {
          unlock();
        }
      },
    };
  } catch (error) {
    unlock();
    throw error;
  }
}

/**
 * An initialised hub: its migrated database and its keys. Refuses (`not_set_up`) a folder or a
 * database that holds no hub yet, and a keys file that belongs to another hub than the database's.
 */
export async function openHubStore(options: HubStoreOptions): Promise<{ db: HubDb; keys: HubKeys }> {
  const keys = readHubKeys(options.dataDir);
  if (!keys)
    throw new AppError(
      'not_set_up',
      `No hub in ${options.dataDir} yet (no hub-keys.json): run anxin hub init --data-dir ${options.dataDir} first.`,
    );
  const db = await openHubDb(options);
  try {
    const [hub] = await db.query<{ id: string }>('SELECT id::text AS id FROM hub');
    if (!hub)
      throw new AppError(
        'not_set_up',
        `The hub's database holds no hub yet: run anxin hub init --data-dir ${options.dataDir}${options.pg ? ' --pg …' : ''} first.`,
      );
    if (hub.id !== keys.hubId)
      throw new AppError(
        'conflict',
        `hub-keys.json in ${options.dataDir} belongs to hub ${keys.hubId}, the database to hub ${hub.id}.`,
      );
  } catch (error) {
    await db.close();
    throw error;
  }
  return { db, keys };
}
