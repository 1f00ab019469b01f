// `anxin enrol` and `anxin report bundle` on an installation: the stable --json shapes, the
// bundle written whole and opened with the hub's key, and the roles of the contract.
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { newHubKeys, newSecret, openBundle } from '../../electron/security/bundle-crypto';
import { defaultAgreement } from '../../shared/hub/agreement';
import { bundlePayloadSchema } from '../../shared/hub/bundle';
import { INVITE_FORMAT, type HubInvite } from '../../shared/hub/invite';
import { ADMIN_PASSWORD, ok, setUpApp } from '../helpers/app';
import { anxin, ensureBuilt } from '../helpers/cli';
import { answerSheet, zeros } from '../helpers/screening';
import { useTempDirs } from '../helpers/temp';

const tempDir = useTempDirs();
beforeAll(ensureBuilt, 300_000);

describe('anxin enrol and anxin report bundle', () => {
  test('enrol prints the hub and agreement; report bundle writes a file the hub opens; roles hold', async () => {
    const dir = tempDir();
    const { ctx } = await setUpApp(dir);
    const s = await ok(ctx, 'students.add', { studentNo: '1', name: '张三', sex: 'F', birthDate: '2011-03-05', grade: '七年级', className: '1班' }); // prettier-ignore
    await answerSheet(ctx, s.id, { battery: ['PHQ-9', 'GAD-7'] }, { 'PHQ-9': [1, 1, 1, 1, 1, 1, 1, 1, 1], 'GAD-7': zeros(7) }); // prettier-ignore
    await ok(ctx, 'users.create', { username: 'liu', displayName: '刘老师', password: 'psych-pass-1', role: 'psychologist', classes: [] }); // prettier-ignore
    await ok(ctx, 'auth.logout', {});

    const hubKeys = newHubKeys();
    const invite: HubInvite = {
      format: INVITE_FORMAT,
      hubId: randomUUID(),
      hubName: '城关区心理健康教育指导中心',
      hubPublicKey: hubKeys.publicKey,
      installationId: randomUUID(),
      installationName: '城关第一中学',
      township: null,
      secret: newSecret(),
      agreement: defaultAgreement('school', true),
      uploadUrl: null,
      issuedAt: new Date().toISOString(),
    };
    const work = tempDir();
    const inviteFile = join(work, 'invite.anxininvite');
    writeFileSync(inviteFile, JSON.stringify(invite));
    const admin = { ANXIN_PASSWORD: ADMIN_PASSWORD };
    const psy = { ANXIN_PASSWORD: 'psych-pass-1' };

    const refused = anxin(
      ['enrol', '--data-dir', dir, '--invite', inviteFile, '--user', 'liu', '--json'],
      psy,
    );
    expect(refused.code).not.toBe(0);
    expect(refused.json().error.code).toBe('forbidden');
    const damaged = join(work, 'damaged.anxininvite');
    writeFileSync(damaged, '{"format":"anxin-hub-invite/1"');
    expect(anxin(['enrol', '--data-dir', dir, '--invite', damaged, '--json'], admin).json().error).toMatchObject({ code: 'invalid_input', detail: { reason: 'hub.invalid_invite' } }); // prettier-ignore

    const enrolled = anxin(['enrol', '--data-dir', dir, '--invite', inviteFile, '--json'], admin);
    expect(enrolled.code).toBe(0);
    expect(enrolled.json()).toEqual({
      hubId: invite.hubId,
      hubName: '城关区心理健康教育指导中心',
      installationId: invite.installationId,
      installationName: '城关第一中学',
      agreement: { version: 1, programme: 'school', aggregates: true, cases: true, names: true, nameLevels: ['red', 'orange'] }, // prettier-ignore
    });

    const out = join(work, 'report.anxinreport');
    const run = anxin(['report', 'bundle', '--data-dir', dir, '--out', out, '--user', 'liu', '--json'], psy);
    expect(run.code).toBe(0);
    const json = run.json();
    expect(json).toEqual({
      file: out,
      bundleId: expect.any(String),
      sequence: 1,
      aggregates: 0,
      cases: 1,
      named: 1,
    });
    // Written whole under its own name: no temporary file left beside it.
    expect(readdirSync(work).sort()).toEqual([
      'damaged.anxininvite',
      'invite.anxininvite',
      'report.anxinreport',
    ]);
    const payload = bundlePayloadSchema.parse(JSON.parse(openBundle(readFileSync(out), hubKeys).payload));
    expect(payload).toMatchObject({
      bundleId: json.bundleId,
      sequence: 1,
      installationId: invite.installationId,
    });
    expect(payload.cases.map((c) => [c.level, c.name, c.className])).toEqual([['red', '张三', '1班']]);

    const again = anxin(['report', 'bundle', '--data-dir', dir, '--out', out, '--json'], admin);
    expect(again.json()).toMatchObject({ sequence: 2 });
  }, 120_000);
});
