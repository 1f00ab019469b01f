import { afterEach, describe, expect, test, vi } from 'vitest';
import { join } from 'node:path';
import { exportRoster } from '../../electron/services/export/output';
import type { AppContext } from '../../electron/services/context';
import type { DashboardView } from '../../shared/api/dashboard';
import {
  dueTimePoints,
  periodFigures,
  type FigureCase,
  type FigureRecords,
  type FigureScreening,
} from '../../shared/figures/definitions';
import { ratio } from '../../shared/figures/rates';
import { idCheckChar } from '../../shared/people/id-number';
import { perinatalStage, type TimePoint } from '../../shared/people/perinatal';
import { ok, setUpApp } from '../helpers/app';
import { answerSheet, zeros } from '../helpers/screening';
import { figuresOf, readBack, type ReadSheet } from '../helpers/workbook';
import { useTempDirs } from '../helpers/temp';

/**
 * Every figure of the 工作台 and of the export's 汇总, in both programmes, through the real services
 * over a history of several periods (cases opened before, inside and after the period; closed and
 * open; referrals attended or not; screenings at several time points; 复核 and lift), compared with
 * (1) shared/figures/definitions.ts over the records and (2) a plain recount from the rows here.
 */
const tempDir = useTempDirs();
afterEach(() => vi.useRealTimers());

/** The services stamp their own times: the clock is moved through the history, day by day. */
const on = (day: string) => vi.setSystemTime(new Date(`${day}T09:00:00.000Z`));

const PHQ_RED = [1, 1, 1, 1, 1, 1, 1, 1, 1]; // item 9 answered: critical
const PHQ_ORANGE = [2, 2, 2, 2, 2, 2, 2, 2, 0]; // 16
const PHQ_YELLOW = [2, 2, 1, 1, 1, 1, 1, 1, 0]; // 10
const EPDS_CRITICAL = [1, 1, 1, 1, 0, 0, 0, 0, 0, 2];
const EPDS_POSITIVE = [2, 2, 2, 2, 1, 2, 1, 1, 1, 0];

type Row = Record<string, unknown>;
const rows = (ctx: AppContext, sql: string) => ctx.db!.prepare(sql).all() as Row[];
const day = (v: unknown) => String(v).slice(0, 10);

/** The records shared/figures/definitions.ts reads, loaded plainly from the tables. */
function records(ctx: AppContext, programme: 'school' | 'perinatal'): FigureRecords {
  const critical = new Set(
    rows(ctx, 'SELECT DISTINCT screening_id AS id FROM screening_results WHERE critical = 1').map(
      (r) => r.id,
    ),
  );
  return {
    programme,
    campaigns: rows(ctx, `SELECT id, starts_on, ends_on FROM campaigns WHERE programme = '${programme}'`).map(
      (c) => ({
        startsOn: String(c.starts_on),
        endsOn: String(c.ends_on),
        participants: rows(ctx, `SELECT person_id FROM campaign_participants WHERE campaign_id = ${Number(c.id)}`).map((p) => Number(p.person_id)), // prettier-ignore
      }),
    ),
    women: rows(ctx, "SELECT id, lmp, edd, delivery_date FROM people WHERE kind = 'woman'").map((w) => ({
      id: Number(w.id),
      lmp: w.lmp as string | null,
      edd: w.edd as string | null,
      deliveryDate: w.delivery_date as string | null,
    })),
    screenings: rows(ctx, `SELECT * FROM screenings WHERE programme = '${programme}'`).map(
      (s): FigureScreening => ({
        id: Number(s.id),
        personId: Number(s.person_id),
        status: s.status as FigureScreening['status'],
        level: s.level as string | null,
        submittedAt: s.submitted_at as string | null,
        critical: critical.has(s.id),
      }),
    ),
    unsubmittedCritical: rows(ctx, "SELECT a.person_id, a.raised_at FROM alerts a JOIN screenings s ON s.id = a.screening_id WHERE s.status <> 'submitted'").map((a) => ({ personId: Number(a.person_id), raisedAt: String(a.raised_at) })), // prettier-ignore
    cases: rows(ctx, `SELECT * FROM cases WHERE programme = '${programme}'`).map((c): FigureCase => ({
      id: Number(c.id),
      personId: Number(c.person_id),
      status: c.status as FigureCase['status'],
      openedAt: String(c.opened_at),
      endedAt: c.ended_at as string | null,
      managedSince: c.managed_since as string | null,
      colour: c.colour as string | null,
      purple: c.purple === 1,
    })),
    events: rows(ctx, 'SELECT case_id, kind, at FROM case_events').map((e) => ({ caseId: Number(e.case_id), kind: String(e.kind), at: String(e.at) })), // prettier-ignore
    referrals: rows(ctx, 'SELECT case_id, referred_on, attended_on, conclusion FROM referrals').map((r) => ({ caseId: Number(r.case_id), referredOn: String(r.referred_on), attendedOn: r.attended_on as string | null, conclusion: r.conclusion as 'confirmed' | 'excluded' | 'pending' | null })), // prettier-ignore
    tasks: rows(ctx, 'SELECT case_id, kind, status, due_on FROM tasks').map((t) => ({ caseId: Number(t.case_id), kind: String(t.kind), status: String(t.status), dueOn: String(t.due_on) })), // prettier-ignore
  };
}

