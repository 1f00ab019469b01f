// A critical answer is an event at answer time: the case, its reason and a same-day safety check
// exist the moment the answer is acknowledged, whether or not the sheet is ever submitted.
import { request } from 'node:http';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, test } from 'vitest';
import type { AppContext } from '../../electron/services/context';
import { BOARD_EVENT_MS, subscribe } from '../../electron/services/events';
import { exportRoster } from '../../electron/services/export/output';
import { importResponses } from '../../electron/services/screening/response-import';
import { phq9ItemTexts } from '../../shared/instruments/builtin/phq9';
import { startStation, stopStation } from '../../electron/transports/station';
import type { ServerEvent } from '../../shared/api/events';
import type { StationSession } from '../../shared/api/station';
import { todayIso } from '../../shared/people';
import { ADMIN_PASSWORD, ok, setUpApp } from '../helpers/app';
import { useTempDirs } from '../helpers/temp';

const tempDir = useTempDirs();
const contexts: AppContext[] = [];
const unsubscribes: (() => void)[] = [];
afterEach(async () => {
  while (contexts.length) await stopStation(contexts.pop()!);
  while (unsubscribes.length) unsubscribes.pop()!();
});

const BIRTH = '2011-03-05';
// Reasons cross the API as data; the UI words them ("PHQ-9 第9题阳性（自伤念头）").
const SELF_HARM = { zh: '自伤念头', en: 'self-harm thoughts' };
const PHQ9_REASON = { kind: 'item_positive', instrument: 'PHQ-9', item: 9, meaning: SELF_HARM };
const EPDS_REASON = { kind: 'item_positive', instrument: 'EPDS', item: 10, meaning: SELF_HARM };
const PHQ9_TOTAL_10 = {
  kind: 'total_band',
  instrument: 'PHQ-9',
  total: 10,
  min: 10,
  max: 14,
  complete: true,
};

function post<T>(port: number, route: string, body: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: `/station/api/${route}`,
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'application/json' },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if (res.statusCode !== 200) return reject(new Error(`HTTP ${res.statusCode}: ${text}`));
          resolve((JSON.parse(text) as { value: T }).value);
        });
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

async function station(ctx: AppContext, campaignId: number) {
  const status = await startStation(ctx, { campaignId, host: '127.0.0.1', port: 0, rendererDir: null });
  contexts.push(ctx);
  return { port: Number(new URL(status.url!).port), code: status.stationCode! };
}

function recordEvents(): ServerEvent[] {
  const events: ServerEvent[] = [];
  unsubscribes.push(subscribe((e) => events.push(e)));
  return events;
}

async function school() {
  const { ctx } = await setUpApp(tempDir());
  const student = await ok(ctx, 'students.add', {
    studentNo: 'G1000',
    name: '张三',
    sex: 'M',
    birthDate: BIRTH,
    grade: '七年级',
    className: '1班',
  });
  const campaign = await ok(ctx, 'campaigns.create', {
    name: '2026秋季心理普测',
    programme: 'school',
    signIn: 'student_no_birth_code',
    startsOn: '2026-11-23',
    endsOn: '2026-11-30',
    targets: [{ battery: ['PHQ-9', 'GAD-7'] }],
  });
  return { ctx, student, campaignId: campaign.id };
}

async function clinic() {
  const { ctx } = await setUpApp(tempDir(), 'maternal');
  const csv = '姓名,身份证号,保健手册编号,末次月经\n李梅,110101199001010023,BJ-0042,2026-06-01\n';
  await ok(ctx, 'people.importCommit', {
    kind: 'woman',
    file: { fileName: 'w.csv', contentBase64: Buffer.from(csv).toString('base64') },
  });
  const campaign = await ok(ctx, 'campaigns.create', {
    name: '孕晚期筛查',
    programme: 'perinatal',
    startsOn: '2026-11-01',
    endsOn: '2026-12-31',
    targets: [{ battery: ['EPDS'] }],
  });
  const [woman] = await ok(ctx, 'people.search', { query: '李梅', limit: 5 });
  return { ctx, woman: woman!, campaignId: campaign.id };
}

