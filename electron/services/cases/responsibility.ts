import type { ClassRef } from '../../../shared/api/auth';
import {
  RESPONSIBLE_ROLES,
  type AssignResult,
  type ResponsibleCandidate,
} from '../../../shared/api/case-responsibility';
import { AppError, refusal } from '../../../shared/api/errors';
import type { Db } from '../../db/database';
import { audit } from '../audit';
import { inScope } from '../scope';
import { addEvent } from './cases';

const ROLE_LIST = RESPONSIBLE_ROLES.map((r) => `'${r}'`).join(', ');

/** The active staff who can be made 责任人, by name. */
export function responsibleCandidates(db: Db): ResponsibleCandidate[] {
  return db
    .prepare<[], ResponsibleCandidate>(
      `SELECT id, username, display_name AS displayName, role FROM users
       WHERE active = 1 AND role IN (${ROLE_LIST}) ORDER BY display_name, id`,
    )
    .all();
}

function candidate(db: Db, to: number | string): ResponsibleCandidate {
  const row = db
    .prepare<[number | string], ResponsibleCandidate & { active: number }>(
      `SELECT id, username, display_name AS displayName, role, active FROM users
       WHERE ${typeof to === 'number' ? 'id = ?' : 'username = ?'}`,
    )
    .get(to);
  if (!row || !row.active || !(RESPONSIBLE_ROLES as readonly string[]).includes(row.role))
    throw refusal(
      'invalid_input',
      'cases.responsible_not_eligible',
      `${String(to)} cannot be made responsible: only an active administrator or psychologist can.`,
      { user: String(to) },
    );
  const { active: _active, ...user } = row;
  return user;
}

interface CaseForAssign {
  id: number;
  status: string;
  responsible_id: number | null;
  from_name: string | null;
  grade: string | null;
  class_name: string | null;
}

/**
 * 指派 / 转交责任人 for one case or many, all or none: every id must be an open case the caller
 * may see, else nothing changes and the refusal names the cases that stopped it. Each change is
 * an `assigned` event (from → to, by whom) in the case's timeline and a line in the audit trail;
 * a case already with `to` is left as it is (no event).
 */
export function assignCases(
  db: Db,
  userId: number,
  input: { caseIds: number[]; to: number | string },
  scope: ClassRef[] | null,
): AssignResult {
  const ids = [...new Set(input.caseIds)];
  const to = candidate(db, input.to);
  const read = db.prepare<[number], CaseForAssign>(
    `SELECT c.id, c.status, c.responsible_id, u.display_name AS from_name, p.grade, p.class_name
     FROM cases c JOIN people p ON p.id = c.person_id LEFT JOIN users u ON u.id = c.responsible_id
     WHERE c.id = ?`,
  );
  const rows = ids.map((id) => ({ id, row: read.get(id) }));
  const list = (xs: { id: number }[]) => xs.map((x) => x.id).join(', ');
  const missing = rows.filter((r) => !r.row);
  if (missing.length)
    throw refusal('not_found', 'cases.unknown_cases', `No case ${list(missing)}; nothing was assigned.`, {
      caseIds: list(missing),
    });
  const found = rows.map((r) => r.row!);
  const outside = found.filter((r) => !inScope(scope, { grade: r.grade, className: r.class_name }));
  if (outside.length)
    throw refusal(
      'forbidden',
      'cases.assign_out_of_scope',
      `Case ${list(outside)} is outside the classes you may see; nothing was assigned.`,
      { caseIds: list(outside) },
    );
  const ended = found.filter((r) => r.status !== 'open');
  if (ended.length)
    throw refusal(
      'conflict',
      'cases.assign_not_open',
      `Case ${list(ended)} is lifted or closed; nothing was assigned.`,
      { caseIds: list(ended) },
    );
  const update = db.prepare('UPDATE cases SET responsible_id = ? WHERE id = ?');
  const result = db.transaction(() =>
    found.map((r) => {
      const changed = r.responsible_id !== to.id;
      if (changed) {
        update.run(to.id, r.id);
        // Staff names, not personal data of the person followed: the timeline reads them as they were.
        addEvent(db, r.id, 'assigned', userId, {
          from: r.responsible_id === null ? null : { id: r.responsible_id, name: r.from_name },
          to: { id: to.id, name: to.displayName },
        });
        audit(db, userId, 'case.assign', String(r.id), { from: r.responsible_id, to: to.id });
      }
      return { caseId: r.id, from: r.from_name, changed };
    }),
  )();
  if (result.length === 0) throw new AppError('invalid_input', 'No case to assign.');
  return { to, cases: result, changed: result.filter((r) => r.changed).length };
}
