import type { BundleCase } from '../../../shared/hub/bundle';
import type { SharingAgreement } from '../../../shared/hub/agreement';
import type { Programme } from '../../../shared/instruments';
import type { Db } from '../../db/database';
import { blankCriticalReasons } from '../cases/blank-reasons';
import { ANSWER_FLAG_SQL, mergeReasons } from '../cases/cases';
import { pseudonymOf } from './pseudonym';

interface CaseRowOut {
  id: number;
  person_id: number;
  status: 'open' | 'lifted' | 'closed';
  screen_level: string;
  confirmed_level: string | null;
  screening_id: number | null;
  opened_at: string;
  ended_at: string | null;
  end_reason: string | null;
  purple: number;
  tier: string | null;
  answer_flag: string | null;
  name: string;
  grade: string | null;
  class_name: string | null;
}

/** What the case loop's referral says, as the bundle's four states. */
function referralState(
  r: { status: string; attended_on: string | null; conclusion: string | null } | undefined,
) {
  if (!r) return 'none' as const;
  if (r.conclusion !== null || r.status === 'diagnosed' || r.status === 'closed') return 'concluded' as const;
  if (r.attended_on !== null || r.status === 'attended') return 'attended' as const;
  return 'referred' as const;
}

/** Whether the agreement lets this case carry its person's name: open, at one of its name levels. */
export const mayName = (agreement: SharingAgreement, status: string, level: string | null): boolean =>
  agreement.names && status === 'open' && level !== null && agreement.nameLevels.includes(level);

/**
 * Every case of the programme (open, lifted, closed) as a pseudonymous record: the level and
 * reason facts, open tasks (kind and due day), the referral's state and the outcome as a code.
 * Never a note, a method's text, the lifting reason (free text) or anything from the register;
 * the name, grade and class only where `mayName` holds.
 */
export function caseRecords(
  db: Db,
  programme: Programme,
  pseudonymKey: Buffer,
  agreement: SharingAgreement,
): BundleCase[] {
  const rows = db
    .prepare<[Programme], CaseRowOut>(
      `SELECT c.id, c.person_id, c.status, c.screen_level, c.confirmed_level, c.screening_id, c.opened_at,
              c.ended_at, c.end_reason, c.purple, s.tier, ${ANSWER_FLAG_SQL} AS answer_flag,
              p.name, p.grade, p.class_name
       FROM cases c JOIN people p ON p.id = c.person_id LEFT JOIN screenings s ON s.id = c.screening_id
       WHERE c.programme = ? ORDER BY c.id`,
    )
    .all(programme);
  const tasks = new Map<number, { kind: string; dueOn: string }[]>();
  for (const t of db
    .prepare<[], { case_id: number; kind: string; due_on: string }>(
      "SELECT case_id, kind, due_on FROM tasks WHERE status = 'open' ORDER BY due_on, id",
    )
    .all())
    tasks.set(t.case_id, [...(tasks.get(t.case_id) ?? []), { kind: t.kind, dueOn: t.due_on }]);
  // The latest referral of each case (the later row wins).
  const referrals = new Map<
    number,
    { status: string; attended_on: string | null; conclusion: string | null }
  >();
  for (const r of db
    .prepare<[], { case_id: number; status: string; attended_on: string | null; conclusion: string | null }>(
      'SELECT case_id, status, attended_on, conclusion FROM referrals ORDER BY referred_on, id',
    )
    .all())
    referrals.set(r.case_id, r);

  return rows.map((r): BundleCase => {
    const level = r.confirmed_level ?? r.screen_level;
    const referral = referrals.get(r.id);
    const outcome =
      r.status === 'closed'
        ? r.end_reason
        : (referral?.conclusion ?? (r.status === 'lifted' ? 'lifted' : null));
    const record: BundleCase = {
      ref: pseudonymOf(pseudonymKey, 'case', r.id),
      person: pseudonymOf(pseudonymKey, 'person', r.person_id),
      status: r.status,
      level,
      purple: r.purple === 1,
      reasons: [...mergeReasons(r.tier, r.answer_flag), ...blankCriticalReasons(db, r.screening_id)].slice(
        0,
        40,
      ),
      openedOn: r.opened_at.slice(0, 10),
      endedOn: r.ended_at?.slice(0, 10) ?? null,
      tasks: (tasks.get(r.id) ?? []).slice(0, 20),
      referral: referralState(referral),
      outcome: outcome?.slice(0, 40) ?? null,
    };
    if (mayName(agreement, r.status, level)) {
      record.name = r.name.slice(0, 60);
      if (r.grade !== null) record.grade = r.grade.slice(0, 40);
      if (r.class_name !== null) record.className = r.class_name.slice(0, 60);
    }
    return record;
  });
}
