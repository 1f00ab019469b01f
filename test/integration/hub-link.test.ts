// The installation's side of the district hub over a real encrypted installation: enrolment from
// an invitation made here with real hub keys, the bundle opened with the hub's private key, and
// what it holds checked against the sharing agreement by reading the decrypted text itself.
import { randomUUID } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import {
  enrolmentValid,
  newHubKeys,
  newSecret,
  openBundle,
  signatureValid,
  type KeyPair,
} from '../../electron/security/bundle-crypto';
import { buildPayload } from '../../electron/services/hub-link/payload';
import { pushBundle, writeBundle } from '../../electron/services/hub-link/bundle';
import type { AppContext } from '../../electron/services/context';
import { createContext } from '../../electron/services/context';
import { defaultAgreement, type HubProgramme } from '../../shared/hub/agreement';
import { bundlePayloadSchema, namesWithinAgreement, type BundlePayload } from '../../shared/hub/bundle';
import { INVITE_FORMAT, type HubInvite } from '../../shared/hub/invite';
import { addDays, todayIso } from '../../shared/people';
import { fails, ok, setUpApp } from '../helpers/app';
import { answerSheet, zeros } from '../helpers/screening';
import { useTempDirs } from '../helpers/temp';

const tempDir = useTempDirs();
const TODAY = todayIso();

const PHQ_RED = [1, 1, 1, 1, 1, 1, 1, 1, 1]; // item 9 answered: critical
const PHQ_ORANGE = [2, 2, 2, 2, 2, 2, 2, 2, 0]; // 16
const PHQ_YELLOW = [2, 2, 1, 1, 1, 1, 1, 1, 0]; // 10

/** A hub's keys and an invitation it made for one named installation. */
function hubInvitation(
  programme: HubProgramme,
  opts: { names?: boolean; hubKeys?: KeyPair; hubId?: string; name?: string } = {},
) {
  const hubKeys = opts.hubKeys ?? newHubKeys();
  const invite: HubInvite = {
    format: INVITE_FORMAT,
    hubId: opts.hubId ?? randomUUID(),
    hubName: '城关区心理健康教育指导中心',
    hubPublicKey: hubKeys.publicKey,
    installationId: randomUUID(),
    installationName: opts.name ?? '城关第一中学',
    township: programme === 'perinatal' ? '城关镇' : null,
    secret: newSecret(),
    agreement: defaultAgreement(programme, opts.names ?? false),
    uploadUrl: null,
    issuedAt: new Date().toISOString(),
  };
  return { hubKeys, invite, text: JSON.stringify(invite) };
}

/** Personal data seeded beside the roster: none of it may reach the hub. */
const SECRETS = {
  idNumbers: ['110101201103050012', '110101201103050034', '110101201103050056', '110101201103050078', '11010120110305009X'], // prettier-ignore
  phones: ['13800138001', '13800138002', '13800138003', '13800138004', '13800138005'],
  guardians: ['张父亲', '李母亲', '王父亲', '赵母亲', '孙父亲'],
  note: '家中有变故需要持续关注',
  liftReason: '家长说明近况好转无需跟进',
};

/**
 * Five students in three classes, all due in one campaign: 张三 red (critical), 李四 green, 王五
 * orange, 赵六 yellow then lifted with a reason in words, 孙八 declined. Each has an ID number,
 * a phone and a guardian on file, and 张三's case has a follow-up note.
 */
