import type { Database } from 'better-sqlite3-multiple-ciphers';
import { AppError } from '../../shared/api/errors';
import { sealUnchainedRows } from './audit-chain';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** A step SQL cannot take (it needs the data key), run after the SQL in the same transaction. */
  after?: (db: Database) => void;
}

/** TypeScript steps of migrations, by file name. */
const STEPS: Record<string, (db: Database) => void> = {
  '0014-audit-chain': (db) => void sealUnchainedRows(db),
};

const files = import.meta.glob<string>('./migrations/*.sql', {
  query: '?raw',
  import: 'default',
  eager: true,
});

/** Parses `NNNN-name.sql` file names; the numbers must run 1, 2, 3 … without gaps. */
export function loadMigrations(sources: Record<string, string> = files): Migration[] {
  const migrations = Object.entries(sources)
    .map(([path, sql]) => {
      const match = /(\d{4})-([\w-]+)\.sql$/.exec(path);
      if (!match) throw new Error(`migration file name must be NNNN-name.sql: ${path}`);
      const after = STEPS[`${match[1]}-${match[2]}`];
      return { version: Number(match[1]), name: match[2] ?? '', sql, ...(after ? { after } : {}) };
    })
    .sort((a, b) => a.version - b.version);
  migrations.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new Error(`migrations must be numbered without gaps; found ${m.version} at ${i + 1}`);
  });
  return migrations;
}

export const migrations = loadMigrations();
export const latestSchemaVersion = migrations.length;

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Applies every pending migration, each in its own transaction together with its
 * `user_version` bump, so a crash leaves the database at a whole version.
 */
export function migrate(
  db: Database,
  upTo: number = latestSchemaVersion,
  known: Migration[] = migrations,
): number {
  const current = schemaVersion(db);
  if (current > known.length) {
    throw new AppError(
      'database_newer',
      `The database was written by a newer version of Anxin (schema ${current}; this version knows ${known.length}).`,
    );
  }
  for (const m of known) {
    if (m.version <= current || m.version > upTo) continue;
    db.transaction(() => {
      db.exec(m.sql);
      m.after?.(db);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return schemaVersion(db);
}
