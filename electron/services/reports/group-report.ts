import type { User } from '../../../shared/api/auth';
import { refusal } from '../../../shared/api/errors';
import type { GroupReport, GroupReportInput } from '../../../shared/api/reports';
import { warningLevels } from '../../../shared/figures/warning';
import type { Db } from '../../db/database';
import { followUpIntervals } from '../cases/cases';
import { perScaleInPeriod, type PersonFilter } from '../cases/dashboard-view';
import { screeningPass } from '../export/pass';
import { periodParams } from '../export/query';
import { loadPeople, type PersonRecord } from '../export/roster-data';
import { groupFigures, type GroupFigures } from '../export/stats';
import { classScope, inScope } from '../scope';
import { getSetting } from '../settings';
import { activeRuleSet } from '../tier-rules';

/** The group as a condition on a `people` row aliased `p`, and the same test on a loaded person. */
function groupOf(input: GroupReportInput): PersonFilter & { has(p: PersonRecord): boolean; name: string } {
  if (input.programme === 'perinatal')
    return {
      condition: 'p.township = :township',
      params: { township: input.township },
      has: (p) => p.township === input.township,
      name: input.township!,
    };
  const { grade, className } = input;
  return className
    ? {
        condition: 'p.grade = :grade AND p.class_name = :className',
        params: { grade, className },
        has: (p) => p.grade === grade && p.className === className,
        name: `${grade} ${className}`,
      }
    : {
        condition: 'p.grade = :grade',
        params: { grade },
        has: (p) => p.grade === grade,
        name: grade!,
      };
}

const EMPTY: Omit<GroupFigures, 'group'> = {
  due: 0,
  screened: 0,
  byLevel: {},
  critical: 0,
  underManagement: 0,
};

/**
 * A class, grade or township over a period, for a page a supervisor may print: the export's
 * statistics (groupFigures) over the group's people, its referrals, and per instrument how the
 * latest results fall into bands. Counts only: no name, no answer. A class teacher gets their own
 * classes and nothing wider.
 */
export function groupReport(db: Db, user: User, input: GroupReportInput): GroupReport {
  const scope = classScope(user);
  if (scope && !(input.className && inScope(scope, { grade: input.grade!, className: input.className })))
    throw refusal(
      'forbidden',
      'scope.own_class_only',
      'A class teacher sees only the reports of their own classes.',
    );
  const group = groupOf(input);
  const period = { programme: input.programme, from: input.from, to: input.to };
  const people = new Map([...loadPeople(db)].filter(([, p]) => group.has(p)));
  const pass = screeningPass(db, period, Object.keys(followUpIntervals(db, input.programme)));
  const dimension = input.programme === 'perinatal' ? 'township' : input.className ? 'class' : 'grade';
  // A grade's report also lists its classes.
  const figures = groupFigures(
    db,
    period,
    dimension === 'grade' ? ['grade', 'class'] : [dimension],
    pass,
    people,
  );
  const referrals = db
    .prepare<Record<string, unknown>, { referred: number; attended: number }>(
      `SELECT count(*) AS referred, coalesce(sum(r.attended_on IS NOT NULL), 0) AS attended
       FROM referrals r JOIN cases c ON c.id = r.case_id JOIN people p ON p.id = c.person_id
       WHERE c.programme = :programme AND r.referred_on >= :from AND r.referred_on <= :to AND ${group.condition}`,
    )
    .get({ ...group.params, ...periodParams(period) })!;
  return {
    orgName: getSetting(db, 'org.name') ?? '',
    programme: input.programme,
    scope: dimension,
    group: group.name,
    from: input.from,
    to: input.to,
    figures: { ...EMPTY, ...figures[dimension][0], group: group.name, ...referrals },
    warningLevels: warningLevels(input.programme, activeRuleSet(db, input.programme).levels).map((l) => l.id),
    classes: dimension === 'grade' ? (figures.class ?? []) : [],
    instruments: perScaleInPeriod(db, period, group),
  };
}