async function school(names = false) {
  const dir = tempDir();
  const { ctx } = await setUpApp(dir);
  const add = (studentNo: string, name: string, grade: string, className: string) =>
    ok(ctx, 'students.add', { studentNo, name, sex: 'F', birthDate: '2011-03-05', grade, className });
  const people = [
    await add('S1', '张三', '七年级', '1班'),
    await add('S2', '李四', '七年级', '1班'),
    await add('S3', '王五', '七年级', '2班'),
    await add('S4', '赵六', '八年级', '3班'),
    await add('S5', '孙八', '八年级', '3班'),
  ];
  people.forEach((p, i) =>
    ctx
      .db!.prepare(
        'UPDATE people SET id_number = ?, phone = ?, guardian_name = ?, guardian_phone = ? WHERE id = ?',
      )
      .run(SECRETS.idNumbers[i], SECRETS.phones[i], SECRETS.guardians[i], SECRETS.phones[i], p.id),
  );
  const campaign = await ok(ctx, 'campaigns.create', {
    name: '春季心理普测',
    programme: 'school',
    startsOn: addDays(TODAY, -10),
    endsOn: addDays(TODAY, 10),
    targets: [{ battery: ['PHQ-9', 'GAD-7'] }],
  });
  const sheet = (id: number, phq: number[]) =>
    answerSheet(ctx, id, { campaignId: campaign.id }, { 'PHQ-9': phq, 'GAD-7': zeros(7) });
  expect([
    (await sheet(people[0]!.id, PHQ_RED)).level,
    (await sheet(people[1]!.id, zeros(9))).level,
    (await sheet(people[2]!.id, PHQ_ORANGE)).level,
    (await sheet(people[3]!.id, PHQ_YELLOW)).level,
  ]).toEqual(['red', 'green', 'orange', 'yellow']);
  ctx.db!.prepare("UPDATE campaign_participants SET status = 'declined' WHERE person_id = ?").run(people[4]!.id); // prettier-ignore
  const worklist = await ok(ctx, 'cases.worklist', { programme: 'school' });
  const caseOf = (name: string) => worklist.find((w) => w.name === name)!.caseId;
  await ok(ctx, 'cases.safetyCheck', { caseId: caseOf('张三'), talked: true, riskAssessed: true, familyContacted: true, plan: 'referral', outcome: SECRETS.note, referral: { institution: '县人民医院', department: '精神科', consent: true } }); // prettier-ignore
  await ok(ctx, 'cases.followUp', { caseId: caseOf('张三'), method: 'phone', content: SECRETS.note, riskChange: 'same' }); // prettier-ignore
  await ok(ctx, 'cases.lift', { caseId: caseOf('赵六'), reason: SECRETS.liftReason });
  const hub = hubInvitation('school', { names });
  await ok(ctx, 'hubLink.enrol', { invite: hub.text });
  return { ctx, dir, people, campaign, hub, caseOf };
}

/** Writes a bundle through the contract (as 上报 does) and opens it as the hub would. */
async function bundleAndOpen(ctx: AppContext, hubKeys: KeyPair) {
  const file = await ok(ctx, 'hubLink.bundle', {});
  const opened = openBundle(Buffer.from(file.contentBase64, 'base64'), hubKeys);
  return {
    file,
    opened,
    text: opened.payload,
    payload: bundlePayloadSchema.parse(JSON.parse(opened.payload)),
  };
}

