/**
 * A spreadsheet cell once reader quirks are removed. Dates are what exceljs produces: the calendar date
 * the user sees lives in the UTC fields (Excel stores no time zone), so never read them with local getters.
 */
export type CellValue = string | number | Date | null;

/** A parse outcome that says why it failed instead of throwing. */
export type Parsed<T, Reason extends string> = { ok: true; value: T } | { ok: false; reason: Reason };

export const parsed = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });
export const failed = <R extends string>(reason: R): { ok: false; reason: R } => ({ ok: false, reason });

/** The cell as text the way a person would read it; Dates become their ISO calendar date. */
export function cellText(value: CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  return String(value);
}
