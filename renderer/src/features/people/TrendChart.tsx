import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { LineChart } from 'echarts/charts';
import { GridComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEChart } from '../../lib/useEChart';

// Only what a trend line needs: the full ECharts bundle is several times larger.
echarts.use([LineChart, GridComponent, MarkLineComponent, TooltipComponent, SVGRenderer]);

export interface TrendPoint {
  /** ISO date or timestamp of the screening. */
  date: string;
  total: number | null;
  /** A partially answered sheet: its total counts answered items only, so it is drawn hollow. */
  incomplete?: boolean;
}

export interface Cutoff {
  value: number;
  label: string;
  colour?: string;
}

/**
 * One instrument's totals over time, with its cut-offs as dashed lines. SVG output, so it
 * prints sharp; it re-measures for the printed page and back.
 */
export function TrendChart({
  points,
  cutoffs,
  max,
  name,
  height = 200,
  printHeight = Math.min(height, 170),
  printWidth,
  testId,
  className,
}: {
  points: readonly TrendPoint[];
  cutoffs: readonly Cutoff[];
  /** The scale's highest possible total, so every chart of it shares one axis. */
  max?: number;
  name: string;
  height?: number;
  /**
   * The chart's size on paper: its box must print exactly this tall (the page's print CSS says
   * so), or the bottom of the drawing — the dates under the axis — is cut off.
   */
  printHeight?: number;
  printWidth?: number;
  testId?: string;
  className?: string;
}) {
  const { t } = useTranslation();
  const option = useMemo(
    () => ({
      animation: false,
      grid: { left: 36, right: 96, top: 16, bottom: 28 },
      tooltip: {
        trigger: 'axis',
        formatter: (params: { dataIndex: number; axisValueLabel: string }[]) => {
          const first = params[0];
          const point = first ? points[first.dataIndex] : undefined;
          if (!first || !point) return '';
          const value = point.total === null ? '—' : String(point.total);
          return `${first.axisValueLabel}<br/>${name}: ${point.incomplete ? t('blanks.trendIncomplete', { value }) : value}`;
        },
      },
      xAxis: {
        type: 'category',
        data: points.map((p) => p.date.slice(0, 10)),
        axisLabel: { color: '#687886', fontSize: 11 },
        axisLine: { lineStyle: { color: '#c3ced8' } },
        axisTick: { show: false },
      },
      yAxis: {
        type: 'value',
        min: 0,
        max,
        minInterval: 1,
        // A scale's top (27 for PHQ-9) is rarely a round tick; its label would crowd the one below.
        axisLabel: { color: '#687886', fontSize: 11, showMaxLabel: max === undefined || max % 5 === 0 },
        splitLine: { lineStyle: { color: '#edf1f4' } },
      },
      series: [
        {
          name,
          type: 'line',
          // A partial total is a floor, not a score: a hollow, dashed marker, never a filled dot.
          data: points.map((p) =>
            p.incomplete
              ? {
                  value: p.total,
                  symbol: 'emptyCircle',
                  symbolSize: 9,
                  itemStyle: {
                    color: '#ffffff',
                    borderColor: '#0f766e',
                    borderType: 'dashed',
                    borderWidth: 2,
                  },
                }
              : p.total,
          ),
          connectNulls: true,
          symbol: 'circle',
          symbolSize: 7,
          lineStyle: { width: 2, color: '#0f766e' },
          itemStyle: { color: '#0f766e' },
          markLine: {
            silent: true,
            symbol: 'none',
            data: cutoffs.map((c) => ({
              yAxis: c.value,
              name: c.label,
              lineStyle: { type: 'dashed', color: c.colour ?? '#b42318', width: 1.2 },
              label: { formatter: c.label, position: 'end', color: c.colour ?? '#b42318', fontSize: 11 },
            })),
          },
        },
      ],
    }),
    [points, cutoffs, max, name, t],
  );
  const box = useEChart(option, printHeight, printWidth);

  return (
    <div
      ref={box}
      className={className}
      style={{ height }}
      data-testid={testId}
      data-incomplete={points.filter((p) => p.incomplete).length}
      role="img"
      aria-label={name}
    />
  );
}
