import type { Db } from '../../db/database';
import { batteryColumn, parseJsonColumn } from '../../db/json-column';
import { periodParams, type Period } from './query';

/** A person's most recent submitted screening in the period. */
export interface Latest {
  id: number;
  level: string;
  submittedAt: string;
}

/**
 * What the export needs to know about every screening in the period, from one read of the table:
 * each person's latest result and latest flagged level, who answered a critical item, and which
 * instruments were used. The summary figures, the statistics sheet and the roster's membership all
 * come from here, where they used to scan the screenings once each.
 */
export interface ScreeningPass {
  latest: Map<number, Latest>;
  /** The level of each person's latest screening whose level opens a case. */
  flagged: Map<number, string>;
  /** People with any critical item in the period. */
  critical: Set<number>;
  /** The instruments of every submitted or declined sheet, in first-seen order. */
  instruments: string[];
  /** How many submitted or declined sheets each person has in the period (the 测评记录 rows). */
  sheets: Map<number, number>;
  /**
   * Perinatal only: every submitted sheet of each person in the period, oldest first, and which
   * fired a critical item; the figures per time point count each time point a woman was screened at.
   */
  submitted: Map<number, (Latest & { critical: boolean })[]>;
}

/** Cached: a period holds a handful of distinct batteries, so each is parsed once. */
export function batteryParser(): (json: string | null) => string[] {
  const parsed = new Map<string, string[]>();
  return (json) => {
    if (!json) return [];
    let battery = parsed.get(json);
    if (!battery) {
      battery = parseJsonColumn(batteryColumn, json, 'screenings.battery');
      parsed.set(json, battery);
    }
    return battery;
  };
}

const later = (a: { submittedAt: string; id: number }, b: Latest | undefined) =>
  !b || a.submittedAt > b.submittedAt || (a.submittedAt === b.submittedAt && a.id > b.id);

// A sequential scan: reading the whole period through screenings_period measured twice as slow,
// each row being fetched from the table in index order.
const IN_PERIOD = `s.programme = :programme AND s.status IN ('submitted', 'declined')
  AND s.submitted_at >= :from AND s.submitted_at <= :to`;

/**
 * People whose critical answer in the period sits on a sheet never submitted (未完成（含关键条目阳性）):
 * they count under 关键条目阳性 like a scored one (alerts are few; alerts_open-free scan).
 */
export const UNSUBMITTED_CRITICAL_PEOPLE = `SELECT s.person_id FROM alerts a JOIN screenings s ON s.id = a.screening_id
  WHERE s.programme = :programme AND s.status <> 'submitted' AND a.raised_at >= :from AND a.raised_at <= :to`;

export function screeningPass(db: Db, period: Period, flaggedLevels: readonly string[]): ScreeningPass {
  const flaggedSet = new Set(flaggedLevels);
  const latest = new Map<number, Latest>();
  const latestFlagged = new Map<number, Latest>();
  const batteries = new Set<string>();
  const rows = db
    .prepare<ReturnType<typeof periodParams>, [number, number, string, string | null, string, string]>(
      `SELECT s.id, s.person_id, s.status, s.level, s.submitted_at, s.battery
       FROM screenings s NOT INDEXED WHERE ${IN_PERIOD}`,
    )
    .raw()
    .iterate(periodParams(period));
  const sheets = new Map<number, number>();
  const perinatal = period.programme === 'perinatal';
  const submitted = new Map<number, (Latest & { critical: boolean })[]>();
  for (const [id, personId, status, level, submittedAt, battery] of rows) {
    batteries.add(battery);
    sheets.set(personId, (sheets.get(personId) ?? 0) + 1);
    if (status !== 'submitted' || level === null) continue;
    const row = { id, level, submittedAt };
    if (perinatal) submitted.set(personId, [...(submitted.get(personId) ?? []), { ...row, critical: false }]);
    if (later(row, latest.get(personId))) latest.set(personId, row);
    if (flaggedSet.has(level) && later(row, latestFlagged.get(personId))) latestFlagged.set(personId, row);
  }
  // Few results fire a critical item, so this starts from them (screening_results_critical).
  const critical = new Set(
    db
      .prepare<ReturnType<typeof periodParams>, number>(
        `SELECT DISTINCT s.person_id FROM screening_results r JOIN screenings s ON s.id = r.screening_id
         WHERE r.critical = 1 AND s.programme = :programme AND s.status = 'submitted'
           AND s.submitted_at >= :from AND s.submitted_at <= :to
         UNION ${UNSUBMITTED_CRITICAL_PEOPLE}`,
      )
      .pluck()
      .all(periodParams(period)),
  );
  if (perinatal) {
    const criticalSheets = new Set(
      db
        .prepare<ReturnType<typeof periodParams>, number>(
          `SELECT DISTINCT s.id FROM screening_results r JOIN screenings s ON s.id = r.screening_id
           WHERE r.critical = 1 AND s.programme = :programme AND s.status = 'submitted'
             AND s.submitted_at >= :from AND s.submitted_at <= :to`,
        )
        .pluck()
        .all(periodParams(period)),
    );
    for (const list of submitted.values()) {
      for (const sheet of list) sheet.critical = criticalSheets.has(sheet.id);
      list.sort((a, b) => (later(a, b) ? 1 : -1));
    }
  }
  const parse = batteryParser();
  return {
    submitted,
    latest,
    flagged: new Map([...latestFlagged].map(([personId, l]) => [personId, l.level])),
    critical,
    instruments: [...new Set([...batteries].flatMap(parse))],
    sheets,
  };
}
