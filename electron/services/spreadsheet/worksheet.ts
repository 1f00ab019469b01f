import type { CellValue } from '../../../shared/people/cell';
import { fileError, LIMITS, limitError } from './limits';
import { unescapeText } from './xlsx-parts';
import { parseXmlChunks } from './xml';

/** What a worksheet's cells refer to elsewhere in the package. */
export interface SheetContext {
  sharedStrings: readonly string[];
  dateStyles: readonly boolean[];
  date1904: boolean;
  /** Cells read so far over all sheets, against LIMITS.cells (one budget per file). */
  budget?: { cells: number };
}

interface Range {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

const DAY_MS = 86_400_000;
/** 9999-12-31, Excel's last date. */
const EXCEL_MAX_SERIAL = 2_958_465;
/**
 * Day 25,569 is 1970-01-01 in Excel's 1900 system; the calendar date lands in the UTC fields. A serial
 * outside Excel's calendar stays a number, so the importer can say the date is out of range (an
 * Invalid Date would read as an empty cell: "缺少出生日期").
 */
const excelDate = (serial: number, date1904: boolean): Date | number =>
  serial < 0 || serial > EXCEL_MAX_SERIAL
    ? serial
    : new Date(Math.round((serial - 25_569 + (date1904 ? 1_462 : 0)) * DAY_MS));

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

/**
 * A row number as written in `<row r>`, checked before anything is sized by it: a crafted
 * r="4000000000" once grew the row array until the heap was exhausted.
 */
function checkedRow(r: string | undefined, previous: number): number {
  if (r !== undefined && !/^\d{1,10}$/.test(r)) {
    throw fileError(
      'bad_reference',
      `工作表中有无效的行号（r="${r.slice(0, 20)}"），文件可能已损坏。请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入。`,
      { ref: r.slice(0, 20) },
    );
  }
  const row = r === undefined ? previous + 2 : Number(r);
  if (row < 1) {
    throw fileError(
      'bad_reference',
      `工作表中有无效的行号（r="${r}"），文件可能已损坏。请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入。`,
      { ref: String(r) },
    );
  }
  if (row > LIMITS.excelRows) throw limitError('excelRows', row);
  if (row > LIMITS.rows) throw limitError('rows', row);
  return row - 1;
}

/** A zero-based column, refused past Excel's last column XFD (a row of 100,000 cells is no roster). */
function checkedColumn(column: number, row: number): number {
  if (column >= LIMITS.excelColumns) throw limitError('excelColumns', column + 1, row + 1);
  return column;
}

/** The declared used range (`<dimension ref="A1:XFD1048576">`) may not promise more than is read. */
function checkDimension(ref: string): void {
  const { bottom, right } = rangeOf(ref);
  if (bottom + 1 > LIMITS.rows) throw limitError('rows', bottom + 1);
  if (right + 1 > LIMITS.excelColumns) throw limitError('excelColumns', right + 1);
}

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
  // Each merge is visited row by row: 60,000 merges down 200,000 rows once took minutes of CPU.
  let area = 0;
  for (const { top, bottom } of merges) {
    const span = Math.min(bottom, rows.length - 1) - Math.max(top, 0) + 1;
    if (span > 0) area += span;
    if (area > LIMITS.mergedArea) throw limitError('mergedArea', area);
  }
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
  const budget = context.budget ?? { cells: 0 };

  await parseXmlChunks(chunks, {
    open(name, attributes) {
      switch (name) {
        case 'row':
          row = checkedRow(attributes.r, row);
          cells = [];
          column = -1;
          break;
        case 'c':
          column = checkedColumn(attributes.r ? columnOf(attributes.r) : column + 1, row);
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
          if (merges.length >= LIMITS.mergedRanges) throw limitError('mergedRanges', merges.length + 1);
          if (attributes.ref) merges.push(rangeOf(attributes.ref));
          break;
        case 'dimension':
          if (attributes.ref) checkDimension(attributes.ref);
          break;
      }
    },
    text(value) {
      if (!capturing) return;
      raw += value;
      if (raw.length > LIMITS.cellChars) throw limitError('cellChars', raw.length, row + 1);
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
          if (value !== null && column >= 0) {
            if (++budget.cells > LIMITS.cells) throw limitError('cells', budget.cells);
            cells[column] = value;
          }
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
