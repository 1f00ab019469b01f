import type { Programme } from '../instruments/schema';
import {
  screeningSchedule,
  type PregnancyDates,
  type ScreeningWindows,
  type TimePoint,
} from '../people/perinatal';

/**
 * Every figure the 工作台 and the export's 汇总 report, defined once as a plain function over the
 * records. The services count with SQL for speed (electron/services/cases/dashboard.ts); a test
 * loads the records and checks that SQL against these definitions (test/integration/figures-recount.test.ts).
 *
 * "In the period" means: the event's day (YYYY-MM-DD prefix of its timestamp) lies in [from, to],
 * both inclusive. A figure about a state (在管) is the state at the end of the period.
 */
export interface FigurePeriod {
  from: string;
  to: string;
}

export const dayOf = (at: string): string => at.slice(0, 10);

export function inPeriod(at: string | null | undefined, period: FigurePeriod): boolean {
  if (!at) return false;
  const day = dayOf(at);
  return day >= period.from && day <= period.to;
}

export interface FigureScreening {
  id: number;
  personId: number;
  status: 'in_progress' | 'submitted' | 'declined';
  level: string | null;
  submittedAt: string | null;
  /** Any of its results fired a critical item (a submitted sheet). */
  critical: boolean;
}

export interface FigureCase {
  id: number;
  personId: number;
  status: 'open' | 'lifted' | 'closed';
  openedAt: string;
  endedAt: string | null;
  /** When it entered 专案管理 (an orange or red colour, or purple); null when it never did. */
  managedSince: string | null;
  colour: string | null;
  purple: boolean;
}

export interface FigureRecords {
  programme: Programme;
  /** School: who was due (participants of each campaign, with its dates). */
  campaigns: readonly { startsOn: string; endsOn: string; participants: readonly number[] }[];
  /** Perinatal: every registered woman's dates (应筛 is reckoned from her time-point windows). */
  women: readonly ({ id: number } & PregnancyDates)[];
  screenings: readonly FigureScreening[];
  /** Critical answers on sheets never submitted: who, and when the alert was raised. */
  unsubmittedCritical: readonly { personId: number; raisedAt: string }[];
  cases: readonly FigureCase[];
  events: readonly { caseId: number; kind: string; at: string }[];
  referrals: readonly {
    caseId: number;
    referredOn: string;
    attendedOn: string | null;
    /** The specialist's conclusion (确诊 / 排除 / 待定), once recorded. */
    conclusion: 'confirmed' | 'excluded' | 'pending' | null;
  }[];
  tasks: readonly { caseId: number; kind: string; status: string; dueOn: string }[];
}

/**
 * The time points a woman is due for in the period: those whose window overlaps it, placed as the
 * schedule stands at the period's end (a delivery after it is not yet known then).
 */
export function dueTimePoints(
  dates: PregnancyDates,
  period: FigurePeriod,
  /** The organisation's windows once they are a setting; the defaults until then. */
  windows?: ScreeningWindows,
): TimePoint[] {
  const schedule = screeningSchedule(dates, period.to, { windows });
  if (!schedule) return [];
  return schedule.points
    .filter(
      (p) =>
        p.status !== 'skipped' &&
        p.start !== null &&
        p.start <= period.to &&
        (p.end === null || p.end >= period.from),
    )
    .map((p) => p.point);
}

/** 纳入专案管理: a case that entered management in the period, whether still open or closed since. */
export const enteredManagementIn = (c: FigureCase, period: FigurePeriod): boolean =>
  inPeriod(c.managedSince, period);

/** 在管: a case open at the end of the period (opened by then, not ended by then). */
export const openAtEndOf = (c: FigureCase, period: FigurePeriod): boolean =>
  dayOf(c.openedAt) <= period.to && (c.endedAt === null || dayOf(c.endedAt) > period.to);

