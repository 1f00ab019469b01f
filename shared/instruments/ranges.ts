import { findItem, optionValues, resolveOptionSet, valueRange } from './options';
import type { InstrumentDefinition, Scale } from './schema';

/** Drops floating-point noise (0.1 + 0.2) so scores compare exactly with band bounds. */
export function roundScore(x: number): number {
  return Math.round(x * 1e9) / 1e9;
}

/** What an answer contributes to a scale: its value, or min + max − value for a reversed item. */
export function contribution(
  scale: Scale,
  itemId: string,
  value: number,
  range: { min: number; max: number },
): number {
  return scale.reversed?.includes(itemId) ? range.min + range.max - value : value;
}

/** Every contribution an item can make to a scale, or undefined when its option set is unresolved. */
function itemContributions(def: InstrumentDefinition, scale: Scale, itemId: string): number[] | undefined {
  const item = findItem(def, itemId);
  const set = item && resolveOptionSet(def, item);
  if (!set) return undefined;
  const range = valueRange(set);
  return optionValues(set).map((v) => contribution(scale, itemId, v, range));
}

/** Beyond this many distinct sums the coverage checks give up rather than stall a load. */
export const MAX_DISTINCT_SCORES = 50_000;

/**
 * Every score a complete answer can give the scale, ascending: bands and norm tables are
 * checked against these rather than against a continuous range, so sums of uneven option
 * values and means over item counts are both handled. Undefined when not computable.
 */
export function achievableScores(def: InstrumentDefinition, scale: Scale): number[] | undefined {
  let sums = new Set<number>([0]);
  for (const itemId of scale.items) {
    const values = itemContributions(def, scale, itemId);
    if (!values) return undefined;
    const next = new Set<number>();
    for (const s of sums) for (const v of values) next.add(roundScore(s + v));
    if (next.size > MAX_DISTINCT_SCORES) return undefined;
    sums = next;
  }
  const n = scale.items.length;
  return [...sums].map((s) => (scale.method === 'mean' ? roundScore(s / n) : s)).sort((a, b) => a - b);
}

export interface Interval {
  min: number;
  max: number;
}

export function inInterval(x: number, interval: Interval): boolean {
  return x >= interval.min && x <= interval.max;
}
