import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { connect } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import { apiMethods } from '../../shared/api/contract';
import type { StationSession, StationStatus } from '../../shared/api/station';
import type { AppContext } from '../../electron/services/context';
import { CONTENT_SECURITY_POLICY } from '../../electron/security/csp';
import { stationNoMatchMessage } from '../../electron/services/station/messages';
import { CODE_ALPHABET } from '../../electron/services/station/codes';
import { maskName } from '../../shared/people/mask';
import { GroupCommit } from '../../electron/services/station/group-commit';
import { routes, startStation, stopStation, type StationOptions } from '../../electron/transports/station';
import { TOKEN_HEADER } from '../../electron/transports/http';
import { fails, ok, setUpApp } from '../helpers/app';
import { ensureBuilt } from '../helpers/cli';
import { api, call, value } from '../helpers/station-http';
import { useTempDirs } from '../helpers/temp';

const tempDir = useTempDirs();
const contexts: AppContext[] = [];
afterEach(async () => {
  while (contexts.length) await stopStation(contexts.pop()!);
});

const BIRTH = '2011-03-05';
const PHQ9 = ['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7', 'q8', 'q9'];
const GAD7 = ['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7'];
const ITEMS = [
  ...PHQ9.map((itemId) => ({ instrumentId: 'PHQ-9', itemId })),
  ...GAD7.map((itemId) => ({ instrumentId: 'GAD-7', itemId })),
];

async function school(
  students = 6,
  campaign: { showResult?: boolean; signIn?: 'slip' | 'student_no_birth_code' } = {},
) {
  const { ctx } = await setUpApp(tempDir());
  const names = ['张三', '李小四', '王五', '欧阳娜娜', '赵六', '钱七', '孙八', '周九'];
  for (let i = 0; i < students; i++)
    await ok(ctx, 'students.add', {
      studentNo: `G${1000 + i}`,
      name: names[i % names.length]!,
      sex: i % 2 ? 'F' : 'M',
      birthDate: BIRTH,
      grade: '七年级',
      className: `${1 + (i % 2)}班`,
    });
  const { id } = await ok(ctx, 'campaigns.create', {
    name: '2026秋季心理普测',
    programme: 'school',
    startsOn: '2026-11-23',
    endsOn: '2026-11-30',
    targets: [{ battery: ['PHQ-9', 'GAD-7'] }],
    // These tests sign in by 学籍号 + birth date + the lesson's code; slips have a test of their own.
    signIn: 'student_no_birth_code',
    ...campaign,
  });
  return { ctx, campaignId: id };
}

async function station(ctx: AppContext, campaignId: number, extra: Partial<StationOptions> = {}) {
  const status = await startStation(ctx, {
    campaignId,
    host: '127.0.0.1',
    port: 0,
    rendererDir: null,
    ...extra,
  });
  contexts.push(ctx);
  return { ...status, port: Number(new URL(status.url!).port), code: status.stationCode! };
}

/** Each respondent on a lab PC of their own (its page's device id). */
const deviceOf = (i: number) => `lab-pc-${String(i).padStart(10, '0')}`;
const identify = (port: number, code: string, i: number, extra: object = {}) =>
  value<StationSession>(
    api(port, 'identify', {
      stationCode: code,
      studentNo: `G${1000 + i}`,
      birthDate: BIRTH,
      deviceId: deviceOf(i),
      ...extra,
    }),
  );

async function answerAll(
  port: number,
  token: string,
  valueOf: (instrumentId: string, itemId: string) => number,
) {
  for (const item of ITEMS)
    await value(api(port, 'answer', { token, ...item, value: valueOf(item.instrumentId, item.itemId) }));
}

