import { beforeAll, expect, test } from 'vitest';
import type { HubDb } from '../../../electron/hub/db/hub-db';
import { districtDashboard, installationCases } from '../../../electron/hub/services/views';
import { AppError } from '../../../shared/api/errors';
import { districtParagraph } from '../../../shared/hub/paragraph';
import { describeHubStores } from '../../helpers/hub-db';
import { ingestBundle } from '../../../electron/hub/services/ingest';
import { withScope } from '../../../electron/hub/services/scoped';
import type { BundleAggregate, BundlePayload } from '../../../shared/hub/bundle';
import { schoolPayload, sealPayload } from '../../helpers/hub-bundles';
import { testHub } from '../../helpers/hub-core';
import { clinicPayload, IDS, seedDistrict, TODAY, user } from './views-seed';

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => (error instanceof AppError ? error.code : String(error)),
  );

describeHubStores('district views', (store) => {
  let db: HubDb;
  beforeAll(async () => {
    db = await store.open();
    await seedDistrict(db);
  });

  test('the totals are the sums of every installation in scope, overdue safety checks listed first', async () => {
    const d = await districtDashboard(db, user('district_staff'), {}, TODAY);
    expect(d.hubName).toBe('临川区心理健康教育指导中心');
    expect(d.programmes).toEqual(['school', 'perinatal']);
    expect(d.totals).toEqual({
      expected: 470,
      screened: 451,
      rate: 0.96,
      declined: 19,
      levels: { red: 3, orange: 9, yellow: 15, green: 356, critical: 1, positive: 3, watch: 5, negative: 59 },
      critical: 4,
      referred: 7,
      attended: 5,
      attendanceRate: 0.714,
      openCases: 5,
      overdueSafetyChecks: 1,
      overdueTasks: 4,
    });
    // 第二小学 has the overdue safety check; then by overdue tasks (2, 1, 0).
    expect(
      d.installations.map((i) => [i.name, i.figures.overdueSafetyChecks, i.figures.overdueTasks]),
    ).toEqual([
      ['第二小学', 1, 1],
      ['第一中学', 0, 2],
      ['石门乡卫生院', 0, 1],
      ['第三中学', 0, 0],
    ]);
    const [second, first, clinic, third] = d.installations;
    expect(first!.figures).toMatchObject({
      expected: 200,
      screened: 193,
      declined: 7,
      critical: 3,
      referred: 3,
      attended: 2,
      openCases: 2,
    });
    expect(first!.figures.levels).toEqual({ red: 3, orange: 5, yellow: 9, green: 176 });
    expect(clinic!.figures).toMatchObject({
      expected: 70,
      screened: 68,
      rate: 0.971,
      referred: 4,
      attended: 3,
      attendanceRate: 0.75,
    });
    // Staleness: two days since 第一中学's bundle; 39 for 第二小学 (late); 第三中学 never reported.
    expect([first, second, third].map((i) => [i!.daysSinceBundle, i!.stale])).toEqual([
      [2, false],
      [39, true],
      [null, true],
    ]);
    expect(first!.namesShared).toBe(true);
    expect(second!.namesShared).toBe(false);
    expect(d.levels.map((l) => l.id)).toEqual([
      'red',
      'orange',
      'yellow',
      'green',
      'critical',
      'positive',
      'watch',
      'negative',
    ]);
    expect(
      d.byTownship.map((t) => [
        t.township,
        t.figures.expected,
        t.figures.screened,
        t.figures.overdueSafetyChecks,
      ]),
    ).toEqual([
      ['城关镇', 200, 193, 0],
      ['河口乡', 200, 190, 1],
      ['石门乡', 70, 68, 0],
    ]);
    expect(d.trend.map((p) => [p.month, p.expected, p.screened, p.critical])).toEqual([
      ['2026-03', 340, 326, 3],
      ['2026-04', 30, 30, 0],
      ['2026-09', 100, 95, 1],
    ]);
    expect(
      d.byProgramme.map((p) => [
        p.programme,
        p.installations,
        p.figures.screened,
        p.withOverdueSafetyChecks,
        p.stale,
      ]),
    ).toEqual([
      ['school', 3, 383, 1, 2],
      ['perinatal', 1, 68, 0, 0],
    ]);
  });

  test('the paragraph says the figures in the county’s style', async () => {
    const d = await districtDashboard(db, user('viewer'), {}, TODAY);
    expect(districtParagraph(d, 'zh')).toBe(
      '全区学校共筛查383人次，参测率95.8%；发现红色预警3人、橙色预警9人、黄色预警15人，危机题阳性3人；转介3人，到位2人（到位率66.7%）。' +
        '截至2026年5月10日，1所学校有逾期未完成的安全确认（共1人），2所学校有逾期未办的随访任务（共3人），2所学校超过14天未上报数据。' +
        '全区共筛查68名孕产妇，筛查率97.1%，发现4例阳性（危急1例、筛查阳性3例），关键条目（自伤念头）阳性1例；转诊4例，到位3例（到位率75%）。' +
        '截至2026年5月10日，各医疗机构均无逾期未完成的安全确认，1家医疗机构有逾期未办的随访任务（共1例）。',
    );
  });

  test('the filter narrows to months, a township or one installation', async () => {
    const later = await districtDashboard(db, user('district_staff'), { from: '2026-04' }, TODAY);
    expect([later.totals.expected, later.totals.screened]).toEqual([130, 125]);
    // Open cases are today's, whatever the months.
    expect(later.totals.openCases).toBe(5);
    const spring = await districtDashboard(
      db,
      user('district_staff'),
      { from: '2026-03', to: '2026-03' },
      TODAY,
    );
    expect(spring.totals.expected).toBe(340);
    const town = await districtDashboard(db, user('district_staff'), { township: '石门乡' }, TODAY);
    expect(town.installations.map((i) => i.name)).toEqual(['石门乡卫生院', '第三中学']);
    const one = await districtDashboard(db, user('district_staff'), { installationId: IDS.second }, TODAY);
    expect(one.totals).toMatchObject({ expected: 200, screened: 190, overdueSafetyChecks: 1 });
    expect(await refusal(districtDashboard(db, user('district_staff'), { from: '2026-13' }, TODAY))).toBe(
      'invalid_input',
    );
    expect(await refusal(districtDashboard(db, user('district_staff'), {}, '10/05/2026'))).toBe(
      'invalid_input',
    );
  });

  test('a township-scoped user sees only its township, and cannot widen it with the filter', async () => {
    const town = user('district_staff', { kind: 'township', township: '河口乡' });
    const d = await districtDashboard(db, town, {}, TODAY);
    expect(d.installations.map((i) => i.name)).toEqual(['第二小学']);
    expect(d.byTownship.map((t) => t.township)).toEqual(['河口乡']);
    expect(d.totals).toMatchObject({ expected: 200, screened: 190, openCases: 2, overdueSafetyChecks: 1 });
    expect(d.programmes).toEqual(['school']);
    const widened = await districtDashboard(db, town, { township: '城关镇' }, TODAY);
    expect(widened.installations).toEqual([]);
    expect(widened.totals.expected).toBe(0);
    const other = await districtDashboard(db, town, { installationId: IDS.first }, TODAY);
    expect(other.installations).toEqual([]);
    const listed = await districtDashboard(
      db,
      user('viewer', { kind: 'installations', installations: [IDS.clinic] }),
      {},
      TODAY,
    );
    expect(listed.installations.map((i) => i.name)).toEqual(['石门乡卫生院']);
    expect(listed.totals.screened).toBe(68);
  });

  test('the case list: overdue safety checks first, then by level, then next due date; names only where the row has them', async () => {
    const second = await installationCases(db, user('district_staff'), IDS.second, TODAY);
    expect(second.cases.map((c) => [c.ref, c.safetyCheckOverdue, c.overdue])).toEqual([
      ['bbbbbbbbbbbbbbb2', true, true],
      ['bbbbbbbbbbbbbbb1', false, false],
    ]);
    const first = await installationCases(db, user('district_admin'), IDS.first, TODAY);
    expect(first.installation).toEqual({
      id: IDS.first,
      name: '第一中学',
      programme: 'school',
      township: '城关镇',
      namesShared: true,
    });
    expect(first.levels.map((l) => l.id)).toEqual(['red', 'orange', 'yellow', 'green']);
    expect(first.cases.map((c) => [c.ref, c.level, c.status, c.nextTask?.dueOn ?? null])).toEqual([
      ['aaaaaaaaaaaaaaa1', 'red', 'open', '2026-05-01'],
      ['aaaaaaaaaaaaaaa2', 'orange', 'open', '2026-05-08'],
      ['aaaaaaaaaaaaaaa3', 'yellow', 'closed', null],
    ]);
    const [named, unnamed, closed] = first.cases;
    expect(named).toMatchObject({
      name: '张三',
      grade: '初一',
      className: '1班',
      safetyCheckDueOn: '2026-05-20',
      safetyCheckOverdue: false,
    });
    expect('name' in unnamed!).toBe(false);
    expect('className' in unnamed!).toBe(false);
    expect(closed).toMatchObject({ endedOn: '2026-04-01', overdue: false });
    for (const c of second.cases) expect(Object.keys(c)).not.toContain('name');
  });

  test('the roll-ups the dashboard reads are fenced by row-level security like the records', async () => {
    const seen = (scope: string[] | null) =>
      withScope(db, scope, async (q) => {
        const months = await q.query<{ id: string }>(
          'SELECT DISTINCT installation_id::text AS id FROM aggregate_months',
        );
        const days = await q.query<{ id: string }>(
          'SELECT DISTINCT installation_id::text AS id FROM case_days',
        );
        return [months.map((r) => r.id).sort(), days.map((r) => r.id).sort()];
      });
    expect(await seen([IDS.second])).toEqual([[IDS.second], [IDS.second]]);
    expect(await seen([])).toEqual([[], []]);
    expect((await seen(null))[0]).toEqual([IDS.first, IDS.second, IDS.clinic].sort());
    // Sums as the records hold them.
    const [row] = await db.query<{ screened: number }>(
      `SELECT sum(screened)::int AS screened FROM aggregate_months WHERE installation_id = $1::uuid`,
      [IDS.second],
    );
    expect(row!.screened).toBe(190);
  });

  test('a viewer cannot list cases; an installation out of scope is refused as one that does not exist', async () => {
    expect(await refusal(installationCases(db, user('viewer'), IDS.first, TODAY))).toBe('forbidden');
    const town = user('district_staff', { kind: 'township', township: '河口乡' });
    expect(await refusal(installationCases(db, town, IDS.first, TODAY))).toBe('not_found');
    expect(await refusal(installationCases(db, town, '55555555-5555-4555-8555-555555555555', TODAY))).toBe(
      'not_found',
    );
    expect(await refusal(installationCases(db, town, "x' OR 1=1 --", TODAY))).toBe('not_found');
    expect((await installationCases(db, town, IDS.second, TODAY)).cases).toHaveLength(2);
  });
});

