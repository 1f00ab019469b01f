import { isUnderManagement, type Case, type TaskKind } from '../../../shared/api/cases';
import { AppError, refusal } from '../../../shared/api/errors';
import { closeRefusal, type CloseReason, type CloseState } from '../../../shared/cases/close';
import { todayIso } from '../../../shared/people/date';
import type { Db } from '../../db/database';
import { nowIso } from '../../db/database';
import { statement } from '../../db/statements';
import { audit } from '../audit';
import { addEvent, caseRow, getCase, levelOf, requireOpen, type CaseRow } from './cases';
import { caseReferrals, suggestedColour } from './referrals';
import { applyAction } from './task-effects';

/**
 * The clinician's five-colour assignment, with the colour before. Against a suggestion it is
 * recorded as accepted (the suggested colour; a reason is optional) or changed (another colour,
 * with the reason the override needs); without one, as assigned with its reason. A managed colour
 * names the assigning clinician as responsible unless someone already is.
 */
export function assignColour(
  db: Db,
  userId: number,
  input: {
    caseId: number;
    colour: NonNullable<Case['colour']>;
    purple: boolean;
    reason?: string | undefined;
    plan?: string | undefined;
  },
): Case {
  const row = caseRow(db, input.caseId);
  requireOpen(row);
  if (row.programme !== 'perinatal')
    throw new AppError('invalid_input', 'Risk colours belong to perinatal cases.');
  const suggested = suggestedColour(db, row);
  const decision = suggested === null ? 'assigned' : input.colour === suggested ? 'accepted' : 'changed';
  if (decision !== 'accepted' && !input.reason)
    throw refusal(
      'invalid_input',
      'cases.colour_reason_required',
      'A colour other than the suggested one needs a reason.',
      {
        ...(suggested ? { suggested } : {}),
      },
    );
  const managed = isUnderManagement(input.colour, input.purple);
  db.transaction(() => {
    db.prepare(
      `UPDATE cases SET colour = ?, purple = ?, managed_since = CASE WHEN ? THEN coalesce(managed_since, ?) END,
       responsible_id = CASE WHEN ? THEN coalesce(responsible_id, ?) ELSE responsible_id END WHERE id = ?`,
    ).run(input.colour, input.purple ? 1 : 0, managed ? 1 : 0, nowIso(), managed ? 1 : 0, userId, row.id);
    addEvent(
      db,
      row.id,
      'colour',
      userId,
      {
        decision,
        ...(suggested ? { suggested } : {}),
        ...(input.reason ? { reason: input.reason } : {}),
        purple: input.purple,
        // The 专案管理 plan travels with the colour that opened or renewed management.
        ...(input.plan ? { plan: input.plan } : {}),
      },
      { before: row.colour, after: input.colour },
    );
    applyAction(db, row, userId, 'colour', { level: levelOf(row) });
  })();
  audit(db, userId, 'case.colour', String(row.id));
  return getCase(db, row.id);
}

/** What shared/cases/close.ts checks a 结案 reason against, read for one case. */
export function closeState(db: Db, row: CaseRow, today = todayIso()): CloseState {
  const person = statement<
    [number],
    { lmp: string | null; edd: string | null; delivery_date: string | null; kind: string }
  >(db, 'SELECT kind, lmp, edd, delivery_date FROM people WHERE id = ?').get(row.person_id);
  const openTasks = statement<[number], { kind: TaskKind }>(
    db,
    "SELECT kind FROM tasks WHERE case_id = ? AND status = 'open'",
  )
    .all(row.id)
    .map((t) => t.kind);
  const contacts = statement<[number], { n: number }>(
    db,
    `SELECT count(*) AS n FROM case_events WHERE case_id = ?
       AND kind IN ('safety_check', 'confirmed_in_person', 'interview', 'follow_up')`,
  ).get(row.id);
  return {
    today,
    dates:
      person && person.kind === 'woman'
        ? { lmp: person.lmp, edd: person.edd, deliveryDate: person.delivery_date }
        : null,
    referrals: caseReferrals(db, row.id),
    openTasks,
    contacted: (contacts?.n ?? 0) > 0,
  };
}

/**
 * 结案, always with a reason that fits her state now (shared/cases/close.ts: 产后42天 only 42 days
 * after delivery, not with a referral unattended …); every open task ends with it.
 */
export function closeCase(
  db: Db,
  userId: number,
  input: { caseId: number; reason: CloseReason; note?: string | undefined },
): Case {
  const row = caseRow(db, input.caseId);
  requireOpen(row);
  const refused = closeRefusal(input.reason, closeState(db, row));
  if (refused)
    throw refusal(
      'conflict',
      refused.reason,
      `The case cannot be closed as ${input.reason} now.`,
      refused.params,
    );
  db.transaction(() => {
    db.prepare("UPDATE cases SET status = 'closed', ended_at = ?, end_reason = ? WHERE id = ?").run(
      nowIso(),
      input.reason,
      row.id,
    );
    addEvent(db, row.id, 'closed', userId, { reason: input.reason, note: input.note ?? null });
    // Every kind, 需当面确认 included: the recorded decision ends them all.
    applyAction(db, row, userId, 'closed', { level: levelOf(row) });
  })();
  audit(db, userId, 'case.close', String(row.id));
  return getCase(db, row.id);
}
