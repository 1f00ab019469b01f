import { formatPath } from '../errors';
import type { Location } from './types';

export type Path = readonly (string | number)[];

/** An ordered list of min–max rows (bands, norm rows) and the cells holding their bounds. */
export interface IntervalRows {
  rows: { min: number; max: number; at: Location; minAt: Location; maxAt: Location }[];
}

/**
 * Where each part of the built definition came from, so an issue the schema reports on a
 * path (scales[0].items[2]) can be shown on the sheet, row and column the user typed it in.
 */
export class SourceMap {
  private readonly locations = new Map<string, Location>();
  private readonly intervals = new Map<string, IntervalRows>();

  set(path: Path, at: Location): void {
    this.locations.set(formatPath(path), at);
  }

  setIntervals(path: Path, rows: IntervalRows['rows']): void {
    this.intervals.set(formatPath(path), { rows });
  }

  /** The location of the path or of its nearest registered ancestor. */
  locate(path: Path, message: string): Location | undefined {
    for (let end = path.length; end >= 0; end -= 1) {
      const key = formatPath(path.slice(0, end));
      const intervals = end === path.length ? this.intervals.get(key) : undefined;
      const gap = intervals && gapLocation(intervals, message);
      if (gap) return gap;
      const at = this.locations.get(key);
      if (at) return at;
    }
    return undefined;
  }
}

/**
 * The schema reports scores that no row covers on the whole list; the row to fix is the one
 * just above the gap (its lower bound), or the last row when the gap is above every row.
 */
function gapLocation({ rows }: IntervalRows, message: string): Location | undefined {
  const first = /possible scores? (-?[\d.]+)/.exec(message)?.[1];
  if (first === undefined) return undefined;
  const uncovered = Number(first);
  const next = rows.find((row) => row.min > uncovered);
  return next?.minAt ?? rows[rows.length - 1]?.maxAt;
}

/** "scales[0].items[2]" back into its segments. */
export function parsePath(path: string): (string | number)[] {
  return [...path.matchAll(/\[(\d+)\]|([^.[\]]+)/g)].map((m) => (m[1] === undefined ? m[2]! : Number(m[1])));
}
