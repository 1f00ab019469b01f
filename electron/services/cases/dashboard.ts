import type { Dashboard } from '../../../shared/api/cases';
import { ratio } from '../../../shared/figures/rates';
import type { Programme } from '../../../shared/instruments';
import { todayIso } from '../../../shared/people';
import type { Db } from '../../db/database';
import { UNSUBMITTED_CRITICAL_PEOPLE } from '../export/pass';

/** The figures that read every screening or participant of the period. */
export type PopulationFigures = Pick<Dashboard, 'due' | 'screened' | 'byLevel' | 'criticalItems'>;

/**
 * The supervisor's figures for a period, each a plain count over the records so anyone can
 * reproduce it. Dates are compared on their YYYY-MM-DD prefix; `to` is inclusive. The export
 * passes `population` counted by its own single pass over the same rows, so they are not read twice.
 */
export function dashboard(
  db: Db,
  programme: Programme,
  from: string,
  to: string,
  today = todayIso(),
  population?: PopulationFigures,
): Dashboard {
  const period = { programme, from, to: `${to}\uffff` };
  const count = (sql: string, params: object = period) =>
    (db.prepare(sql).pluck().get(params) as number | undefined) ?? 0;
  const countPopulation = (): PopulationFigures => {
    const screenedIn = `FROM screenings s WHERE s.programme = :programme AND s.status = 'submitted'
      AND s.submitted_at >= :from AND s.submitted_at <= :to`;
    const latest = db
      .prepare<typeof period, { level: string; n: number }>(
        `SELECT level, count(*) AS n FROM (
           SELECT s.person_id, s.level, row_number() OVER (PARTITION BY s.person_id ORDER BY s.submitted_at DESC, s.id DESC) AS k
           ${screenedIn}) WHERE k = 1 GROUP BY level`,
      )
      .all(period);
    return {
      due: count(
        `SELECT count(DISTINCT cp.person_id) FROM campaign_participants cp JOIN campaigns c ON c.id = cp.campaign_id
         WHERE c.programme = :programme AND c.starts_on <= :to AND c.ends_on >= :from`,
      ),
      screened: count(`SELECT count(DISTINCT s.person_id) ${screenedIn}`),
      byLevel: Object.fromEntries(latest.map((l) => [l.level, l.n])),
      criticalItems: count(
        `SELECT count(*) FROM (SELECT s.person_id ${screenedIn} AND EXISTS (SELECT 1 FROM screening_results r WHERE r.screening_id = s.id AND r.critical = 1)
         UNION ${UNSUBMITTED_CRITICAL_PEOPLE})`,
      ),
    };
  };
  const { due, screened, byLevel, criticalItems } = population ?? countPopulation();
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
  const colours = db
    .prepare<{ programme: Programme }, { colour: string; n: number }>(
      `SELECT colour, count(*) AS n FROM cases WHERE programme = :programme AND status = 'open' AND managed_since IS NOT NULL
         AND colour IS NOT NULL GROUP BY colour
       UNION ALL
       SELECT 'purple', count(*) FROM cases WHERE programme = :programme AND status = 'open' AND purple = 1`,
    )
    .all({ programme });
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
    underManagement: count("SELECT count(*) FROM cases WHERE programme = :programme AND status = 'open'", {
      programme,
    }),
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
