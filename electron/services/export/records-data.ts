import type { ClassRef } from '../../../shared/api/auth';
import type { Db } from '../../db/database';
import { inScope } from '../scope';
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
import { batteryParser } from './pass';
import type { PersonFields } from './roster-data';

/**
 * One line of the 测评记录 sheet: every sheet submitted or declined in the period, and every
 * sheet never submitted whose critical answer was given in it (dated by that answer).
 */
export interface ScreeningRecord {
  person: PersonFields;
  date: string;
  campaign: string | null;
  mode: string;
  status: string;
  level: string | null;
  battery: string[];
  totals: Total[];
  critical: CriticalAnswer[];
}

const IN_PERIOD = `s.programme = :programme AND (s.status IN ('submitted', 'declined')
  AND s.submitted_at >= :from AND s.submitted_at <= :to
  OR s.status = 'in_progress' AND s.id IN (SELECT a.screening_id FROM alerts a WHERE a.raised_at >= :from AND a.raised_at <= :to))`;
const DATE_SQL =
  'coalesce(s.submitted_at, (SELECT min(a.raised_at) FROM alerts a WHERE a.screening_id = s.id))';

// The screenings table is read whole here. NOT INDEXED keeps it a sequential scan over the index on
// (programme, status, submitted_at): walking fat rows in index order measured 2.5–5 times slower on
// 150,000 screenings, every page being decrypted again on each cache miss.

export function* screeningRecords(
  db: Db,
  period: Period,
  scope: ClassRef[] | null,
  critical: CriticalItems,
  people: ReadonlyMap<number, PersonFields>,
): Generator<ScreeningRecord> {
  const params: Record<string, unknown> = { ...periodParams(period), ...critical.params };
  const sql = `WITH ${critical.cte}
    SELECT s.person_id AS personId, ${DATE_SQL} AS submittedAt, s.status, s.mode, s.level, s.battery,
      c.name AS campaign, ${TOTALS_SQL} AS totals, ${CRITICAL_SQL} AS critical
    FROM screenings s NOT INDEXED LEFT JOIN campaigns c ON c.id = s.campaign_id
    WHERE ${IN_PERIOD}
    ORDER BY submittedAt, s.id`;
  interface Row {
    personId: number;
    submittedAt: string;
    status: string;
    mode: string;
    level: string | null;
    battery: string;
    campaign: string | null;
    totals: string | null;
    critical: string | null;
  }
  const parseBattery = batteryParser();
  for (const row of db.prepare<Record<string, unknown>, Row>(sql).iterate(params)) {
    const person = people.get(row.personId);
    if (!person || !inScope(scope, person)) continue;
    const battery = parseBattery(row.battery);
    const totals = parseTotals(row.totals, battery);
    yield {
      person,
      date: dayOf(row.submittedAt)!,
      campaign: row.campaign,
      mode: row.mode,
      status: row.status,
      level: row.level,
      battery,
      totals,
      critical: parseCritical(db, row.critical, totals, critical),
    };
  }
}
