import type { Person, PerinatalStatus } from '../../../shared/api/people';
import {
  TIME_POINT_INSTRUMENTS,
  defaultScreeningWindows,
  perinatalStage,
  timePointStates,
  todayIso,
  type IsoDate,
  type ScreeningWindows,
} from '../../../shared/people';
import type { Db } from '../../db/database';
import { currentScreeningWindows } from './screening-windows';

/** What a status needs beyond the register's dates: the windows in force and her screening days. */
export interface PerinatalFacts {
  windows?: ScreeningWindows;
  screenedOn?: readonly IsoDate[];
}

/**
 * A woman's stage today and her screening time points, from LMP/EDD, delivery date and the days
 * she was screened (see `timePointStates`). Without `facts` only the calendar speaks (no point is
 * done, default windows): callers with a database use `perinatalFacts` to fill them.
 */
export function perinatalStatus(
  person: Person,
  today: IsoDate = todayIso(),
  { windows = defaultScreeningWindows, screenedOn = [] }: PerinatalFacts = {},
): PerinatalStatus | null {
  if (person.kind !== 'woman') return null;
  const dates = { lmp: person.lmp, edd: person.edd, deliveryDate: person.deliveryDate };
  const stage = perinatalStage(dates, today);
  const states = timePointStates(dates, screenedOn, today, windows);
  return {
    stage: stage ? (stage.kind === 'postpartum' ? 'postpartum' : stage.trimester) : null,
    stageLabel: stage
      ? stage.kind === 'postpartum'
        ? stage.label
        : states?.deliveryNeeded
          ? `已过预产期${states.daysPastDue ?? 0}天`
          : `${stage.label} ${stage.age.weeks}+${stage.age.days}周`
      : null,
    gestation: stage?.kind === 'pregnant' ? { weeks: stage.age.weeks, days: stage.age.days } : null,
    postpartumDays: stage?.kind === 'postpartum' ? stage.days : null,
    timePoints: states?.points ?? [],
    nextDue: states?.nextDue ?? null,
    deliveryNeeded: states?.deliveryNeeded ?? false,
    daysPastDue: states?.daysPastDue ?? null,
  };
}

// The instrument list is a constant of shared/, so it is spelled into the SQL, not bound per call.
const COUNTED = TIME_POINT_INSTRUMENTS.map((id) => `'${id}'`).join(', ');

/**
 * The days each woman was screened: submitted perinatal sheets with a counted instrument, by the
 * day of submission (as the statistics date a screening). `personIds` narrows to those women.
 */
export function screeningDays(db: Db, personIds?: readonly number[]): Map<number, IsoDate[]> {
  const rows = db
    .prepare<{ ids: string | null }, { person_id: number; day: string }>(
      `SELECT s.person_id, substr(s.submitted_at, 1, 10) AS day FROM screenings s
       WHERE s.status = 'submitted' AND s.programme = 'perinatal' AND s.submitted_at IS NOT NULL
         AND (:ids IS NULL OR s.person_id IN (SELECT value FROM json_each(:ids)))
         AND EXISTS (SELECT 1 FROM screening_results r
                     WHERE r.screening_id = s.id AND r.instrument_id IN (${COUNTED}))
       ORDER BY s.person_id, day`,
    )
    .all({ ids: personIds ? JSON.stringify(personIds) : null });
  const days = new Map<number, IsoDate[]>();
  for (const row of rows) {
    const list = days.get(row.person_id);
    if (list) list.push(row.day);
    else days.set(row.person_id, [row.day]);
  }
  return days;
}

/**
 * The facts for the women about to be listed, read once: the windows in force and their screening
 * days (one query for the page's women, or for everyone when `personIds` is left out).
 */
export function perinatalFacts(db: Db, personIds?: readonly number[]): (id: number) => PerinatalFacts {
  const windows = currentScreeningWindows(db);
  const days = screeningDays(db, personIds);
  return (id) => ({ windows, screenedOn: days.get(id) ?? [] });
}

/** One woman's status with her screenings and the windows in force (for a caller with a Db). */
export function perinatalStatusOf(
  db: Db,
  person: Person,
  today: IsoDate = todayIso(),
): PerinatalStatus | null {
  if (person.kind !== 'woman') return null;
  return perinatalStatus(person, today, perinatalFacts(db, [person.id])(person.id));
}
