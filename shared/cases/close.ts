import type { Referral, TaskKind } from '../api/cases';
import { closeCaseSchema } from '../api/cases';
import type { ErrorReason } from '../api/error-reasons';
import type { IsoDate } from '../people/date';
import { perinatalStage, type PregnancyDates } from '../people/perinatal';

export const CLOSE_REASONS = closeCaseSchema.shape.reason.options;
export type CloseReason = (typeof CLOSE_REASONS)[number];

/** Days after delivery at which 产后42天 management ends. */
export const POSTPARTUM_CLOSE_DAYS = 42;

/** Tasks that stand for a risk nobody has checked yet: a case does not end over them. */
const URGENT_TASKS: readonly TaskKind[] = ['safety_check', 'confirm_in_person'];

/** What a 结案 reason is checked against: the person's dates and the case as it stands. */
export interface CloseState {
  today: IsoDate;
  /** The woman's LMP / EDD / delivery date (null for a student). */
  dates: PregnancyDates | null;
  referrals: readonly Pick<Referral, 'status' | 'referredOn' | 'attendedOn'>[];
  openTasks: readonly TaskKind[];
  /** Whether anyone has been in contact with the person (safety check, interview, follow-up…). */
  contacted: boolean;
}

export interface CloseRefusal {
  reason: ErrorReason;
  params?: Record<string, string | number>;
}

/**
 * Why a case cannot be closed for `reason` now, or null when it can. 转出 (she moved away) is
 * always possible: her care goes with her. Every other reason waits until an unattended referral
 * has a result (到位, or its outcome recorded, e.g. 未就诊) and no same-day check is still open;
 * 康复 needs a contact on record, 转诊 an attended referral, 产后42天 a delivery 42 days ago.
 */
export function closeRefusal(reason: CloseReason, state: CloseState): CloseRefusal | null {
  if (reason === 'transferred') return null;
  const unattended = state.referrals.find((r) => r.status === 'referred');
  if (unattended)
    return { reason: 'cases.close_referral_unattended', params: { referredOn: unattended.referredOn } };
  if (state.openTasks.some((kind) => URGENT_TASKS.includes(kind)))
    return { reason: 'cases.close_urgent_open' };
  switch (reason) {
    case 'recovered':
      return state.contacted ? null : { reason: 'cases.close_no_contact' };
    case 'referred':
      return state.referrals.some((r) => r.attendedOn !== null)
        ? null
        : { reason: 'cases.close_not_referred' };
    case 'postpartum42': {
      const stage = state.dates && perinatalStage(state.dates, state.today);
      if (!stage) return { reason: 'cases.close_delivery_unknown' };
      if (stage.kind === 'pregnant')
        return {
          reason: 'cases.close_still_pregnant',
          params: { weeks: stage.age.weeks, days: stage.age.days },
        };
      return stage.days >= POSTPARTUM_CLOSE_DAYS
        ? null
        : { reason: 'cases.close_postpartum_early', params: { days: stage.days } };
    }
    case 'other':
      return null;
  }
}

/** The 结案 reasons the close dialog offers now: those closeRefusal lets through. */
export const closeReasonsNow = (state: CloseState): CloseReason[] =>
  CLOSE_REASONS.filter((reason) => closeRefusal(reason, state) === null);
