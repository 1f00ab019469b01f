import { z } from 'zod';
import { type IsoDate, addDays, daysBetween } from './date';

export interface PregnancyDates {
  lmp?: IsoDate | null;
  edd?: IsoDate | null;
  deliveryDate?: IsoDate | null;
}

export interface GestationalAge {
  weeks: number;
  days: number;
  totalDays: number;
}

export type Trimester = 'early' | 'mid' | 'late';
/**
 * The perinatal screening time points, in order: each trimester and 产后42天. Campaigns target them,
 * the schedule places them, the statistics group by them; every list of them is this one.
 */
export const TIME_POINTS = ['early', 'mid', 'late', 'postpartum42'] as const satisfies readonly (
  Trimester | 'postpartum42'
)[];
export type TimePoint = (typeof TIME_POINTS)[number];

export type PerinatalStage =
  | { kind: 'pregnant'; trimester: Trimester; label: string; age: GestationalAge }
  | { kind: 'postpartum'; days: number; label: string };

const PREGNANCY_DAYS = 280; // EDD = LMP + 280 days (Naegele)
const MID_FROM = 14 * 7;
const LATE_FROM = 28 * 7;

export const timePointLabels: Record<TimePoint, string> = {
  early: '孕早期',
  mid: '孕中期',
  late: '孕晚期',
  postpartum42: '产后42天',
};

/** The statistics' rows for screenings at none of the time points, or with no dating at all. */
export const otherTimePointLabels = { outside: '其他时间', unknown: '孕周不详' } as const;

/**
 * The statistics' time-point groups as keys, in the order they are listed: the API returns these
 * (the UI words them); the Chinese export names them with `timePointNames`.
 */
export const timePointGroupSchema = z.enum(['early', 'mid', 'late', 'postpartum42', 'outside', 'unknown']);
export type TimePointGroup = z.infer<typeof timePointGroupSchema>;
export const timePointNames: Record<TimePointGroup, string> = { ...timePointLabels, ...otherTimePointLabels };

/**
 * The LMP-equivalent day the pregnancy is dated from. A register's EDD wins over its LMP because
 * clinicians correct the EDD after the dating ultrasound and rarely go back to the LMP.
 */
export function pregnancyStart({ lmp, edd }: PregnancyDates): IsoDate | null {
  if (edd) return addDays(edd, -PREGNANCY_DAYS);
  return lmp ?? null;
}

/** The expected day of delivery: the register's EDD, else LMP + 280 days; null without either. */
export function dueDateOf({ lmp, edd }: PregnancyDates): IsoDate | null {
  return edd ?? (lmp ? addDays(lmp, PREGNANCY_DAYS) : null);
}

/** Null without an LMP or EDD, or on a day before the pregnancy started. */
export function gestationalAge(dates: PregnancyDates, at: IsoDate): GestationalAge | null {
  const start = pregnancyStart(dates);
  const totalDays = start === null ? -1 : daysBetween(start, at);
  if (totalDays < 0) return null;
  return { weeks: Math.floor(totalDays / 7), days: totalDays % 7, totalDays };
}

/** '孕13+6周', the way antenatal records write it. */
export const formatGestationalAge = ({ weeks, days }: Pick<GestationalAge, 'weeks' | 'days'>): string =>
  `孕${weeks}+${days}周`;

/** Only a delivery on or before `at` counts, so a stage asked for a past day ignores later events. */
const deliveredBy = ({ deliveryDate }: PregnancyDates, at: IsoDate): IsoDate | null =>
  deliveryDate && deliveryDate <= at ? deliveryDate : null;

export function perinatalStage(dates: PregnancyDates, at: IsoDate): PerinatalStage | null {
  const delivered = deliveredBy(dates, at);
  if (delivered) {
    const days = daysBetween(delivered, at);
    return { kind: 'postpartum', days, label: `产后${days}天` };
  }
  const age = gestationalAge(dates, at);
  if (!age) return null;
  const trimester: Trimester =
    age.totalDays < MID_FROM ? 'early' : age.totalDays < LATE_FROM ? 'mid' : 'late';
  return { kind: 'pregnant', trimester, label: timePointLabels[trimester], age };
}

/** The last gestational day a pregnancy window may reach (42+6 weeks): past it the birth is overdue. */
export const PREGNANCY_WINDOW_MAX = 42 * 7 + 6;
/** The last postpartum day a postpartum window may reach: the programme ends at one year. */
export const POSTPARTUM_WINDOW_MAX = 365;

const windowSchema = z.object({
  from: z.number().int().min(0),
  to: z.number().int().min(0).nullable(),
});
type Window = z.infer<typeof windowSchema>;

/** Why a set of windows cannot be used, per time point: a code the settings page words. */
export type WindowProblem = {
  point: TimePoint;
  code: 'end_before_start' | 'overlaps_previous' | 'beyond_pregnancy' | 'beyond_postpartum' | 'open_end';
};

