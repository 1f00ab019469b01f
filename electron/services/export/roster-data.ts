import type { ClassRef } from '../../../shared/api/auth';
import type { Db } from '../../db/database';
import { GROUP_ORDER_SQL } from '../screening/groups';
import { scopeCondition } from '../scope';
import {
  CRITICAL_SQL,
  TOTALS_SQL,
  dayOf,
  parseCritical,
  parseTotals,
  periodParams,
  type CriticalAnswer,
  type CriticalItems,
  type Period,
  type Total,
} from './query';

/** The identity fields any sheet may show, before a variant masks or drops them. */
export interface PersonFields {
  id: number;
  name: string;
  sex: string | null;
  birthDate: string | null;
  idNumber: string | null;
  phone: string | null;
  studentNo: string | null;
  school: string | null;
  grade: string | null;
  className: string | null;
  handbookNo: string | null;
  township: string | null;
  lmp: string | null;
  edd: string | null;
  deliveryDate: string | null;
}

export const PERSON_COLUMNS_SQL = `p.id AS personId, p.name, p.sex, p.birth_date AS birthDate, p.id_number AS idNumber,
  p.phone, p.student_no AS studentNo, p.school, p.grade, p.class_name AS className, p.handbook_no AS handbookNo,
  p.township, p.lmp, p.edd, p.delivery_date AS deliveryDate`;

type PersonRow = Omit<PersonFields, 'id'> & { personId: number };

export const toPersonFields = ({ personId, ...rest }: PersonRow): PersonFields => ({ id: personId, ...rest });

/** One line of the 随访名册: a person with an open or recent case, or a flagged result, in the period. */
export interface RosterRecord {
  person: PersonFields;
  level: string;
  screening: { date: string; battery: string[]; totals: Total[]; critical: CriticalAnswer[] } | null;
  case: {
    id: number;
    status: 'open' | 'lifted' | 'closed';
    openedOn: string;
    endedOn: string | null;
    endReason: string | null;
    colour: string | null;
    purple: boolean;
    managedSince: string | null;
    responsible: string | null;
  } | null;
  interview: { level: string | null; reason: string | null } | null;
  guardianContactOn: string | null;
  referral: {
    institution: string;
    referredOn: string;
    attendedOn: string | null;
    diagnosis: string | null;
  } | null;
  nextTask: { kind: string; dueOn: string } | null;
  followUps: number;
}

interface MainRow extends PersonRow {
  level: string;
  caseId: number | null;
  caseStatus: 'open' | 'lifted' | 'closed' | null;
  openedAt: string | null;
  endedAt: string | null;
  endReason: string | null;
  colour: string | null;
  purple: number | null;
  managedSince: string | null;
  responsible: string | null;
  submittedAt: string | null;
  battery: string | null;
  totals: string | null;
  critical: string | null;
}

export interface RosterQuery {
  period: Period;
  /** Levels in the rule set's order, most urgent first: the roster's first sort key. */
  levelOrder: readonly string[];
  /** Levels that open a case: a flagged result without a case still belongs on the roster. */
  flaggedLevels: readonly string[];
  levels?: readonly string[] | undefined;
  scope: ClassRef[] | null;
}

function mainSql(scope: string, critical: string): string {
  const inPeriod = `s2.programme = :programme AND s2.status = 'submitted' AND s2.submitted_at >= :from AND s2.submitted_at <= :to`;
  return `
  WITH ${critical},
  recent AS (
    SELECT c.id, c.person_id, row_number() OVER (PARTITION BY c.person_id ORDER BY c.opened_at DESC, c.id DESC) AS k
    FROM cases c WHERE c.programme = :programme AND c.opened_at <= :to AND (c.status = 'open' OR c.ended_at >= :from)),
  members AS (
    SELECT person_id, id AS case_id FROM recent WHERE k = 1
    UNION ALL
    SELECT DISTINCT s2.person_id, NULL FROM screenings s2
    WHERE ${inPeriod} AND s2.level IN (SELECT value FROM json_each(:flagged))
      AND s2.person_id NOT IN (SELECT person_id FROM recent)),
  picked AS (
    SELECT m.person_id, m.case_id,
      (SELECT s2.id FROM screenings s2 WHERE s2.person_id = m.person_id AND ${inPeriod}
         ORDER BY s2.submitted_at DESC, s2.id DESC LIMIT 1) AS latest_id,
      (SELECT s2.level FROM screenings s2 WHERE s2.person_id = m.person_id AND ${inPeriod}
         AND s2.level IN (SELECT value FROM json_each(:flagged)) ORDER BY s2.submitted_at DESC, s2.id DESC LIMIT 1) AS flagged_level
    FROM members m),
  ranked AS (
    SELECT pk.person_id, pk.case_id, c.status, c.opened_at, c.ended_at, c.end_reason, c.colour, c.purple,
      c.managed_since, c.responsible_id, coalesce(c.confirmed_level, c.screen_level, pk.flagged_level) AS row_level,
      coalesce(pk.latest_id, c.screening_id) AS shown_id
    FROM picked pk LEFT JOIN cases c ON c.id = pk.case_id)
  SELECT ${PERSON_COLUMNS_SQL}, x.row_level AS level, x.case_id AS caseId, x.status AS caseStatus,
    x.opened_at AS openedAt, x.ended_at AS endedAt, x.end_reason AS endReason, x.colour, x.purple,
    x.managed_since AS managedSince, u.display_name AS responsible,
    s.submitted_at AS submittedAt, s.battery, ${TOTALS_SQL} AS totals, ${CRITICAL_SQL} AS critical
  FROM ranked x JOIN people p ON p.id = x.person_id
  LEFT JOIN screenings s ON s.id = x.shown_id
  LEFT JOIN users u ON u.id = x.responsible_id
  WHERE ${scope} AND (:levels IS NULL OR x.row_level IN (SELECT value FROM json_each(:levels)))
  ORDER BY coalesce((SELECT j.key FROM json_each(:order) j WHERE j.value = x.row_level), 999),
    ${GROUP_ORDER_SQL}, p.name, p.id`;
}

