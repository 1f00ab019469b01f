import type { HubDb, HubQueries } from '../db/hub-db';

/** The role a scoped read runs as (migration 0002): SELECT only, rows cut by `anxin.scope`. */
export const HUB_READER_ROLE = 'anxin_hub_reader';

/**
 * Runs `work` in a transaction as the reader role with the user's scope set, so PostgreSQL's
 * row-level security cuts every read of installations, aggregates, cases and bundles to the
 * scope — a second fence under the services' own filters. `null` is the whole district; an empty
 * list sees nothing. Both settings end with the transaction.
 */
export async function withScope<T>(
  db: HubDb,
  scopeIds: readonly string[] | null,
  work: (tx: HubQueries) => Promise<T>,
): Promise<T> {
  const scope = scopeIds === null ? 'all' : scopeIds.join(',');
  return db.transaction(async (tx) => {
    await tx.query(`SELECT set_config('anxin.scope', $1, true)`, [scope]);
    await tx.exec(`SET LOCAL ROLE ${HUB_READER_ROLE}`);
    return work(tx);
  });
}
