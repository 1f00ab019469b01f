import type { User } from '../../../shared/api/auth';
import type { BreakdownDimension, DashboardTask, DashboardView } from '../../../shared/api/dashboard';
import { perScaleFigures, type ScaleFigures } from '../../../shared/figures/per-scale';
import { warningLevels } from '../../../shared/figures/warning';
import type { Programme } from '../../../shared/instruments';
import { todayIso } from '../../../shared/people';
import type { Db } from '../../db/database';
import { periodParams, type Period } from '../export/query';
import { screeningPass } from '../export/pass';
import { loadPeople } from '../export/roster-data';
import { groupFigures, populationFigures } from '../export/stats';
import { GROUP_SQL } from '../screening/groups';
import { allDefinitions } from '../instruments';
import { activeRuleSet } from '../tier-rules';
import { followUpIntervals } from './cases';
import { dashboard } from './dashboard';

/** How many of today's and overdue tasks the 工作台 lists; the counts cover all of them. */
export const TASK_LIST_LIMIT = 8;

const DIMENSIONS: Record<Programme, BreakdownDimension[]> = {
  school: ['grade', 'class', 'sex'],
  perinatal: ['timePoint', 'township'],
};

/** Binds each value as its own parameter and returns the `IN (…)` list naming them. */
function inList(values: readonly string[], params: Record<string, unknown>, prefix: string): string {
  if (!values.length) return '(NULL)';
  values.forEach((v, i) => (params[`${prefix}${i}`] = v));
  return `(${values.map((_, i) => `:${prefix}${i}`).join(', ')})`;
}

/** A condition on the person `p` of each screening, with its parameters (a report's group). */
export interface PersonFilter {
  condition: string;
  params: Record<string, unknown>;
}

/**
 * Per instrument, the people whose latest result in the period used it, reduced by
 * shared/figures/per-scale.ts to positives by each scale's own band. The dashboard, the export's
 * summary and the group report all count per-scale figures here.
 *
 * A complete result's band is the band of its total, so those are read from the totals index alone
 * (screening_results_totals); only partial results, whose band and verdict blanks may leave open,
 * look up what scoring stored. Reading every result row would decrypt most of the table's pages
 * (see migration 0010), a cost the export's summary would pay on 150,000 screenings.
 */
export function perScaleInPeriod(db: Db, period: Period, filter?: PersonFilter): ScaleFigures[] {
  // The dashboard counts everyone: no join to people for it.
  const people = filter ? 'JOIN people p ON p.id = s.person_id' : '';
  const stored = (column: string) =>
    `CASE WHEN complete = 0 THEN (SELECT ${column} FROM screening_results x
       WHERE x.screening_id = sid AND x.instrument_id = instrument) END`;
  const rows = db
    .prepare<
      Record<string, unknown>,
      {
        instrument: string;
        total: number | null;
        complete: number;
        band: string | null;
        positive: number | null;
        n: number;
      }
    >(
      `SELECT instrument, total, complete, ${stored('x.band')} AS band,
              ${stored("json_extract(x.result, '$.positive')")} AS positive, count(*) AS n FROM (
         SELECT r.screening_id AS sid, r.instrument_id AS instrument, r.total, r.complete,
                row_number() OVER (PARTITION BY s.person_id, r.instrument_id ORDER BY s.submitted_at DESC, s.id DESC) AS k
         FROM screenings s JOIN screening_results r ON r.screening_id = s.id ${people}
         WHERE s.programme = :programme AND s.status = 'submitted' AND s.submitted_at >= :from AND s.submitted_at <= :to
           AND ${filter?.condition ?? '1'})
       WHERE k = 1 GROUP BY instrument, total, complete, band, positive ORDER BY instrument`,
    )
    .all({ ...filter?.params, ...periodParams(period) });
  const definitions = new Map(allDefinitions(db).map((d) => [d.id, d]));
  return perScaleFigures(
    rows.map((r) => ({
      instrumentId: r.instrument,
      total: r.total,
      complete: r.complete === 1,
      band: r.band,
      positive: r.positive === null ? null : r.positive === 1,
      n: r.n,
    })),
    (id) => definitions.get(id),
  );
}

const nextMonth = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
};

/** Months longer than this are not padded with empty months: an "all records" period would be centuries. */
const MAX_PADDED_MONTHS = 24;

function monthly(db: Db, period: Period, warning: readonly string[]): DashboardView['monthly'] {
  const params: Record<string, unknown> = periodParams(period);
  const rows = db
    .prepare<Record<string, unknown>, DashboardView['monthly'][number]>(
      `SELECT substr(s.submitted_at, 1, 7) AS month, count(DISTINCT s.person_id) AS screened,
              count(DISTINCT CASE WHEN s.level IN ${inList(warning, params, 'w')} THEN s.person_id END) AS flagged
       FROM screenings s
       WHERE s.programme = :programme AND s.status = 'submitted' AND s.submitted_at >= :from AND s.submitted_at <= :to
       GROUP BY month ORDER BY month`,
    )
    .all(params);
  const first = period.from.slice(0, 7);
  const last = period.to.slice(0, 7);
  const span =
    (Number(last.slice(0, 4)) - Number(first.slice(0, 4))) * 12 +
    Number(last.slice(5)) -
    Number(first.slice(5));
  if (span >= MAX_PADDED_MONTHS) return rows;
  const found = new Map(rows.map((r) => [r.month, r]));
  const months: DashboardView['monthly'] = [];
  for (let m = first; m <= last; m = nextMonth(m))
    months.push(found.get(m) ?? { month: m, screened: 0, flagged: 0 });
  return months;
}

