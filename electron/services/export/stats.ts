import { dueTimePoints } from '../../../shared/figures/definitions';
import { syncParticipants } from '../screening/participants';
import type { Db } from '../../db/database';
import type { PopulationFigures } from '../cases/dashboard';
import { SEX_LABELS } from './labels';
import { TIME_POINT_ORDER, perinatalAt, timePointGroupName } from './perinatal';
import { currentScreeningWindows } from '../people/screening-windows';
import type { ScreeningPass } from './pass';
import type { PersonRecord } from './roster-data';
import { periodParams, type Period } from './query';

/**
 * The statistics sheet's breakdowns. Each figure is a definition of shared/figures/definitions.ts
 * applied per group (应测/应筛, 实测, levels = each person's latest level in the period, 关键条目,
 * 在管 = cases open at the period's end). Per-person groups add up to the summary's figures.
 */
export interface GroupFigures {
  group: string;
  due: number;
  screened: number;
  byLevel: Record<string, number>;
  critical: number;
  underManagement: number;
}

export type Dimension = 'class' | 'grade' | 'sex' | 'township' | 'timePoint';

interface PersonKeys {
  grp: string;
  grade: string | null;
  gradeOrdinal: number | null;
  className: string | null;
  sex: string | null;
  township: string | null;
}

const NO_SEX = '未填写性别';
/** The Chinese sheet's names for groups the API returns as keys ('' = not filled in, time points). */
const UNFILLED: Partial<Record<Dimension, string>> = {
  grade: '未填写年级',
  township: '未填写社区',
  class: '未填写班级',
};

/** A group's name on the statistics sheet. */
export function groupName(dimension: Dimension, group: string): string {
  if (dimension === 'timePoint') return timePointGroupName(group);
  if (dimension === 'sex') return SEX_LABELS[group] ?? NO_SEX;
  return group.trim() === '' ? (UNFILLED[dimension] ?? group) : group;
}

/** The label a person falls under, and the order labels are listed in. */
function keyOf(dimension: Dimension, p: PersonKeys): { key: string; order: (string | number)[] } {
  switch (dimension) {
    case 'class':
      return {
        key: p.grp,
        order: [p.gradeOrdinal ?? 999, p.grade ?? '', (p.className ?? '').length, p.className ?? ''],
      };
    case 'grade':
      return { key: p.grade ?? '', order: [p.gradeOrdinal ?? 999, p.grade ?? '\uffff'] };
    case 'sex':
      // A key ('M', 'F', '' for not filled in) like every group the API returns; the sheet names it.
      return { key: p.sex ?? '', order: [p.sex === 'M' ? 0 : p.sex === 'F' ? 1 : 2] };
    case 'township':
      return { key: p.township ?? '', order: [p.township ? 0 : 1, p.township ?? ''] };
    case 'timePoint':
      throw new Error('time points are per screening, not per person');
  }
}

const compare = (a: (string | number)[], b: (string | number)[]) => {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? '';
    const y = b[i] ?? '';
    if (x !== y)
      return typeof x === 'number' && typeof y === 'number'
        ? x - y
        : String(x).localeCompare(String(y), 'zh');
  }
  return 0;
};

type Groups = Map<string, GroupFigures & { order: (string | number)[] }>;

function entry(groups: Groups, key: string, order: (string | number)[]) {
  let g = groups.get(key);
  if (!g) {
    g = { group: key, due: 0, screened: 0, byLevel: {}, critical: 0, underManagement: 0, order };
    groups.set(key, g);
  }
  return g;
}

/**
 * Every breakdown asked for, from what the export read once already (the screening pass and the
 * people). 应测/应筛 and 在管 follow shared/figures/definitions.ts: school 应测 = participants of the
 * campaigns overlapping the period, perinatal 应筛 = women whose time-point window overlaps it (per
 * time point: that time point's window); 在管 = cases open at the end of the period.
 *
 * Time points are per screening: a woman screened at two time points in the period counts under
 * each (at each, her latest level there), so they add up to sheets, not to the people screened.
 */
