import type { Database } from 'better-sqlite3-multiple-ciphers';
import { AppError } from '../../shared/api/errors';

export type MigrationStep = (db: Database) => void;

export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** A step SQL cannot take (it needs the data key, or parses stored text), run after the SQL in the same transaction. */
  after?: MigrationStep;
}

const files = import.meta.glob<string>('./migrations/*.sql', {
  query: '?raw',
  import: 'default',
  eager: true,
});

/**
 * Code migrations: `NNNN-name.ts` beside (or instead of) `NNNN-name.sql`, exporting `step`. The
 * step runs after the migration's SQL, in its transaction, so a failure leaves the version whole.
 */
const codeSteps = import.meta.glob<MigrationStep>('./migrations/*.ts', { import: 'step', eager: true });

const migrationName = (path: string, ext: 'sql' | 'ts') => {
  const match = new RegExp(`(\\d{4})-([\\w-]+)\\.${ext}$`).exec(path);
  if (!match) throw new Error(`migration file name must be NNNN-name.${ext}: ${path}`);
  return { version: Number(match[1]), name: match[2] ?? '' };
};

/** Parses `NNNN-name.sql` / `NNNN-name.ts` file names; the numbers must run 1, 2, 3 … without gaps. */
export function loadMigrations(
  sources: Record<string, string> = files,
  steps: Record<string, MigrationStep> = codeSteps,
): Migration[] {
  const byVersion = new Map<number, Migration>();
  const entry = ({ version, name }: { version: number; name: string }) => {
    const found = byVersion.get(version);
    if (found && found.name !== name)
      throw new Error(`migration ${version} has two names: ${found.name} and ${name}`);
    const m = found ?? { version, name, sql: '' };
    byVersion.set(version, m);
    return m;
  };
  for (const [path, sql] of Object.entries(sources)) entry(migrationName(path, 'sql')).sql = sql;
  for (const [path, step] of Object.entries(steps)) entry(migrationName(path, 'ts')).after = step;
  const migrations = [...byVersion.values()].sort((a, b) => a.version - b.version);
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
