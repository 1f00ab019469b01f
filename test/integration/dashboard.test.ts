import { describe, expect, test } from 'vitest';
import { join } from 'node:path';
import { dashboardView } from '../../electron/services/cases/dashboard-view';
import { exportRoster } from '../../electron/services/export/output';
import { getInstrument } from '../../shared/instruments';
import { createContext } from '../../electron/services/context';
import { addDays, todayIso } from '../../shared/people';
import { ok, setUpApp } from '../helpers/app';
import { answerPartialSheet, answerSheet, zeros } from '../helpers/screening';
import { readBack, figuresOf } from '../helpers/workbook';
import { useTempDirs } from '../helpers/temp';

const tempDir = useTempDirs();

const TODAY = todayIso();
/** A sheet from an earlier month, so the monthly trend has two points. */
const EARLIER = addDays(TODAY, -40);
const FROM = `${EARLIER.slice(0, 7)}-01`;

const PHQ_RED = [1, 1, 1, 1, 1, 1, 1, 1, 1]; // item 9 answered: critical
const PHQ_ORANGE = [2, 2, 2, 2, 2, 2, 2, 2, 0]; // 16
const PHQ_YELLOW = [2, 2, 1, 1, 1, 1, 1, 1, 0]; // 10

/**
 * Six students in four classes, all due in one campaign: 张三 red (critical), 李四 green, 王五 orange,
 * 赵六 yellow (later lifted), 钱七 yellow 40 days ago and green now, 孙八 never screened.
 */
async function schoolRecords() {
  const dir = tempDir();
  const { ctx } = await setUpApp(dir);
  const add = (studentNo: string, name: string, grade: string, className: string) =>
    ok(ctx, 'students.add', { studentNo, name, sex: 'F', birthDate: '2011-03-05', grade, className });
  const a = await add('1', '张三', '七年级', '1班');
  const b = await add('2', '李四', '七年级', '1班');
  const c = await add('3', '王五', '七年级', '2班');
  const d = await add('4', '赵六', '八年级', '1班');
  const e = await add('5', '钱七', '八年级', '1班');
  await add('6', '孙八', '八年级', '2班');
  const campaign = await ok(ctx, 'campaigns.create', {
    name: '春季心理普测',
    programme: 'school',
    startsOn: FROM,
    endsOn: TODAY,
    targets: [{ battery: ['PHQ-9', 'GAD-7'] }],
  });
  const earlier = await answerSheet(ctx, e.id, { battery: ['PHQ-9', 'GAD-7'] }, { 'PHQ-9': PHQ_YELLOW, 'GAD-7': zeros(7) }); // prettier-ignore
  ctx.db!.prepare('UPDATE screenings SET submitted_at = ? WHERE id = ?').run(`${EARLIER}T09:00:00.000Z`, earlier.screeningId); // prettier-ignore
  const sheet = (id: number, phq: number[]) =>
    answerSheet(ctx, id, { campaignId: campaign.id }, { 'PHQ-9': phq, 'GAD-7': zeros(7) });
  const levels = [
    (await sheet(a.id, PHQ_RED)).level,
    (await sheet(b.id, zeros(9))).level,
    (await sheet(c.id, PHQ_ORANGE)).level,
    (await sheet(d.id, PHQ_YELLOW)).level,
    (await sheet(e.id, zeros(9))).level,
  ];
  expect(levels).toEqual(['red', 'green', 'orange', 'yellow', 'green']);
  const cases = await ok(ctx, 'cases.worklist', { programme: 'school' });
  const caseOf = (name: string) => cases.find((x) => x.name === name)!.caseId;
  return { ctx, dir, caseOf };
}

