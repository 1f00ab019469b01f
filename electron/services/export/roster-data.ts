import type { ClassRef } from '../../../shared/api/auth';
import type { Db } from '../../db/database';
import { GROUP_ORDER_SQL, GROUP_SQL } from '../screening/groups';
import { scopeCondition } from '../scope';
import { caseDetails, type CaseDetails } from './details';
import { batteryParser, type ScreeningPass } from './pass';
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

/** A person as the sheets show them, with the keys the statistics group by. */
export interface PersonRecord extends PersonFields {
  kind: 'student' | 'woman';
  grp: string;
  gradeOrdinal: number | null;
}

/**
 * Everyone, read once: the statistics and the 测评记录 sheet look people up here instead of joining
 * them to every screening (which also made the sheet's sort carry every identity column).
 */
export function loadPeople(db: Db): Map<number, PersonRecord> {
  const people = new Map<number, PersonRecord>();
  for (const row of db
    .prepare<[], PersonRow & { kind: 'student' | 'woman'; grp: string; gradeOrdinal: number | null }>(
      `SELECT ${PERSON_COLUMNS_SQL}, p.kind, ${GROUP_SQL} AS grp, p.grade_ordinal AS gradeOrdinal FROM people p`,
    )
    .iterate()) {
    const { personId, ...rest } = row;
    people.set(personId, { id: personId, ...rest });
  }
  return people;
}

/** One line of the 随访名册: a person with an open or recent case, or a flagged result, in the period. */
export interface RosterRecord extends CaseDetails {
  person: PersonFields;
  /**
   * Where the person stands now: the one current level (shared/figures/current-level.ts), as the
   * register, file and worklist show it; '' once a warning was lifted or closed with no screening
   * flagging them since (状态 then says 已解除 or 已结案, 复核结论 keeps the reviewed level).
   */
  level: string;
  screening: { date: string; battery: string[]; totals: Total[]; critical: CriticalAnswer[] } | null;
  /** The case stands on a critical answer of a sheet never submitted (未完成（含关键条目阳性）). */
  unsubmittedCritical: boolean;
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
}

interface MainRow extends PersonRow {
  /** The member's index in the list the query was given. */
  k: number;
  submittedAt: string | null;
  sheetStatus: string | null;
  battery: string | null;
  totals: string | null;
  critical: string | null;
}

export interface RosterQuery {
  period: Period;
  /** Levels in the rule set's order, most urgent first: the roster's first sort key. */
  levelOrder: readonly string[];
  levels?: readonly string[] | undefined;
  scope: ClassRef[] | null;
}

interface CaseRow {
  id: number;
  personId: number;
  status: 'open' | 'lifted' | 'closed';
  openedAt: string;
  endedAt: string | null;
  endReason: string | null;
  colour: string | null;
  purple: number;
  managedSince: string | null;
  responsible: string | null;
  level: string;
  screeningId: number | null;
}

export interface RosterMember {
  personId: number;
  level: string;
  screeningId: number | null;
  case: CaseRow | null;
}

/**
 * Who is on the roster: each person's latest case open in or overlapping the period, then flagged
 * people without one; only those `include` keeps (the chosen grades, classes or townships). Each
 * with the one current level (people.current_level), the level every other screen shows.
 */
