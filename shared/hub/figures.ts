import { ratio } from '../figures/rates';
import type { HubProgramme } from './agreement';
import {
  STALE_DAYS,
  type DistrictDashboard,
  type HubCaseRow,
  type HubFigures,
  type HubInstallationRow,
  type HubLevel,
  type HubProgrammeFigures,
  type HubTrendPoint,
} from './views';

/**
 * The district hub's figures as pure rules: summing, rates, staleness, the order installations and
 * cases are listed in, and merging the installations' level legends. electron/hub/services/views.ts
 * reads the rows (aggregated in SQL) and hands them here, so every page, report and test agrees.
 */

/** The counts of HubFigures, before its rates. */
export type HubCounts = Omit<HubFigures, 'rate' | 'attendanceRate'>;

export const emptyCounts = (): HubCounts => ({
  expected: 0,
  screened: 0,
  declined: 0,
  levels: {},
  critical: 0,
  referred: 0,
  attended: 0,
  openCases: 0,
  overdueSafetyChecks: 0,
  overdueTasks: 0,
});

/** Adds `from` into `into` (level by level) and returns `into`. */
export function addCounts(into: HubCounts, from: Partial<HubCounts>): HubCounts {
  into.expected += from.expected ?? 0;
  into.screened += from.screened ?? 0;
  into.declined += from.declined ?? 0;
  into.critical += from.critical ?? 0;
  into.referred += from.referred ?? 0;
  into.attended += from.attended ?? 0;
  into.openCases += from.openCases ?? 0;
  into.overdueSafetyChecks += from.overdueSafetyChecks ?? 0;
  into.overdueTasks += from.overdueTasks ?? 0;
  for (const [level, n] of Object.entries(from.levels ?? {}))
    into.levels[level] = (into.levels[level] ?? 0) + n;
  return into;
}

/** The counts with their rates (参测率/筛查率 and 到位率), null where nobody was due or referred. */
export function withRates(counts: HubCounts): HubFigures {
  return {
    ...counts,
    levels: { ...counts.levels },
    rate: ratio(counts.screened, counts.expected),
    attendanceRate: ratio(counts.attended, counts.referred),
  };
}

/**
 * One legend from several, most urgent first: every installation's own order is kept wherever the
 * legends agree (a level before another in any legend stays before it), and otherwise levels come
 * in the order they were first seen. Two schools with the default legend give that legend; a school
 * and a clinic give the school's four levels, then the clinic's; a legend with an extra level between
 * red and orange puts it there. Legends that contradict each other fall back to first seen.
 */
export function mergeLevels(legends: readonly (readonly HubLevel[])[]): HubLevel[] {
  const first = new Map<string, HubLevel>();
  const before = new Map<string, Set<string>>();
  for (const legend of legends)
    legend.forEach((level, i) => {
      if (!first.has(level.id)) first.set(level.id, level);
      const previous = legend[i - 1];
      if (previous && previous.id !== level.id) {
        const set = before.get(level.id) ?? before.set(level.id, new Set()).get(level.id)!;
        set.add(previous.id);
      }
    });
  const merged: HubLevel[] = [];
  const placed = new Set<string>();
  const pending = [...first.values()];
  while (pending.length) {
    // The first-seen level all of whose predecessors are placed; on a contradiction, the first-seen.
    let index = pending.findIndex((l) => [...(before.get(l.id) ?? [])].every((id) => placed.has(id)));
    if (index < 0) index = 0;
    const [level] = pending.splice(index, 1);
    merged.push(level!);
    placed.add(level!.id);
  }
  return merged;
}

/** Whole days from `from` (a date or an ISO time; its UTC day) to `today` (YYYY-MM-DD). */
export function daysBetween(from: string, today: string): number {
  return Math.round(
    (Date.parse(`${today.slice(0, 10)}T00:00:00Z`) - Date.parse(`${from.slice(0, 10)}T00:00:00Z`)) /
      86_400_000,
  );
}

/**
 * How late an installation is: days since its newest bundle was written, and stale when it never
 * reported or that bundle is older than STALE_DAYS. A revoked installation reports no more, so it is
 * never stale.
 */
export function staleness(
  lastBundleAt: string | null,
  status: HubInstallationRow['status'],
  today: string,
): { daysSinceBundle: number | null; stale: boolean } {
  const days = lastBundleAt === null ? null : Math.max(0, daysBetween(lastBundleAt, today));
  if (status === 'revoked') return { daysSinceBundle: days, stale: false };
  return { daysSinceBundle: days, stale: days === null || days > STALE_DAYS };
}

const byName = (a: string, b: string) => a.localeCompare(b, 'zh-CN') || (a < b ? -1 : a > b ? 1 : 0);

/** Most overdue safety checks first, then most overdue tasks, then by name. */
export function compareInstallations(
  a: Pick<HubInstallationRow, 'name' | 'figures'>,
  b: Pick<HubInstallationRow, 'name' | 'figures'>,
): number {
  return (
    b.figures.overdueSafetyChecks - a.figures.overdueSafetyChecks ||
    b.figures.overdueTasks - a.figures.overdueTasks ||
    byName(a.name, b.name)
  );
}