/** The 测评记录 sheet's 状态 cells, read back from a full export of today. */
async function exportedStatuses(ctx: AppContext, programme: 'school' | 'perinatal') {
  const out = join(tempDir(), `${programme}.xlsx`);
  const today = todayIso();
  await exportRoster(ctx.db!, ctx.user!, { programme, variant: 'full', from: today, to: today, out });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  const sheet = wb.getWorksheet('测评记录')!;
  const rows: unknown[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  const header = rows.findIndex((r) => r.includes('状态'));
  const column = rows[header]!.indexOf('状态');
  const roster = wb.getWorksheet('随访名册')!;
  const rosterText: string[] = [];
  roster.eachRow((row) => rosterText.push(...Array.from(row.values as unknown[], (v) => String(v ?? ''))));
  return { statuses: rows.slice(header + 1).map((r) => r[column]), rosterText };
}

async function caseOf(ctx: AppContext, personId: number) {
  const file = await ok(ctx, 'people.get', { id: personId });
  expect(file.cases).toHaveLength(1);
  return file.cases[0]!;
}

describe('a critical answer at the station, never submitted', () => {
  test('the student is red on the worklist with the reason, a safety check due today, an open alert, and unsubmitted everywhere', async () => {
    const { ctx, student, campaignId } = await school();
    const events = recordEvents();
    const s = await station(ctx, campaignId);
    const session = await post<StationSession>(s.port, 'identify', {
      stationCode: s.code,
      studentNo: 'G1000',
      birthDate: BIRTH,
      seat: 'A-3',
    });
    await post(s.port, 'consent', { token: session.token, accept: true });
    for (const itemId of ['q1', 'q2'])
      await post(s.port, 'answer', { token: session.token, instrumentId: 'PHQ-9', itemId, value: 1 });
    const before = events.length;
    await post(s.port, 'answer', { token: session.token, instrumentId: 'PHQ-9', itemId: 'q9', value: 3 });
    // The alert is announced once the answer (and its case) are on disk, before the 2xx.
    const raised = events
      .slice(before)
      .filter((e) => e.type === 'alert.raised' || e.type === 'alerts.changed');
    expect(raised).toEqual([
      { type: 'alert.raised', alertId: expect.any(Number), campaignId, at: expect.any(String) },
      { type: 'alerts.changed', open: 1 },
    ]);
    expect(events.some((e) => e.type === 'board.changed' && e.campaignId === campaignId)).toBe(true);
    // The student closes the page; the station stops.
    await stopStation(ctx);

    const today = todayIso();
    const [item, ...others] = await ok(ctx, 'cases.worklist', { programme: 'school' });
    expect(others).toEqual([]);
    expect(item).toMatchObject({
      personId: student.id,
      name: '张三',
      level: 'red',
      screenLevel: 'red',
      reasons: [PHQ9_REASON],
      nextTask: { kind: 'safety_check', dueOn: today },
      incomplete: true,
    });
    const c = await caseOf(ctx, student.id);
    expect(c.reasons).toEqual([PHQ9_REASON]);
    expect(c.openTasks.map((t) => [t.kind, t.dueOn])).toEqual([
      ['safety_check', today],
      ['first_contact', expect.any(String)],
    ]);
    expect(c.events.map((e) => [e.kind, e.levelAfter])).toEqual([['flagged', 'red']]);

    const alerts = await ok(ctx, 'alerts.list', {});
    expect(alerts).toEqual([
      expect.objectContaining({
        personId: student.id,
        caseId: c.id,
        seat: 'A-3',
        submitted: false,
        critical: { instrumentId: 'PHQ-9', itemNumber: 9, value: 3 },
      }),
    ]);

    // The file no longer says 暂无测评记录: it lists the sheet, unsubmitted, with the critical answer.
    const file = await ok(ctx, 'people.get', { id: student.id });
    expect(file.screenings).toEqual([]);
    expect(file.unsubmitted).toEqual([
      {
        screeningId: expect.any(Number),
        campaignName: '2026秋季心理普测',
        mode: 'station',
        status: 'in_progress',
        answeredAt: expect.any(String),
        screener: '王老师',
        level: 'red',
        reasons: [expect.objectContaining({ ...PHQ9_REASON, level: 'red' })],
        critical: [{ instrumentId: 'PHQ-9', itemNumber: 9 }],
      },
    ]);

    const dash = await ok(ctx, 'dashboard.get', { programme: 'school', from: today, to: today });
    expect(dash).toMatchObject({ criticalItems: 1, criticalUnsubmitted: 1, safetyChecksDueToday: 1 });
    // The safety check is urgent work of its own, not one more line under 今日到期.
    expect(dash.tasks!.urgent).toEqual([
      expect.objectContaining({
        name: '张三',
        kind: 'safety_check',
        dueOn: today,
        level: 'red',
        incomplete: true,
      }),
    ]);
    expect(dash.tasks!.dueToday.map((t) => t.kind)).not.toContain('safety_check');

    const progress = await ok(ctx, 'campaigns.progress', { id: campaignId });
    expect(progress.overall).toMatchObject({ in_progress: 1, done: 0 });
    expect(progress.criticalUnsubmitted).toBe(1);
    expect(progress.people[0]).toMatchObject({ criticalUnsubmitted: true, level: null });

    const exported = await exportedStatuses(ctx, 'school');
    expect(exported.statuses).toEqual(['未完成（含关键条目阳性）']);
    expect(exported.rosterText.some((t) => t.includes('未完成（含关键条目阳性）'))).toBe(true);
  });

  test('submitting afterwards keeps one case, one flag and one safety check; the reasons stay', async () => {
    const { ctx, student, campaignId } = await school();
    const s = await station(ctx, campaignId);
    const { token } = await post<StationSession>(s.port, 'identify', {
      stationCode: s.code,
      studentNo: 'G1000',
      birthDate: BIRTH,
    });
    await post(s.port, 'consent', { token, accept: true });
    await post(s.port, 'answer', { token, instrumentId: 'PHQ-9', itemId: 'q9', value: 3 });
    // Answering the same item again (a changed mind, a resent request) adds nothing.
    await post(s.port, 'answer', { token, instrumentId: 'PHQ-9', itemId: 'q9', value: 2 });
    for (let i = 1; i <= 8; i++)
      await post(s.port, 'answer', { token, instrumentId: 'PHQ-9', itemId: `q${i}`, value: 1 });
    for (let i = 1; i <= 7; i++)
      await post(s.port, 'answer', { token, instrumentId: 'GAD-7', itemId: `q${i}`, value: 0 });
    await post(s.port, 'submit', { token });

    const c = await caseOf(ctx, student.id);
    expect(c.level).toBe('red');
    // The scored sheet's reasons, with the answer-time one once.
    expect(c.reasons).toEqual([PHQ9_REASON, PHQ9_TOTAL_10]);
    expect(c.events.filter((e) => e.kind === 'flagged')).toHaveLength(1);
    expect(c.openTasks.filter((t) => t.kind === 'safety_check')).toHaveLength(1);
    const [item] = await ok(ctx, 'cases.worklist', { programme: 'school' });
    expect(item).toMatchObject({ incomplete: false, reasons: [PHQ9_REASON, PHQ9_TOTAL_10] });
    const file = await ok(ctx, 'people.get', { id: student.id });
    expect(file.unsubmitted).toEqual([]);
    expect(file.screenings).toHaveLength(1);
  });

  test('an answer changed to a non-critical value before submit keeps the case and its safety check', async () => {
    const { ctx, student, campaignId } = await school();
    const s = await station(ctx, campaignId);
    const { token } = await post<StationSession>(s.port, 'identify', {
      stationCode: s.code,
      studentNo: 'G1000',
      birthDate: BIRTH,
    });
    await post(s.port, 'consent', { token, accept: true });
    await post(s.port, 'answer', { token, instrumentId: 'PHQ-9', itemId: 'q9', value: 1 });
    for (let i = 1; i <= 9; i++)
      await post(s.port, 'answer', { token, instrumentId: 'PHQ-9', itemId: `q${i}`, value: 0 });
    for (let i = 1; i <= 7; i++)
      await post(s.port, 'answer', { token, instrumentId: 'GAD-7', itemId: `q${i}`, value: 0 });
    await post(s.port, 'submit', { token });
    const c = await caseOf(ctx, student.id);
    // The submitted sheet is green; the case stays red until an adult has checked.
    expect([c.status, c.level]).toEqual(['open', 'red']);
    expect(c.reasons).toEqual([PHQ9_REASON]);
    expect(c.openTasks.map((t) => t.kind)).toContain('safety_check');
  });

  test('a later, lower sheet (paper) does not lower a case raised by an unsubmitted critical answer', async () => {
    const { ctx, student, campaignId } = await school();
    const sheet = await ok(ctx, 'screening.start', { campaignId, personId: student.id, mode: 'kiosk' });
    await ok(ctx, 'screening.saveAnswer', {
      screeningId: sheet.screeningId,
      instrumentId: 'PHQ-9',
      itemId: 'q9',
      value: 2,
    });
    // A paper PHQ-9 of 11 (yellow) entered afterwards.
    const paper = await ok(ctx, 'screening.start', {
      personId: student.id,
      mode: 'paper',
      battery: ['PHQ-9'],
    });
    for (const [i, value] of [2, 2, 2, 2, 2, 1, 0, 0, 0].entries())
      await ok(ctx, 'screening.saveAnswer', {
        screeningId: paper.screeningId,
        instrumentId: 'PHQ-9',
        itemId: `q${i + 1}`,
        value,
      });
    expect((await ok(ctx, 'screening.submit', { screeningId: paper.screeningId })).level).toBe('yellow');
    const c = await caseOf(ctx, student.id);
    expect([c.level, c.screenLevel]).toEqual(['red', 'red']);
    expect(c.reasons).toEqual([PHQ9_REASON]);
    expect(c.events.map((e) => [e.kind, e.levelBefore, e.levelAfter])).toEqual([
      ['flagged', 'red', 'red'],
      ['flagged', null, 'red'],
    ]);
    const [item] = await ok(ctx, 'cases.worklist', { programme: 'school' });
    expect(item).toMatchObject({ level: 'red', incomplete: true });
  });
});

describe('the same for a woman at a clinic station, and at the kiosk', () => {
  test("a woman's EPDS item 10 at the clinic station raises a critical case with a safety check today", async () => {
    const { ctx, woman, campaignId } = await clinic();
    const s = await station(ctx, campaignId);
    const { token } = await post<StationSession>(s.port, 'identify', {
      stationCode: s.code,
      recordNo: 'BJ-0042',
      birthDate: '1990-01-01',
    });
    await post(s.port, 'consent', { token, accept: true });
    // 相当多时候这样 scores 2 on item 10 (reverse-worded items score 3 → 0; item 10 is 3,2,1,0).
    await post(s.port, 'answer', { token, instrumentId: 'EPDS', itemId: 'q10', value: 2 });
    await stopStation(ctx);
    const today = todayIso();
    const [item] = await ok(ctx, 'cases.worklist', { programme: 'perinatal' });
    expect(item).toMatchObject({
      personId: woman.id,
      level: 'critical',
      reasons: [EPDS_REASON],
      nextTask: { kind: 'safety_check', dueOn: today },
      incomplete: true,
    });
    const file = await ok(ctx, 'people.get', { id: woman.id });
    expect(file.unsubmitted).toMatchObject([
      { level: 'critical', critical: [{ instrumentId: 'EPDS', itemNumber: 10 }] },
    ]);
    const dash = await ok(ctx, 'dashboard.get', { programme: 'perinatal', from: today, to: today });
    expect(dash).toMatchObject({ criticalItems: 1, criticalUnsubmitted: 1 });
    expect((await exportedStatuses(ctx, 'perinatal')).statuses).toEqual(['未完成（含关键条目阳性）']);
  });

  test('a kiosk sheet: the critical answer raises the case through the staff API; submitting adds nothing', async () => {
    const { ctx, student, campaignId } = await school();
    const sheet = await ok(ctx, 'screening.start', { campaignId, personId: student.id, mode: 'kiosk' });
    const events = recordEvents();
    await ok(ctx, 'screening.saveAnswer', {
      screeningId: sheet.screeningId,
      instrumentId: 'PHQ-9',
      itemId: 'q9',
      value: 1,
    });
    // board.changed is coalesced per campaign (the sign-in's went out just before).
    await new Promise((r) => setTimeout(r, BOARD_EVENT_MS + 50));
    expect(events.map((e) => e.type)).toEqual(
      expect.arrayContaining(['alert.raised', 'alerts.changed', 'board.changed']),
    );
    const [item] = await ok(ctx, 'cases.worklist', { programme: 'school' });
    expect(item).toMatchObject({ level: 'red', reasons: [PHQ9_REASON], incomplete: true });
    expect(item!.nextTask).toEqual({ id: expect.any(Number), kind: 'safety_check', dueOn: todayIso() });
    for (let i = 1; i <= 8; i++)
      await ok(ctx, 'screening.saveAnswer', {
        screeningId: sheet.screeningId,
        instrumentId: 'PHQ-9',
        itemId: `q${i}`,
        value: 2,
      });
    for (let i = 1; i <= 7; i++)
      await ok(ctx, 'screening.saveAnswer', {
        screeningId: sheet.screeningId,
        instrumentId: 'GAD-7',
        itemId: `q${i}`,
        value: 0,
      });
    // PHQ-9 17 with item 9: the submitted sheet is red too, and reasons are merged, not repeated.
    const outcome = await ok(ctx, 'screening.submit', { screeningId: sheet.screeningId });
    expect(outcome.level).toBe('red');
    const c = await caseOf(ctx, student.id);
    expect(c.reasons[0]).toEqual(PHQ9_REASON);
    expect(c.reasons.filter((r) => r.kind === 'item_positive' && r.item === 9)).toHaveLength(1);
    expect(c.events.filter((e) => e.kind === 'flagged')).toHaveLength(1);
    expect(c.openTasks.filter((t) => t.kind === 'safety_check')).toHaveLength(1);
  });
});

describe('an imported sheet with a critical answer', () => {
  test('raises one case with one flag and one safety check, announced once the import has committed', async () => {
    const { ctx, student } = await school();
    const { id: campaignId } = await ok(ctx, 'campaigns.create', {
      name: '问卷星',
      programme: 'school',
      signIn: 'student_no_birth_code',
      startsOn: todayIso(),
      endsOn: todayIso(),
      targets: [{ battery: ['PHQ-9'] }],
    });
    const events = recordEvents();
    const answers = phq9ItemTexts.map((_, i) => (i === 8 ? '几乎每天' : '完全不会'));
    const sheets = [
      {
        name: 's',
        hidden: false,
        rows: [
          ['学号', '姓名', ...phq9ItemTexts.map((t) => t.zh)],
          ['G1000', '张三', ...answers],
        ],
      },
    ];
    const summary = importResponses(ctx.db!, ctx.user!.id, campaignId, sheets, { commit: true });
    expect(summary).toMatchObject({ scored: 1, levels: { red: 1 } });
    expect(events.filter((e) => e.type === 'alert.raised')).toHaveLength(1);
    const c = await caseOf(ctx, student.id);
    expect(c).toMatchObject({ level: 'red', reasons: [PHQ9_REASON] });
    expect(c.events.filter((e) => e.kind === 'flagged')).toHaveLength(1);
    expect(c.openTasks.filter((t) => t.kind === 'safety_check')).toHaveLength(1);
    const [item] = await ok(ctx, 'cases.worklist', { programme: 'school' });
    expect(item!.incomplete).toBe(false);
  });
});

describe('critical answers left behind by an earlier version', () => {
  test('an open alert on an unsubmitted sheet without a case gets its case and safety check at the next unlock, once', async () => {
    const { ctx, student, campaignId } = await school();
    const sheet = await ok(ctx, 'screening.start', { campaignId, personId: student.id, mode: 'station' });
    // What a version that opened cases only on submit left on disk: the answer and its alert.
    ctx.db!.exec(`
      INSERT INTO screening_answers (screening_id, instrument_id, item_id, value, answered_at)
        VALUES (${sheet.screeningId}, 'PHQ-9', 'q9', 2, '2026-11-24T08:00:00Z');
      INSERT INTO alerts (screening_id, person_id, instrument_id, item_id, value, raised_at)
        VALUES (${sheet.screeningId}, ${student.id}, 'PHQ-9', 'q9', 2, '2026-11-24T08:00:00Z');`);
    expect(await ok(ctx, 'cases.worklist', { programme: 'school' })).toEqual([]);
    for (let i = 0; i < 2; i++) {
      await ok(ctx, 'auth.logout', {});
      await ok(ctx, 'auth.login', { username: 'admin', password: ADMIN_PASSWORD });
    }
    const [item, ...rest] = await ok(ctx, 'cases.worklist', { programme: 'school' });
    expect(rest).toEqual([]);
    expect(item).toMatchObject({
      level: 'red',
      reasons: [PHQ9_REASON],
      nextTask: { kind: 'safety_check', dueOn: todayIso() },
      incomplete: true,
    });
    const c = await caseOf(ctx, student.id);
    expect(c.events.filter((e) => e.kind === 'flagged')).toHaveLength(1);
    // Once the case is closed, another unlock does not reopen it.
    await ok(ctx, 'cases.lift', { caseId: c.id, reason: '已当面确认，无风险' });
    await ok(ctx, 'auth.logout', {});
    await ok(ctx, 'auth.login', { username: 'admin', password: ADMIN_PASSWORD });
    expect(await ok(ctx, 'cases.worklist', { programme: 'school' })).toEqual([]);
  });
});