/**
 * The recount: one straightforward loop per figure over the raw rows, written out here rather than
 * calling any definition under test.
 */
function recount(
  ctx: AppContext,
  programme: 'school' | 'perinatal',
  from: string,
  to: string,
  today: string,
) {
  const inside = (v: unknown) => v !== null && v !== undefined && day(v) >= from && day(v) <= to;
  const screenings = rows(
    ctx,
    `SELECT * FROM screenings WHERE programme = '${programme}' ORDER BY submitted_at, id`,
  );
  const cases = rows(ctx, `SELECT * FROM cases WHERE programme = '${programme}'`);
  const caseIds = new Set(cases.map((c) => c.id));
  const events = rows(ctx, 'SELECT * FROM case_events').filter((e) => caseIds.has(e.case_id));
  const referrals = rows(ctx, 'SELECT * FROM referrals').filter((r) => caseIds.has(r.case_id));
  const tasks = rows(ctx, 'SELECT * FROM tasks').filter((t) => caseIds.has(t.case_id));

  const due = new Set<unknown>();
  if (programme === 'school') {
    for (const c of rows(ctx, "SELECT * FROM campaigns WHERE programme = 'school'"))
      if (String(c.starts_on) <= to && String(c.ends_on) >= from)
        for (const p of rows(
          ctx,
          `SELECT person_id FROM campaign_participants WHERE campaign_id = ${Number(c.id)}`,
        ))
          due.add(p.person_id);
  } else {
    // A woman is due when, on some day of the period, she is inside a time point's window: a
    // trimester while pregnant, or days 28–56 after delivery (the default windows).
    for (const w of rows(ctx, "SELECT * FROM people WHERE kind = 'woman'"))
      if (Object.keys(womanDue(w, from, to)).length) due.add(w.id);
  }
  const latest = new Map<unknown, Row>();
  for (const s of screenings)
    if (s.status === 'submitted' && inside(s.submitted_at)) latest.set(s.person_id, s);
  const byLevel: Record<string, number> = {};
  for (const s of latest.values()) byLevel[String(s.level)] = (byLevel[String(s.level)] ?? 0) + 1;
  const critical = new Set<unknown>();
  for (const s of screenings) {
    const fired = rows(ctx, `SELECT 1 FROM screening_results WHERE critical = 1 AND screening_id = ${Number(s.id)}`).length; // prettier-ignore
    if (s.status === 'submitted' && inside(s.submitted_at) && fired) critical.add(s.person_id);
  }
  const interviewed = new Set<unknown>();
  let followUps = 0;
  let lifted = 0;
  let closed = 0;
  for (const e of events) {
    if (!inside(e.at)) continue;
    if (e.kind === 'interview') interviewed.add(e.case_id);
    if (e.kind === 'follow_up') followUps += 1;
    if (e.kind === 'lifted') lifted += 1;
    if (e.kind === 'closed') closed += 1;
  }
  let referred = 0;
  let attended = 0;
  let diagnosed = 0;
  for (const r of referrals)
    if (inside(r.referred_on)) {
      referred += 1;
      if (r.attended_on) attended += 1;
      // 确诊: the specialist's conclusion, never the free text (排除抑郁症 is not 确诊).
      if (r.conclusion === 'confirmed') diagnosed += 1;
    }
  let underManagement = 0;
  const managedByColour: Record<string, number> = {};
  for (const c of cases) {
    if (day(c.opened_at) <= to && (c.ended_at === null || day(c.ended_at) > to)) underManagement += 1;
    if (inside(c.managed_since)) {
      if (c.colour) managedByColour[String(c.colour)] = (managedByColour[String(c.colour)] ?? 0) + 1;
      if (c.purple === 1) managedByColour.purple = (managedByColour.purple ?? 0) + 1;
    }
  }
  let followUpsDue = 0;
  let followUpsDone = 0;
  const until = to < today ? to : today;
  for (const t of tasks)
    if (
      (t.kind === 'first_contact' || t.kind === 'follow_up') &&
      (t.status === 'open' || t.status === 'done') &&
      day(t.due_on) >= from &&
      day(t.due_on) <= until
    ) {
      followUpsDue += 1;
      if (t.status === 'done') followUpsDone += 1;
    }
  return {
    due: due.size,
    screened: latest.size,
    byLevel,
    criticalItems: critical.size,
    interviewed: interviewed.size,
    referred,
    attended,
    diagnosed,
    underManagement,
    managedByColour,
    followUps,
    lifted,
    closed,
    followUpsDue,
    followUpsDone,
  };
}

