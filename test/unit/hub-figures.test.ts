import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  addCounts,
  assembleDashboard,
  compareInstallations,
  emptyCounts,
  mergeLevels,
  sortCases,
  staleness,
  withRates,
  type InstallationFacts,
  type MonthFacts,
} from '../../shared/hub/figures';
import { districtArea, districtParagraph, shortLevelName } from '../../shared/hub/paragraph';
import type { DistrictDashboard, HubLevel } from '../../shared/hub/views';

const level = (id: string, zh = id, en = id): HubLevel => ({ id, name: { zh, en }, colour: '#000000' });
const SCHOOL = [
  level('red', '红色预警（一级）', 'Red (level 1)'),
  level('orange', '橙色预警（二级）', 'Orange (level 2)'),
  level('yellow', '黄色预警（三级）', 'Yellow (level 3)'),
  level('green', '绿色（无预警）', 'Green (no warning)'),
];
const PERINATAL = [
  level('critical', '危急（当日评估）', 'Critical (same-day assessment)'),
  level('positive', '筛查阳性（建议进一步评估）', 'Positive (refer for further assessment)'),
  level('watch', '需关注（2–4 周内复筛）', 'Watch (repeat within 2–4 weeks)'),
  level('negative', '筛查阴性', 'Negative'),
];
const ids = (levels: HubLevel[]) => levels.map((l) => l.id);

describe('merging level legends', () => {
  test('the same legend twice is that legend; a school and a clinic give the school’s, then the clinic’s', () => {
    expect(ids(mergeLevels([SCHOOL, SCHOOL]))).toEqual(['red', 'orange', 'yellow', 'green']);
    expect(ids(mergeLevels([SCHOOL, PERINATAL]))).toEqual([...ids(SCHOOL), ...ids(PERINATAL)]);
    expect(mergeLevels([])).toEqual([]);
  });

  test('a level only one legend has goes where that legend puts it', () => {
    const withPurple = [SCHOOL[0]!, level('purple'), ...SCHOOL.slice(1)];
    expect(ids(mergeLevels([SCHOOL, withPurple]))).toEqual(['red', 'purple', 'orange', 'yellow', 'green']);
    // Its first level unknown: placed before the next level already merged.
    expect(ids(mergeLevels([SCHOOL.slice(1), SCHOOL]))).toEqual(['red', 'orange', 'yellow', 'green']);
  });

  test('every legend’s own order survives the merge', () => {
    const legend = fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), { maxLength: 6 });
    fc.assert(
      fc.property(fc.array(legend, { maxLength: 4 }), (legends) => {
        // Legends that agree on one order (a < b < … < f) merge without contradiction.
        const sorted = legends.map((l) => [...l].sort().map((id) => level(id)));
        const merged = ids(mergeLevels(sorted));
        expect(new Set(merged).size).toBe(merged.length);
        for (const l of sorted) {
          const own = new Set(ids(l));
          expect(merged.filter((id) => own.has(id))).toEqual(ids(l));
        }
      }),
    );
  });
});

describe('rates and sums', () => {
  test('rates are ratios to three places, null with nothing to divide by', () => {
    const f = withRates(addCounts(emptyCounts(), { expected: 470, screened: 451, referred: 7, attended: 5 }));
    expect([f.rate, f.attendanceRate]).toEqual([0.96, 0.714]);
    expect(withRates(emptyCounts())).toMatchObject({ rate: null, attendanceRate: null });
  });

  test('levels add level by level', () => {
    const sum = addCounts(addCounts(emptyCounts(), { levels: { red: 1, green: 5 } }), {
      levels: { red: 2, yellow: 1 },
    });
    expect(sum.levels).toEqual({ red: 3, green: 5, yellow: 1 });
  });
});

describe('staleness', () => {
  test('late after STALE_DAYS, never reported is late, revoked is never late', () => {
    expect(staleness('2026-05-01T23:00:00.000Z', 'enrolled', '2026-05-15')).toEqual({
      daysSinceBundle: 14,
      stale: false,
    });
    expect(staleness('2026-05-01T01:00:00.000Z', 'enrolled', '2026-05-16')).toEqual({
      daysSinceBundle: 15,
      stale: true,
    });
    expect(staleness(null, 'invited', '2026-05-16')).toEqual({ daysSinceBundle: null, stale: true });
    expect(staleness('2026-01-01T00:00:00.000Z', 'revoked', '2026-05-16')).toEqual({
      daysSinceBundle: 135,
      stale: false,
    });
    // A clock ahead of the hub's day counts as today.
    expect(staleness('2026-05-20T00:00:00.000Z', 'enrolled', '2026-05-16').daysSinceBundle).toBe(0);
  });
});