describe('the 工作台 (dashboard.get)', () => {
  test('school: figures, breakdowns by grade and class, monthly trend and tasks equal the records', async () => {
    const { ctx, dir, caseOf } = await schoolRecords();
    const period = { programme: 'school' as const, from: FROM, to: TODAY };

    // Before anyone acted: 张三's safety check and first contact are due today; the safety check
    // is urgent, in a list of its own, not one more line of routine work under 今日到期.
    let view = await ok(ctx, 'dashboard.get', period);
    expect(view.tasks!.urgent.map((t) => [t.name, t.kind, t.level, t.dueOn, t.incomplete])).toEqual([
      ['张三', 'safety_check', 'red', TODAY, false],
    ]);
    expect(view.tasks!.dueToday.map((t) => [t.name, t.kind, t.level, t.dueOn])).toEqual([
      ['张三', 'first_contact', 'red', TODAY],
    ]);
    expect(view.tasks!.overdue).toEqual([]);
    expect([view.tasksDueToday, view.tasksOverdue, view.safetyChecksDueToday]).toEqual([2, 0, 1]);

    const a = caseOf('张三');
    await ok(ctx, 'cases.safetyCheck', {
      caseId: a,
      talked: true,
      riskAssessed: true,
      familyContacted: true,
      plan: 'referral',
      outcome: '已面谈并通知家长',
    });
    await ok(ctx, 'cases.followUp', {
      caseId: a,
      method: 'in_person',
      content: '情绪稳定',
      riskChange: 'same',
    });
    const referred = await ok(ctx, 'cases.refer', {
      caseId: a,
      institution: '市精神卫生中心',
      referredOn: TODAY,
      consent: true,
    });
    await ok(ctx, 'cases.updateReferral', {
      referralId: referred.referrals[0]!.id,
      status: 'attended',
      attendedOn: TODAY,
    });
    await ok(ctx, 'cases.lift', { caseId: caseOf('赵六'), reason: '复核正常' });

    view = await ok(ctx, 'dashboard.get', period);
    expect(view).toMatchObject({
      today: TODAY,
      due: 6,
      screened: 5,
      screenedRate: 0.833,
      byLevel: { red: 1, orange: 1, yellow: 1, green: 2 },
      warningLevels: ['red', 'orange', 'yellow'],
      criticalItems: 1,
      referred: 1,
      attended: 1,
      diagnosed: 0,
      // 张三, 王五 and 钱七 (still yellow from the earlier sheet until someone lifts it).
      underManagement: 3,
      followUps: 1,
      lifted: 1,
      tasksDueToday: 0,
      tasksOverdue: 0,
      // 张三's first contact fell due today and was done; nothing else has fallen due yet.
      followUpsDue: 1,
      followUpsDone: 1,
    });
    const [grades, classes] = view.breakdowns;
    expect(grades!.dimension).toBe('grade');
    expect(grades!.groups.map((g) => [g.group, g.due, g.screened, g.byLevel, g.critical, g.underManagement])).toEqual([
      ['七年级', 3, 3, { red: 1, green: 1, orange: 1 }, 1, 2],
      ['八年级', 3, 2, { yellow: 1, green: 1 }, 0, 1],
    ]); // prettier-ignore
    expect(classes!.dimension).toBe('class');
    expect(classes!.groups.map((g) => [g.group, g.due, g.screened, g.byLevel])).toEqual([
      ['七年级 1班', 2, 2, { red: 1, green: 1 }],
      ['七年级 2班', 1, 1, { orange: 1 }],
      ['八年级 1班', 2, 2, { yellow: 1, green: 1 }],
      ['八年级 2班', 1, 0, {}],
    ]);
    // Per scale, by its own band: every GAD-7 is 0, so none is positive, although three of these
    // students are at a warning level (that was the bug: GAD-7 counted from the combined level).
    // PHQ-9 ≥ 10: 王五 16 and 赵六 10; 张三 is red through item 9 with a total of 9 (mild).
    expect(view.byInstrument).toEqual([
      { instrumentId: 'GAD-7', screened: 5, positive: 0, undetermined: 0, byBand: { minimal: 5 } },
      { instrumentId: 'PHQ-9', screened: 5, positive: 2, undetermined: 0, byBand: { minimal: 2, mild: 1, moderate: 1, moderately_severe: 1 } }, // prettier-ignore
    ]);
    const months = view.monthly.filter((m) => m.screened > 0);
    expect(months).toEqual([
      { month: EARLIER.slice(0, 7), screened: 1, flagged: 1 },
      { month: TODAY.slice(0, 7), screened: 5, flagged: 3 },
    ]);
    // Every month of the period is a point, the empty ones too.
    expect(view.monthly[0]!.month).toBe(FROM.slice(0, 7));
    expect(view.monthly.at(-1)!.month).toBe(TODAY.slice(0, 7));

    // A week on: 张三's next follow-up is due that day, 王五's first contact (3 days) is overdue.
    const later = addDays(TODAY, 7);
    const week = dashboardView(ctx.db!, ctx.user!, 'school', FROM, later, later);
    expect(week.tasks!.dueToday.map((t) => [t.name, t.kind])).toEqual([['张三', 'follow_up']]);
    expect(week.tasks!.overdue.map((t) => [t.name, t.kind, t.dueOn])).toEqual([
      ['王五', 'first_contact', addDays(TODAY, 3)],
    ]);
    // Fallen due: 张三's first contact (ended by the safety check), the follow-up the check planned
    // (replaced by the follow-up recorded today), the one that follow-up planned, and 王五's first contact.
    expect([week.tasksDueToday, week.tasksOverdue, week.followUpsDue, week.followUpsDone]).toEqual([
      1, 1, 4, 2,
    ]);

    // A supervisor gets the same figures and no names.
    await ok(ctx, 'users.create', { username: 'zhou', displayName: '周科长', role: 'supervisor', password: 'super-pass-1' }); // prettier-ignore
    const supervisor = createContext(dir, 'http');
    await ok(supervisor, 'auth.login', { username: 'zhou', password: 'super-pass-1' });
    const aggregate = await ok(supervisor, 'dashboard.get', period);
    expect(aggregate.tasks).toBeNull();
    const { tasks: _tasks, ...figures } = view;
    expect(aggregate).toMatchObject(figures);
    expect(JSON.stringify(aggregate)).not.toMatch(/张三|王五|钱七/);
  });

  test("per-scale positives equal a recount from each scale's own band, on the dashboard, the export and the group report", async () => {
    const dir = tempDir();
    const { ctx } = await setUpApp(dir);
    const sheets: [string, (number | null)[], (number | null)[]][] = [
      ['甲', PHQ_RED, zeros(7)], // red through item 9; GAD-7 0
      ['乙', PHQ_ORANGE, [2, 2, 2, 2, 2, 0, 0]], // GAD-7 10: positive
      ['丙', zeros(9), [3, 3, 3, 3, 3, 0, 0]], // GAD-7 15: positive
      ['丁', PHQ_YELLOW, [1, 1, 1, 1, 1, 1, 3]], // GAD-7 9: not positive
      ['戊', zeros(9), zeros(7)],
      ['己', [2, 2, 2, 2, 1, 0, 0, 0, null], [3, 3, 3, 1, null, null, 0]], // PHQ-9 9–12 open; GAD-7 10–16 positive, no band
      ['庚', zeros(9), zeros(7)], // GAD-7 15 forty days ago, 0 now: the latest counts
    ];
    const ids = new Map<string, number>();
    for (const [i, [name]] of sheets.entries()) {
      const p = await ok(ctx, 'students.add', { studentNo: String(i + 1), name, sex: 'M', birthDate: '2011-03-05', grade: '七年级', className: '1班' }); // prettier-ignore
      ids.set(name, p.id);
    }
    const campaign = await ok(ctx, 'campaigns.create', {
      name: '春季心理普测',
      programme: 'school',
      startsOn: FROM,
      endsOn: TODAY,
      targets: [{ battery: ['PHQ-9', 'GAD-7'] }],
    });
    const earlier = await answerSheet(ctx, ids.get('庚')!, { battery: ['PHQ-9', 'GAD-7'] }, { 'PHQ-9': zeros(9), 'GAD-7': [3, 3, 3, 3, 3, 0, 0] }); // prettier-ignore
    ctx.db!.prepare('UPDATE screenings SET submitted_at = ? WHERE id = ?').run(`${EARLIER}T09:00:00.000Z`, earlier.screeningId); // prettier-ignore
    for (const [name, phq, gad] of sheets)
      await answerPartialSheet(
        ctx,
        ids.get(name)!,
        { campaignId: campaign.id },
        { 'PHQ-9': phq, 'GAD-7': gad },
      );

    // The recount: each person's latest result per scale, judged by that scale's own bands and cut-off.
    const latest = ctx
      .db!.prepare(
        `SELECT r.instrument_id AS instrument, r.total, r.complete, r.result FROM screening_results r
         JOIN screenings s ON s.id = r.screening_id
         WHERE s.status = 'submitted' AND s.id = (SELECT s2.id FROM screenings s2 JOIN screening_results r2 ON r2.screening_id = s2.id
           WHERE s2.person_id = s.person_id AND r2.instrument_id = r.instrument_id AND s2.status = 'submitted'
           ORDER BY s2.submitted_at DESC, s2.id DESC LIMIT 1)`,
      )
      .all() as { instrument: string; total: number; complete: number; result: string }[];
    const recount = (id: string) => {
      const def = getInstrument(id)!;
      const scale = def.scales.find((x) => x.id === def.mainScale)!;
      let positive = 0;
      let undetermined = 0;
      for (const r of latest.filter((x) => x.instrument === id)) {
        if (r.complete) {
          const band = scale.bands!.find((b) => r.total >= b.min && r.total <= b.max)!;
          if (band.min >= scale.cutoff!.min) positive += 1;
        } else {
          const { min, max } = (JSON.parse(r.result) as { totalRange: { min: number; max: number } })
            .totalRange;
          if (min >= scale.cutoff!.min) positive += 1;
          else if (max >= scale.cutoff!.min) undetermined += 1;
        }
      }
      return { screened: latest.filter((x) => x.instrument === id).length, positive, undetermined };
    };
    expect(recount('GAD-7')).toEqual({ screened: 7, positive: 3, undetermined: 0 });
    expect(recount('PHQ-9')).toEqual({ screened: 7, positive: 2, undetermined: 1 });

    const view = await ok(ctx, 'dashboard.get', { programme: 'school', from: FROM, to: TODAY });
    const shown = (id: string) => {
      const f = view.byInstrument.find((x) => x.instrumentId === id)!;
      return { screened: f.screened, positive: f.positive, undetermined: f.undetermined };
    };
    expect(shown('GAD-7')).toEqual(recount('GAD-7'));
    expect(shown('PHQ-9')).toEqual(recount('PHQ-9'));
    // The combined level would have said 5 for GAD-7 (red 甲, orange 乙 丙, yellow 丁 己): the old bug.
    const warning = ['red', 'orange', 'yellow'].reduce((n, l) => n + (view.byLevel[l] ?? 0), 0);
    expect(warning).toBe(5);

    // The export's summary and the class report count the same way.
    const out = join(dir, 'roster.xlsx');
    await exportRoster(ctx.db!, ctx.user!, { programme: 'school', variant: 'aggregate', from: FROM, to: TODAY, out }); // prettier-ignore
    const figures = figuresOf(await readBack(out));
    expect([figures.get('GAD-7阳性人数（按该量表划界分）'), figures.get('GAD-7阳性率')]).toEqual([3, 0.429]);
    expect([figures.get('PHQ-9阳性人数（按该量表划界分）'), figures.get('PHQ-9阳性率')]).toEqual([2, 0.286]);
    const report = await ok(ctx, 'reports.group', { programme: 'school', from: FROM, to: TODAY, grade: '七年级', className: '1班' }); // prettier-ignore
    expect(report.instruments.map((i) => [i.instrumentId, i.positive, i.undetermined])).toEqual([
      ['GAD-7', 3, 0],
      ['PHQ-9', 2, 1],
    ]);
  });
});
