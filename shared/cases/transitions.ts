import type { Case, Referral } from '../api/cases';

export type CaseStatus = Case['status'];
export type ReferralStatus = Referral['status'];
/** A step a referral can be moved on by: every status but the one it starts in. */
export type ReferralStep = Exclude<ReferralStatus, 'referred'>;

/**
 * Where a referral can go next: 已转介 → 到位 → 确诊, and closed (结局) from any of them. The service
 * refuses any other step and the case page offers exactly these.
 */
export const REFERRAL_NEXT: Readonly<Record<ReferralStatus, readonly ReferralStep[]>> = {
  referred: ['attended', 'closed'],
  attended: ['diagnosed', 'closed'],
  diagnosed: ['closed'],
  closed: [],
};

/**
 * The steps a referral can take now: REFERRAL_NEXT, and a 待定 (pending) conclusion may be
 * recorded again once the specialist decides (确诊 or 排除).
 */
export function referralSteps(referral: Pick<Referral, 'status' | 'conclusion'>): readonly ReferralStep[] {
  const next = REFERRAL_NEXT[referral.status];
  return referral.status === 'diagnosed' && referral.conclusion === 'pending' ? ['diagnosed', ...next] : next;
}

export const canReferralBecome = (from: ReferralStatus, to: ReferralStatus): boolean =>
  (REFERRAL_NEXT[from] as readonly ReferralStatus[]).includes(to);

/**
 * An open case is lifted (解除预警, school) or closed (结案). A lifted warning can be reopened
 * (重新开放, with a reason) when the worry comes back; a closed case ends for good.
 */
export const CASE_NEXT: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
  open: ['lifted', 'closed'],
  lifted: ['open'],
  closed: [],
};

/** Whether a case still takes records, referrals and colours: only while it is open. */
export const isCaseOpen = (status: CaseStatus): boolean => status === 'open';

export const canCaseBecome = (from: CaseStatus, to: CaseStatus): boolean => CASE_NEXT[from].includes(to);

/** Whether a case can be reopened (重新开放): a lifted warning only. */
export const canReopen = (status: CaseStatus): boolean => canCaseBecome(status, 'open');