describe('ordering', () => {
  const row = (name: string, overdueSafetyChecks: number, overdueTasks: number) => ({
    name,
    figures: withRates({ ...emptyCounts(), overdueSafetyChecks, overdueTasks }),
  });

  test('installations: most overdue safety checks, then overdue tasks, then name', () => {
    const rows = [
      row('乙校', 0, 5),
      row('甲校', 0, 5),
      row('丙校', 1, 0),
      row('丁校', 3, 0),
      row('戊校', 0, 0),
    ];
    expect([...rows].sort(compareInstallations).map((r) => r.name)).toEqual([
      '丁校',
      '丙校',
      '甲校',
      '乙校',
      '戊校',
    ]);
  });

  test('cases: overdue safety checks, then level rank, then next due date (none last), then ref', () => {
    const c = (ref: string, lvl: string | null, safety: boolean, due: string | null) => ({
      ref,
      level: lvl,
      safetyCheckOverdue: safety,
      nextTask: due ? { kind: 'follow_up', dueOn: due } : null,
    });
    const cases = [
      c('a', 'yellow', false, '2026-05-01'),
      c('b', 'red', false, null),
      c('c', 'red', false, '2026-05-09'),
      c('d', 'yellow', true, '2026-06-01'),
      c('e', null, false, '2026-01-01'),
      c('f', 'unknown', false, '2026-01-01'),
      c('g', 'red', false, '2026-05-09'),
    ];
    expect(sortCases(cases, SCHOOL).map((x) => x.ref)).toEqual(['d', 'c', 'g', 'b', 'a', 'f', 'e']);
  });
});

const inst = (
  id: string,
  programme: 'school' | 'perinatal',
  township: string | null,
  lastBundleAt: string | null,
): InstallationFacts => ({
  id,
  name: id,
  programme,
  township,
  status: lastBundleAt ? 'enrolled' : 'invited',
  lastBundleAt,
  lastReceivedAt: lastBundleAt,
  namesShared: false,
  people: 0,
  levels: programme === 'school' ? SCHOOL : PERINATAL,
});

describe('the dashboard from summed rows', () => {
  test('totals, townships, programmes and the trend are sums of the installations’ rows', () => {
    const installation = fc.record({
      township: fc.constantFrom('甲镇', '乙乡', null),
      programme: fc.constantFrom('school' as const, 'perinatal' as const),
    });
    const month = fc.record({
      at: fc.nat(20),
      month: fc.constantFrom('2026-03', '2026-04', '2026-09'),
      expected: fc.nat(500),
      screened: fc.nat(500),
      critical: fc.nat(5),
      red: fc.nat(9),
    });
    fc.assert(
      fc.property(
        fc.array(installation, { minLength: 1, maxLength: 6 }),
        fc.array(month, { maxLength: 20 }),
        (insts, ms) => {
          const facts = insts.map((x, i) =>
            inst(`i${i}`, x.programme, x.township, '2026-05-01T00:00:00.000Z'),
          );
          const months: MonthFacts[] = ms.map((m) => ({
            installationId: `i${m.at % facts.length}`,
            month: m.month,
            expected: m.expected,
            screened: m.screened,
            declined: 0,
            critical: m.critical,
            referred: 0,
            attended: 0,
            levels: { red: m.red },
          }));
          const d = assembleDashboard({
            hubName: '某县',
            today: '2026-05-10',
            installations: facts,
            months,
            cases: [],
          });
          const sum = (pick: (m: MonthFacts) => number) => months.reduce((n, m) => n + pick(m), 0);
          expect(d.totals.screened).toBe(sum((m) => m.screened));
          expect(d.installations.reduce((n, r) => n + r.figures.expected, 0)).toBe(sum((m) => m.expected));
          expect(d.byTownship.reduce((n, t) => n + t.figures.critical, 0)).toBe(sum((m) => m.critical));
          expect(d.byProgramme.reduce((n, p) => n + p.figures.screened, 0)).toBe(d.totals.screened);
          expect(d.trend.reduce((n, p) => n + (p.levels.red ?? 0), 0)).toBe(sum((m) => m.levels.red ?? 0));
          expect(d.trend.map((p) => p.month)).toEqual([...new Set(months.map((m) => m.month))].sort());
        },
      ),
    );
  });
});