describe('enrolment', () => {
  test('the invitation is stored with fresh signing keys; the status and the audit say so without secrets', async () => {
    const { ctx, hub } = await school();
    const status = await ok(ctx, 'hubLink.status', {});
    expect(status).toMatchObject({
      programme: 'school',
      link: {
        hubId: hub.invite.hubId,
        hubName: '城关区心理健康教育指导中心',
        installationId: hub.invite.installationId,
        installationName: '城关第一中学',
        agreement: { programme: 'school', names: false, nameLevels: [] },
        sequence: 0,
        lastBundleAt: null,
      },
    });
    const row = ctx.db!.prepare('SELECT signing_public_key, signing_private_key, pseudonym_key FROM hub_link').get() as Record<string, string>; // prettier-ignore
    expect(Buffer.from(row.signing_public_key!, 'base64')).toHaveLength(32);
    expect(Buffer.from(row.signing_private_key!, 'base64')).toHaveLength(32);
    expect(Buffer.from(row.pseudonym_key!, 'base64')).toHaveLength(32);
    const audit = ctx.db!.prepare("SELECT subject, detail FROM audit_log WHERE action = 'hub.enrol'").get() as { subject: string; detail: string }; // prettier-ignore
    expect(audit.subject).toBeNull();
    expect(JSON.parse(audit.detail)).toEqual({ hubId: hub.invite.hubId, installationId: hub.invite.installationId, names: false, replaced: false }); // prettier-ignore
    expect(audit.detail).not.toContain(hub.invite.secret);
    // The same invitation again changes nothing the hub may have pinned.
    await ok(ctx, 'hubLink.enrol', { invite: hub.text });
    expect(ctx.db!.prepare('SELECT signing_public_key, signing_private_key, pseudonym_key FROM hub_link').get()).toEqual(row); // prettier-ignore
  });

  test('an invitation for the other programme, a damaged one and another hub’s (without replace) are refused', async () => {
    const { ctx, hub } = await school();
    const perinatal = hubInvitation('perinatal');
    expect((await fails(ctx, 'hubLink.enrol', { invite: perinatal.text })).detail).toEqual({ reason: 'hub.programme_mismatch', params: { programme: 'perinatal' } }); // prettier-ignore
    expect((await fails(ctx, 'hubLink.enrol', { invite: hub.text.slice(0, -5) })).detail?.reason).toBe('hub.invalid_invite'); // prettier-ignore
    const forged = { ...hub.invite, agreement: { ...hub.invite.agreement, extra: true } };
    expect((await fails(ctx, 'hubLink.enrol', { invite: JSON.stringify(forged) })).detail?.reason).toBe('hub.invalid_invite'); // prettier-ignore

    const other = hubInvitation('school');
    expect((await fails(ctx, 'hubLink.enrol', { invite: other.text })).detail).toEqual({ reason: 'hub.other_hub', params: { hubName: '城关区心理健康教育指导中心' } }); // prettier-ignore
    expect((await ok(ctx, 'hubLink.status', {})).link?.hubId).toBe(hub.invite.hubId);
    await ok(ctx, 'hubLink.enrol', { invite: other.text, replace: true });
    expect((await ok(ctx, 'hubLink.status', {})).link?.hubId).toBe(other.invite.hubId);

    const maternal = await setUpApp(tempDir(), 'maternal');
    expect((await fails(maternal.ctx, 'hubLink.enrol', { invite: hub.text })).detail?.reason).toBe('hub.programme_mismatch'); // prettier-ignore
    await ok(maternal.ctx, 'hubLink.enrol', { invite: perinatal.text });
  });

  test('without an enrolment there is nothing to send', async () => {
    const { ctx } = await setUpApp(tempDir());
    expect(await ok(ctx, 'hubLink.status', {})).toEqual({ programme: 'school', link: null });
    expect((await fails(ctx, 'hubLink.bundle', {})).detail?.reason).toBe('hub.not_enrolled');
    expect((await fails(ctx, 'hubLink.preview', {})).detail?.reason).toBe('hub.not_enrolled');
  });
});