describeHubStores('district views over ingested bundles', (store) => {
  const sum = (payloads: BundlePayload[], pick: (a: BundleAggregate) => number) =>
    payloads.reduce((n, p) => n + p.aggregates.reduce((m, a) => m + pick(a), 0), 0);

  test('two schools and a clinic report: the dashboard is the sum of their bundles, the school with overdue safety checks first', async () => {
    const db = await store.open();
    const hub = await testHub(db, '南丰县心理健康教育指导中心');
    const a = await hub.invite('城关中学', { township: '城关镇' });
    const b = await hub.invite('河口小学', { township: '河口乡', shareNames: true });
    const c = await hub.invite('石门乡卫生院', { township: '石门乡', programme: 'perinatal' });
    const today = '2026-06-30';
    const at = '2026-06-29T08:00:00.000Z';
    const shape = {
      grades: 2,
      classesPerGrade: 2,
      studentsPerClass: 26,
      campaigns: 2,
      caseShare: 0.2,
      today,
    };
    const payloads = [
      schoolPayload(a.inst, shape, at),
      schoolPayload(b.inst, { ...shape, overdueSafetyChecks: 2, withNames: true }, at),
      clinicPayload(c.inst, at),
    ];
    const insts = [a.inst, b.inst, c.inst];
    for (const [i, payload] of payloads.entries()) {
      const outcome = await ingestBundle(db, hub.keys, sealPayload(insts[i]!, payload), 'cli:admin');
      expect(outcome.status).toBe('accepted');
    }
    const d = await districtDashboard(db, user('district_staff'), {}, today);
    expect(d.totals).toMatchObject({
      expected: sum(payloads, (x) => x.expected),
      screened: sum(payloads, (x) => x.screened),
      declined: sum(payloads, (x) => x.declined),
      critical: sum(payloads, (x) => x.critical),
      referred: sum(payloads, (x) => x.referred),
      attended: sum(payloads, (x) => x.attended),
      openCases: payloads.reduce((n, p) => n + p.cases.length, 0),
      overdueSafetyChecks: 2,
      overdueTasks: 3,
    });
    // Concretely: 2 campaigns × 4 classes × 26 students = 208 due per school; 8 time points and months, 192 due, at the clinic.
    expect([d.totals.expected, d.totals.screened]).toEqual([208 + 208 + 192, 200 + 200 + 176]);
    for (const level of ['red', 'orange', 'yellow', 'green', 'critical', 'positive', 'watch', 'negative'])
      expect(d.totals.levels[level] ?? 0, level).toBe(sum(payloads, (x) => x.levels[level] ?? 0));
    expect(
      d.installations.map((i) => [i.name, i.figures.overdueSafetyChecks, i.figures.overdueTasks]),
    ).toEqual([
      ['河口小学', 2, 2],
      ['石门乡卫生院', 0, 1],
      ['城关中学', 0, 0],
    ]);
    expect(d.installations.map((i) => [i.daysSinceBundle, i.stale])).toEqual([
      [1, false],
      [1, false],
      [1, false],
    ]);
    expect(districtParagraph(d, 'zh')).toMatch(/^全县学校共筛查400人次，参测率96\.2%；/);

    const named = await installationCases(db, user('district_staff'), b.invite.installationId, today);
    expect(named.installation.namesShared).toBe(true);
    expect(named.cases.slice(0, 2).map((x) => [x.safetyCheckOverdue, x.level, x.name !== undefined])).toEqual(
      [
        [true, 'red', true],
        [true, 'red', true],
      ],
    );
    expect(named.cases.filter((x) => x.level === 'yellow').every((x) => x.name === undefined)).toBe(true);
    const unnamed = await installationCases(db, user('district_staff'), a.invite.installationId, today);
    expect(unnamed.cases.length).toBeGreaterThan(0);
    expect(unnamed.cases.every((x) => !('name' in x) && !('className' in x))).toBe(true);

    // A newer snapshot with one campaign supersedes the school's records: the sums follow.
    const newer = schoolPayload(a.inst, { ...shape, campaigns: 1 }, '2026-06-30T08:00:00.000Z');
    expect((await ingestBundle(db, hub.keys, sealPayload(a.inst, newer), 'cli:admin')).status).toBe(
      'accepted',
    );
    const after = await districtDashboard(db, user('district_staff'), {}, today);
    const [direct] = await db.query<{ expected: number; screened: number; open: number }>(
      `SELECT (SELECT sum(expected) FROM aggregates)::int AS expected, (SELECT sum(screened) FROM aggregates)::int AS screened,
         (SELECT count(*) FROM cases WHERE status = 'open')::int AS open`,
    );
    expect([after.totals.expected, after.totals.screened, after.totals.openCases]).toEqual([
      direct!.expected,
      direct!.screened,
      direct!.open,
    ]);
    expect(after.totals.expected).toBe(104 + 208 + 192);
  });
});
