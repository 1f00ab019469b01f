import type { Case, DiagnosisInput, Referral, ReferralDetails } from '../../../shared/api/cases';
import { AppError, refusal } from '../../../shared/api/errors';
import {
  conclusionTakesCode,
  type DiagnosisConclusion,
  type Icd10Code,
} from '../../../shared/cases/diagnosis';
import { referralSteps } from '../../../shared/cases/transitions';
import type { Db } from '../../db/database';
import { statement } from '../../db/statements';
import { audit } from '../audit';
import { openText, referralAad, sealText } from '../clinical/vault';
import { addEvent, caseRow, getCase, requireOpen, type CaseRow } from './cases';
import { applyAction } from './task-effects';

interface ReferralRow {
  id: number;
  case_id: number;
  institution: string;
  department: string | null;
  referred_on: string;
  consent: number;
  status: Referral['status'];
  attended_on: string | null;
  conclusion: DiagnosisConclusion | null;
  icd10: Icd10Code | null;
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
  conclusion: r.conclusion,
  icd10: r.icd10,
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

type Colour = NonNullable<Case['colour']>;
const COLOUR_RANK: Record<Colour, number> = { green: 0, yellow: 1, orange: 2, red: 3 };

/**
 * The colour suggested and not yet decided: the latest colour event of the case is a suggestion
 * (decision and colour are readable beside the sealed record, so any session sees it).
 */
export function suggestedColour(db: Db, row: CaseRow): Case['suggestedColour'] {
  if (row.programme !== 'perinatal') return null;
  const latest = statement<[number], { decision: string | null; colour: string | null }>(
    db,
    `SELECT json_extract(detail, '$.decision') AS decision, json_extract(detail, '$.colour') AS colour
     FROM case_events WHERE case_id = ? AND kind = 'colour' ORDER BY at DESC, id DESC LIMIT 1`,
  ).get(row.id);
  return latest?.decision === 'suggested' && (latest.colour === 'orange' || latest.colour === 'red')
    ? latest.colour
    : null;
}

/**
 * A 确诊 conclusion on a perinatal case suggests orange (专案管理), or red where the screen or the
 * interview found it critical (active suicidality). The suggestion and its why go into the
 * timeline; the clinician accepts it or changes it with a reason (management.ts). Nothing is
 * suggested when the case already has that colour or a more urgent one.
 */
function suggestColour(db: Db, row: CaseRow, referral: ReferralRow, finding: DiagnosisInput): void {
  if (row.programme !== 'perinatal' || finding.conclusion !== 'confirmed') return;
  const critical = row.screen_level === 'critical' || row.confirmed_level === 'critical';
  const colour: Colour = critical ? 'red' : 'orange';
  if (row.colour && COLOUR_RANK[row.colour] >= COLOUR_RANK[colour]) return;
  if (suggestedColour(db, row) === colour) return;
  addEvent(
    db,
    row.id,
    'colour',
    null,
    {
      decision: 'suggested',
      colour,
      referralId: referral.id,
      why: { conclusion: finding.conclusion, icd10: finding.icd10 ?? null, critical },
    },
    {},
  );
}

/**
 * Records a referral made by a step (转介, or a safety check / follow-up that ended in 转介就医)
 * inside the caller's transaction, with its event and its own 核实到位 task (the caller audits).
 */
export function insertReferral(
  db: Db,
  userId: number,
  row: CaseRow,
  details: ReferralDetails & { referredOn: string },
): number {
  const referralId = Number(
    db
      .prepare(
        `INSERT INTO referrals (case_id, institution, department, referred_on, consent, status, created_by)
         VALUES (?, ?, ?, ?, ?, 'referred', ?)`,
      )
      .run(
        row.id,
        details.institution,
        details.department ?? null,
        details.referredOn,
        details.consent ? 1 : 0,
        userId,
      ).lastInsertRowid,
  );
  addEvent(db, row.id, 'referral', userId, {
    status: 'referred',
    referralId,
    institution: details.institution,
    department: details.department ?? null,
    referredOn: details.referredOn,
  });
  // An unattended referral comes back onto the worklist: the field's weakest link.
  applyAction(db, row, userId, 'referral_made', {
    level: row.confirmed_level ?? row.screen_level,
    referredOn: details.referredOn,
    referralId,
  });
  return referralId;
}

export function createReferral(
  db: Db,
  userId: number,
  input: ReferralDetails & { caseId: number; referredOn: string },
): Case {
  const row = caseRow(db, input.caseId);
  requireOpen(row);
  const { caseId, ...details } = input;
  db.transaction(() => insertReferral(db, userId, row, details))();
  audit(db, userId, 'referral.create', String(caseId));
  return getCase(db, caseId);
}

export function recordGuardianContact(
  db: Db,
  userId: number,
  input: { caseId: number; contactedOn: string; who: string; method: string; response: string },
): Case {
  const row = caseRow(db, input.caseId);
  requireOpen(row);
  const { caseId, ...detail } = input;
  db.transaction(() => {
    addEvent(db, caseId, 'guardian_contact', userId, detail);
    applyAction(db, row, userId, 'guardian_contact', { level: row.confirmed_level ?? row.screen_level });
  })();
  return getCase(db, caseId);
}

/** Writes a conclusion (确诊 / 排除 / 待定, ICD-10 code, free text sealed) onto a referral row. */
function writeFinding(db: Db, row: ReferralRow, finding: DiagnosisInput): void {
  if (finding.icd10 && !conclusionTakesCode(finding.conclusion))
    throw refusal(
      'invalid_input',
      'cases.icd10_with_excluded',
      'An excluded diagnosis takes no ICD-10 code.',
      {
        icd10: finding.icd10,
      },
    );
  db.prepare(
    "UPDATE referrals SET status = 'diagnosed', conclusion = ?, icd10 = ?, diagnosis = ?, diagnosed_on = ? WHERE id = ?",
  ).run(
    finding.conclusion,
    finding.icd10 ?? null,
    finding.diagnosis ? sealText(db, referralAad('diagnosis', row.id), finding.diagnosis) : null,
    finding.diagnosedOn,
    row.id,
  );
}

export function updateReferral(
  db: Db,
  userId: number,
  input:
    | { referralId: number; status: 'attended'; attendedOn: string }
    | ({ referralId: number; status: 'diagnosed' } & DiagnosisInput)
    | { referralId: number; status: 'closed'; outcome: string; finding?: DiagnosisInput | undefined },
): Case {
  const row = db.prepare<[number], ReferralRow>('SELECT * FROM referrals WHERE id = ?').get(input.referralId);
  if (!row) throw new AppError('not_found', `No referral ${input.referralId}.`);
  const kase = caseRow(db, row.case_id);
  if (!referralSteps(row).includes(input.status)) {
    throw new AppError('conflict', `A referral that is ${row.status} cannot become ${input.status}.`);
  }
  const ctx = { level: kase.confirmed_level ?? kase.screen_level, referralId: row.id };
  db.transaction(() => {
    if (input.status === 'attended') {
      db.prepare("UPDATE referrals SET status = 'attended', attended_on = ? WHERE id = ?").run(
        input.attendedOn,
        row.id,
      );
      applyAction(db, kase, userId, 'referral_attended', ctx);
      addEvent(db, row.case_id, 'referral', userId, {
        status: 'attended',
        referralId: row.id,
        attendedOn: input.attendedOn,
        institution: row.institution,
      });
    } else if (input.status === 'diagnosed') {
      const { referralId: _id, status: _status, ...finding } = input;
      recordFinding(db, userId, kase, row, finding);
    } else {
      // Attended means seen by the specialist: the result goes through the conclusion first.
      const finding = input.finding;
      if (row.status === 'attended' && !finding)
        throw refusal(
          'invalid_input',
          'cases.referral_conclusion_required',
          'An attended referral is closed with the specialist conclusion.',
        );
      if (finding) recordFinding(db, userId, kase, row, finding);
      db.prepare("UPDATE referrals SET status = 'closed', outcome = ? WHERE id = ?").run(
        sealText(db, referralAad('outcome', row.id), input.outcome),
        row.id,
      );
      applyAction(db, kase, userId, 'referral_closed', ctx);
      addEvent(db, row.case_id, 'referral', userId, {
        status: 'closed',
        referralId: row.id,
        outcome: input.outcome,
        institution: row.institution,
      });
    }
  })();
  return getCase(db, row.case_id);
}

function recordFinding(
  db: Db,
  userId: number,
  kase: CaseRow,
  row: ReferralRow,
  finding: DiagnosisInput,
): void {
  writeFinding(db, row, finding);
  applyAction(db, kase, userId, 'referral_diagnosed', {
    level: kase.confirmed_level ?? kase.screen_level,
    referralId: row.id,
  });
  addEvent(db, row.case_id, 'referral', userId, {
    status: 'diagnosed',
    referralId: row.id,
    institution: row.institution,
    diagnosedOn: finding.diagnosedOn,
    conclusion: finding.conclusion,
    icd10: finding.icd10 ?? null,
    diagnosis: finding.diagnosis ?? null,
  });
  suggestColour(db, kase, row, finding);
}