/**
 * The rules a set of windows must keep (start before end; pregnancy windows in order without
 * overlapping, within 42+6 weeks, only the last one open until delivery; the postpartum window
 * within a year). The schema and the settings page both check through this one function.
 */
export function windowProblems(windows: Record<TimePoint, Window>): WindowProblem[] {
  const problems: WindowProblem[] = [];
  let previousEnd: number | null = -1;
  for (const point of TIME_POINTS) {
    const { from, to } = windows[point];
    if (to !== null && to <= from) problems.push({ point, code: 'end_before_start' });
    if (point === 'postpartum42') {
      if (to === null) problems.push({ point, code: 'open_end' });
      else if (to > POSTPARTUM_WINDOW_MAX) problems.push({ point, code: 'beyond_postpartum' });
      continue;
    }
    if (previousEnd === null || from <= previousEnd) problems.push({ point, code: 'overlaps_previous' });
    if (to === null && point !== 'late') problems.push({ point, code: 'open_end' });
    if (Math.max(from, to ?? 0) > PREGNANCY_WINDOW_MAX) problems.push({ point, code: 'beyond_pregnancy' });
    previousEnd = to;
  }
  return problems;
}

/**
 * When each screening is due. Pregnancy windows count gestational days (to: null = until delivery);
 * the postpartum window counts days after delivery. Local programmes differ, so this is a setting.
 */
export const screeningWindowsSchema = z
  .object({
    early: windowSchema,
    mid: windowSchema,
    late: windowSchema,
    postpartum42: windowSchema,
  })
  .superRefine((windows, ctx) => {
    for (const { point, code } of windowProblems(windows))
      ctx.addIssue({ code: 'custom', path: [point], message: code, params: { problem: code } });
  });
export type ScreeningWindows = z.infer<typeof screeningWindowsSchema>;

export const defaultScreeningWindows: ScreeningWindows = {
  early: { from: 0, to: MID_FROM - 1 },
  mid: { from: MID_FROM, to: LATE_FROM - 1 },
  late: { from: LATE_FROM, to: null },
  postpartum42: { from: 28, to: 56 },
};

export type TimePointStatus = 'past' | 'current' | 'upcoming' | 'skipped';

export interface ScheduledTimePoint {
  point: TimePoint;
  label: string;
  /** Null when the dates it depends on are unknown, or (end) when it stays open until delivery. */
  start: IsoDate | null;
  end: IsoDate | null;
  /** The postpartum window placed from the EDD because the baby is not born yet. */
  estimated: boolean;
  /** 'skipped': the baby came before this pregnancy window opened. */
  status: TimePointStatus;
}

export interface ScreeningSchedule {
  points: ScheduledTimePoint[];
  /** The first point not yet completed that is open now or still ahead. */
  nextDue: ScheduledTimePoint | null;
}

function statusOn(at: IsoDate, start: IsoDate | null, end: IsoDate | null): TimePointStatus {
  if (start === null) return 'past';
  if (at < start) return 'upcoming';
  return end === null || at <= end ? 'current' : 'past';
}

function pregnancyPoint(
  point: Trimester,
  windows: ScreeningWindows,
  start: IsoDate | null,
  delivered: IsoDate | null,
  at: IsoDate,
): ScheduledTimePoint {
  const base = { point, label: timePointLabels[point], estimated: false };
  // Without LMP or EDD the only way to know a pregnancy window is from a delivery that ended it.
  if (start === null) return { ...base, start: null, end: null, status: 'past' };
  const { from, to } = windows[point];
  const open = addDays(start, from);
  const lastPregnant = delivered && addDays(delivered, -1);
  if (lastPregnant && lastPregnant < open) return { ...base, start: open, end: null, status: 'skipped' };
  const planned = to === null ? null : addDays(start, to);
  const end = lastPregnant && (planned === null || lastPregnant < planned) ? lastPregnant : planned;
  return { ...base, start: open, end, status: statusOn(at, open, end) };
}

/**
 * Which screening time points a woman is due for on `at`. Null when no date places her pregnancy.
 * `completed` removes points already screened from `nextDue` (their status stays as the calendar says).
 */
export function screeningSchedule(
  dates: PregnancyDates,
  at: IsoDate,
  { windows = defaultScreeningWindows, completed = [] as readonly TimePoint[] } = {},
): ScreeningSchedule | null {
  const start = pregnancyStart(dates);
  const delivered = deliveredBy(dates, at);
  const birth = delivered ?? dates.edd ?? (start && addDays(start, PREGNANCY_DAYS));
  if (!birth) return null;
  const { from, to } = windows.postpartum42;
  const postpartumStart = addDays(birth, from);
  const postpartumEnd = to === null ? null : addDays(birth, to);
  const points: ScheduledTimePoint[] = [
    ...(['early', 'mid', 'late'] as const).map((p) => pregnancyPoint(p, windows, start, delivered, at)),
    {
      point: 'postpartum42',
      label: timePointLabels.postpartum42,
      start: postpartumStart,
      end: postpartumEnd,
      estimated: !delivered,
      status: statusOn(at, postpartumStart, postpartumEnd),
    },
  ];
  const nextDue =
    points.find((p) => !completed.includes(p.point) && (p.status === 'current' || p.status === 'upcoming')) ??
    null;
  return { points, nextDue };
}