/** Per time point a woman is due at in [from, to]: walked day by day through the period. */
function womanDue(w: Row, from: string, to: string): Partial<Record<TimePoint, true>> {
  const due: Partial<Record<TimePoint, true>> = {};
  const dates = { lmp: w.lmp as string | null, edd: w.edd as string | null, deliveryDate: w.delivery_date as string | null }; // prettier-ignore
  for (let d = from; d <= to; d = nextDay(d)) {
    const stage = perinatalStage(dates, d);
    if (stage?.kind === 'pregnant') due[stage.trimester] = true;
    if (stage?.kind === 'postpartum' && stage.days >= 28 && stage.days <= 56) due.postpartum42 = true;
  }
  return due;
}
const nextDay = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** What the dashboard shows of the figures above. */
const shown = (v: DashboardView) => ({
  due: v.due,
  screened: v.screened,
  byLevel: v.byLevel,
  criticalItems: v.criticalItems,
  interviewed: v.interviewed,
  referred: v.referred,
  attended: v.attended,
  diagnosed: v.diagnosed,
  underManagement: v.underManagement,
  managedByColour: v.managedByColour,
  followUps: v.followUps,
  lifted: v.lifted,
  closed: v.closed,
  followUpsDue: v.followUpsDue,
  followUpsDone: v.followUpsDone,
});

async function exported(
  ctx: AppContext,
  dir: string,
  programme: 'school' | 'perinatal',
  from: string,
  to: string,
) {
  const out = join(dir, `${programme}-${from}.xlsx`);
  await exportRoster(ctx.db!, ctx.user!, { programme, variant: 'full', from, to, out });
  return readBack(out);
}
const paragraphOf = (sheets: ReadSheet[], start: string) =>
  sheets[0]!.rows.flat().find((c) => typeof c === 'string' && c.startsWith(start));

