import {
  defaultScreeningWindows,
  formatGestationalAge,
  perinatalStage,
  timePointGroupSchema,
  timePointNames,
  timePointOn,
  type ScreeningWindows,
  type TimePointGroup,
} from '../../../shared/people';

/**
 * 孕周/产后天数 and the time point (a key: early … unknown) on the day of a screening, from the
 * register's LMP/EDD and delivery date and the time-point windows in force (the caller reads them
 * with `currentScreeningWindows`). A screen between windows is reported as 'outside', not forced in.
 */
export function perinatalAt(
  dates: { lmp: string | null; edd: string | null; deliveryDate: string | null },
  day: string,
  windows: ScreeningWindows = defaultScreeningWindows,
): { age: string | null; timePoint: TimePointGroup } {
  const stage = perinatalStage(dates, day);
  if (!stage) return { age: null, timePoint: 'unknown' };
  return {
    age: stage.kind === 'pregnant' ? formatGestationalAge(stage.age) : stage.label,
    timePoint: timePointOn(dates, day, windows),
  };
}

/** A statistics group's name on the Chinese sheet: a time-point key named, anything else as is. */
export function timePointGroupName(group: string): string {
  const key = timePointGroupSchema.safeParse(group);
  return key.success ? timePointNames[key.data] : group;
}

/** The order the statistics sheet lists time points in. */
export const TIME_POINT_ORDER: readonly string[] = timePointGroupSchema.options;
