import type { HubDb } from './hub-db';

const files = import.meta.glob<string>('./migrations/*.sql', {
  query: '?raw',
  import: 'default',
  eager: true,
});

export interface HubMigration {
  version: number;
  name: string;
  sql: string;
}

/** `NNNN-name.sql`, numbered 1, 2, 3 … without gaps. */
export function hubMigrations(sources: Record<string, string> = files): HubMigration[] {
  const list = Object.entries(sources).map(([path, sql]) => {
    const match = /(\d{4})-([\w-]+)\.sql$/.exec(path);
    if (!match) throw new Error(`hub migration file name must be NNNN-name.sql: ${path}`);
    return { version: Number(match[1]), name: match[2] ?? '', sql };
  });
  list.sort((a, b) => a.version - b.version);
  list.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new Error(`hub migrations must run 1, 2, 3 … (found ${m.version} at ${i + 1})`);
  });
  return list;
}

/** Brings the store up to date, each migration in its own transaction (the same on PGlite and PostgreSQL). */
export async function migrateHub(db: HubDb, migrations: HubMigration[] = hubMigrations()): Promise<number> {
  await db.exec(
    'CREATE TABLE IF NOT EXISTS hub_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
  );
  const rows = await db.query<{ v: number | null }>('SELECT max(version)::int AS v FROM hub_migrations');
  const current = rows[0]?.v ?? 0;
  for (const m of migrations.filter((x) => x.version > current)) {
    await db.transaction(async (tx) => {
      await tx.exec(m.sql);
      await tx.query('INSERT INTO hub_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
    });
  }
  return migrations.length;
}