export function rosterMembers(
  db: Db,
  query: RosterQuery,
  pass: ScreeningPass,
  include: (personId: number) => boolean,
): RosterMember[] {
  const cases = db
    .prepare<ReturnType<typeof periodParams>, CaseRow>(
      `SELECT id, personId, status, openedAt, endedAt, endReason, colour, purple, managedSince, responsible, level, screeningId
       FROM (SELECT c.id, c.person_id AS personId, c.status, c.opened_at AS openedAt, c.ended_at AS endedAt,
               c.end_reason AS endReason, c.colour, c.purple, c.managed_since AS managedSince,
               u.display_name AS responsible, coalesce(p.current_level, '') AS level,
               c.screening_id AS screeningId,
               row_number() OVER (PARTITION BY c.person_id ORDER BY c.opened_at DESC, c.id DESC) AS k
             FROM cases c JOIN people p ON p.id = c.person_id LEFT JOIN users u ON u.id = c.responsible_id
             WHERE c.programme = :programme AND c.opened_at <= :to AND (c.status = 'open' OR c.ended_at >= :from))
       WHERE k = 1`,
    )
    .all(periodParams(query.period));
  const list: RosterMember[] = [];
  const withCase = new Set<number>();
  for (const c of cases) {
    withCase.add(c.personId);
    list.push({
      personId: c.personId,
      level: c.level,
      screeningId: pass.latest.get(c.personId)?.id ?? c.screeningId,
      case: c,
    });
  }
  const current = db
    .prepare<[number], string | null>('SELECT current_level FROM people WHERE id = ?')
    .pluck();
  for (const personId of pass.flagged.keys())
    if (!withCase.has(personId))
      list.push({
        personId,
        level: current.get(personId) ?? '',
        screeningId: pass.latest.get(personId)?.id ?? null,
        case: null,
      });
  const wanted = query.levels?.length ? new Set(query.levels) : null;
  return list.filter((m) => include(m.personId) && (!wanted || wanted.has(m.level)));
}

/**
 * The roster rows in print order: level (most urgent first), then class or township, then name.
 * Membership comes from the screening pass and one read of the cases; the people, shown sheets and
 * their totals are then read in one query driven by that list, and each case's details in one pass
 * per table (details.ts), instead of a handful of lookups per row.
 */
export function* rosterRecords(
  db: Db,
  query: RosterQuery,
  critical: CriticalItems,
  list: readonly RosterMember[],
): Generator<RosterRecord> {
  const rank = new Map(query.levelOrder.map((id, i) => [id, i]));
  const params: Record<string, unknown> = {
    ...critical.params,
    members: JSON.stringify(list.map((m) => [m.personId, m.screeningId, rank.get(m.level) ?? 999])),
  };
  const scope = scopeCondition(query.scope, params, 'p');
  const details = caseDetails(db, query.period);
  const battery = batteryParser();
  const sql = `WITH ${critical.cte}
    SELECT j.key AS k, ${PERSON_COLUMNS_SQL}, s.submitted_at AS submittedAt, s.status AS sheetStatus, s.battery,
      ${TOTALS_SQL} AS totals, ${CRITICAL_SQL} AS critical
    FROM json_each(:members) j JOIN people p ON p.id = j.value ->> 0
    LEFT JOIN screenings s ON s.id = j.value ->> 1
    WHERE ${scope}
    ORDER BY j.value ->> 2, ${GROUP_ORDER_SQL}, p.name, p.id`;
  for (const row of db.prepare<Record<string, unknown>, MainRow>(sql).iterate(params)) {
    const member = list[row.k]!;
    const c = member.case;
    const shownBattery = battery(row.battery);
    const totals = parseTotals(row.totals, shownBattery);
    yield {
      person: toPersonFields(row),
      level: member.level,
      screening: row.submittedAt
        ? {
            date: dayOf(row.submittedAt)!,
            battery: shownBattery,
            totals,
            critical: parseCritical(db, row.critical, totals, critical),
          }
        : null,
      unsubmittedCritical: row.sheetStatus !== null && row.sheetStatus !== 'submitted',
      case: c
        ? {
            id: c.id,
            status: c.status,
            openedOn: dayOf(c.openedAt)!,
            endedOn: dayOf(c.endedAt),
            endReason: c.endReason,
            colour: c.colour,
            purple: c.purple === 1,
            managedSince: dayOf(c.managedSince),
            responsible: c.responsible,
          }
        : null,
      ...(c
        ? details(c.id)
        : { interview: null, guardianContactOn: null, referral: null, nextTask: null, followUps: 0 }),
    };
  }
}