/** The roster rows in print order: level (most urgent first), then class or township, then name. */
export function* rosterRecords(db: Db, query: RosterQuery, critical: CriticalItems): Generator<RosterRecord> {
  const params: Record<string, unknown> = {
    ...periodParams(query.period),
    ...critical.params,
    flagged: JSON.stringify(query.flaggedLevels),
    order: JSON.stringify(query.levelOrder),
    levels: query.levels?.length ? JSON.stringify(query.levels) : null,
  };
  const scope = scopeCondition(query.scope, params, 'p');
  const details = detailStatements(db, query.period.programme);
  for (const row of db
    .prepare<Record<string, unknown>, MainRow>(mainSql(scope, critical.cte))
    .iterate(params)) {
    const battery = row.battery ? (JSON.parse(row.battery) as string[]) : [];
    yield {
      person: toPersonFields(row),
      level: row.level,
      screening: row.submittedAt
        ? {
            date: dayOf(row.submittedAt)!,
            battery,
            totals: parseTotals(row.totals, battery),
            critical: parseCritical(row.critical),
          }
        : null,
      case:
        row.caseId === null
          ? null
          : {
              id: row.caseId,
              status: row.caseStatus!,
              openedOn: dayOf(row.openedAt)!,
              endedOn: dayOf(row.endedAt),
              endReason: row.endReason,
              colour: row.colour,
              purple: row.purple === 1,
              managedSince: dayOf(row.managedSince),
              responsible: row.responsible,
            },
      ...(row.caseId === null
        ? { interview: null, guardianContactOn: null, referral: null, nextTask: null, followUps: 0 }
        : caseDetails(details, row.caseId, query.period.to)),
    };
  }
}

/**
 * Each open case's next task, in one pass: tasks has no index by case (its index serves the
 * worklist's status/due-date scan), so a lookup per row would scan every open task each time.
 */
function nextTasks(db: Db, programme: string): Map<number, { kind: string; dueOn: string }> {
  const rows = db
    .prepare<[string], { caseId: number; kind: string; dueOn: string }>(
      `SELECT caseId, kind, dueOn FROM (
         SELECT t.case_id AS caseId, t.kind, t.due_on AS dueOn,
           row_number() OVER (PARTITION BY t.case_id ORDER BY t.due_on, t.kind = 'safety_check' DESC, t.id) AS k
         FROM tasks t JOIN cases c ON c.id = t.case_id WHERE t.status = 'open' AND c.programme = ?)
       WHERE k = 1`,
    )
    .all(programme);
  return new Map(rows.map((r) => [r.caseId, { kind: r.kind, dueOn: r.dueOn }]));
}

function detailStatements(db: Db, programme: string) {
  return {
    nextTasks: nextTasks(db, programme),
    interview: db.prepare<[number, string], { level: string | null; detail: string }>(
      `SELECT level_after AS level, detail FROM case_events WHERE case_id = ? AND kind = 'interview' AND at <= ?
       ORDER BY at DESC, id DESC LIMIT 1`,
    ),
    guardian: db.prepare<[number, string], { detail: string; at: string }>(
      `SELECT detail, at FROM case_events WHERE case_id = ? AND kind = 'guardian_contact' AND at <= ?
       ORDER BY at DESC, id DESC LIMIT 1`,
    ),
    referral: db.prepare<
      [number],
      { institution: string; referredOn: string; attendedOn: string | null; diagnosis: string | null }
    >(
      `SELECT institution, referred_on AS referredOn, attended_on AS attendedOn, diagnosis FROM referrals
       WHERE case_id = ? ORDER BY referred_on DESC, id DESC LIMIT 1`,
    ),
    followUps: db
      .prepare<[number, string], number>(
        "SELECT count(*) FROM case_events WHERE case_id = ? AND kind = 'follow_up' AND at <= ?",
      )
      .pluck(),
  };
}

function caseDetails(statements: ReturnType<typeof detailStatements>, caseId: number, to: string) {
  const until = `${to}\uffff`;
  const interview = statements.interview.get(caseId, until);
  const guardian = statements.guardian.get(caseId, until);
  const guardianDetail = guardian ? (JSON.parse(guardian.detail) as { contactedOn?: string }) : null;
  return {
    interview: interview
      ? {
          level: interview.level,
          reason: (JSON.parse(interview.detail) as { reason?: string }).reason ?? null,
        }
      : null,
    guardianContactOn: guardian ? (guardianDetail?.contactedOn ?? dayOf(guardian.at)) : null,
    referral: statements.referral.get(caseId) ?? null,
    nextTask: statements.nextTasks.get(caseId) ?? null,
    followUps: statements.followUps.get(caseId, until) ?? 0,
  };
}