function followUpsInPeriod(db: Db, period: Period, today: string): { due: number; done: number } {
  // Only what has fallen due: a contact planned for next week is not yet missed.
  const to = period.to < today ? period.to : today;
  const row = db
    .prepare<Record<string, string>, { due: number; done: number }>(
      `SELECT count(*) AS due, coalesce(sum(t.status = 'done'), 0) AS done
       FROM tasks t JOIN cases c ON c.id = t.case_id
       WHERE c.programme = :programme AND t.kind IN ('first_contact', 'follow_up') AND t.status IN ('open', 'done')
         AND t.due_on >= :from AND t.due_on <= :to`,
    )
    .get({ programme: period.programme, from: period.from, to });
  return row ?? { due: 0, done: 0 };
}

function taskList(db: Db, programme: Programme, today: string, condition: string): DashboardTask[] {
  return db
    .prepare<
      { programme: Programme; today: string; limit: number },
      Omit<DashboardTask, 'incomplete'> & { incomplete: number }
    >(
      `SELECT t.id AS taskId, c.id AS caseId, p.name, ${GROUP_SQL} AS "group",
              coalesce(p.current_level, c.confirmed_level, c.screen_level) AS level, t.kind, t.due_on AS dueOn,
              coalesce(s.status <> 'submitted', 0) AS incomplete
       FROM tasks t JOIN cases c ON c.id = t.case_id JOIN people p ON p.id = c.person_id
         LEFT JOIN screenings s ON s.id = c.screening_id
       WHERE t.status = 'open' AND ${condition} AND c.programme = :programme
       ORDER BY t.due_on, t.kind = 'safety_check' DESC, t.id LIMIT :limit`,
    )
    .all({ programme, today, limit: TASK_LIST_LIMIT })
    .map((t) => ({ ...t, incomplete: t.incomplete === 1 }));
}

/**
 * How many people stand at each level now, by the one current level (people.current_level, kept
 * from the person_current_level view): the same level the register, the file and the worklist show.
 */
function currentByLevel(db: Db, programme: Programme): Record<string, number> {
  const rows = db
    .prepare<[string], { level: string; n: number }>(
      `SELECT current_level AS level, count(*) AS n FROM people
       WHERE kind = ? AND current_level IS NOT NULL GROUP BY current_level`,
    )
    .all(programme === 'school' ? 'student' : 'woman');
  return Object.fromEntries(rows.map((r) => [r.level, r.n]));
}

/** What a new organisation has done yet: the first-run checklist is ticked from the data itself. */
function firstRun(db: Db, programme: Programme): DashboardView['firstRun'] {
  const exists = (sql: string, ...params: string[]) =>
    db
      .prepare(`SELECT EXISTS (${sql})`)
      .pluck()
      .get(...params) === 1;
  return {
    people: exists('SELECT 1 FROM people WHERE kind = ?', programme === 'school' ? 'student' : 'woman'),
    campaign: exists('SELECT 1 FROM campaigns WHERE programme = ?', programme),
    screening: exists("SELECT 1 FROM screenings WHERE programme = ? AND status = 'submitted'", programme),
  };
}

/**
 * The 工作台: dashboard()'s figures for the period, the breakdowns its charts draw (each the same
 * definition per group, so they add up to the totals), and for staff who act on cases the tasks
 * due today and overdue. A supervisor gets figures only.
 */
export function dashboardView(
  db: Db,
  user: User,
  programme: Programme,
  from: string,
  to: string,
  today = todayIso(),
): DashboardView {
  const period = { programme, from, to };
  const warning = warningLevels(programme, activeRuleSet(db, programme).levels).map((l) => l.id);
  const dimensions = DIMENSIONS[programme];
  const pass = screeningPass(db, period, Object.keys(followUpIntervals(db, programme)));
  const groups = groupFigures(db, period, dimensions, pass, loadPeople(db));
  // Grades and townships each count everyone once, so they carry the period's population figures.
  const everyone = groups[programme === 'school' ? 'grade' : 'township'];
  const followUps = followUpsInPeriod(db, period, today);
  return {
    ...dashboard(db, programme, from, to, today, populationFigures(everyone)),
    today,
    warningLevels: warning,
    breakdowns: dimensions.map((dimension) => ({ dimension, groups: groups[dimension] })),
    byInstrument: perScaleInPeriod(db, period),
    monthly: monthly(db, period, warning),
    followUpsDue: followUps.due,
    followUpsDone: followUps.done,
    currentByLevel: currentByLevel(db, programme),
    firstRun: firstRun(db, programme),
    tasks:
      user.role === 'supervisor'
        ? null
        : {
            // Safety checks are not routine work: they have a list of their own, above the rest.
            urgent: taskList(db, programme, today, "t.kind = 'safety_check' AND t.due_on <= :today"),
            dueToday: taskList(db, programme, today, "t.kind <> 'safety_check' AND t.due_on = :today"),
            overdue: taskList(db, programme, today, "t.kind <> 'safety_check' AND t.due_on < :today"),
          },
  };
}