describe('the report bundle', () => {
  test('opens with the hub’s key, is signed by the enrolled key, and holds the school’s figures', async () => {
    const { ctx, hub, campaign } = await school();
    const { file, opened, payload } = await bundleAndOpen(ctx, hub.hubKeys);
    const signingKey = ctx.db!.prepare('SELECT signing_public_key FROM hub_link').pluck().get() as string;
    expect(signatureValid(opened, signingKey)).toBe(true);
    expect(enrolmentValid(opened, hub.invite.secret, hub.invite.installationId)).toBe(true);
    expect(file.fileName).toBe(`上报-城关第一中学-${TODAY.replaceAll('-', '')}.anxinreport`);
    expect(namesWithinAgreement(payload)).toBe(true);
    expect(payload).toMatchObject({
      hubId: hub.invite.hubId,
      installationId: hub.invite.installationId,
      sequence: 1,
      agreement: hub.invite.agreement,
      installation: { name: '城关第一中学', township: null },
      people: 5,
    });
    expect(payload.levels.map((l) => l.id)).toEqual(['red', 'orange', 'yellow', 'green']);
    const ref = `c${campaign.id}`;
    expect(payload.aggregates.map(({ key: _key, campaign: c, ...row }) => ({ c: c?.ref, ...row }))).toEqual([
      { c: ref, grade: '七年级', className: '1班', timePoint: null, township: null, month: addDays(TODAY, -10).slice(0, 7), expected: 2, screened: 2, declined: 0, levels: { red: 1, green: 1 }, critical: 1, referred: 1, attended: 0 }, // prettier-ignore
      { c: ref, grade: '七年级', className: '2班', timePoint: null, township: null, month: addDays(TODAY, -10).slice(0, 7), expected: 1, screened: 1, declined: 0, levels: { orange: 1 }, critical: 0, referred: 0, attended: 0 }, // prettier-ignore
      { c: ref, grade: '八年级', className: '3班', timePoint: null, township: null, month: addDays(TODAY, -10).slice(0, 7), expected: 2, screened: 1, declined: 1, levels: { yellow: 1 }, critical: 0, referred: 0, attended: 0 }, // prettier-ignore
    ]);
    const cases = payload.cases.map((c) => [
      c.status,
      c.level,
      c.referral,
      c.outcome,
      c.tasks.map((t) => t.kind),
    ]);
    expect(cases).toEqual([
      ['open', 'red', 'referred', null, ['follow_up', 'referral_check']],
      ['open', 'orange', 'none', null, ['first_contact']],
      ['lifted', 'yellow', 'none', 'lifted', []],
    ]);
    expect(payload.cases[0]!.reasons.map((r) => r.kind)).toContain('item_positive');
  });

  test('a bundle carries nothing outside its agreement: no name, ID number, phone, guardian or note; classes only in the aggregates', async () => {
    const { ctx, hub } = await school(false);
    const { text, payload } = await bundleAndOpen(ctx, hub.hubKeys);
    const names = ['张三', '李四', '王五', '赵六', '孙八'];
    for (const secret of [
      ...names,
      ...SECRETS.idNumbers,
      ...SECRETS.phones,
      ...SECRETS.guardians,
      SECRETS.note,
      SECRETS.liftReason,
      'S1',
      '2011-03-05',
      '县人民医院',
      '精神科',
    ])
      // prettier-ignore
      expect(text, secret).not.toContain(secret);
    // The class and grade are aggregate dimensions (per campaign × grade × class), never on a case.
    const outsideAggregates = JSON.stringify({ ...payload, aggregates: [] });
    for (const group of ['1班', '2班', '3班', '七年级', '八年级'])
      expect(outsideAggregates, group).not.toContain(group);
    for (const c of payload.cases) expect(Object.keys(c).filter((k) => ['name', 'grade', 'className'].includes(k))).toEqual([]); // prettier-ignore
  });

  test('with names, only the open red and orange cases carry the name and class', async () => {
    const { ctx, hub } = await school(true);
    const { text, payload } = await bundleAndOpen(ctx, hub.hubKeys);
    expect(payload.agreement).toMatchObject({ names: true, nameLevels: ['red', 'orange'] });
    expect(
      payload.cases.map((c) => [c.status, c.level, c.name ?? null, c.grade ?? null, c.className ?? null]),
    ).toEqual([
      ['open', 'red', '张三', '七年级', '1班'],
      ['open', 'orange', '王五', '七年级', '2班'],
      ['lifted', 'yellow', null, null, null],
    ]);
    for (const secret of [
      '李四',
      '赵六',
      '孙八',
      ...SECRETS.idNumbers,
      ...SECRETS.phones,
      ...SECRETS.guardians,
      SECRETS.note,
    ])
      // prettier-ignore
      expect(text, secret).not.toContain(secret);
    expect(namesWithinAgreement(payload)).toBe(true);
  });

  test('pseudonyms are stable across bundles and differ between installations; the sequence counts up', async () => {
    const a = await school();
    const b = await school();
    const first = (await bundleAndOpen(a.ctx, a.hub.hubKeys)).payload;
    const second = (await bundleAndOpen(a.ctx, a.hub.hubKeys)).payload;
    const other = (await bundleAndOpen(b.ctx, b.hub.hubKeys)).payload;
    expect([first.sequence, second.sequence, other.sequence]).toEqual([1, 2, 1]);
    expect(second.bundleId).not.toBe(first.bundleId);
    const refs = (p: BundlePayload) => p.cases.map((c) => [c.ref, c.person]);
    expect(refs(second)).toEqual(refs(first));
    for (const [ref, person] of refs(first)) {
      expect(ref).toMatch(/^[a-z2-7]{16}$/);
      expect(person).toMatch(/^[a-z2-7]{16}$/);
    }
    // The same person ids in two installations: not one pseudonym in common.
    const flat = (p: BundlePayload) => refs(p).flat();
    expect(flat(other).filter((x) => flat(first).includes(x))).toEqual([]);
    const status = await ok(a.ctx, 'hubLink.status', {});
    expect(status.link).toMatchObject({
      sequence: 2,
      lastBundleId: second.bundleId,
      lastBundleAt: second.createdAt,
    });
    // A fresh invitation from the same hub keeps the pseudonyms: the hub's records stay the same people's.
    const again = hubInvitation('school', { hubKeys: a.hub.hubKeys, hubId: a.hub.invite.hubId });
    await ok(a.ctx, 'hubLink.enrol', { invite: again.text });
    const third = (await bundleAndOpen(a.ctx, a.hub.hubKeys)).payload;
    expect(refs(third)).toEqual(refs(first));
    // A new installation id starts its own count; the same one (re-invited) goes on counting.
    expect(third.sequence).toBe(1);
    await ok(a.ctx, 'hubLink.enrol', { invite: JSON.stringify({ ...again.invite, secret: newSecret() }) });
    expect((await bundleAndOpen(a.ctx, a.hub.hubKeys)).payload.sequence).toBe(2);
  });

  test('the preview shows exactly the fields and counts a bundle then holds', async () => {
    const { ctx, hub } = await school(true);
    const preview = await ok(ctx, 'hubLink.preview', {});
    const { file, payload } = await bundleAndOpen(ctx, hub.hubKeys);
    expect(preview.counts).toEqual({ aggregates: 3, cases: 3, named: 2 });
    expect(file.counts).toEqual(preview.counts);
    expect(preview.people).toBe(payload.people);
    expect(preview.fields.named).toEqual(['name', 'grade', 'className']);
    expect(preview.fields.aggregate).toEqual(['campaign', 'grade', 'className', 'month', 'expected', 'screened', 'declined', 'levels', 'critical', 'referred', 'attended']); // prettier-ignore
    // Every field the bundle's records use is listed in the preview.
    // Every field the bundle's records fill in (a dimension the programme does not use is null).
    const used = (rows: object[]) => [...new Set(rows.flatMap((r) => Object.entries(r).filter(([, v]) => v !== null).map(([k]) => k)))]; // prettier-ignore
    expect(used(payload.aggregates).filter((f) => f !== 'key' && !preview.fields.aggregate.includes(f))).toEqual([]); // prettier-ignore
    expect(used(payload.cases).filter((f) => ![...preview.fields.case, ...preview.fields.named].includes(f))).toEqual([]); // prettier-ignore
    const without = await school(false);
    expect((await ok(without.ctx, 'hubLink.preview', {})).fields.named).toEqual([]);
  });

  test('a failed seal leaves the sequence where it was', async () => {
    const { ctx } = await school();
    ctx.db!.prepare("UPDATE hub_link SET hub_public_key = 'AAAA'").run();
    expect(() => writeBundle(ctx.db!, 1)).toThrow();
    expect((await ok(ctx, 'hubLink.status', {})).link?.sequence).toBe(0);
  });
});

