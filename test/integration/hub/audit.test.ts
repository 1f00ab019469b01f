import { beforeAll, expect, test } from 'vitest';
import type { HubDb } from '../../../electron/hub/db/hub-db';
import {
  appendHubAudit,
  canonicalJson,
  listHubAudit,
  verifyHubAudit,
} from '../../../electron/hub/services/audit';
import { ingestBundle } from '../../../electron/hub/services/ingest';
import { schoolPayload, sealPayload } from '../../helpers/hub-bundles';
import { testHub, type TestHub } from '../../helpers/hub-core';
import { describeHubStores } from '../../helpers/hub-db';

test('canonical JSON sorts keys at every depth and drops undefined', () => {
  expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: null }], c: undefined } })).toBe(
    '{"a":{"d":[2,{"y":null,"z":1}]},"b":1}',
  );
});

describeHubStores('hub audit', (store) => {
  let db: HubDb;
  let hub: TestHub;
  beforeAll(async () => {
    db = await store.open();
    hub = await testHub(db);
  });

  test('concurrent appends (and ingests) keep one unbroken chain', async () => {
    await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        appendHubAudit(db, {
          actor: `user:u${i % 3}`,
          action: 'test.append',
          detail: { i, nested: { list: [i, 'x'] } },
        }),
      ),
    );
    // The same bundle pushed twice at once: one is applied, the other refused as replayed.
    const { inst } = await hub.invite('并发中学');
    const file = sealPayload(
      inst,
      schoolPayload(inst, { grades: 1, classesPerGrade: 2, studentsPerClass: 20, campaigns: 1 }),
    );
    const outcomes = await Promise.all([
      ingestBundle(db, hub.keys, file, 'installation:x'),
      ingestBundle(db, hub.keys, file, 'installation:x'),
    ]);
    expect(outcomes.map((o) => (o.status === 'rejected' ? o.reason : o.status)).sort()).toEqual([
      'accepted',
      'replayed',
    ]);
    const report = await verifyHubAudit(db);
    expect(report.ok).toBe(true);
    // init, invite, 24 appends, 2 ingests.
    expect(report.rows).toBe(1 + 24 + 1 + 2);
    const rows = await listHubAudit(db, 5);
    expect(rows).toHaveLength(5);
    expect(rows[0]!.seq).toBeGreaterThan(rows[4]!.seq);
  });

  test('an edited, deleted or inserted row is found', async () => {
    const rows = await db.query<{ seq: string }>(
      'SELECT seq::text AS seq FROM hub_audit ORDER BY hub_audit.seq',
    );
    const third = rows[2]!.seq;
    const [original] = await db.query<{ actor: string }>(
      'SELECT actor FROM hub_audit WHERE seq = $1::bigint',
      [third],
    );
    await db.query(`UPDATE hub_audit SET actor = 'user:someone-else' WHERE seq = $1::bigint`, [third]);
    expect(await verifyHubAudit(db)).toEqual({ ok: false, rows: rows.length, brokenAt: Number(third) });
    await db.query('UPDATE hub_audit SET actor = $2 WHERE seq = $1::bigint', [third, original!.actor]);
    expect((await verifyHubAudit(db)).ok).toBe(true);

    // A forged row appended with a made-up hash.
    await db.query(
      `INSERT INTO hub_audit (seq, actor, action, detail, prev_hash, hash)
       SELECT $1::bigint, 'user:admin', 'bundle.accepted', '{}', hash, repeat('a', 64) FROM hub_audit WHERE seq = $2::bigint`,
      [Number(third) + 1000000, third],
    );
    expect((await verifyHubAudit(db)).ok).toBe(false);
    await db.query('DELETE FROM hub_audit WHERE seq = $1::bigint', [Number(third) + 1000000]);
    expect((await verifyHubAudit(db)).ok).toBe(true);

    await db.query('DELETE FROM hub_audit WHERE seq = $1::bigint', [third]);
    expect(await verifyHubAudit(db)).toEqual({
      ok: false,
      rows: rows.length - 1,
      brokenAt: Number(rows[3]!.seq),
    });
  });
});