/**
 * The instruments whose submitted sheet counts as a time point's screening: the perinatal
 * depression and anxiety screens of the protocol (workflows.md: EPDS, PHQ-9, GAD-7). A two-item
 * pre-screen (PHQ-2, GAD-2) asks for the full scale and does not complete a time point.
 */
export const TIME_POINT_INSTRUMENTS = ['EPDS', 'PHQ-9', 'GAD-7'] as const;

/** From 42+0 weeks with no delivery recorded the register asks for the delivery date (待补录分娩). */
export const DELIVERY_NEEDED_FROM = 42 * 7;

/**
 * Where a time point stands for one woman: 'done' once a screening falls inside its window,
 * otherwise as the calendar says ('due' while open, 'missed' once closed, 'skipped' when the baby
 * came before it opened). `estimated` (on the point) says the dates rest on the EDD.
 */
export type TimePointState = 'upcoming' | 'due' | 'done' | 'missed' | 'skipped';

export interface TimePointProgress extends ScheduledTimePoint {
  state: TimePointState;
  /** The day of the first screening inside the window; null unless done. */
  doneOn: IsoDate | null;
}

export interface TimePointStates {
  points: TimePointProgress[];
  /** The first point not done that is open now or still ahead. */
  nextDue: TimePointProgress | null;
  /** Past 42 weeks with no delivery recorded: the postpartum points rest on the EDD until it is. */
  deliveryNeeded: boolean;
  /** Days since the expected day of delivery, when the delivery date is needed. */
  daysPastDue: number | null;
}

const CALENDAR_STATE: Record<TimePointStatus, TimePointState> = {
  current: 'due',
  past: 'missed',
  upcoming: 'upcoming',
  skipped: 'skipped',
};

const inWindow = (day: IsoDate, p: ScheduledTimePoint) =>
  p.status !== 'skipped' && p.start !== null && day >= p.start && (p.end === null || day <= p.end);

/**
 * Each time point's state on `at`, from the register's dates and the days the woman was screened
 * (submitted sheets of `TIME_POINT_INSTRUMENTS`). A screening completes the window it falls in;
 * where two windows hold the day (the open-ended late window and an estimated 42-day window) it
 * completes the later one, the visit it most likely was. Screenings after `at` are ignored, so a
 * state asked for a past day is the state that day. Null when no date places the pregnancy.
 */
export function timePointStates(
  dates: PregnancyDates,
  screenedOn: readonly IsoDate[],
  at: IsoDate,
  windows: ScreeningWindows = defaultScreeningWindows,
): TimePointStates | null {
  const schedule = screeningSchedule(dates, at, { windows });
  if (!schedule) return null;
  const doneOn = new Map<TimePoint, IsoDate>();
  for (const day of [...screenedOn].sort()) {
    if (day > at) break;
    const point = schedule.points.findLast((p) => inWindow(day, p))?.point;
    if (point && !doneOn.has(point)) doneOn.set(point, day);
  }
  const points = schedule.points.map((p): TimePointProgress => {
    const done = doneOn.get(p.point) ?? null;
    return { ...p, state: done ? 'done' : CALENDAR_STATE[p.status], doneOn: done };
  });
  const age = deliveredBy(dates, at) ? null : gestationalAge(dates, at);
  const deliveryNeeded = age !== null && age.totalDays >= DELIVERY_NEEDED_FROM;
  const due = dueDateOf(dates);
  return {
    points,
    nextDue: points.find((p) => p.state === 'due' || p.state === 'upcoming') ?? null,
    deliveryNeeded,
    daysPastDue: deliveryNeeded && due ? daysBetween(due, at) : null,
  };
}

/**
 * The time-point group of a screening on `day` (the statistics' and exports' 筛查时点): the window
 * it falls in under `windows`, 'outside' between windows, 'unknown' with no date to place it.
 */
export function timePointOn(
  dates: PregnancyDates,
  day: IsoDate,
  windows: ScreeningWindows = defaultScreeningWindows,
): TimePointGroup {
  const schedule = screeningSchedule(dates, day, { windows });
  if (!schedule || !perinatalStage(dates, day)) return 'unknown';
  return schedule.points.findLast((p) => inWindow(day, p))?.point ?? 'outside';
}
