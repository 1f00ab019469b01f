import { z } from 'zod';
import type { Db } from '../../db/database';
import { parseJsonColumn } from '../../db/json-column';
import { dayOf, periodParams, type Period } from './query';
import { openDetail } from '../clinical/vault';
import { openReferralField } from '../cases/referrals';
import { conclusionText, type DiagnosisConclusion, type Icd10Code } from '../../../shared/cases/diagnosis';

/** A guardian contact's stored detail: its date is readable beside the sealed record. */
const guardianDetailColumn = z.looseObject({ contactedOn: z.string().optional() });

/** What the roster shows of a case's history, as of the period's end. */
export interface CaseDetails {
  interview: { level: string | null; reason: string | null } | null;
  guardianContactOn: string | null;
  referral: {
    institution: string;
    referredOn: string;
    attendedOn: string | null;
    /** The conclusion word and ICD-10 code, then the free text: "确诊 F53.0 产后抑郁；…". */
    diagnosis: string | null;
  } | null;
  nextTask: { kind: string; dueOn: string } | null;
  followUps: number;
}

interface EventRow {
  caseId: number;
  kind: 'interview' | 'guardian_contact' | 'follow_up';
  level: string | null;
  detail: string;
  at: string;
}

/**
 * Every case's details from one ordered read of each table (events, referrals, open tasks) rather
 * than four lookups per roster row. Only the kept rows' JSON is parsed, and only when asked for.
 */
export function caseDetails(db: Db, period: Period): (caseId: number) => CaseDetails {
  const params = periodParams(period);
  const interviews = new Map<number, EventRow>();
  const guardians = new Map<number, EventRow>();
  const followUps = new Map<number, number>();
  // Ordered by time, so the last row seen per case is its latest.
  for (const e of db
    .prepare<typeof params, EventRow>(
      `SELECT e.case_id AS caseId, e.kind, e.level_after AS level, e.detail, e.at
       FROM case_events e JOIN cases c ON c.id = e.case_id
       WHERE c.programme = :programme AND e.kind IN ('interview', 'guardian_contact', 'follow_up') AND e.at <= :to
       ORDER BY e.at, e.id`,
    )
    .iterate(params)) {
    if (e.kind === 'interview') interviews.set(e.caseId, e);
    else if (e.kind === 'guardian_contact') guardians.set(e.caseId, e);
    else followUps.set(e.caseId, (followUps.get(e.caseId) ?? 0) + 1);
  }
  const referrals = new Map<number, NonNullable<CaseDetails['referral']>>();
  for (const r of db
    .prepare<
      [string],
      NonNullable<CaseDetails['referral']> & {
        caseId: number;
        id: number;
        conclusion: DiagnosisConclusion | null;
        icd10: Icd10Code | null;
      }
    >(
      `SELECT r.case_id AS caseId, r.id, r.institution, r.referred_on AS referredOn, r.attended_on AS attendedOn,
              r.conclusion, r.icd10, r.diagnosis
       FROM referrals r JOIN cases c ON c.id = r.case_id WHERE c.programme = ? ORDER BY r.referred_on, r.id`,
    )
    .iterate(period.programme)) {
    const { caseId, conclusion, icd10, ...referral } = r;
    const text = openReferralField(db, 'diagnosis', r.id, r.diagnosis);
    referral.diagnosis =
      [conclusion && conclusionText(conclusion, icd10, 'zh'), text].filter(Boolean).join('；') || null;
    referrals.set(caseId, referral);
  }
  const tasks = new Map<number, { kind: string; dueOn: string }>();
  for (const t of db
    .prepare<[string], { caseId: number; kind: string; dueOn: string }>(
      `SELECT t.case_id AS caseId, t.kind, t.due_on AS dueOn FROM tasks t JOIN cases c ON c.id = t.case_id
       WHERE t.status = 'open' AND c.programme = ? ORDER BY t.due_on DESC, t.kind = 'safety_check', t.id DESC`,
    )
    .iterate(period.programme))
    // Reverse order, so the task kept is the earliest due (a safety check first on a tie).
    tasks.set(t.caseId, { kind: t.kind, dueOn: t.dueOn });

  return (caseId) => {
    const interview = interviews.get(caseId);
    const guardian = guardians.get(caseId);
    return {
      interview: interview
        ? {
            level: interview.level,
            reason:
              (openDetail(db, caseId, interview.kind, interview.at, interview.detail) as { reason?: string })
                .reason ?? null,
          }
        : null,
      guardianContactOn: guardian
        ? (parseJsonColumn(guardianDetailColumn, guardian.detail, 'case_events.detail').contactedOn ??
          dayOf(guardian.at))
        : null,
      referral: referrals.get(caseId) ?? null,
      nextTask: tasks.get(caseId) ?? null,
      followUps: followUps.get(caseId) ?? 0,
    };
  };
}