describe('the county paragraph', () => {
  test('the hub’s name decides 全县/全区/全市, else 全辖区', () => {
    expect(districtArea('某某县妇幼保健院')).toBe('county');
    expect(districtArea('临川区心理健康教育指导中心')).toBe('district');
    expect(districtArea('抚州市教育局')).toBe('city');
    expect(districtArea('抚州市临川区教育局')).toBe('district');
    expect(districtArea('某县城关社区卫生服务中心')).toBe('county');
    expect(districtArea('心理健康教育指导中心')).toBe('jurisdiction');
    expect(districtArea('Linchuan District Education Bureau')).toBe('district');
    expect(districtArea('Springfield County Health')).toBe('county');
  });

  test('level names lose their note', () => {
    expect(shortLevelName(SCHOOL[0]!, 'zh')).toBe('红色预警');
    expect(shortLevelName(SCHOOL[0]!, 'en')).toBe('Red');
    expect(shortLevelName(PERINATAL[3]!, 'zh')).toBe('筛查阴性');
  });

  const clinic = (levels: Record<string, number>, extra: Partial<MonthFacts> = {}): DistrictDashboard =>
    assembleDashboard({
      hubName: '南丰县妇幼保健院',
      today: '2026-06-30',
      installations: [
        inst('c1', 'perinatal', '琴城镇', '2026-06-29T00:00:00.000Z'),
        inst('c2', 'perinatal', '白舍镇', null),
      ],
      months: [
        {
          installationId: 'c1',
          month: '2026-06',
          expected: 1082,
          screened: 1041,
          declined: 41,
          critical: 1,
          referred: 2,
          attended: 2,
          levels,
          ...extra,
        },
      ],
      cases: [{ installationId: 'c1', openCases: 2, overdueSafetyChecks: 1, overdueTasks: 1 }],
    });

  test('a county maternal and child health hospital: 全县共筛查N名孕产妇，发现N例阳性…', () => {
    expect(districtParagraph(clinic({ critical: 1, positive: 1, watch: 4, negative: 1035 }), 'zh')).toBe(
      '全县共筛查1041名孕产妇，筛查率96.2%，发现2例阳性（危急1例、筛查阳性1例），关键条目（自伤念头）阳性1例；转诊2例，到位2例（到位率100%）。' +
        '截至2026年6月30日，1家医疗机构有逾期未完成的安全确认（共1例），1家医疗机构有逾期未办的随访任务（共1例），1家医疗机构超过14天未上报数据。',
    );
    expect(districtParagraph(clinic({ critical: 1, positive: 1, watch: 4, negative: 1035 }), 'en')).toBe(
      'Across the county, 1041 pregnant and postpartum women were screened (coverage 96.2%), 2 positive (Critical 1 and Positive 1), 1 positive on the self-harm item; 2 referred, 2 attended (attendance 100%). ' +
        'As of 30 June 2026, 1 clinic has overdue safety checks (1 case), 1 clinic has overdue follow-up tasks (1 case) and 1 clinic has not reported for more than 14 days.',
    );
  });

  test('nothing found, nobody referred: it says so without a rate of nothing', () => {
    const d = clinic({ negative: 1041 }, { critical: 0, referred: 0, attended: 0 });
    expect(districtParagraph(d, 'zh')).toMatch(
      /^全县共筛查1041名孕产妇，筛查率96\.2%，未发现阳性；转诊0例，到位0例。/,
    );
  });

  test('a single school district, and a hub with nobody reporting yet', () => {
    const d = assembleDashboard({
      hubName: '抚州市临川区教育局',
      today: '2026-05-04',
      installations: [inst('s1', 'school', '上顿渡镇', '2026-05-03T00:00:00.000Z')],
      months: [
        {
          installationId: 's1',
          month: '2026-03',
          expected: 6037,
          screened: 5982,
          declined: 55,
          critical: 120,
          referred: 120,
          attended: 60,
          levels: { red: 120, orange: 118, yellow: 240, green: 5504 },
        },
      ],
      cases: [{ installationId: 's1', openCases: 478, overdueSafetyChecks: 0, overdueTasks: 0 }],
    });
    expect(districtParagraph(d, 'zh')).toBe(
      '全区共筛查5982人次，参测率99.1%；发现红色预警120人、橙色预警118人、黄色预警240人，危机题阳性120人；转介120人，到位60人（到位率50%）。' +
        '截至2026年5月4日，各学校均无逾期未完成的安全确认。',
    );
    const empty = assembleDashboard({
      hubName: '某县教育局',
      today: '2026-05-04',
      installations: [],
      months: [],
      cases: [],
    });
    expect(districtParagraph(empty, 'zh')).toBe('截至2026年5月4日，全县尚无单位上报数据。');
    expect(districtParagraph(empty, 'en')).toBe(
      'As of 4 May 2026, no installation in the county has reported.',
    );
  });
});
