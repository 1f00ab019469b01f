import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import { inviteSchema } from '../../../shared/hub/invite';
import { anxin, ensureBuilt } from '../../helpers/cli';
import { schoolPayload, sealPayload, syntheticInstallation } from '../../helpers/hub-bundles';
import { tempHubDir } from '../../helpers/hub-core';
import { describeHubStores } from '../../helpers/hub-db';

const ADMIN = { ANXIN_PASSWORD: 'admin-pass-123' };
const SHAPE = { grades: 2, classesPerGrade: 2, studentsPerClass: 25, campaigns: 1, caseShare: 0.2 };

/** The hub's commands end to end, on the embedded store and with --pg on a real server. */
describeHubStores('anxin hub (CLI)', (store) => {
  beforeAll(ensureBuilt, 300_000);

  test('init, invite, ingest, stats, users, revoke and audit verify', { timeout: 180_000 }, async () => {
    const dir = join(tempHubDir(), 'hub');
    const url = await store.freshUrl();
    const where = ['--data-dir', dir, ...(url ? ['--pg', url] : []), '--json'];
    const hub = (args: string[], env: Record<string, string> = ADMIN) =>
      anxin(['hub', ...args, ...where], env);

    const init = hub(['init', '--name', '示例县心理健康教育指导中心']);
    expect(init.code).toBe(0);
    const { hubId, recoveryCode } = init.json() as { hubId: string; recoveryCode: string };
    expect(Object.keys(init.json() as object).sort()).toEqual(['hubId', 'recoveryCode']);
    expect(recoveryCode).toMatch(/^[0-9A-Z-]{35}$/);
    expect(statSync(join(dir, 'hub-keys.json')).mode & 0o777).toBe(0o600);
    const again = hub(['init', '--name', 'x']);
    expect(again.code).toBe(1);
    expect(again.json()).toMatchObject({ error: { code: 'already_set_up' } });

    const invite = (name: string, extra: string[] = []) => {
      const out = join(dir, '..', `${name}.invite.json`);
      const result = hub(['invite', '--installation', name, '--programme', 'school', '--out', out, ...extra]);
      expect(result.code).toBe(0);
      expect(result.json()).toEqual({ installationId: expect.any(String), file: out });
      expect(statSync(out).mode & 0o777).toBe(0o600);
      return inviteSchema.parse(JSON.parse(readFileSync(out, 'utf8')));
    };
    const a = invite('第一中学', ['--township', '东镇']);
    const b = invite('第二中学', ['--share-names', '--upload-url', 'https://hub.example.cn/upload']);
    expect(a.hubId).toBe(hubId);
    expect(b.agreement.names).toBe(true);
    expect(b.uploadUrl).toBe('https://hub.example.cn/upload');
    expect(hub(['invite', '--installation', '第一中学', '--programme', 'school', '--out', join(dir, '..', 'x.json')]).json()).toMatchObject({ error: { code: 'conflict' } }); // prettier-ignore

    const bundle = (inv: typeof a, name: string) => {
      const inst = syntheticInstallation(inv);
      const file = join(dir, '..', name);
      writeFileSync(file, sealPayload(inst, schoolPayload(inst, SHAPE, '2026-03-05T08:00:00.000Z')));
      return { inst, file };
    };
    const fa = bundle(a, 'a.anxinbundle');
    const fb = bundle(b, 'b.anxinbundle');
    const tampered = join(dir, '..', 'tampered.anxinbundle');
    const envelope = JSON.parse(readFileSync(fa.file, 'utf8')) as { ciphertext: string };
    const bytes = Buffer.from(envelope.ciphertext, 'base64');
    bytes[10]! ^= 0x80;
    writeFileSync(tampered, JSON.stringify({ ...envelope, ciphertext: bytes.toString('base64') }));
    const missing = join(dir, '..', 'missing.anxinbundle');

    const ingest = hub(['ingest', fa.file, tampered, fb.file, missing]);
    expect(ingest.code).toBe(0);
    expect(ingest.json()).toEqual({
      accepted: 2,
      unchanged: 0,
      rejected: [
        { file: tampered, reason: 'tampered' },
        { file: missing, reason: 'not_a_bundle' },
      ],
    });
    expect(hub(['ingest', fa.file]).json()).toEqual({
      accepted: 0,
      unchanged: 0,
      rejected: [{ file: fa.file, reason: 'replayed' }],
    });

    // SMALL school: 4 classes of 25, 24 screened each; 5 flagged per class: red 1, orange 1, yellow 3.
    const stats = hub(['stats']);
    expect(stats.code).toBe(0);
    expect(stats.json()).toEqual({
      installations: 2,
      people: 200,
      screenings: 192,
      byLevel: { green: 152, orange: 8, red: 8, yellow: 24 },
    });

    // A viewer scoped to one installation sees its figures only, and may not ingest.
    const VIEWER = { ANXIN_PASSWORD: 'viewer-pass-1' };
    const add = hub(['users', 'add', '--username', 'li', '--display-name', '李老师', '--role', 'viewer', '--installations', '第二中学'], { ...ADMIN, ANXIN_NEW_PASSWORD: VIEWER.ANXIN_PASSWORD }); // prettier-ignore
    expect(add.code).toBe(0);
    expect(add.json()).toEqual({
      id: 2,
      username: 'li',
      displayName: '李老师',
      role: 'viewer',
      scope: { kind: 'installations', installations: [b.installationId] },
    });
    const scoped = anxin(['hub', 'stats', ...where, '--user', 'li'], VIEWER);
    expect(scoped.json()).toEqual({ installations: 1, people: 100, screenings: 96, byLevel: { green: 76, orange: 4, red: 4, yellow: 12 } }); // prettier-ignore
    const refused = anxin(['hub', 'ingest', fa.file, ...where, '--user', 'li'], VIEWER);
    expect(refused.code).toBe(1);
    expect(refused.json()).toMatchObject({ error: { code: 'forbidden' } });
    expect(hub(['stats'], { ANXIN_PASSWORD: 'wrong password' }).json()).toMatchObject({ error: { code: 'wrong_password' } }); // prettier-ignore

    // Staff in the township may ingest; a revoked installation's next bundle is refused.
    const staff = hub(['users', 'add', '--username', 'wang', '--role', 'district-staff', '--township', '东镇'], { ...ADMIN, ANXIN_NEW_PASSWORD: 'staff-pass-1' }); // prettier-ignore
    expect(staff.json()).toMatchObject({
      role: 'district-staff',
      scope: { kind: 'township', township: '东镇' },
    });
    expect(hub(['revoke', '--installation', '第一中学']).json()).toEqual({ installationId: a.installationId, alreadyRevoked: false }); // prettier-ignore
    const next = join(dir, '..', 'a2.anxinbundle');
    writeFileSync(next, sealPayload(fa.inst, schoolPayload(fa.inst, SHAPE, '2026-03-12T08:00:00.000Z')));
    const late = anxin(['hub', 'ingest', next, ...where, '--user', 'wang'], {
      ANXIN_PASSWORD: 'staff-pass-1',
    });
    expect(late.code).toBe(0);
    expect(late.json()).toEqual({ accepted: 0, unchanged: 0, rejected: [{ file: next, reason: 'revoked' }] });

    const verify = hub(['audit', 'verify']);
    expect(verify.code).toBe(0);
    expect(verify.json()).toMatchObject({ ok: true });
    expect((verify.json() as { rows: number }).rows).toBeGreaterThanOrEqual(12);

    // The recovery code resets the administrator's password.
    const recover = hub(['recover'], {
      ANXIN_RECOVERY_CODE: recoveryCode,
      ANXIN_NEW_PASSWORD: 'new-admin-pass',
    });
    expect(recover.code).toBe(0);
    expect(hub(['stats'], { ANXIN_PASSWORD: 'new-admin-pass' }).code).toBe(0);
  });

  test('every command but init refuses a folder without a hub', () => {
    const dir = join(tempHubDir(), 'empty');
    const result = anxin(['hub', 'stats', '--data-dir', dir, '--json'], ADMIN);
    expect(result.code).toBe(1);
    expect(result.json()).toMatchObject({ error: { code: 'not_set_up' } });
  });
});