/** The latest submitted screening per person in the period. */
export function latestInPeriod(
  screenings: readonly FigureScreening[],
  period: FigurePeriod,
): Map<number, FigureScreening> {
  const latest = new Map<number, FigureScreening>();
  for (const s of screenings) {
    if (s.status !== 'submitted' || s.level === null || !inPeriod(s.submittedAt, period)) continue;
    const seen = latest.get(s.personId);
    if (!seen || s.submittedAt! > seen.submittedAt! || (s.submittedAt === seen.submittedAt && s.id > seen.id))
      latest.set(s.personId, s);
  }
  return latest;
}

export interface PeriodFigures {
  /** School: participants of campaigns overlapping the period; perinatal: women due at any time point. */
  due: number;
  /** People with a submitted sheet in the period. */
  screened: number;
  /** Each screened person's latest level in the period. */
  byLevel: Record<string, number>;
  /** People with a critical answer in the period (submitted, or on a sheet never submitted). */
  criticalItems: number;
  /** Cases with an interview (复核) in the period. */
  interviewed: number;
  /** Referrals made in the period, and of them those attended (到位, whenever). */
  referred: number;
  attended: number;
  /** Of the referrals made in the period, those the specialist concluded 确诊 (never any free text). */
  diagnosed: number;
  /** Cases open at the end of the period. */
  underManagement: number;
  /** Cases that entered 专案管理 in the period, by their colour (purple counted apart). */
  managedByColour: Record<string, number>;
  followUps: number;
  lifted: number;
  closed: number;
  /** Contacts and follow-ups due in the period up to today, and of them those done (随访率). */
  followUpsDue: number;
  followUpsDone: number;
}

export function periodFigures(records: FigureRecords, period: FigurePeriod, today: string): PeriodFigures {
  const due = new Set<number>();
  if (records.programme === 'school') {
    for (const c of records.campaigns)
      if (c.startsOn <= period.to && c.endsOn >= period.from) for (const id of c.participants) due.add(id);
  } else {
    for (const w of records.women) if (dueTimePoints(w, period).length) due.add(w.id);
  }
  const latest = latestInPeriod(records.screenings, period);
  const byLevel: Record<string, number> = {};
  for (const s of latest.values()) byLevel[s.level!] = (byLevel[s.level!] ?? 0) + 1;
  const critical = new Set<number>();
  for (const s of records.screenings)
    if (s.status === 'submitted' && s.critical && inPeriod(s.submittedAt, period)) critical.add(s.personId);
  for (const a of records.unsubmittedCritical) if (inPeriod(a.raisedAt, period)) critical.add(a.personId);

  const eventCases = (kind: string) =>
    records.events.filter((e) => e.kind === kind && inPeriod(e.at, period));
  const referred = records.referrals.filter((r) => inPeriod(r.referredOn, period));
  const managedByColour: Record<string, number> = {};
  for (const c of records.cases) {
    if (!enteredManagementIn(c, period)) continue;
    // By the colour it has now (a purple case keeps whatever colour it has beside purple).
    if (c.colour) managedByColour[c.colour] = (managedByColour[c.colour] ?? 0) + 1;
    if (c.purple) managedByColour.purple = (managedByColour.purple ?? 0) + 1;
  }
  // Only what has fallen due: a contact planned for next week is not yet missed.
  const dueBy = { from: period.from, to: period.to < today ? period.to : today };
  const contacts = records.tasks.filter(
    (t) =>
      (t.kind === 'first_contact' || t.kind === 'follow_up') &&
      (t.status === 'open' || t.status === 'done') &&
      inPeriod(t.dueOn, dueBy),
  );
  return {
    due: due.size,
    screened: latest.size,
    byLevel,
    criticalItems: critical.size,
    interviewed: new Set(eventCases('interview').map((e) => e.caseId)).size,
    referred: referred.length,
    attended: referred.filter((r) => r.attendedOn !== null).length,
    diagnosed: referred.filter((r) => r.conclusion === 'confirmed').length,
    underManagement: records.cases.filter((c) => openAtEndOf(c, period)).length,
    managedByColour,
    followUps: eventCases('follow_up').length,
    lifted: eventCases('lifted').length,
    closed: eventCases('closed').length,
    followUpsDue: contacts.length,
    followUpsDone: contacts.filter((t) => t.status === 'done').length,
  };
}
