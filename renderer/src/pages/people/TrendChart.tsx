import { useEffect, useRef } from 'react';
import { LineChart } from 'echarts/charts';
import { GridComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

// Only what a trend line needs: the full ECharts bundle is several times larger.
echarts.use([LineChart, GridComponent, MarkLineComponent, TooltipComponent, SVGRenderer]);

export interface TrendPoint {
  /** ISO date or timestamp of the screening. */
  date: string;
  total: number | null;
}

export interface Cutoff {
  value: number;
  label: string;
  colour?: string;
}

/** Width the chart takes on an A4 page (180 mm at 96 dpi, inside the print margins). */
const PRINT_WIDTH = 640;

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
  testId,
}: {
  points: readonly TrendPoint[];
  cutoffs: readonly Cutoff[];
  /** The scale's highest possible total, so every chart of it shares one axis. */
  max?: number;
  name: string;
  height?: number;
  testId?: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const instance = echarts.init(el, undefined, { renderer: 'svg' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    const beforePrint = () => instance.resize({ width: PRINT_WIDTH, height: Math.min(height, 170) });
    const afterPrint = () => instance.resize({ width: 'auto', height: 'auto' });
    window.addEventListener('beforeprint', beforePrint);
    window.addEventListener('afterprint', afterPrint);
    return () => {
      window.removeEventListener('beforeprint', beforePrint);
      window.removeEventListener('afterprint', afterPrint);
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, [height]);

  useEffect(() => {
    chart.current?.setOption(
      {
        animation: false,
        grid: { left: 36, right: 96, top: 16, bottom: 28 },
        tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (v === null ? '—' : String(v)) },
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
            data: points.map((p) => p.total),
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
      },
      true,
    );
  }, [points, cutoffs, max, name]);

  return (
    <div
      ref={box}
      className="trend-chart"
      style={{ height }}
      data-testid={testId}
      role="img"
      aria-label={name}
    />
  );
}
