import { beforeAll, expect, test } from 'vitest';
import type { HubDb } from '../../../electron/hub/db/hub-db';
import { ingestBundle } from '../../../electron/hub/services/ingest';
import { installationByName } from '../../../electron/hub/services/invite';
import { revokeInstallation } from '../../../electron/hub/services/revoke';
import { inviteSchema } from '../../../shared/hub/invite';
import { schoolPayload, sealPayload } from '../../helpers/hub-bundles';
import { testHub, type TestHub } from '../../helpers/hub-core';
import { describeHubStores } from '../../helpers/hub-db';

const SHAPE = { grades: 1, classesPerGrade: 1, studentsPerClass: 20, campaigns: 1 };

describeHubStores('hub invite', (store) => {
  let db: HubDb;
  let hub: TestHub;
  beforeAll(async () => {
    db = await store.open();
    hub = await testHub(db);
  });

  test('an invitation names the hub, the installation, a one-time secret and the agreement', async () => {
    const { invite } = await hub.invite('卫生院甲', {
      programme: 'perinatal',
      township: '东镇',
      shareNames: true,
      uploadUrl: 'https://hub.example.cn/upload',
    });
    expect(inviteSchema.parse(invite)).toEqual(invite);
    expect(invite).toMatchObject({
      hubId: hub.keys.hubId,
      hubName: '示例县心理健康教育指导中心',
      hubPublicKey: hub.keys.publicKey,
      installationName: '卫生院甲',
      township: '东镇',
      uploadUrl: 'https://hub.example.cn/upload',
      agreement: { programme: 'perinatal', names: true, nameLevels: ['critical', 'positive'] },
    });
    const [row] = await db.query<{
      status: string;
      invite_secret: string;
      agreement: unknown;
      programme: string;
    }>('SELECT status, invite_secret, agreement, programme FROM installations WHERE id = $1::uuid', [
      invite.installationId,
    ]);
    expect(row).toEqual({
      status: 'invited',
      invite_secret: invite.secret,
      agreement: invite.agreement,
      programme: 'perinatal',
    });
  });

  test('a second invitation for the same name is refused', async () => {
    await hub.invite('重名中学');
    await expect(hub.invite('重名中学')).rejects.toMatchObject({ code: 'conflict' });
  });

  test('re-inviting a revoked installation gives a new id; the old key stays refused', async () => {
    const first = await hub.invite('再邀中学');
    await ingestBundle(db, hub.keys, sealPayload(first.inst, schoolPayload(first.inst, SHAPE)), 'cli:admin');
    await revokeInstallation(db, first.invite.installationId, 'cli:admin');
    const second = await hub.invite('再邀中学');
    expect(second.invite.installationId).not.toBe(first.invite.installationId);
    expect(await installationByName(db, '再邀中学')).toMatchObject({
      id: second.invite.installationId,
      status: 'invited',
    });
    const old = await ingestBundle(
      db,
      hub.keys,
      sealPayload(first.inst, schoolPayload(first.inst, SHAPE)),
      'cli:admin',
    );
    expect(old).toMatchObject({ status: 'rejected', reason: 'revoked' });
    const fresh = await ingestBundle(
      db,
      hub.keys,
      sealPayload(second.inst, schoolPayload(second.inst, SHAPE)),
      'cli:admin',
    );
    expect(fresh.status).toBe('accepted');
    expect(await revokeInstallation(db, first.invite.installationId, 'cli:admin')).toEqual({
      installationId: first.invite.installationId,
      alreadyRevoked: true,
    });
  });
});