describe('roles', () => {
  test('the administrator enrols; the psychologist reports; other roles do neither', async () => {
    const { ctx, dir, hub } = await school();
    for (const [username, role] of [['psy', 'psychologist'], ['scr', 'screener'], ['sup', 'supervisor']] as const)
      await ok(ctx, 'users.create', { username, password: `${username}-pass-1`, displayName: username, role, classes: [] }); // prettier-ignore
    const as = async (username: string) => {
      const c = createContext(dir, 'http');
      await ok(c, 'auth.login', { username, password: `${username}-pass-1` });
      return c;
    };
    const psy = await as('psy');
    expect((await fails(psy, 'hubLink.enrol', { invite: hub.text })).code).toBe('forbidden');
    expect((await ok(psy, 'hubLink.bundle', {})).sequence).toBe(1);
    expect((await ok(psy, 'hubLink.preview', {})).counts.cases).toBe(3);
    for (const c of [await as('scr'), await as('sup')])
      for (const method of ['hubLink.enrol', 'hubLink.bundle', 'hubLink.preview', 'hubLink.status', 'hubLink.push'])
        expect((await fails(c, method, method === 'hubLink.enrol' ? { invite: hub.text } : {})).code, method).toBe('forbidden'); // prettier-ignore
  });
});

describe('perinatal', () => {
  test('a clinic’s bundle: aggregates per month, time point and township; names of critical cases only where agreed', async () => {
    const { ctx } = await setUpApp(tempDir(), 'maternal');
    const lmp = (weeks: number) => addDays(TODAY, -weeks * 7);
    const csv = `姓名,身份证号,末次月经,乡镇\n李梅,110101199001010023,${lmp(30)},城关镇\n王芳,11010119900101004X,${lmp(20)},东关镇\n`;
    await ok(ctx, 'people.importCommit', { kind: 'woman', file: { fileName: 'w.csv', contentBase64: Buffer.from(csv).toString('base64') } }); // prettier-ignore
    const women = (await ok(ctx, 'people.list', { kind: 'woman', sort: 'name' })).items;
    const epds = async (personId: number, values: number[]) => {
      const s = await ok(ctx, 'screening.start', { personId, mode: 'kiosk', battery: ['EPDS'] });
      for (const [i, v] of values.entries())
        await ok(ctx, 'screening.saveAnswer', { screeningId: s.screeningId, instrumentId: 'EPDS', itemId: `q${i + 1}`, value: v }); // prettier-ignore
      return ok(ctx, 'screening.submit', { screeningId: s.screeningId });
    };
    const li = women.find((w) => w.name === '李梅')!;
    const wang = women.find((w) => w.name === '王芳')!;
    expect((await epds(li.id, [2, 2, 2, 2, 1, 2, 1, 1, 1, 2])).level).toBe('critical');
    expect((await epds(wang.id, zeros(10))).level).toBe('negative');
    const hub = hubInvitation('perinatal', { names: true, name: '城关镇卫生院' });
    await ok(ctx, 'hubLink.enrol', { invite: hub.text });
    const { text, payload } = await bundleAndOpen(ctx, hub.hubKeys);
    const month = TODAY.slice(0, 7);
    const rows = payload.aggregates.filter((a) => a.month === month);
    expect(rows.map((a) => [a.timePoint, a.township, a.screened, a.levels, a.critical])).toEqual([
      ['late', '城关镇', 1, { critical: 1 }, 1],
      ['mid', '东关镇', 1, { negative: 1 }, 0],
    ]);
    for (const a of rows) expect(a.expected).toBe(1);
    expect(payload.cases.map((c) => [c.level, c.name ?? null, c.className ?? null])).toEqual([['critical', '李梅', null]]); // prettier-ignore
    for (const secret of ['王芳', '110101199001010023', '11010119900101004X', lmp(30)])
      expect(text).not.toContain(secret);
    // The preview lists the clinic's dimensions and, for a named case, the name alone.
    const preview = await ok(ctx, 'hubLink.preview', {});
    expect(preview.fields.aggregate.slice(0, 3)).toEqual(['timePoint', 'township', 'month']);
    expect(preview.fields.named).toEqual(['name']);
    expect(preview.counts).toEqual({ aggregates: payload.aggregates.length, cases: 1, named: 1 });
  });
});

