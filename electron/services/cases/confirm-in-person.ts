import type { Case } from '../../../shared/api/cases';
import { sheetBlanks, type ScoreResult } from '../../../shared/instruments';
import type { Programme } from '../../../shared/instruments';
import { blankItemReason, reasonFact, type TierResult } from '../../../shared/tiers';
import type { Db } from '../../db/database';
import { nowIso } from '../../db/database';
import { statement } from '../../db/statements';
import { audit } from '../audit';
import { addEvent, caseRow, getCase, levelOf, requireOpen, type CaseRow } from './cases';
import { applyAction } from './task-effects';

/**
 * Called with a submitted sheet's results, in the submit's transaction: a critical item left blank
 * (PHQ-9 第9题, EPDS 第10题) cannot rule self-harm thoughts out, so the person is asked in person.
 * The 需当面确认 task is due the same day, like a safety check: a blank may hide the answer that
 * would have raised a red alert, and on a screening day the person is still at hand; "next school
 * day" would leave a weekend or a holiday between a possible risk and an adult. It goes on the open
 * case, or on a case opened for it at the screened level when none is open, so it cannot fall off
 * the 预警台账. One open task per case is enough: a second blank sheet adds nothing to ask.
 */
export function askInPersonIfCriticalBlank(
  db: Db,
  personId: number,
  programme: Programme,
  screeningId: number,
  tier: TierResult,
  results: readonly ScoreResult[],
): void {
  const { blankCritical } = sheetBlanks(results);
  if (!blankCritical.length) return;
  const blanks = blankCritical.map((b) => blankItemReason(b.instrumentId, b.number));
  const open = statement<[number, Programme], CaseRow>(
    db,
    "SELECT * FROM cases WHERE person_id = ? AND programme = ? AND status = 'open'",
  ).get(personId, programme);
  let caseId: number;
  if (open) {
    caseId = open.id;
  } else {
    caseId = Number(
      statement(
        db,
        "INSERT INTO cases (person_id, programme, status, screen_level, screening_id, opened_at) VALUES (?, ?, 'open', ?, ?, ?)",
      ).run(personId, programme, tier.level, screeningId, nowIso()).lastInsertRowid,
    );
    addEvent(
      db,
      caseId,
      'flagged',
      null,
      { screeningId, reasons: [...tier.reasons.map(reasonFact), ...blanks] },
      { before: null, after: tier.level },
    );
  }
  // One open 需当面确认 per case is enough: a second blank sheet adds nothing to ask.
  applyAction(db, { id: caseId, programme }, null, 'critical_blank', {
    level: open ? levelOf(open) : tier.level,
  });
}

/**
 * Closes the 需当面确认 task with what the person said and how it was established. Thoughts of
 * self-harm reported in person are what a positive item 9 would have been: a same-day safety check.
 */
export function confirmInPerson(
  db: Db,
  userId: number,
  input: { caseId: number; finding: 'denied' | 'reported'; note: string },
): Case {
  const row = caseRow(db, input.caseId);
  requireOpen(row);
  db.transaction(() => {
    addEvent(db, row.id, 'confirmed_in_person', userId, { finding: input.finding, note: input.note });
    applyAction(db, row, userId, input.finding === 'reported' ? 'confirmed_reported' : 'confirmed_denied', {
      level: levelOf(row),
    });
  })();
  audit(db, userId, 'case.confirmInPerson', String(row.id));
  return getCase(db, row.id);
}
