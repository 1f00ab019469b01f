import type { Dashboard } from '../../../shared/api/cases';
import { ratio } from '../../../shared/figures/rates';
import type { Programme } from '../../../shared/instruments';
import type { Db } from '../../db/database';
import { UNSUBMITTED_CRITICAL_PEOPLE } from '../export/pass';

/** The figures that read every screening or participant of the period (counted by groupFigures). */
export type PopulationFigures = Pick<Dashboard, 'due' | 'screened' | 'byLevel' | 'criticalItems'>;

/**
 * The supervisor's figures for a period, each the SQL form of a definition in
 * shared/figures/definitions.ts (test/integration/figures-recount.test.ts checks each against it and
 * against a recount from the rows). Dates are compared on their YYYY-MM-DD prefix; `to` is inclusive.
 * `population` is counted by groupFigures in its single pass over the same rows, so they are not
 * read twice and the breakdowns add up to it.
 */
export function dashboard(
  db: Db,
  programme: Programme,
  from: string,
  to: string,
  today: string,
  population: PopulationFigures,
): Dashboard {
  const period = { programme, from, to: `${to}\uffff` };
  const count = (sql: string, params: object = period) =>
    (db.prepare(sql).pluck().get(params) as number | undefined) ?? 0;
  const { due, screened, byLevel, criticalItems } = population;
  const caseEvents = (kind: string) =>
    count(
      `SELECT count(*) FROM case_events e JOIN cases c ON c.id = e.case_id
       WHERE c.programme = :programme AND e.kind = '${kind}' AND e.at >= :from AND e.at <= :to`,
    );
  const referrals = (condition: string) =>
    count(
      `SELECT count(*) FROM referrals r JOIN cases c ON c.id = r.case_id
       WHERE c.programme = :programme AND r.referred_on >= :from AND r.referred_on <= :to AND ${condition}`,
    );
  // 纳入专案管理: cases that entered management in the period, whether open or closed since.
  const enteredManagement = 'programme = :programme AND managed_since >= :from AND managed_since <= :to';
  const colours = db
    .prepare<typeof period, { colour: string; n: number }>(
      `SELECT colour, count(*) AS n FROM cases WHERE ${enteredManagement} AND colour IS NOT NULL GROUP BY colour
       UNION ALL
       SELECT 'purple', count(*) FROM cases WHERE ${enteredManagement} AND purple = 1`,
    )
    .all(period);
  const tasks = (condition: string) =>
    count(
      `SELECT count(*) FROM tasks t JOIN cases c ON c.id = t.case_id WHERE c.programme = :programme AND t.status = 'open' AND ${condition}`,
      { programme, today },
    );
  return {
    programme,
    from,
    to,
    due,
    screened,
    screenedRate: ratio(screened, due),
    byLevel,
    criticalItems,
    interviewed: count(
      `SELECT count(DISTINCT e.case_id) FROM case_events e JOIN cases c ON c.id = e.case_id
       WHERE c.programme = :programme AND e.kind = 'interview' AND e.at >= :from AND e.at <= :to`,
    ),
    referred: referrals('1'),
    attended: referrals('r.attended_on IS NOT NULL'),
    // 确诊: the specialist's conclusion is 确诊, never any recorded text (it may say 排除抑郁症).
    diagnosed: referrals("r.conclusion = 'confirmed'"),
    // 在管: open at the end of the period.
    underManagement: count(
      'SELECT count(*) FROM cases WHERE programme = :programme AND opened_at <= :to AND (ended_at IS NULL OR ended_at > :to)',
    ),
    managedByColour: Object.fromEntries(colours.filter((c) => c.n > 0).map((c) => [c.colour, c.n])),
    followUps: caseEvents('follow_up'),
    lifted: caseEvents('lifted'),
    closed: caseEvents('closed'),
    tasksDueToday: tasks('t.due_on = :today'),
    tasksOverdue: tasks('t.due_on < :today'),
    safetyChecksDueToday: tasks("t.kind = 'safety_check' AND t.due_on = :today"),
    safetyChecksOverdue: tasks("t.kind = 'safety_check' AND t.due_on < :today"),
    criticalUnsubmitted: count(`SELECT count(DISTINCT person_id) FROM (${UNSUBMITTED_CRITICAL_PEOPLE})`),
  };
}
