/**
 * The hub's store behind one small interface, so the same services, migrations and queries run on
 * PGlite (PostgreSQL compiled to WASM, in the data folder: nothing else to install) and on a real
 * PostgreSQL server (`--pg postgres://…`).
 *
 * Write SQL both accept: `$1` parameters; cast counts to `::int` (a bigint comes back as a string
 * from `pg`) and dates to `::text` when a string is wanted (PGlite and pg parse them differently).
 */
export interface HubQueries {
  query<T extends object = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Several statements, no parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface HubDb extends HubQueries {
  readonly kind: 'pglite' | 'postgres';
  /** One transaction on one connection; rolled back when `work` throws. */
  transaction<T>(work: (tx: HubQueries) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