describe('LAN screening station', () => {
  test('respondents sign in, consent, answer PHQ-9 + GAD-7 and submit concurrently; levels are stored, never shown', async () => {
    const { ctx, campaignId } = await school(6);
    const s = await station(ctx, campaignId);
    const outcomes = await Promise.all(
      [0, 1, 2, 3, 4, 5].map(async (i) => {
        const session = await identify(s.port, s.code.toLowerCase(), i, { seat: `A-${i}` });
        expect(session).toMatchObject({ consented: false, status: 'in_progress', done: null });
        expect(session.instruments.map((d) => d.id)).toEqual(['PHQ-9', 'GAD-7']);
        const consented = await value<StationSession>(
          api(s.port, 'consent', { token: session.token, accept: true }),
        );
        expect(consented.consented).toBe(true);
        // Respondent 5 answers 3 everywhere (PHQ-9 27, item 9 positive); the others stay below every cut-off.
        await answerAll(s.port, session.token, (instrument, item) =>
          i === 5 ? 3 : instrument === 'PHQ-9' && item === 'q9' ? 0 : i % 2,
        );
        return {
          name: session.displayName,
          done: await value(api(s.port, 'submit', { token: session.token })),
        };
      }),
    );
    for (const { done } of outcomes)
      expect(done).toEqual({ status: 'submitted', message: expect.stringContaining('12356'), result: null });
    // What came back never names anyone in full and never carries a score or level.
    expect(outcomes.map((o) => o.name).sort()).toEqual(
      ['张*', '李*四', '王*', '欧**娜', '赵*', '钱*'].sort(),
    );
    const progress = await ok(ctx, 'campaigns.progress', { id: campaignId });
    expect(progress.overall).toMatchObject({ total: 6, done: 6 });
    expect(progress.people.map((p) => p.level).sort()).toEqual(
      ['green', 'green', 'green', 'green', 'green', 'red'].sort(),
    );
    expect(progress.people.find((p) => p.number === 'G1005')).toMatchObject({ level: 'red', seat: 'A-5' });
    const [history] = await ok(ctx, 'screening.forPerson', { personId: progress.people[0]!.personId });
    expect(history).toMatchObject({ mode: 'station', screener: '王老师' });
  });

  test('a positive PHQ-9 item 9 is on the alert board before the sheet is submitted', async () => {
    const { ctx, campaignId } = await school(2);
    const s = await station(ctx, campaignId);
    const { token } = await identify(s.port, s.code, 0, { seat: 'B-07' });
    await value(api(s.port, 'consent', { token, accept: true }));
    await value(api(s.port, 'answer', { token, instrumentId: 'PHQ-9', itemId: 'q9', value: 1 }));
    expect(await ok(ctx, 'alerts.list', {})).toEqual([
      expect.objectContaining({
        name: '张三',
        group: '七年级 1班',
        seat: 'B-07',
        campaignId,
        live: true,
        critical: { instrumentId: 'PHQ-9', itemNumber: 9, value: 1 },
      }),
    ]);
  });

  test('a reloaded page resumes with its token; signing in again resumes the same sheet', async () => {
    const { ctx, campaignId } = await school(2);
    const s = await station(ctx, campaignId);
    const first = await identify(s.port, s.code, 1);
    await value(api(s.port, 'consent', { token: first.token, accept: true }));
    for (const itemId of ['q1', 'q2', 'q3'])
      await value(api(s.port, 'answer', { token: first.token, instrumentId: 'PHQ-9', itemId, value: 2 }));
    const reloaded = await value<StationSession>(api(s.port, 'session', { token: first.token }));
    expect(reloaded).toMatchObject({ consented: true, answers: { 'PHQ-9': { q1: 2, q2: 2, q3: 2 } } });
    expect((await ok(ctx, 'station.status', {})).activeRespondents).toBe(1);

    const again = await identify(s.port, s.code, 1);
    expect(again.token).not.toBe(first.token);
    expect(again).toMatchObject({ consented: true, answers: { 'PHQ-9': { q1: 2, q2: 2, q3: 2 } } });
    // One live token per sheet: the older page must sign in again.
    expect((await api(s.port, 'session', { token: first.token })).status).toBe(401);
    const progress = await ok(ctx, 'campaigns.progress', { id: campaignId });
    expect(progress.overall).toMatchObject({ in_progress: 1, due: 1 });
  });

  test('consent comes first; a decline is recorded and cannot be turned into a new sheet at the station', async () => {
    const { ctx, campaignId } = await school(2);
    const s = await station(ctx, campaignId);
    const { token } = await identify(s.port, s.code, 0);
    const early = await api(s.port, 'answer', { token, instrumentId: 'PHQ-9', itemId: 'q1', value: 0 });
    expect(early.status).toBe(409);
    expect((await api(s.port, 'submit', { token })).status).toBe(409);
    const declined = await value<StationSession>(api(s.port, 'consent', { token, accept: false }));
    expect(declined).toMatchObject({ status: 'declined', done: { status: 'declined', result: null } });
    expect((await ok(ctx, 'campaigns.progress', { id: campaignId })).overall.declined).toBe(1);
    expect(
      (await api(s.port, 'identify', { stationCode: s.code, studentNo: 'G1000', birthDate: BIRTH })).status,
    ).toBe(409);
  });

  test('an incomplete sheet cannot be submitted; a campaign that shows results shows them', async () => {
    const { ctx, campaignId } = await school(1, { showResult: true });
    const s = await station(ctx, campaignId);
    const { token } = await identify(s.port, s.code, 0);
    await value(api(s.port, 'consent', { token, accept: true }));
    await value(api(s.port, 'answer', { token, instrumentId: 'GAD-7', itemId: 'q1', value: 3 }));
    const early = await api(s.port, 'submit', { token });
    expect([early.status, early.json().error?.code]).toEqual([400, 'invalid_input']);
    expect(
      (await api(s.port, 'answer', { token, instrumentId: 'GAD-7', itemId: 'q1', value: 9 })).status,
    ).toBe(400);
    // Sent at once they usually share one commit; the bad one is refused alone.
    const together = await Promise.all([
      api(s.port, 'answer', { token, instrumentId: 'GAD-7', itemId: 'q2', value: 1 }),
      api(s.port, 'answer', { token, instrumentId: 'GAD-7', itemId: 'q3', value: 7 }),
      api(s.port, 'answer', { token, instrumentId: 'GAD-7', itemId: 'q4', value: 1 }),
    ]);
    expect(together.map((r) => r.status)).toEqual([200, 400, 200]);
    expect((await value<StationSession>(api(s.port, 'session', { token }))).answers['GAD-7']).toEqual({
      q1: 3,
      q2: 1,
      q4: 1,
    });
    await answerAll(s.port, token, (instrument, item) => (instrument === 'PHQ-9' && item === 'q9' ? 0 : 2));
    const done = await value(api(s.port, 'submit', { token }));
    expect(done).toMatchObject({
      status: 'submitted',
      result: { level: 'orange', instruments: [{ instrumentId: 'PHQ-9', total: 16 }, { total: 14 }] },
    });
    expect(
      (await api(s.port, 'answer', { token, instrumentId: 'GAD-7', itemId: 'q1', value: 0 })).status,
    ).toBe(409);
    expect(await value(api(s.port, 'session', { token }))).toMatchObject({
      status: 'submitted',
      done: { result: { level: 'orange' } },
    });
  });

  test('printed slip codes sign a respondent in; they avoid look-alike characters and are kept', async () => {
    const { ctx, campaignId } = await school(3, { signIn: 'slip' });
    const slips = await ok(ctx, 'campaigns.slips', { campaignId });
    expect(slips).toHaveLength(3);
    for (const slip of slips)
      expect(slip.slipCode).toMatch(new RegExp(`^[${CODE_ALPHABET}]{4}-[${CODE_ALPHABET}]{4}$`));
    expect(slips.find((x) => x.name === '张三')).toMatchObject({ group: '七年级 1班' });
    expect(await ok(ctx, 'campaigns.slips', { campaignId })).toEqual(slips);
    const s = await station(ctx, campaignId);
    const typed = slips[1]!.slipCode.replace('-', ' ').toLowerCase();
    const session = await value<StationSession>(
      api(s.port, 'identify', { stationCode: s.code, slipCode: typed }),
    );
    expect(session.displayName).toBe(maskName(slips[1]!.name));
    const wrong = await api(s.port, 'identify', { stationCode: s.code, slipCode: 'AAAA-AAAA' });
    expect([wrong.status, wrong.json().error?.message]).toEqual([404, stationNoMatchMessage('slip')]);
    const otherCampaign = await ok(ctx, 'campaigns.create', {
      name: 'b',
      programme: 'school',
      startsOn: '2026-11-23',
      endsOn: '2026-11-30',
      targets: [{ battery: ['GAD-7'] }],
    });
    const otherSlips = await ok(ctx, 'campaigns.slips', { campaignId: otherCampaign.id });
    expect(new Set([...slips, ...otherSlips].map((x) => x.slipCode)).size).toBe(6);
    // Another campaign's slip does not open this station.
    expect(
      (await api(s.port, 'identify', { stationCode: s.code, slipCode: otherSlips[0]!.slipCode })).status,
    ).toBe(404);
  });
});

