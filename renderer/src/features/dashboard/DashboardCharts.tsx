import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import type { DashboardView } from '../../../../shared/api/dashboard';
import type { TierLevel } from '../../../../shared/tiers/schema';
import { localized, useContentLanguage } from '../../lib/format';
import { useEChart } from '../../lib/useEChart';
import styles from './DashboardCharts.module.css';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export const AXIS = {
  axisLabel: { color: '#687886', fontSize: 11 },
  axisLine: { lineStyle: { color: '#c3ced8' } },
  axisTick: { show: false },
};
export const VALUE_AXIS = {
  type: 'value',
  minInterval: 1,
  axisLabel: { color: '#687886', fontSize: 11 },
  splitLine: { lineStyle: { color: '#edf1f4' } },
};

export interface Series {
  name: string;
  values: number[];
}

/**
 * The chart and, for screen readers and tests, the same numbers as a table; `data-series`
 * and `data-categories` say what was drawn.
 */
export function ChartFigure({
  title,
  categoryLabel,
  categories,
  series,
  option,
  testId,
  height = 240,
  printWidth,
}: {
  title: string;
  categoryLabel: string;
  categories: string[];
  series: Series[];
  option: echarts.EChartsCoreOption;
  testId: string;
  height?: number;
  /** On paper, when the chart does not take the page's width. */
  printWidth?: number;
}) {
  const box = useEChart(option, Math.min(height, 200), printWidth);
  return (
    <figure
      className={`card ${styles.chart}`}
      data-testid={testId}
      data-series={series.length}
      data-categories={categories.length}
    >
      <figcaption className="card-head">
        <span className="card-title">{title}</span>
      </figcaption>
      <div ref={box} className={styles.box} style={{ height }} role="img" aria-label={title} />
      <table className="sr-only">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">{categoryLabel}</th>
            {series.map((s) => (
              <th key={s.name} scope="col">
                {s.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {categories.map((c, i) => (
            <tr key={c}>
              <th scope="row">{c}</th>
              {series.map((s) => (
                <td key={s.name}>{s.values[i]}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

/** One stacked bar per group (grade, class, time point, township), a segment per level in its colour. */
export function LevelBars({
  title,
  groups,
  levels,
  testId,
}: {
  title: string;
  groups: DashboardView['breakdowns'][number]['groups'];
  levels: readonly TierLevel[];
  testId: string;
}) {
  const { t } = useTranslation();
  const lang = useContentLanguage();
  const categories = useMemo(() => groups.map((g) => g.group), [groups]);
  const series = useMemo(
    () =>
      levels.map((l) => ({ name: localized(l.name, lang), values: groups.map((g) => g.byLevel[l.id] ?? 0) })),
    [groups, levels, lang],
  );
  const option = useMemo(
    () => ({
      animation: false,
      grid: { left: 40, right: 16, top: 36, bottom: 28, containLabel: true },
      legend: { top: 0, itemWidth: 12, itemHeight: 10, textStyle: { fontSize: 12 } },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'category', data: categories, ...AXIS },
      yAxis: VALUE_AXIS,
      series: series.map((s, i) => ({
        name: s.name,
        type: 'bar',
        stack: 'levels',
        barMaxWidth: 36,
        data: s.values,
        itemStyle: { color: levels[i]!.colour },
      })),
    }),
    [categories, series, levels],
  );
  return (
    <ChartFigure
      title={title}
      categoryLabel={t('dashboard.charts.group')}
      categories={categories}
      series={series}
      option={option}
      testId={testId}
    />
  );
}

/** People screened per month as bars, and of them those flagged as a line. */
export function MonthlyTrend({
  monthly,
  flaggedLabel,
}: {
  monthly: DashboardView['monthly'];
  flaggedLabel: string;
}) {
  const { t } = useTranslation();
  const categories = useMemo(() => monthly.map((m) => m.month), [monthly]);
  const series = useMemo(
    () => [
      { name: t('dashboard.charts.screened'), values: monthly.map((m) => m.screened) },
      { name: flaggedLabel, values: monthly.map((m) => m.flagged) },
    ],
    [monthly, flaggedLabel, t],
  );
  const option = useMemo(
    () => ({
      animation: false,
      grid: { left: 40, right: 16, top: 36, bottom: 28, containLabel: true },
      legend: { top: 0, itemWidth: 12, itemHeight: 10, textStyle: { fontSize: 12 } },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: categories, ...AXIS },
      yAxis: VALUE_AXIS,
      series: [
        {
          name: series[0]!.name,
          type: 'bar',
          barMaxWidth: 28,
          data: series[0]!.values,
          itemStyle: { color: '#7fb8b2' },
        },
        {
          name: series[1]!.name,
          type: 'line',
          data: series[1]!.values,
          symbol: 'circle',
          symbolSize: 7,
          lineStyle: { width: 2, color: '#b42318' },
          itemStyle: { color: '#b42318' },
        },
      ],
    }),
    [categories, series],
  );
  return (
    <ChartFigure
      title={t('dashboard.charts.monthly')}
      categoryLabel={t('dashboard.charts.month')}
      categories={categories}
      series={series}
      option={option}
      testId="chart-monthly"
    />
  );
}
