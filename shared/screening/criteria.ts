import type { CampaignTarget } from '../api/screening';
import type { TimePoint } from '../people/perinatal';

/** What a campaign's criteria read of a person on the day they are evaluated. */
export interface CriteriaSubject {
  grade: string | null;
  className: string | null;
  /** The perinatal time points she is due for today (current window), empty for a student. */
  dueTimePoints: readonly TimePoint[];
}

/** Whether one target names this person today; an empty filter means everyone of the programme. */
export function targetNames(target: CampaignTarget, subject: CriteriaSubject): boolean {
  if (target.grades?.length && !target.grades.includes(subject.grade ?? '')) return false;
  if (target.classNames?.length && !target.classNames.includes(subject.className ?? '')) return false;
  if (target.timePoints?.length && !target.timePoints.some((t) => subject.dueTimePoints.includes(t)))
    return false;
  return true;
}

/**
 * The battery a campaign gives this person: the first target that names her sets it (targets are
 * listed most specific first in the dialog), or null when no target names her today.
 */
export function batteryFor(targets: readonly CampaignTarget[], subject: CriteriaSubject): string[] | null {
  return targets.find((t) => targetNames(t, subject))?.battery ?? null;
}
