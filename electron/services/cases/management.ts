import { isUnderManagement, taskKindSchema, type Case } from '../../../shared/api/cases';
import { AppError } from '../../../shared/api/errors';
import type { Db } from '../../db/database';
import { nowIso } from '../../db/database';
import { audit } from '../audit';
import { addEvent, caseRow, closeTasks, getCase, requireOpen } from './cases';

/**
 * The clinician's five-colour assignment; a reason is always recorded, with the colour before.
 * A managed colour names the assigning clinician as responsible unless someone already is.
 */
export function assignColour(
  db: Db,
  userId: number,
  input: {
    caseId: number;
    colour: NonNullable<Case['colour']>;
    purple: boolean;
    reason: string;
    plan?: string;
  },
): Case {
  const row = caseRow(db, input.caseId);
  requireOpen(row);
  if (row.programme !== 'perinatal')
    throw new AppError('invalid_input', 'Risk colours belong to perinatal cases.');
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
      // The 专案管理 plan travels with the colour that opened or renewed management.
      { reason: input.reason, purple: input.purple, ...(input.plan ? { plan: input.plan } : {}) },
      { before: row.colour, after: input.colour },
    );
  })();
  audit(db, userId, 'case.colour', String(row.id));
  return getCase(db, row.id);
}

/** 结案: at 产后42天 or earlier, always with a reason; every open task ends with it. */
export function closeCase(
  db: Db,
  userId: number,
  input: { caseId: number; reason: string; note?: string },
): Case {
  const row = caseRow(db, input.caseId);
  requireOpen(row);
  db.transaction(() => {
    db.prepare("UPDATE cases SET status = 'closed', ended_at = ?, end_reason = ? WHERE id = ?").run(
      nowIso(),
      input.reason,
      row.id,
    );
    addEvent(db, row.id, 'closed', userId, { reason: input.reason, note: input.note ?? null });
    // Every kind, 需当面确认 included: the recorded decision ends them all.
    closeTasks(db, row.id, userId, [...taskKindSchema.options], 'cancelled');
  })();
  audit(db, userId, 'case.close', String(row.id));
  return getCase(db, row.id);
}