describe('school: every 工作台 and 汇总 figure equals a recount from the records', () => {
  test('three periods of a school year, with 复核, lift, referrals and cases on both sides of the period', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    on('2026-01-20');
    const dir = tempDir();
    const { ctx } = await setUpApp(dir);
    // The clock jumps days at a time: no idle lock in between.
    await ok(ctx, 'settings.setIdleMinutes', { minutes: 0 });
    const students: [string, string, string, 'M' | 'F'][] = [
      ['甲', '七年级', '1班', 'M'],
      ['乙', '七年级', '1班', 'F'],
      ['丙', '七年级', '2班', 'F'],
      ['丁', '七年级', '2班', 'M'],
      ['戊', '八年级', '1班', 'M'],
      ['己', '八年级', '1班', 'F'],
      ['庚', '八年级', '1班', 'F'],
      ['辛', '八年级', '1班', 'M'],
      ['壬', '七年级', '1班', 'F'],
    ];
    const id = new Map<string, number>();
    for (const [i, [name, grade, className, sex]] of students.entries()) {
      const s = await ok(ctx, 'students.add', { studentNo: `S${i + 1}`, name, sex, birthDate: '2012-03-05', grade, className }); // prettier-ignore
      id.set(name, s.id);
    }
    const battery = ['PHQ-9', 'GAD-7'];
    const sheet = (name: string, phq: number[], source: { campaignId: number } | { battery: string[] }) =>
      answerSheet(ctx, id.get(name)!, source, { 'PHQ-9': phq, 'GAD-7': zeros(7) });
    const caseOf = async (name: string) =>
      (await ok(ctx, 'cases.worklist', { programme: 'school' })).find((c) => c.name === name)!.caseId;

    // Before the period: a February campaign; 甲 red (critical) and lifted, 壬 yellow and still open.
    on('2026-02-01');
    const february = await ok(ctx, 'campaigns.create', { name: '寒假返校', programme: 'school', startsOn: '2026-02-01', endsOn: '2026-02-20', targets: [{ battery }] }); // prettier-ignore
    on('2026-02-10');
    await sheet('甲', PHQ_RED, { campaignId: february.id });
    await sheet('壬', PHQ_YELLOW, { campaignId: february.id });
    on('2026-02-11');
    await ok(ctx, 'cases.safetyCheck', { caseId: await caseOf('甲'), talked: true, riskAssessed: true, familyContacted: true, plan: 'monitor', outcome: '已面谈' }); // prettier-ignore
    on('2026-02-15');
    await ok(ctx, 'cases.lift', { caseId: await caseOf('甲'), reason: '复核正常' });

    // The period (March–April): the spring screening, 复核, referrals, follow-ups, a lift.
    on('2026-03-02');
    const spring = await ok(ctx, 'campaigns.create', { name: '春季心理普测', programme: 'school', startsOn: '2026-03-02', endsOn: '2026-03-31', targets: [{ battery }] }); // prettier-ignore
    on('2026-03-10');
    for (const [name, phq] of [
      ['甲', PHQ_ORANGE],
      ['乙', PHQ_RED],
      ['丙', PHQ_YELLOW],
      ['丁', zeros(9)],
      ['戊', PHQ_ORANGE],
      ['己', zeros(9)],
      ['庚', PHQ_YELLOW],
    ] as const)
      // prettier-ignore
      await sheet(name, [...phq], { campaignId: spring.id });
    on('2026-03-11');
    const yi = await caseOf('乙');
    await ok(ctx, 'cases.safetyCheck', { caseId: yi, talked: true, riskAssessed: true, familyContacted: true, plan: 'referral', outcome: '已面谈并通知家长' }); // prettier-ignore
    await ok(ctx, 'cases.interview', { caseId: yi, summary: '复核约谈', confirmedLevel: 'orange', reason: '当面评估无自伤计划' }); // prettier-ignore
    const yiReferral = (await ok(ctx, 'cases.refer', { caseId: yi, institution: '市精神卫生中心', referredOn: '2026-03-11', consent: true })).referrals[0]!.id; // prettier-ignore
    on('2026-03-12');
    await ok(ctx, 'cases.refer', { caseId: await caseOf('戊'), institution: '市精神卫生中心', referredOn: '2026-03-12', consent: true }); // prettier-ignore
    on('2026-03-20');
    await ok(ctx, 'cases.updateReferral', {
      referralId: yiReferral,
      status: 'attended',
      attendedOn: '2026-03-20',
    });
    await ok(ctx, 'cases.followUp', { caseId: await caseOf('甲'), method: 'in_person', content: '情绪平稳', riskChange: 'same' }); // prettier-ignore
    await ok(ctx, 'cases.followUp', { caseId: yi, method: 'phone', content: '已就诊', riskChange: 'lower' });
    on('2026-03-25');
    await ok(ctx, 'cases.lift', { caseId: await caseOf('丙'), reason: '复核正常' });
    on('2026-04-10');
    await ok(ctx, 'cases.interview', { caseId: await caseOf('甲'), summary: '复核约谈', confirmedLevel: 'yellow', reason: '好转' }); // prettier-ignore

    // After the period: 丁 flagged in May, referred; 庚's warning lifted.
    on('2026-05-10');
    await sheet('丁', PHQ_ORANGE, { battery });
    on('2026-05-11');
    await ok(ctx, 'cases.refer', { caseId: await caseOf('丁'), institution: '县医院', referredOn: '2026-05-11', consent: true }); // prettier-ignore
    on('2026-05-12');
    await ok(ctx, 'cases.lift', { caseId: await caseOf('庚'), reason: '复核正常' });

    on('2026-06-01');
    const today = '2026-06-01';
    const periods = [
      ['2026-02-01', '2026-02-28'],
      ['2026-03-01', '2026-04-30'],
      ['2026-05-01', '2026-05-31'],
    ] as const;
    for (const [from, to] of periods) {
      const view = await ok(ctx, 'dashboard.get', { programme: 'school', from, to });
      const expected = recount(ctx, 'school', from, to, today);
      expect(shown(view), `${from}–${to}: dashboard vs recount`).toEqual(expected);
      expect(periodFigures(records(ctx, 'school'), { from, to }, today), `${from}–${to}: definition`).toEqual(expected); // prettier-ignore
      expect(view.screenedRate).toBe(ratio(expected.screened, expected.due));
      // The breakdowns add up to the totals.
      for (const b of view.breakdowns) {
        expect(
          b.groups.reduce((n, g) => n + g.screened, 0),
          b.dimension,
        ).toBe(view.screened);
        expect(
          b.groups.reduce((n, g) => n + g.due, 0),
          b.dimension,
        ).toBe(view.due);
        expect(
          b.groups.reduce((n, g) => n + g.underManagement, 0),
          b.dimension,
        ).toBe(view.underManagement);
      }
    }

    // The period's figures written out, as a check on the recount itself.
    const view = await ok(ctx, 'dashboard.get', {
      programme: 'school',
      from: '2026-03-01',
      to: '2026-04-30',
    });
    expect(shown(view)).toMatchObject({
      due: 9,
      screened: 7,
      byLevel: { red: 1, orange: 2, yellow: 2, green: 2 },
      criticalItems: 1,
      interviewed: 2,
      referred: 2,
      attended: 1,
      // Open on 30 April: 甲's second case, 乙, 戊, 壬 (since February) and 庚 (lifted in May).
      underManagement: 5,
      followUps: 2,
      lifted: 1,
    });
    // By sex: 男 甲 丁 戊 (甲 orange, 戊 orange flagged), 女 乙 丙 己 庚 (乙 red, 丙 庚 yellow).
    const bySex = view.breakdowns.find((b) => b.dimension === 'sex')!.groups;
    expect(bySex.map((g) => [g.group, g.due, g.screened, g.byLevel])).toEqual([
      ['M', 4, 3, { orange: 2, green: 1 }],
      ['F', 5, 4, { red: 1, yellow: 2, green: 1 }],
    ]);

    // The export's 汇总 of the same period: the same numbers, and the county sentence exactly.
    const sheets = await exported(ctx, dir, 'school', '2026-03-01', '2026-04-30');
    const figures = figuresOf(sheets);
    expect(Object.fromEntries(figures)).toMatchObject({
      应测人数: 9,
      实测人数: 7,
      参测率: 0.778,
      预警人数: 5,
      预警率: 0.714,
      '关键条目阳性人数（危机）': 1,
      复核人数: 2,
      转介人数: 2,
      转介到位人数: 1,
      在管人数: 5,
      随访次数: 2,
      解除预警人数: 1,
    });
    expect(paragraphOf(sheets, '本期应测')).toBe(
      '本期应测9人，实测7人，参测率77.8%；发现预警5人（红色预警（一级）1人、橙色预警（二级）2人、黄色预警（三级）2人），预警率71.4%；' +
        '其中关键条目（自伤念头）阳性1人；复核2人，转介2人、到位1人，医院确诊0人；目前在管5人，随访2次，解除预警1人。',
    );
  });
});

