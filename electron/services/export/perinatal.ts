import {
  defaultScreeningWindows,
  formatGestationalAge,
  otherTimePointLabels,
  perinatalStage,
  timePointLabels,
} from '../../../shared/people';

export const OUTSIDE_WINDOW = otherTimePointLabels.outside;
export const UNKNOWN_STAGE = otherTimePointLabels.unknown;

/**
 * 孕周/产后天数 and 筛查时点 on the day of a screening, from the register's LMP/EDD and delivery
 * date. A postpartum screen outside the 产后42天 window is reported as such, not forced into it.
 */
export function perinatalAt(
  dates: { lmp: string | null; edd: string | null; deliveryDate: string | null },
  day: string,
): { age: string | null; timePoint: string } {
  const stage = perinatalStage(dates, day);
  if (!stage) return { age: null, timePoint: UNKNOWN_STAGE };
  if (stage.kind === 'pregnant') return { age: formatGestationalAge(stage.age), timePoint: stage.label };
  const { from, to } = defaultScreeningWindows.postpartum42;
  const inWindow = stage.days >= from && (to === null || stage.days <= to);
  return { age: stage.label, timePoint: inWindow ? timePointLabels.postpartum42 : OUTSIDE_WINDOW };
}

/** The order the statistics sheet lists time points in. */
export const TIME_POINT_ORDER = [
  timePointLabels.early,
  timePointLabels.mid,
  timePointLabels.late,
  timePointLabels.postpartum42,
  OUTSIDE_WINDOW,
  UNKNOWN_STAGE,
];
