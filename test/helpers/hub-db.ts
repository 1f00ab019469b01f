import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe } from 'vitest';
import type { HubDb } from '../../electron/hub/db/hub-db';
import { migrateHub } from '../../electron/hub/db/migrations';
import { openPglite } from '../../electron/hub/db/pglite';
import { openPostgres } from '../../electron/hub/db/postgres';

/**
 * The hub's suites run once per store: PGlite (always) and a real PostgreSQL server when
 * ANXIN_TEST_PG_URL names one (`.ci/run` starts a throwaway cluster with scripts/pg-cluster.sh and
 * sets ANXIN_TEST_PG_REQUIRED=1, so CI fails rather than skips when it is missing).
 *
 *   describeHubStores('ingest', (store) => { test('…', async () => { const db = await store.open(); … }) })
 *
 * Each `open()` is a fresh, migrated database (PostgreSQL: a new database per call), closed and dropped when the file ends. PGlite takes about 2 s to start: open one per suite where tests can share it.
 */
export interface HubStore {
  name: 'pglite' | 'postgres';
  /** A fresh migrated store; closed (and dropped) when the test file ends. */
  open(): Promise<HubDb>;
  /** The URL of the fresh database (PostgreSQL only; for CLI runs with --pg); undefined on PGlite. */
  freshUrl(): Promise<string | undefined>;
}

const pgUrl = process.env.ANXIN_TEST_PG_URL;
if (!pgUrl && process.env.ANXIN_TEST_PG_REQUIRED === '1')
  throw new Error(
    'ANXIN_TEST_PG_REQUIRED=1 but ANXIN_TEST_PG_URL is not set: the PostgreSQL cluster did not start.',
  );

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const done of cleanups.splice(0).reverse()) await done();
});

async function freshDatabase(): Promise<string> {
  const name = `anxin_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  cleanups.push(async () => {
    const drop = new pg.Client({ connectionString: pgUrl });
    await drop.connect();
    await drop.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await drop.end();
  });
  const url = new URL(pgUrl!);
  url.pathname = `/${name}`;
  return url.toString();
}

export const hubStores: HubStore[] = [
  {
    name: 'pglite',
    async open() {
      const db = await openPglite();
      cleanups.push(() => db.close());
      await migrateHub(db);
      return db;
    },
    freshUrl: async () => undefined,
  },
  ...(pgUrl
    ? [
        {
          name: 'postgres' as const,
          async open() {
            const db = await openPostgres(await freshDatabase());
            cleanups.push(() => db.close());
            await migrateHub(db);
            return db;
          },
          freshUrl: freshDatabase,
        },
      ]
    : []),
];

if (!pgUrl)
  console.warn(
    'Hub tests run on PGlite only: set ANXIN_TEST_PG_URL (scripts/pg-cluster.sh starts a throwaway cluster) to run them on PostgreSQL too.',
  );

/** Runs the same suite on every available store. */
export function describeHubStores(name: string, suite: (store: HubStore) => void): void {
  for (const store of hubStores) describe(`${name} [${store.name}]`, () => suite(store));
}
