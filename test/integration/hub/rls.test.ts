import { beforeAll, expect, test } from 'vitest';
import type { HubDb } from '../../../electron/hub/db/hub-db';
import { ingestBundle } from '../../../electron/hub/services/ingest';
import { withScope } from '../../../electron/hub/services/scoped';
import { schoolPayload, sealPayload } from '../../helpers/hub-bundles';
import { testHub } from '../../helpers/hub-core';
import { describeHubStores } from '../../helpers/hub-db';

const SHAPE = { grades: 1, classesPerGrade: 2, studentsPerClass: 30, campaigns: 1, caseShare: 0.2 };

/**
 * Row-level security, the second fence under the services' scope filters: a query run through
 * withScope sees only the scope's rows even when it asks for everything. On PGlite too, since
 * the reader role is not a superuser there either.
 */
describeHubStores('hub row-level security', (store) => {
  let db: HubDb;
  const ids: string[] = [];
  beforeAll(async () => {
    db = await store.open();
    const hub = await testHub(db);
    for (const name of ['东校', '西校', '南校']) {
      const { invite, inst } = await hub.invite(name);
      await ingestBundle(db, hub.keys, sealPayload(inst, schoolPayload(inst, SHAPE)), 'cli:admin');
      ids.push(invite.installationId);
    }
  });

  test('a bare SELECT * sees only the installations in scope', async () => {
    const [a, b] = ids as [string, string, string];
    const seen = await withScope(db, [a, b], async (tx) => ({
      cases: await tx.query<{ installation_id: string }>('SELECT * FROM cases'),
      aggregates: await tx.query<{ installation_id: string }>('SELECT * FROM aggregates'),
      bundles: await tx.query<{ installation_id: string }>('SELECT * FROM bundles'),
      installations: await tx.query<{ id: string }>('SELECT * FROM installations'),
    }));
    expect(installationsOf(seen.cases)).toEqual([a, b].sort());
    expect(seen.cases).toHaveLength(24);
    expect(installationsOf(seen.aggregates)).toEqual([a, b].sort());
    expect(installationsOf(seen.bundles)).toEqual([a, b].sort());
    expect(seen.installations.map((r) => r.id).sort()).toEqual([a, b].sort());
  });

  test('the whole district sees every row; an empty scope sees none', async () => {
    const all = await withScope(db, null, (tx) =>
      tx.query<{ installation_id: string }>('SELECT * FROM cases'),
    );
    expect(installationsOf(all)).toEqual([...ids].sort());
    const none = await withScope(db, [], (tx) => tx.query('SELECT * FROM cases'));
    expect(none).toHaveLength(0);
  });

  test('inside the scope nothing can be written and other tables cannot be read', async () => {
    const [a] = ids as [string];
    await expect(
      withScope(db, [a], (tx) => tx.query(`DELETE FROM cases WHERE installation_id = $1::uuid`, [a])),
    ).rejects.toThrow(/permission denied/);
    await expect(withScope(db, [a], (tx) => tx.query('SELECT * FROM hub_users'))).rejects.toThrow(
      /permission denied/,
    );
    // The settings end with the transaction: the service connection sees everything again.
    const after = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM cases');
    expect(after[0]!.n).toBe(36);
  });
});

/**
 * On a real server the hub usually connects as an ordinary owner, not a superuser: FORCE makes
 * RLS apply to the owner too, so its own service policy must keep ingest working, and withScope
 * must still cut reads.
 */
const adminUrl = process.env.ANXIN_TEST_PG_URL;
test.skipIf(!adminUrl)(
  'as a non-superuser owner: migrate, ingest and scoped reads',
  { timeout: 60_000 },
  async () => {
    const { randomBytes } = await import('node:crypto');
    const pg = (await import('pg')).default;
    const { openPostgres } = await import('../../../electron/hub/db/postgres');
    const { migrateHub } = await import('../../../electron/hub/db/migrations');
    const suffix = randomBytes(5).toString('hex');
    const owner = `anxin_t_owner_${suffix}`;
    const database = `anxin_t_owned_${suffix}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE ROLE ${owner} LOGIN CREATEROLE`);
    await admin.query(`CREATE DATABASE ${database} OWNER ${owner}`);
    const url = new URL(adminUrl!);
    url.username = owner;
    url.pathname = `/${database}`;
    const db = await openPostgres(url.toString());
    try {
      await migrateHub(db);
      const [me] = await db.query<{ su: boolean }>(
        'SELECT rolsuper AS su FROM pg_roles WHERE rolname = current_user',
      );
      expect(me!.su).toBe(false);
      const hub = await testHub(db);
      const ids: string[] = [];
      for (const name of ['甲', '乙']) {
        const { invite, inst } = await hub.invite(name);
        const outcome = await ingestBundle(
          db,
          hub.keys,
          sealPayload(inst, schoolPayload(inst, SHAPE)),
          'cli:admin',
        );
        expect(outcome.status).toBe('accepted');
        ids.push(invite.installationId);
      }
      expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM cases'))[0]!.n).toBe(24);
      const seen = await withScope(db, [ids[0]!], (tx) =>
        tx.query<{ installation_id: string }>('SELECT * FROM cases'),
      );
      expect(installationsOf(seen)).toEqual([ids[0]]);
    } finally {
      await db.close();
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await admin.query(`DROP OWNED BY ${owner}`).catch(() => undefined);
      await admin.query(`DROP ROLE IF EXISTS ${owner}`);
      await admin.end();
    }
  },
);

function installationsOf(rows: { installation_id: string }[]) {
  return [...new Set(rows.map((r) => r.installation_id))].sort();
}