describe('station sign-in page', () => {
  test('names the school and campaign before anyone signs in, and nothing about respondents', async () => {
    const { ctx, campaignId } = await school(2);
    const s = await station(ctx, campaignId);
    expect(await value(api(s.port, 'info', {}))).toEqual({
      apiVersion: 2,
      programme: 'school',
      orgName: '实验中学',
      campaignName: '2026秋季心理普测',
      signIn: 'student_no_birth_code',
      idleSeconds: 600,
    });
    const session = await identify(s.port, s.code, 0);
    expect(session.programme).toBe('school');
    // A student number alone is no sign-in at all; as a woman's record number it opens nothing.
    const alone = await api(s.port, 'identify', { stationCode: s.code, recordNo: 'G1000' });
    expect([alone.status, alone.json().error?.code]).toEqual([400, 'invalid_input']);
    const asRecord = await api(s.port, 'identify', {
      stationCode: s.code,
      recordNo: 'G1000',
      birthDate: BIRTH,
    });
    expect([asRecord.status, asRecord.json().error?.message]).toEqual([
      404,
      stationNoMatchMessage('student_no_birth_code'),
    ]);
  });

  test("a clinic's station signs a woman in by her handbook or ID number with a second fact, and gives her EPDS", async () => {
    const { ctx } = await setUpApp(tempDir(), 'maternal');
    const csv =
      '姓名,身份证号,保健手册编号,末次月经,手机号\n李梅,110101199001010023,BJ-0042,2026-06-01,13900001234\n';
    await ok(ctx, 'people.importCommit', {
      kind: 'woman',
      file: { fileName: 'w.csv', contentBase64: Buffer.from(csv).toString('base64') },
    });
    const { id } = await ok(ctx, 'campaigns.create', {
      name: '孕晚期筛查',
      programme: 'perinatal',
      startsOn: '2026-11-01',
      endsOn: '2026-12-31',
      targets: [{ battery: ['EPDS'] }],
    });
    const s = await station(ctx, id);
    expect(await value(api(s.port, 'info', {}))).toMatchObject({
      programme: 'perinatal',
      campaignName: '孕晚期筛查',
    });
    expect(await value(api(s.port, 'info', {}))).toMatchObject({ signIn: 'handbook_plus' });
    const byHandbook = await value<StationSession>(
      api(s.port, 'identify', { stationCode: s.code, recordNo: 'bj-0042', birthDate: '1990-01-01' }),
    );
    expect(byHandbook).toMatchObject({ programme: 'perinatal', displayName: maskName('李梅') });
    expect(byHandbook.instruments.map((d) => d.id)).toEqual(['EPDS']);
    const byId = await value<StationSession>(
      api(s.port, 'identify', { stationCode: s.code, recordNo: '110101199001010023', phoneLast4: '1234' }),
    );
    expect(byId.token).not.toBe(byHandbook.token);
    // The ID number contains the birth date, so the two together prove nothing.
    const idAndBirth = await api(s.port, 'identify', {
      stationCode: s.code,
      recordNo: '110101199001010023',
      birthDate: '1990-01-01',
    });
    const wrong = await api(s.port, 'identify', {
      stationCode: s.code,
      recordNo: '110101199001010031',
      phoneLast4: '1234',
    });
    // A clinic's words: her numbers and the staff, not a 学籍号 and a teacher.
    for (const r of [idAndBirth, wrong])
      expect([r.status, r.json().error?.message]).toEqual([404, stationNoMatchMessage('handbook_plus')]);
  });
});

