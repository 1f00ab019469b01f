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

const windowSchema = z
  .object({ from: z.number().int().min(0), to: z.number().int().min(0).nullable() })
  .refine((w) => w.to === null || w.to >= w.from, 'to must not be before from');

/**
 * When each screening is due. Pregnancy windows count gestational days (to: null = until delivery);
 * the postpartum window counts days after delivery. Local programmes differ, so this is a setting.
 */
export const screeningWindowsSchema = z.object({
  early: windowSchema,
  mid: windowSchema,
  late: windowSchema,
  postpartum42: windowSchema,
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
