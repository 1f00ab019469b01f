import type { Case } from '../../../shared/api/cases';
import { refusal } from '../../../shared/api/errors';
import { canReopen } from '../../../shared/cases/transitions';
import { addDays, todayIso } from '../../../shared/people';
import type { Db } from '../../db/database';
import { audit } from '../audit';
import { addEvent, caseRow, followUpIntervals, getCase, levelOf } from './cases';
import { applyAction } from './task-effects';

/**
 * 重新开放: a lifted warning comes back when the worry does. The case is open again at the level
 * it had (the person's current level follows: the registers' triggers recompute it from the open
 * case), the reopening and its reason are an event, and the work resumes with a follow-up due on
 * `nextOn` (by default the level's first-contact interval from today). A closed case stays closed,
 * and a person with another open case keeps that one.
 */
export function reopenCase(
  db: Db,
  userId: number,
  input: { caseId: number; reason: string; nextOn?: string },
): Case {
  const row = caseRow(db, input.caseId);
  if (!canReopen(row.status))
    throw refusal(
      'conflict',
      'cases.not_lifted',
      `Case ${row.id} is not a lifted warning; only those reopen.`,
    );
  const other = db
    .prepare<[number, string, number], { id: number }>(
      "SELECT id FROM cases WHERE person_id = ? AND programme = ? AND status = 'open' AND id <> ?",
    )
    .get(row.person_id, row.programme, row.id);
  if (other)
    throw refusal(
      'conflict',
      'cases.other_open',
      `The person already has an open case (${other.id}); follow that one instead.`,
      { caseId: other.id },
    );
  const today = todayIso();
  if (input.nextOn && input.nextOn < today)
    throw refusal('invalid_input', 'cases.next_on_past', 'The next follow-up date is before today.');
  const level = levelOf(row);
  const nextOn = input.nextOn ?? addDays(today, followUpIntervals(db, row.programme)[level]?.first ?? 14);
  db.transaction(() => {
    db.prepare("UPDATE cases SET status = 'open', ended_at = NULL, end_reason = NULL WHERE id = ?").run(
      row.id,
    );
    addEvent(
      db,
      row.id,
      'reopened',
      userId,
      { reason: input.reason, nextOn },
      { before: null, after: level },
    );
    applyAction(db, row, userId, 'reopened', { level, nextOn });
  })();
  audit(db, userId, 'case.reopen', String(row.id));
  return getCase(db, row.id);
}