export function groupFigures<D extends Dimension>(
  db: Db,
  period: Period,
  dimensions: readonly D[],
  pass: ScreeningPass,
  people: ReadonlyMap<number, PersonRecord>,
): Record<D, GroupFigures[]> {
  const params = periodParams(period);
  const all = dimensions.map((dimension) => ({ dimension, groups: new Map() as Groups }));
  const perPerson = all.filter((d) => d.dimension !== 'timePoint');
  const timePoints = all.find((d) => d.dimension === 'timePoint');
  // The windows in force (an administrator setting), for 应筛 and the time point of each sheet.
  const windows = timePoints || period.programme === 'perinatal' ? currentScreeningWindows(db) : undefined;
  const perinatal = period.programme === 'perinatal';
  // Campaigns choose their people by criteria: bring live lists up to date before counting 应测.
  if (!perinatal) syncParticipants(db);
  const campaignDue = perinatal
    ? null
    : new Set(
        db
          .prepare<typeof params, number>(
            `SELECT DISTINCT cp.person_id FROM campaign_participants cp JOIN campaigns c ON c.id = cp.campaign_id
             WHERE c.programme = :programme AND c.starts_on <= :to AND c.ends_on >= :from`,
          )
          .pluck()
          .all(params),
      );
  const managed = new Set(
    db
      .prepare<typeof params, number>(
        `SELECT person_id FROM cases WHERE programme = :programme AND opened_at <= :to
           AND (ended_at IS NULL OR ended_at > :to)`,
      )
      .pluck()
      .all(params),
  );
  for (const p of people.values()) {
    const pointsDue = perinatal && p.kind === 'woman' ? dueTimePoints(p, period, windows) : [];
    const isDue = campaignDue ? campaignDue.has(p.id) : pointsDue.length > 0;
    const latest = pass.latest.get(p.id);
    // One open case per person and programme (cases_one_open), so people and cases count alike.
    const open = managed.has(p.id);
    if (!isDue && !latest && !open) continue;
    const critical = pass.critical.has(p.id);
    const add = (g: GroupFigures, level: string, isCritical: boolean) => {
      g.screened += 1;
      g.byLevel[level] = (g.byLevel[level] ?? 0) + 1;
      if (isCritical) g.critical += 1;
    };
    for (const { dimension, groups } of perPerson) {
      const { key, order } = keyOf(dimension, p);
      const g = entry(groups, key, order);
      if (isDue) g.due += 1;
      if (open) g.underManagement += 1;
      if (latest) add(g, latest.level, critical);
      // A critical answer on a sheet never submitted counts under 关键条目阳性 all the same.
      else if (critical) g.critical += 1;
    }
    if (timePoints) {
      const timePointEntry = (point: string) =>
        entry(timePoints.groups, point, [TIME_POINT_ORDER.indexOf(point)]);
      for (const point of pointsDue) timePointEntry(point).due += 1;
      // Each time point she was screened at, with her latest sheet there.
      const at = new Map<string, { level: string; critical: boolean }>();
      for (const sheet of pass.submitted.get(p.id) ?? []) {
        const { timePoint } = perinatalAt(p, sheet.submittedAt.slice(0, 10), windows);
        at.set(timePoint, { level: sheet.level, critical: (at.get(timePoint)?.critical ?? false) || sheet.critical }); // prettier-ignore
      }
      for (const [point, sheet] of at) add(timePointEntry(point), sheet.level, sheet.critical);
    }
  }
  return Object.fromEntries(
    all.map(({ dimension, groups }) => [
      dimension,
      [...groups.values()]
        .sort((a, b) => compare(a.order, b.order))
        .map(({ order: _order, ...figures }) => figures),
    ]),
  ) as Record<D, GroupFigures[]>;
}

/** The summary's population figures from a breakdown that counts everyone once (sex, grade, township). */
export function populationFigures(everyone: readonly GroupFigures[]): PopulationFigures {
  const byLevel: Record<string, number> = {};
  for (const g of everyone)
    for (const [level, n] of Object.entries(g.byLevel)) byLevel[level] = (byLevel[level] ?? 0) + n;
  return {
    due: everyone.reduce((n, g) => n + g.due, 0),
    screened: everyone.reduce((n, g) => n + g.screened, 0),
    byLevel,
    criticalItems: everyone.reduce((n, g) => n + g.critical, 0),
  };
}
