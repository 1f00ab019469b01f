import type { TFunction } from 'i18next';
import type { DashboardView } from '../../../../shared/api/dashboard';
import { timePointGroupSchema } from '../../../../shared/people/perinatal';

/** A group's name in the UI language: time points and sexes are keys (early … unknown, M/F), '' is not filled in. */
function groupName(dimension: string, group: string, t: TFunction): string {
  if (dimension === 'timePoint') {
    const key = timePointGroupSchema.safeParse(group);
    if (key.success) return t(`dashboard.charts.timePoints.${key.data}`);
  }
  if (dimension === 'sex')
    return t(
      group === 'M' || group === 'F' ? `dashboard.charts.sexes.${group}` : 'dashboard.charts.sexes.unfilled',
    );
  return group.trim() === '' ? t('common.unfilled') : group;
}

/** The view with its groups named in the UI language; grades, classes and townships stay as registered. */
export function withTimePointNames(view: DashboardView, t: TFunction): DashboardView {
  return {
    ...view,
    breakdowns: view.breakdowns.map((b) => ({
      ...b,
      groups: b.groups.map((g) => ({ ...g, group: groupName(b.dimension, g.group, t) })),
    })),
  };
}
