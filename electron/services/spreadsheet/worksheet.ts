import type { CellValue } from '../../../shared/people/cell';
import { unescapeText } from './xlsx-parts';
import { parseXmlChunks } from './xml';

/** What a worksheet's cells refer to elsewhere in the package. */
export interface SheetContext {
  sharedStrings: readonly string[];
  dateStyles: readonly boolean[];
  date1904: boolean;
}

interface Range {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

const DAY_MS = 86_400_000;
/** Day 25,569 is 1970-01-01 in Excel's 1900 system; the calendar date lands in the UTC fields. */
const excelDate = (serial: number, date1904: boolean): Date =>
  new Date(Math.round((serial - 25_569 + (date1904 ? 1_462 : 0)) * DAY_MS));

/** Zero-based column of a cell reference (`AB12` → 27), or -1 without letters. */
function columnOf(ref: string): number {
  let column = 0;
  for (let i = 0; i < ref.length; i++) {
    const code = ref.charCodeAt(i) | 0x20; // lower case
    if (code < 0x61 || code > 0x7a) break;
    column = column * 26 + code - 0x60;
  }
  return column - 1;
}

/** Zero-based row of a cell reference (`AB12` → 11). */
const rowOf = (ref: string): number => Number(ref.replace(/^[A-Za-z$]+/, '')) - 1;

function rangeOf(ref: string): Range {
  const [from = '', to = from] = ref.split(':');
  return { top: rowOf(from), left: columnOf(from), bottom: rowOf(to), right: columnOf(to) };
}

const text = (value: string): CellValue => (value === '' ? null : value);

/**
 * A cell's saved value reduced to what an importer can use. `t` is the cell type, `s` its style;
 * a formula counts by the result Excel last saved. Booleans read as TRUE/FALSE; errors (#N/A) are no data.
 */
function cellValue(t: string | undefined, s: number, raw: string, context: SheetContext): CellValue {
  switch (t) {
    case 's':
      return text(context.sharedStrings[parseInt(raw, 10)] ?? '');
    case 'str':
      return text(raw);
    case 'inlineStr':
      return text(unescapeText(raw));
    case 'b':
      return parseInt(raw, 10) !== 0 ? 'TRUE' : 'FALSE';
    case 'e':
      return null;
    case 'd': {
      // ISO 8601 (strict OOXML); a time without a zone is a calendar value, read as UTC like serials.
      const date = new Date(/T[\d:.]+$/.test(raw) ? `${raw}Z` : raw);
      return Number.isNaN(date.getTime()) ? null : date;
    }
    default: {
      const number = parseFloat(raw);
      if (!Number.isFinite(number)) return null;
      return context.dateStyles[s] ? excelDate(number, context.date1904) : number;
    }
  }
}

/** Excel keeps a merged range's value in its top-left cell; anything left in the others is not shown. */
function clearMergedCells(rows: CellValue[][], merges: readonly Range[]): void {
  for (const { top, left, bottom, right } of merges) {
    for (let r = Math.max(top, 0); r <= Math.min(bottom, rows.length - 1); r++) {
      const row = rows[r];
      if (!row) continue;
      for (let c = Math.max(left, 0); c <= Math.min(right, row.length - 1); c++) {
        if (r !== top || c !== left) row[c] = null;
      }
      while (row.length && row.at(-1) === null) row.pop();
    }
  }
}

/**
 * The rows of one worksheet, parsed as its XML is inflated (no workbook object model is built).
 * Row i is the sheet's row i + 1; columns follow the cells' references, so sparse rows keep their places.
 */
export async function readWorksheet(
  chunks: AsyncIterable<Uint8Array>,
  context: SheetContext,
): Promise<CellValue[][]> {
  const rows: CellValue[][] = [];
  const merges: Range[] = [];
  let row = -1;
  let cells: CellValue[] = [];
  let column = -1;
  let type: string | undefined;
  let style = 0;
  let raw = '';
  let capturing = false;
  let phonetic = 0;

  await parseXmlChunks(chunks, {
    open(name, attributes) {
      switch (name) {
        case 'row':
          row = attributes.r ? Number(attributes.r) - 1 : row + 1;
          cells = [];
          column = -1;
          break;
        case 'c':
          column = attributes.r ? columnOf(attributes.r) : column + 1;
          type = attributes.t;
          style = attributes.s ? Number(attributes.s) : 0;
          raw = '';
          break;
        // <v> holds the value or a formula's result, <is><t> an inline string (in runs if rich).
        case 'v':
        case 't':
          capturing = phonetic === 0;
          break;
        case 'rPh':
          phonetic++;
          break;
        case 'mergeCell':
          if (attributes.ref) merges.push(rangeOf(attributes.ref));
          break;
      }
    },
    text(value) {
      if (capturing) raw += value;
    },
    close(name) {
      switch (name) {
        case 'v':
        case 't':
          capturing = false;
          break;
        case 'rPh':
          phonetic--;
          break;
        case 'c': {
          // An empty <v> (or none: a styled blank, a formula never calculated) holds nothing.
          const value = raw === '' ? null : cellValue(type, style, raw, context);
          if (value !== null && column >= 0) cells[column] = value;
          break;
        }
        case 'row':
          if (cells.length && row >= 0) rows[row] = Array.from(cells, (value) => value ?? null);
          break;
      }
    },
  });

  clearMergedCells(rows, merges);
  while (rows.length && !rows.at(-1)?.length) rows.pop();
  return Array.from(rows, (cellsOfRow) => cellsOfRow ?? []);
}
