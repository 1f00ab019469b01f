import { PGlite } from '@electric-sql/pglite';
import type { HubDb, HubQueries } from './hub-db';

function queriesOf(pg: Pick<PGlite, 'query' | 'exec'>): HubQueries {
  return {
    async query<T extends object>(sql: string, params: readonly unknown[] = []) {
      return (await pg.query<T>(sql, params as unknown[])).rows;
    },
    async exec(sql: string) {
      await pg.exec(sql);
    },
  };
}

/** The embedded hub store: PGlite in `dir` (or in memory when `dir` is undefined, for tests). */
export async function openPglite(dir?: string): Promise<HubDb> {
  const pg = dir === undefined ? new PGlite() : new PGlite(dir);
  await pg.waitReady;
  return {
    kind: 'pglite',
    ...queriesOf(pg),
    transaction: (work) => pg.transaction((tx) => work(queriesOf(tx))),
    close: () => pg.close(),
  };
}
