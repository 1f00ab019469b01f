import { todayIso, type IsoDate } from '../people/date';

/** The local calendar day a case was opened on (opened_at is a UTC timestamp). */
export const caseOpenedOn = (openedAt: string): IsoDate => todayIso(new Date(openedAt));

/**
 * Why the day a case step took place on (面谈, 安全评估 …) cannot be recorded, or null when it
 * can: it happened, so not after today, and on this case, so not before the case was opened.
 * The dialogs and the services ask this one rule; each problem has its own words (not a birth
 * date's).
 */
export function eventDateProblem(
  date: string,
  openedAt: string,
  today: string = todayIso(),
): 'future' | 'before_opened' | null {
  if (date > today) return 'future';
  if (date < caseOpenedOn(openedAt)) return 'before_opened';
  return null;
}