describe('group commit', () => {
  test('writes queued together commit once; a failing one is undone alone and reported to its caller', async () => {
    const { ctx } = await setUpApp(tempDir());
    const db = ctx.db!;
    db.exec('CREATE TEMP TABLE t (x INTEGER)');
    const insert = (x: number) => db.prepare('INSERT INTO t (x) VALUES (?)').run(x).changes;
    const commits = new GroupCommit(db);
    const results = await Promise.allSettled([
      commits.run(() => insert(1)),
      commits.run(() => {
        insert(2);
        throw new Error('refused');
      }),
      commits.run(() => insert(3)),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(db.prepare('SELECT x FROM t ORDER BY x').pluck().all()).toEqual([1, 3]);
  });
});

describe('station security', () => {
  test('no staff route answers on the station listener', async () => {
    const { ctx, campaignId } = await school(1);
    const s = await station(ctx, campaignId);
    for (const method of apiMethods) {
      for (const headers of [{}, { [TOKEN_HEADER]: 'x'.repeat(32) }] as Record<string, string>[]) {
        const r = await call(s.port, `/api/${method}`, { body: '{}', headers });
        expect([method, r.status]).toEqual([method, 404]);
      }
    }
    for (const path of [
      '/',
      '/?token=abc',
      '/index.html',
      '/assets/app.js',
      '/station/api/',
      '/station/api/__proto__',
    ]) {
      expect([path, (await call(s.port, path, { method: 'GET' })).status]).toEqual([path, 404]);
    }
    expect((await call(s.port, '/station/api/identify', { method: 'GET' })).status).toBe(405);
    // A name that is not this station's address (DNS rebinding) gets nothing.
    expect(
      (
        await call(s.port, '/station/api/session', {
          body: '{}',
          headers: { host: `evil.example:${s.port}` },
        })
      ).status,
    ).toBe(404);
  });

  test('guessing is slowed: the 6th wrong attempt in a minute gets 429, and every mismatch reads the same', async () => {
    const { ctx, campaignId } = await school(2);
    let now = 1_000_000;
    const s = await station(ctx, campaignId, { now: () => now });
    const attempt = (studentNo: string, birthDate: string, from?: string) =>
      api(s.port, 'identify', { stationCode: s.code, studentNo, birthDate }, from);
    const wrongDate = await attempt('G1000', '2011-03-06');
    const noSuchStudent = await attempt('G9999', BIRTH);
    const wrongStation = await api(s.port, 'identify', {
      stationCode: 'AAAAAA',
      studentNo: 'G1000',
      birthDate: BIRTH,
    });
    for (const r of [noSuchStudent, wrongStation]) {
      expect(r.status).toBe(wrongDate.status);
      expect(Buffer.from(r.text)).toEqual(Buffer.from(wrongDate.text));
      expect(r.headers['content-type']).toBe(wrongDate.headers['content-type']);
    }
    expect(wrongDate.json().error?.message).toBe(stationNoMatchMessage('student_no_birth_code'));
    await attempt('G1001', '2011-01-01');
    await attempt('G1001', '2011-01-02');
    const sixth = await attempt('G1001', '2011-01-03');
    expect(sixth.status).toBe(429);
    expect(Number(sixth.headers['retry-after'])).toBeGreaterThanOrEqual(12);
    // Even the right answer waits; another computer is not held up.
    expect((await attempt('G1001', BIRTH)).status).toBe(429);
    expect((await attempt('G1001', BIRTH, '127.0.0.2')).status).toBe(200);
    now += Number(sixth.headers['retry-after']) * 1000;
    expect((await attempt('G1001', '2011-01-04')).status).toBe(404);
    const again = await attempt('G1001', '2011-01-05');
    expect(again.status).toBe(429);
    // Each lock-out lasts longer than the one before.
    expect(Number(again.headers['retry-after'])).toBeGreaterThan(Number(sixth.headers['retry-after']));
  });

  test('oversized, malformed and wrongly typed bodies are refused', async () => {
    const { ctx, campaignId } = await school(1);
    const s = await station(ctx, campaignId);
    const big = await call(s.port, '/station/api/identify', {
      body: JSON.stringify({
        stationCode: s.code,
        studentNo: 'x',
        birthDate: BIRTH,
        pad: 'x'.repeat(17 * 1024),
      }),
    });
    expect(big.status).toBe(413);
    expect((await call(s.port, '/station/api/identify', { body: '{"stationCode":' })).status).toBe(400);
    const shape = await api(s.port, 'identify', {
      stationCode: s.code,
      studentNo: 'x',
      birthDate: '5 March',
    });
    expect([shape.status, shape.json().error?.code]).toEqual([400, 'invalid_input']);
    expect((await api(s.port, 'answer', { token: 'short' })).status).toBe(400);
    expect((await api(s.port, 'session', { token: 'x'.repeat(43) })).status).toBe(401);
    const form = await call(s.port, '/station/api/session', {
      body: '{}',
      headers: { 'content-type': 'text/plain' },
    });
    expect(form.status).toBe(415);
  });

  test('serves the station page and its bundles with a strict CSP, nothing else from the UI folder', async () => {
    const { ctx, campaignId } = await school(1);
    const ui = tempDir();
    mkdirSync(join(ui, 'assets'));
    writeFileSync(join(ui, 'index.html'), '<!doctype html><title>staff</title>');
    writeFileSync(join(ui, 'station.html'), '<!doctype html><title>测评站</title>');
    writeFileSync(join(ui, 'assets', 'station.js'), 'export {};');
    const s = await station(ctx, campaignId, { rendererDir: ui });
    const page = await call(s.port, '/station/', { method: 'GET' });
    expect(page.status).toBe(200);
    expect(page.text).toContain('测评站');
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers['x-frame-options']).toBe('DENY');
    const js = await call(s.port, '/station/assets/station.js', { method: 'GET' });
    expect([js.status, js.headers['content-type']]).toEqual([200, 'text/javascript; charset=utf-8']);
    expect((await call(s.port, '/station', { method: 'GET' })).headers.location).toBe('/station/');
    for (const path of [
      '/station/index.html',
      '/station/assets/../index.html',
      '/station/assets/%2e%2e/index.html',
      '/station/assets/nope.js',
    ])
      expect([path, (await call(s.port, path, { method: 'GET' })).status]).toEqual([path, 404]);
    expect((await call(s.port, '/station/', { body: '{}' })).status).toBe(405);
  });

  test('the built station page links its icon and the station serves it (no 404s per respondent)', async () => {
    ensureBuilt();
    const { ctx, campaignId } = await school(1);
    const s = await station(ctx, campaignId, {
      rendererDir: join(import.meta.dirname, '../../out/renderer'),
    });
    const page = await call(s.port, '/station/', { method: 'GET' });
    expect(page.text).toContain('<link rel="icon" type="image/svg+xml" href="./favicon.svg"');
    for (const path of ['/station/favicon.svg', '/favicon.ico']) {
      const icon = await call(s.port, path, { method: 'GET' });
      expect([path, icon.status, icon.headers['content-type']]).toEqual([path, 200, 'image/svg+xml']);
      expect(icon.text).toMatch(/^<svg /);
    }
    // Only the icon: the staff page beside it stays out of reach.
    expect((await call(s.port, '/station/index.html', { method: 'GET' })).status).toBe(404);
  });
});

describe('station control (staff API)', () => {
  test('start returns the address, a code and a QR code; stop closes the port', async () => {
    const { ctx, campaignId } = await school(1);
    contexts.push(ctx);
    const interfaces = await ok(ctx, 'station.interfaces', {});
    expect(interfaces).toContainEqual({ name: expect.any(String), address: '127.0.0.1', internal: true });
    const started: StationStatus = await ok(ctx, 'station.start', { campaignId, host: '127.0.0.1', port: 0 });
    expect(started).toMatchObject({
      running: true,
      campaignId,
      url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/station\/$/),
      stationCode: expect.stringMatching(new RegExp(`^[${CODE_ALPHABET}]{6}$`)),
      qrSvg: expect.stringContaining('<svg'),
      activeRespondents: 0,
    });
    expect((await fails(ctx, 'station.start', { campaignId, host: '127.0.0.1' })).code).toBe('conflict');
    expect(await ok(ctx, 'station.status', {})).toEqual(started);
    // Checkpoints are deferred during the lesson and back to SQLite's default after it.
    const autocheckpoint = () => ctx.db!.pragma('wal_autocheckpoint', { simple: true });
    expect(autocheckpoint()).toBe(8_000);
    const port = Number(new URL(started.url!).port);
    // An open keep-alive connection is cut too, not only the listener.
    const open = connect(port, '127.0.0.1');
    await new Promise((resolve) => open.once('connect', resolve));
    const closed = new Promise((resolve) => open.once('close', resolve));
    expect(await ok(ctx, 'station.stop', {})).toMatchObject({ running: false, url: null });
    await closed;
    await expect(call(port, '/station/', { method: 'GET' })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(autocheckpoint()).toBe(1_000);
  });

  test('only screening staff may run a station; a foreign address is refused; logout closes it', async () => {
    const { ctx, campaignId } = await school(1);
    contexts.push(ctx);
    expect((await fails(ctx, 'station.start', { campaignId, host: '203.0.113.9' })).code).toBe(
      'invalid_input',
    );
    const admin = ctx.user!;
    ctx.user = { ...admin, role: 'class_teacher' };
    expect((await fails(ctx, 'station.start', { campaignId, host: '127.0.0.1' })).code).toBe('forbidden');
    expect((await fails(ctx, 'campaigns.slips', { campaignId })).code).toBe('forbidden');
    ctx.user = admin;
    const started = await ok(ctx, 'station.start', { campaignId, host: '127.0.0.1' });
    const port = Number(new URL(started.url!).port);
    const { token } = await identify(port, started.stationCode!, 0);
    await ok(ctx, 'auth.logout', {});
    expect((await api(port, 'session', { token })).status).toBe(503);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await expect(call(port, '/station/', { method: 'GET' })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});

describe('the documented station API (docs/station-api.md)', () => {
  test('documents exactly the endpoints served, and every reply names the API version', async () => {
    const doc = readFileSync(join(import.meta.dirname, '../../docs/station-api.md'), 'utf8');
    const documented = [...doc.matchAll(/^### `(\w+)`$/gm)].map((m) => m[1]).sort();
    expect(documented).toEqual(Object.keys(routes).sort());
    expect(doc).toMatch(/^# Station HTTP API \(respondent endpoints\) — version 2$/m);
    const { ctx, campaignId } = await school(1);
    const s = await station(ctx, campaignId);
    for (const reply of [
      await api(s.port, 'info', {}),
      await api(s.port, 'identify', { stationCode: s.code, studentNo: 'G1000', birthDate: BIRTH }),
      await api(s.port, 'session', { token: 'x'.repeat(20) }),
    ]) {
      expect(reply.headers['x-anxin-station-api']).toBe('2');
    }
  });
});
