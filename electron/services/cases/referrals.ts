import type { Case, Referral } from '../../../shared/api/cases';
import { REFERRAL_CHECK_DAYS } from '../../../shared/api/cases';
import { AppError } from '../../../shared/api/errors';
import { canReferralBecome } from '../../../shared/cases/transitions';
import { addDays } from '../../../shared/people';
import type { Db } from '../../db/database';
import { audit } from '../audit';
import { openText, referralAad, sealText } from '../clinical/vault';
import { addEvent, addTask, caseRow, closeTasks, getCase, requireOpen, type CaseRow } from './cases';

interface ReferralRow {
  id: number;
  case_id: number;
  institution: string;
  department: string | null;
  referred_on: string;
  consent: number;
  status: Referral['status'];
  attended_on: string | null;
  diagnosis: string | null;
  diagnosed_on: string | null;
  outcome: string | null;
}

/** A referral's diagnosis or outcome as this session may read it (null when it holds no key). */
export const openReferralField = (
  db: Db,
  column: 'diagnosis' | 'outcome',
  id: number,
  stored: string | null,
): string | null => openText(db, referralAad(column, id), stored);

const toReferral = (db: Db, r: ReferralRow): Referral => ({
  id: r.id,
  caseId: r.case_id,
  institution: r.institution,
  department: r.department,
  referredOn: r.referred_on,
  consent: r.consent === 1,
  status: r.status,
  attendedOn: r.attended_on,
  diagnosis: openReferralField(db, 'diagnosis', r.id, r.diagnosis),
  diagnosedOn: r.diagnosed_on,
  outcome: openReferralField(db, 'outcome', r.id, r.outcome),
});

export function caseReferrals(db: Db, caseId: number): Referral[] {
  return db
    .prepare<[number], ReferralRow>('SELECT * FROM referrals WHERE case_id = ? ORDER BY referred_on, id')
    .all(caseId)
    .map((r) => toReferral(db, r));
}

/**
 * After a recorded diagnosis of perinatal depression the app suggests orange, or red where the
 * screen was critical (active suicidality); the clinician accepts or changes it with a reason.
 */
export function suggestedColour(db: Db, row: CaseRow): Case['suggestedColour'] {
  if (row.programme !== 'perinatal' || row.colour) return null;
  const diagnosed = caseReferrals(db, row.id).some((r) => r.diagnosis && /抑郁|depress/i.test(r.diagnosis));
  if (!diagnosed) return null;
  return row.screen_level === 'critical' || row.confirmed_level === 'critical' ? 'red' : 'orange';
}

export function recordGuardianContact(
  db: Db,
  userId: number,
  input: { caseId: number; contactedOn: string; who: string; method: string; response: string },
): Case {
  requireOpen(caseRow(db, input.caseId));
  const { caseId, ...detail } = input;
  addEvent(db, caseId, 'guardian_contact', userId, detail);
  return getCase(db, caseId);
}

export function createReferral(
  db: Db,
  userId: number,
  input: { caseId: number; institution: string; department?: string; referredOn: string; consent: boolean },
): Case {
  requireOpen(caseRow(db, input.caseId));
  db.transaction(() => {
    db.prepare(
      `INSERT INTO referrals (case_id, institution, department, referred_on, consent, status, created_by)
       VALUES (?, ?, ?, ?, ?, 'referred', ?)`,
    ).run(
      input.caseId,
      input.institution,
      input.department ?? null,
      input.referredOn,
      input.consent ? 1 : 0,
      userId,
    );
    addEvent(db, input.caseId, 'referral', userId, {
      status: 'referred',
      institution: input.institution,
      department: input.department ?? null,
    });
    // An unattended referral comes back onto the worklist: the field's weakest link.
    addTask(db, input.caseId, 'referral_check', addDays(input.referredOn, REFERRAL_CHECK_DAYS));
  })();
  audit(db, userId, 'referral.create', String(input.caseId));
  return getCase(db, input.caseId);
}

export function updateReferral(
  db: Db,
  userId: number,
  input:
    | { referralId: number; status: 'attended'; attendedOn: string }
    | { referralId: number; status: 'diagnosed'; diagnosis: string; diagnosedOn: string }
    | { referralId: number; status: 'closed'; outcome: string },
): Case {
  const row = db.prepare<[number], ReferralRow>('SELECT * FROM referrals WHERE id = ?').get(input.referralId);
  if (!row) throw new AppError('not_found', `No referral ${input.referralId}.`);
  if (!canReferralBecome(row.status, input.status)) {
    throw new AppError('conflict', `A referral that is ${row.status} cannot become ${input.status}.`);
  }
  db.transaction(() => {
    if (input.status === 'attended') {
      db.prepare("UPDATE referrals SET status = 'attended', attended_on = ? WHERE id = ?").run(
        input.attendedOn,
        row.id,
      );
      closeTasks(db, row.case_id, userId, ['referral_check'], 'done');
    } else if (input.status === 'diagnosed') {
      db.prepare(
        "UPDATE referrals SET status = 'diagnosed', diagnosis = ?, diagnosed_on = ? WHERE id = ?",
      ).run(sealText(db, referralAad('diagnosis', row.id), input.diagnosis), input.diagnosedOn, row.id);
    } else {
      db.prepare("UPDATE referrals SET status = 'closed', outcome = ? WHERE id = ?").run(
        sealText(db, referralAad('outcome', row.id), input.outcome),
        row.id,
      );
      closeTasks(db, row.case_id, userId, ['referral_check'], 'done');
    }
    const { referralId: _id, ...detail } = input;
    addEvent(db, row.case_id, 'referral', userId, { ...detail, institution: row.institution });
  })();
  return getCase(db, row.case_id);
}
