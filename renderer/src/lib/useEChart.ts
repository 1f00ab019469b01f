import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import type { EChartsCoreOption } from 'echarts/core';

/** Width a chart takes on an A4 page (180 mm at 96 dpi, inside the print margins). */
export const PRINT_WIDTH = 640;

/**
 * An ECharts instance on the returned div: SVG output, so it prints sharp; it follows the box's
 * size and re-measures for the printed page (`printWidth` wide) and back. `option` replaces the
 * previous one whole.
 * Each caller registers the chart types and components it draws with `echarts.use`.
 */
export function useEChart(option: EChartsCoreOption, printHeight: number, printWidth = PRINT_WIDTH) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const instance = echarts.init(el, undefined, { renderer: 'svg' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    const beforePrint = () => instance.resize({ width: printWidth, height: printHeight });
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
  }, [printHeight, printWidth]);

  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option, printHeight, printWidth]);

  return box;
}
