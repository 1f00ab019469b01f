import {
  defaultScreeningWindows,
  formatGestationalAge,
  perinatalStage,
  timePointGroupSchema,
  timePointNames,
  type TimePointGroup,
} from '../../../shared/people';

/**
 * 孕周/产后天数 and the time point (a key: early … unknown) on the day of a screening, from the
 * register's LMP/EDD and delivery date. A postpartum screen outside the 产后42天 window is reported
 * as such, not forced into it.
 */
export function perinatalAt(
  dates: { lmp: string | null; edd: string | null; deliveryDate: string | null },
  day: string,
): { age: string | null; timePoint: TimePointGroup } {
  const stage = perinatalStage(dates, day);
  if (!stage) return { age: null, timePoint: 'unknown' };
  if (stage.kind === 'pregnant') return { age: formatGestationalAge(stage.age), timePoint: stage.trimester };
  const { from, to } = defaultScreeningWindows.postpartum42;
  const inWindow = stage.days >= from && (to === null || stage.days <= to);
  return { age: stage.label, timePoint: inWindow ? 'postpartum42' : 'outside' };
}

/** A statistics group's name on the Chinese sheet: a time-point key named, anything else as is. */
export function timePointGroupName(group: string): string {
  const key = timePointGroupSchema.safeParse(group);
  return key.success ? timePointNames[key.data] : group;
}

/** The order the statistics sheet lists time points in. */
export const TIME_POINT_ORDER: readonly string[] = timePointGroupSchema.options;
