import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { hubInfo, initHub, recoverHubAdmin } from '../../../electron/hub/services/hub';
import { readHubKeys } from '../../../electron/hub/services/keys';
import { verifyHubUser } from '../../../electron/hub/services/users';
import { openHubStore } from '../../../electron/hub/store';
import { tempHubDir, testHub } from '../../helpers/hub-core';
import { describeHubStores } from '../../helpers/hub-db';

describeHubStores('hub init', (store) => {
  test('makes the hub, its keys (mode 0600) and a district administrator; a second init is refused', async () => {
    const db = await store.open();
    const hub = await testHub(db, '示例县妇幼保健院');
    const keys = readHubKeys(hub.dataDir)!;
    expect(statSync(join(hub.dataDir, 'hub-keys.json')).mode & 0o777).toBe(0o600);
    expect(await hubInfo(db)).toEqual({
      hubId: keys.hubId,
      name: '示例县妇幼保健院',
      publicKey: keys.publicKey,
    });
    const admin = await verifyHubUser(db, 'admin', 'correct horse battery');
    expect(admin).toMatchObject({ role: 'district_admin', scope: { kind: 'district' } });
    expect(hub.recoveryCode).toMatch(/^([0-9A-Z]{5}-){5}[0-9A-Z]{5}$/);
    const [row] = await db.query<{ recovery_hash: string }>('SELECT recovery_hash FROM hub');
    expect(row!.recovery_hash).toMatch(/^scrypt\$/);
    expect(row!.recovery_hash).not.toContain(hub.recoveryCode);

    const again = { name: 'x', adminUsername: 'admin2', adminPassword: 'another password' };
    // The same folder (keys present), and another folder on the same database: both refused.
    await expect(initHub(db, hub.dataDir, again)).rejects.toMatchObject({ code: 'already_set_up' });
    const otherDir = tempHubDir();
    await expect(initHub(db, otherDir, again)).rejects.toMatchObject({ code: 'already_set_up' });
    expect(readHubKeys(otherDir)).toBeNull();
    expect(await verifyHubUser(db, 'admin2', 'another password')).toBeNull();
  });

  test("the recovery code resets the administrator's password once", async () => {
    const db = await store.open();
    const hub = await testHub(db);
    await expect(
      recoverHubAdmin(db, { recoveryCode: 'AAAAA-BBBBB', username: 'admin', newPassword: 'new one here' }),
    ).rejects.toMatchObject({ code: 'wrong_password' });
    const result = await recoverHubAdmin(db, {
      recoveryCode: hub.recoveryCode.toLowerCase(),
      username: 'admin',
      newPassword: 'new one here',
    });
    expect(result.recoveryCode).not.toBe(hub.recoveryCode);
    expect(await verifyHubUser(db, 'admin', 'correct horse battery')).toBeNull();
    expect(await verifyHubUser(db, 'admin', 'new one here')).toMatchObject({ username: 'admin' });
    // The old code stopped working; the new one works.
    await expect(
      recoverHubAdmin(db, { recoveryCode: hub.recoveryCode, username: 'admin', newPassword: 'x y z w' }),
    ).rejects.toMatchObject({ code: 'wrong_password' });
    await recoverHubAdmin(db, {
      recoveryCode: result.recoveryCode,
      username: 'admin',
      newPassword: 'third one',
    });
    expect(await verifyHubUser(db, 'admin', 'third one')).not.toBeNull();
  });
});

test('openHubStore refuses a folder without a hub, and opens an initialised one (PGlite in DIR/pgdata)', async () => {
  const dir = tempHubDir();
  await expect(openHubStore({ dataDir: dir })).rejects.toMatchObject({ code: 'not_set_up' });
  const { openHubDb } = await import('../../../electron/hub/store');
  const db = await openHubDb({ dataDir: dir });
  const { hubId } = await initHub(db, dir, {
    name: '县',
    adminUsername: 'admin',
    adminPassword: 'pass word 1',
  });
  await db.close();
  expect(statSync(join(dir, 'pgdata')).isDirectory()).toBe(true);
  const opened = await openHubStore({ dataDir: dir });
  expect(opened.keys.hubId).toBe(hubId);
  expect((await hubInfo(opened.db)).hubId).toBe(hubId);
  // The embedded database is one process's: a second opening is refused until the first closes.
  await expect(openHubStore({ dataDir: dir })).rejects.toMatchObject({ code: 'database_locked' });
  await opened.db.close();
  // A lock left by a process that is gone (a crash) is taken over.
  writeFileSync(join(dir, 'pgdata.lock'), '999999999');
  const reopened = await openHubStore({ dataDir: dir });
  await reopened.db.close();
  expect(existsSync(join(dir, 'pgdata.lock'))).toBe(false);
  // A keys file from another hub does not open this database.
  writeFileSync(
    join(dir, 'hub-keys.json'),
    JSON.stringify({ ...opened.keys, hubId: '00000000-0000-4000-8000-000000000000' }),
  );
  await expect(openHubStore({ dataDir: dir })).rejects.toMatchObject({ code: 'conflict' });
});
