import { expect, test } from 'vitest';
import { hubMigrations } from '../../../electron/hub/db/migrations';
import { describeHubStores } from '../../helpers/hub-db';

describeHubStores('the hub store', (store) => {
  test('migrates, queries with parameters, and rolls a failed transaction back', async () => {
    const db = await store.open();
    const versions = await db.query<{ version: number }>(
      'SELECT version FROM hub_migrations ORDER BY version',
    );
    expect(versions.map((v) => v.version)).toEqual(hubMigrations().map((m) => m.version));
    await db.query("INSERT INTO hub (id, name, public_key) VALUES ($1, $2, 'k')", [
      '3f1c7a9e-1d2b-4c3d-8e4f-5a6b7c8d9e0f',
      '示例县',
    ]);
    await expect(
      db.transaction(async (tx) => {
        await tx.query("UPDATE hub SET name = '改名'");
        throw new Error('stop');
      }),
    ).rejects.toThrow('stop');
    const [row] = await db.query<{ name: string; n: number }>(
      'SELECT name, count(*) OVER ()::int AS n FROM hub',
    );
    expect(row).toEqual({ name: '示例县', n: 1 });
  });
});
