import type { Statement } from 'better-sqlite3-multiple-ciphers';
import type { Db } from './database';

const caches = new WeakMap<Db, Map<string, Statement<unknown[], unknown>>>();

/**
 * A prepared statement reused per connection: hot paths (an import of 50,000 rows) would
 * otherwise compile the same SQL once per row and hold every copy until garbage collection.
 */
export function statement<P extends unknown[] | Record<string, unknown> = unknown[], R = unknown>(
  db: Db,
  sql: string,
): Statement<P extends unknown[] ? P : [P], R> {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  let stmt = cache.get(sql);
  if (!stmt) cache.set(sql, (stmt = db.prepare(sql)));
  return stmt as unknown as Statement<P extends unknown[] ? P : [P], R>;
}
