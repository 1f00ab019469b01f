import { useEffect, useState, type RefObject } from 'react';

export interface WindowRange {
  /** First row to render (inclusive). */
  start: number;
  /** Row after the last to render (exclusive). */
  end: number;
}

/**
 * Windowing for a fixed row height: which rows of a scroll container are on screen (plus
 * `overscan` either side). Only those are rendered; spacers keep the scrollbar true to the whole list.
 */
export function useWindow(
  ref: RefObject<HTMLElement | null>,
  count: number,
  rowHeight: number,
  overscan = 12,
): WindowRange {
  const [view, setView] = useState({ top: 0, height: 800 });

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    let frame = 0;
    const measure = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => setView({ top: el.scrollTop, height: el.clientHeight }));
    };
    measure();
    el.addEventListener('scroll', measure, { passive: true });
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => {
      cancelAnimationFrame(frame);
      el.removeEventListener('scroll', measure);
      observer.disconnect();
    };
  }, [ref]);

  const first = Math.floor(view.top / rowHeight);
  const visible = Math.ceil(view.height / rowHeight) + 1;
  return {
    start: Math.max(0, Math.min(count, first - overscan)),
    end: Math.max(0, Math.min(count, first + visible + overscan)),
  };
}