describe('push', () => {
  test('posts the sealed bytes to the upload address and reads the hub’s answer', async () => {
    const { ctx, hub } = await school();
    ctx.db!.prepare("UPDATE hub_link SET upload_url = 'https://hub.example/hub/api/bundles'").run();
    const seen: { url: string; type: string | null; bytes: Buffer }[] = [];
    const post = (async (url: string, init: RequestInit) => {
      seen.push({ url, type: new Headers(init.headers).get('content-type'), bytes: Buffer.from(init.body as Uint8Array) }); // prettier-ignore
      return new Response(JSON.stringify({ status: 'accepted', installationId: hub.invite.installationId, bundleId: 'x', changed: 3 })); // prettier-ignore
    }) as unknown as typeof fetch;
    const result = await pushBundle(ctx.db!, 1, new Date(), post);
    expect(result).toMatchObject({ sequence: 1, status: 'accepted', reason: null });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      url: 'https://hub.example/hub/api/bundles',
      type: 'application/octet-stream',
    });
    expect(JSON.parse(openBundle(seen[0]!.bytes, hub.hubKeys).payload)).toMatchObject({
      bundleId: result.bundleId,
    });
    const refused = (async () => new Response('nope', { status: 502 })) as unknown as typeof fetch;
    await expect(pushBundle(ctx.db!, 1, new Date(), refused)).rejects.toMatchObject({ extra: { detail: { reason: 'hub.push_failed', params: { status: 502 } } } }); // prettier-ignore
  });

  test('buildPayload is a pure read: it does not advance the sequence', async () => {
    const { ctx } = await school();
    expect(buildPayload(ctx.db!, new Date()).sequence).toBe(1);
    expect(buildPayload(ctx.db!, new Date()).sequence).toBe(1);
  });
});
