/**
 * Rates as every figure shows them: a share of 1 rounded to three places (0.075), null when there
 * is nobody to divide by, and printed as a percentage with one decimal (7.5%). The dashboard, the
 * export and the group report all go through here, so the same counts never print two rates.
 */
export function ratio(part: number, whole: number): number | null {
  return whole ? Math.round((part / whole) * 1000) / 1000 : null;
}

/** A share as a percentage with one decimal: 0.075 → 7.5 (what bars and progress figures use). */
export const percentValue = (share: number): number => Math.round(share * 1000) / 10;

/** 0.075 → "7.5%"; null → "—". */
export function percentText(value: number | null): string {
  return value === null ? '—' : `${percentValue(value)}%`;
}

/** A count as a share of another, printed: percentOf(1, 3) → "33.3%", percentOf(1, 0) → "—". */
export const percentOf = (part: number, whole: number): string => percentText(ratio(part, whole));
