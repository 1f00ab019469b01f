import { type CellValue, cellText } from './cell';
import type { FieldSpec } from './fields';
import { toHalfWidth } from './text';

export interface HeaderColumn {
  column: number;
  text: string;
}

export interface HeaderDetection<F extends string> {
  /** Zero-based index into the rows; data starts on the next row. */
  headerRow: number;
  /** Zero-based column of each recognised field. */
  mapping: Partial<Record<F, number>>;
  /** Non-empty headers that name no known field (序号, 备注 …). */
  unmappedHeaders: HeaderColumn[];
  /** A second column naming a field already mapped; the first one wins and the user should be told. */
  duplicateHeaders: (HeaderColumn & { field: F })[];
}

/**
 * The comparable form of a header: half-width, no spaces, lower case, without required-field stars,
 * a trailing colon or a hint in brackets (出生日期(yyyy-mm-dd), 性别（男/女）).
 */
export function headerKey(text: string): string {
  return toHalfWidth(text)
    .replace(/\s+/gu, '')
    .replace(/^\*+|\*+$/g, '')
    .replace(/\([^()]*\)$/, '')
    .replace(/:$/, '')
    .toLowerCase();
}

function synonymIndex<F extends string>(fields: Record<F, FieldSpec>): Map<string, F> {
  const index = new Map<string, F>();
  for (const [field, spec] of Object.entries(fields) as [F, FieldSpec][]) {
    for (const name of [spec.label, ...spec.synonyms]) index.set(headerKey(name), field);
  }
  return index;
}

/**
 * The field a column name means (its label, a synonym, or the field key itself), as a header
 * in a file would be read; null when it names none. One column typed by hand (`anxin people add
 * --set 手册号=…`) is read by the same synonyms as a file's header.
 */
export function fieldForHeader<F extends string>(fields: Record<F, FieldSpec>, text: string): F | null {
  if (Object.hasOwn(fields, text)) return text as F;
  return synonymIndex(fields).get(headerKey(text)) ?? null;
}

function readHeader<F extends string>(row: readonly CellValue[], index: Map<string, F>): HeaderDetection<F> {
  const result: HeaderDetection<F> = {
    headerRow: -1,
    mapping: {},
    unmappedHeaders: [],
    duplicateHeaders: [],
  };
  row.forEach((cell, column) => {
    const text = cellText(cell).trim();
    if (!text) return;
    const field = index.get(headerKey(text));
    if (field === undefined) result.unmappedHeaders.push({ column, text });
    else if (result.mapping[field] !== undefined) result.duplicateHeaders.push({ column, text, field });
    else result.mapping[field] = column;
  });
  return result;
}

/**
 * Finds the header below any title rows: the first row naming at least two known fields.
 * Null when no such row appears among the first `scanRows` rows.
 */
export function detectHeader<F extends string>(
  rows: readonly (readonly CellValue[])[],
  fields: Record<F, FieldSpec>,
  { scanRows = 30, minMatches = 2 } = {},
): HeaderDetection<F> | null {
  const index = synonymIndex(fields);
  for (const [headerRow, row] of rows.slice(0, scanRows).entries()) {
    const header = readHeader(row, index);
    if (Object.keys(header.mapping).length >= minMatches) return { ...header, headerRow };
  }
  return null;
}

/** The cells of one data row under their field names. */
export function pickFields<F extends string>(
  row: readonly CellValue[],
  mapping: Partial<Record<F, number>>,
): Partial<Record<F, CellValue>> {
  const picked: Partial<Record<F, CellValue>> = {};
  for (const [field, column] of Object.entries(mapping) as [F, number][]) picked[field] = row[column] ?? null;
  return picked;
}