/**
 * A case list in working order: overdue safety checks first, then by level as the installation's
 * legend ranks it (unknown or no level last), then by next due date (none last), then by ref so the
 * order is stable.
 */
export function sortCases<C extends Pick<HubCaseRow, 'ref' | 'level' | 'safetyCheckOverdue' | 'nextTask'>>(
  cases: readonly C[],
  legend: readonly Pick<HubLevel, 'id'>[],
): C[] {
  const rank = new Map(legend.map((l, i) => [l.id, i]));
  const levelRank = (c: C) => (c.level === null ? Infinity : (rank.get(c.level) ?? legend.length));
  const due = (c: C) => c.nextTask?.dueOn ?? '9999-99-99';
  return [...cases].sort(
    (a, b) =>
      Number(b.safetyCheckOverdue) - Number(a.safetyCheckOverdue) ||
      levelRank(a) - levelRank(b) ||
      (due(a) < due(b) ? -1 : due(a) > due(b) ? 1 : 0) ||
      (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0),
  );
}

/** What views.ts reads per installation (its row in `installations`). */
export interface InstallationFacts {
  id: string;
  name: string;
  programme: HubProgramme;
  township: string | null;
  status: HubInstallationRow['status'];
  lastBundleAt: string | null;
  lastReceivedAt: string | null;
  namesShared: boolean;
  people: number;
  levels: HubLevel[];
}

/** The aggregates of one installation and month, summed in SQL. */
export interface MonthFacts extends Omit<HubCounts, 'openCases' | 'overdueSafetyChecks' | 'overdueTasks'> {
  installationId: string;
  month: string;
}

/** The open cases of one installation, counted in SQL against `today`. */
export interface CaseFacts {
  installationId: string;
  openCases: number;
  overdueSafetyChecks: number;
  overdueTasks: number;
}

const PROGRAMMES: readonly HubProgramme[] = ['school', 'perinatal'];

/** The dashboard from what SQL summed: every total is a sum of the installations' rows. */
export function assembleDashboard(input: {
  hubName: string;
  today: string;
  installations: readonly InstallationFacts[];
  months: readonly MonthFacts[];
  cases: readonly CaseFacts[];
}): DistrictDashboard {
  const counts = new Map(input.installations.map((i) => [i.id, emptyCounts()]));
  const trend = new Map<string, HubTrendPoint>();
  for (const m of input.months) {
    const into = counts.get(m.installationId);
    if (!into) continue;
    const { installationId: _id, month, ...figures } = m;
    addCounts(into, figures);
    const point = trend.get(month) ?? { month, expected: 0, screened: 0, levels: {}, critical: 0 };
    point.expected += m.expected;
    point.screened += m.screened;
    point.critical += m.critical;
    for (const [level, n] of Object.entries(m.levels)) point.levels[level] = (point.levels[level] ?? 0) + n;
    trend.set(month, point);
  }
  for (const c of input.cases) {
    const { installationId, ...open } = c;
    const into = counts.get(installationId);
    if (into) addCounts(into, open);
  }
  const rows: HubInstallationRow[] = input.installations.map((i) => ({
    id: i.id,
    name: i.name,
    programme: i.programme,
    township: i.township,
    status: i.status,
    lastBundleAt: i.lastBundleAt,
    lastReceivedAt: i.lastReceivedAt,
    ...staleness(i.lastBundleAt, i.status, input.today),
    namesShared: i.namesShared,
    people: i.people,
    figures: withRates(counts.get(i.id)!),
  }));
  rows.sort(compareInstallations);

  const legendOf = new Map(input.installations.map((i) => [i.id, i.levels]));
  const total = emptyCounts();
  const townships = new Map<string | null, HubCounts>();
  for (const row of rows) {
    addCounts(total, row.figures);
    addCounts(
      townships.get(row.township) ?? townships.set(row.township, emptyCounts()).get(row.township)!,
      row.figures,
    );
  }
  const programmes = PROGRAMMES.filter((p) => rows.some((r) => r.programme === p));
  const byProgramme: HubProgrammeFigures[] = programmes.map((programme) => {
    const own = rows.filter((r) => r.programme === programme);
    return {
      programme,
      levels: mergeLevels(own.map((r) => legendOf.get(r.id) ?? [])),
      figures: withRates(own.reduce((sum, r) => addCounts(sum, r.figures), emptyCounts())),
      installations: own.length,
      withOverdueSafetyChecks: own.filter((r) => r.figures.overdueSafetyChecks > 0).length,
      withOverdueTasks: own.filter((r) => r.figures.overdueTasks > 0).length,
      stale: own.filter((r) => r.stale).length,
    };
  });
  return {
    hubName: input.hubName,
    asOf: input.today,
    programmes,
    byProgramme,
    levels: mergeLevels(byProgramme.map((p) => p.levels)),
    totals: withRates(total),
    byTownship: [...townships.entries()]
      .map(([township, c]) => ({ township, figures: withRates(c) }))
      // Named townships by name; installations without one last.
      .sort((a, b) => (a.township === null ? 1 : b.township === null ? -1 : byName(a.township, b.township))),
    installations: rows,
    trend: [...trend.values()].sort((a, b) => (a.month < b.month ? -1 : 1)),
  };
}
