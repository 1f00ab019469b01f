import type { DashboardView } from '../../../../shared/api/dashboard';
import { otherTimePointLabels, timePointLabels } from '../../../../shared/people/perinatal';
import type { TFunction } from 'i18next';

// The service names time-point groups as the county's statistics do (孕早期 … 孕周不详).
const keyOf = new Map<string, string>(
  Object.entries({ ...timePointLabels, ...otherTimePointLabels }).map(([key, label]) => [label, key]),
);

/** The view with its time-point groups named in the UI language. */
export function withTimePointNames(view: DashboardView, t: TFunction): DashboardView {
  return {
    ...view,
    breakdowns: view.breakdowns.map((b) =>
      b.dimension !== 'timePoint'
        ? b
        : {
            ...b,
            groups: b.groups.map((g) => {
              const key = keyOf.get(g.group);
              return key
                ? {
                    ...g,
                    group: t(`dashboard.charts.timePoints.${key}` as 'dashboard.charts.timePoints.early'),
                  }
                : g;
            }),
          },
    ),
  };
}