const idNumber = (birth: string, seq: string) => `110101${birth}${seq}${idCheckChar(`110101${birth}${seq}`)}`;

describe('perinatal: every 工作台 and 汇总 figure equals a recount from the records', () => {
  test('women at every time point; 纳入专案管理 counts cases that entered management in the period, open or closed', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    on('2026-02-20');
    const dir = tempDir();
    const { ctx } = await setUpApp(dir, 'maternal');
    await ok(ctx, 'settings.setIdleMinutes', { minutes: 0 });
    // 周敏 early→mid in March; 吴静 mid→late; 郑丽 delivered 1 Feb (产后42天 in March); 王芳 early; 冯雪 no
    // dates; 陈红 managed since February; 褚燕 flagged in April, after the period.
    const women = [
      ['周敏', '2025-12-01', ''],
      ['吴静', '2025-09-01', ''],
      ['郑丽', '2025-05-01', '2026-02-01'],
      ['王芳', '2026-02-15', ''],
      ['冯雪', '', ''],
      ['陈红', '2025-08-01', ''],
      ['褚燕', '2025-10-01', ''],
    ];
    const csv = [
      '姓名,身份证号,手机号,保健手册编号,末次月经,分娩日期,所属社区/乡镇',
      ...women.map(([name, lmp, delivered], i) => `${name},${idNumber(`1990010${i + 1}`, `00${2 * i + 2}`.slice(-3))},1390000000${i},MB-${i + 1},${lmp},${delivered},城关镇`), // prettier-ignore
    ].join('\n');
    await ok(ctx, 'people.importCommit', { kind: 'woman', file: { fileName: 'w.csv', contentBase64: Buffer.from(csv).toString('base64') } }); // prettier-ignore
    const list = (await ok(ctx, 'people.list', { kind: 'woman', limit: 100 })).items;
    const id = (name: string) => list.find((p) => p.name === name)!.id;
    const battery = { battery: ['EPDS'] };
    const epds = (name: string, values: number[]) => answerSheet(ctx, id(name), battery, { EPDS: values });
    const caseOf = async (name: string) =>
      (await ok(ctx, 'cases.worklist', { programme: 'perinatal' })).find((c) => c.name === name)!.caseId;

    // Before the period: 陈红 positive, orange management since February, referred.
    on('2026-02-21');
    await epds('陈红', EPDS_POSITIVE);
    on('2026-02-22');
    await ok(ctx, 'cases.assignColour', { caseId: await caseOf('陈红'), colour: 'orange', purple: false, reason: '确诊' }); // prettier-ignore
    const chenReferral = (await ok(ctx, 'cases.refer', { caseId: await caseOf('陈红'), institution: '县人民医院', referredOn: '2026-02-22', consent: true })).referrals[0]!.id; // prettier-ignore
    on('2026-03-02');
    await ok(ctx, 'cases.updateReferral', { referralId: chenReferral, status: 'attended', attendedOn: '2026-03-02' }); // prettier-ignore
    // Excluded, in words that match /抑郁/: neither suggested nor counted as 确诊.
    await ok(ctx, 'cases.updateReferral', { referralId: chenReferral, status: 'diagnosed', conclusion: 'excluded', diagnosis: '排除抑郁症', diagnosedOn: '2026-03-02' }); // prettier-ignore

    // The period (March): 周敏 twice (early, then mid), 吴静 positive, 郑丽 critical after delivery, 冯雪 undated.
    on('2026-03-05');
    await epds('周敏', zeros(10));
    on('2026-03-10');
    await epds('吴静', EPDS_POSITIVE);
    await epds('冯雪', zeros(10));
    on('2026-03-11');
    await ok(ctx, 'cases.refer', { caseId: await caseOf('吴静'), institution: '县人民医院', referredOn: '2026-03-11', consent: true }); // prettier-ignore
    on('2026-03-12');
    await epds('郑丽', EPDS_CRITICAL);
    const zheng = await caseOf('郑丽');
    await ok(ctx, 'cases.safetyCheck', { caseId: zheng, talked: true, riskAssessed: true, familyContacted: true, plan: 'referral', outcome: '家属陪同就诊' }); // prettier-ignore
    const zhengReferral = (await ok(ctx, 'cases.refer', { caseId: zheng, institution: '市妇幼保健院', referredOn: '2026-03-12', consent: true })).referrals[0]!.id; // prettier-ignore
    on('2026-03-14');
    await ok(ctx, 'cases.assignColour', { caseId: zheng, colour: 'red', purple: false, reason: '危急' });
    on('2026-03-15');
    await ok(ctx, 'cases.assignColour', { caseId: await caseOf('吴静'), colour: 'orange', purple: false, reason: '阳性' }); // prettier-ignore
    on('2026-03-20');
    await epds('周敏', zeros(10));
    await ok(ctx, 'cases.updateReferral', { referralId: zhengReferral, status: 'attended', attendedOn: '2026-03-20' }); // prettier-ignore
    await ok(ctx, 'cases.updateReferral', { referralId: zhengReferral, status: 'diagnosed', conclusion: 'confirmed', icd10: 'F53.0', diagnosedOn: '2026-03-20' }); // prettier-ignore
    await ok(ctx, 'cases.followUp', {
      caseId: zheng,
      method: 'phone',
      content: '情绪好转',
      riskChange: 'lower',
    });
    on('2026-03-28');
    await ok(ctx, 'cases.close', { caseId: zheng, reason: 'recovered', note: '康复' });

    // After the period: 褚燕 positive and managed in April.
    on('2026-04-08');
    await epds('褚燕', EPDS_POSITIVE);
    on('2026-04-09');
    await ok(ctx, 'cases.assignColour', { caseId: await caseOf('褚燕'), colour: 'orange', purple: false, reason: '阳性' }); // prettier-ignore

    on('2026-05-01');
    const today = '2026-05-01';
    for (const [from, to] of [
      ['2026-02-01', '2026-02-28'],
      ['2026-03-01', '2026-03-31'],
      ['2026-04-01', '2026-04-30'],
    ] as const) {
      const view = await ok(ctx, 'dashboard.get', { programme: 'perinatal', from, to });
      const expected = recount(ctx, 'perinatal', from, to, today);
      expect(shown(view), `${from}–${to}: dashboard vs recount`).toEqual(expected);
      expect(periodFigures(records(ctx, 'perinatal'), { from, to }, today), `${from}–${to}: definition`).toEqual(expected); // prettier-ignore
      // 应筛 per time point: the women whose window overlaps the period, walked day by day.
      const timePoints = view.breakdowns.find((b) => b.dimension === 'timePoint')!.groups;
      const dueAt: Record<string, number> = {};
      for (const w of rows(ctx, "SELECT * FROM people WHERE kind = 'woman'"))
        for (const point of Object.keys(womanDue(w, from, to))) dueAt[point] = (dueAt[point] ?? 0) + 1;
      expect(Object.fromEntries(timePoints.filter((g) => g.due).map((g) => [g.group, g.due]))).toEqual(dueAt);
      // The shared definition places the same windows.
      for (const w of records(ctx, 'perinatal').women)
        expect(dueTimePoints(w, { from, to }).sort()).toEqual(
          Object.keys(womanDue({ lmp: w.lmp, edd: w.edd, delivery_date: w.deliveryDate }, from, to)).sort(),
        );
    }

    const view = await ok(ctx, 'dashboard.get', {
      programme: 'perinatal',
      from: '2026-03-01',
      to: '2026-03-31',
    });
    // 纳入专案管理 in March: 郑丽 (red, closed on the 28th) and 吴静 (orange, open) — 2, where counting
    // open cases regardless of the period said 陈红 and 吴静 (and, a month later, 褚燕).
    expect(view.managedByColour).toEqual({ red: 1, orange: 1 });
    expect(shown(view)).toMatchObject({
      due: 6,
      screened: 4,
      referred: 2,
      attended: 1,
      diagnosed: 1,
      closed: 1,
      followUps: 1,
    });
    const timePoints = view.breakdowns.find((b) => b.dimension === 'timePoint')!.groups;
    expect(timePoints.map((g) => [g.group, g.due, g.screened])).toEqual([
      ['early', 2, 1], // 周敏 (screened 5 March) and 王芳 (not screened)
      ['mid', 3, 2], // 周敏 from 9 March (screened the 20th), 吴静 until the 15th (screened the 10th), 褚燕
      ['late', 2, 0], // 吴静 from 16 March, 陈红
      ['postpartum42', 1, 1], // 郑丽, delivered 1 February
      ['unknown', 0, 1], // 冯雪: no dates, so due at no time point
    ]);

    const sheets = await exported(ctx, dir, 'perinatal', '2026-03-01', '2026-03-31');
    expect(Object.fromEntries(figuresOf(sheets))).toMatchObject({
      筛查人数: 4,
      转诊人数: 2,
      转诊到位人数: 1,
      '纳入专案管理人数（红色）': 1,
      '纳入专案管理人数（橙色）': 1,
      结案人数: 1,
    });
    // 确诊 counts 郑丽's confirmed F53.0; 陈红's "排除抑郁症" (excluded, February's referral) never counts.
    expect(paragraphOf(sheets, '共筛查')).toBe(
      '共筛查4名孕产妇，发现2例阳性病例，其中关键条目（自伤念头）阳性1例，转诊2例，到位1例，经专科门诊确诊1例，纳入红色、橙色高危管理2例，随访1次，结案1例。',
    );
  });
});
