import type { TFunction } from 'i18next';
import type { DashboardView } from '../../../../shared/api/dashboard';
import { timePointGroupSchema } from '../../../../shared/people/perinatal';

/** The view with its time-point groups (keys: early … unknown) named in the UI language. */
export function withTimePointNames(view: DashboardView, t: TFunction): DashboardView {
  return {
    ...view,
    breakdowns: view.breakdowns.map((b) =>
      b.dimension !== 'timePoint'
        ? b
        : {
            ...b,
            groups: b.groups.map((g) => {
              const key = timePointGroupSchema.safeParse(g.group);
              return key.success ? { ...g, group: t(`dashboard.charts.timePoints.${key.data}`) } : g;
            }),
          },
    ),
  };
}
