import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { loadExcelJs } from './exceljs';

/**
 * Large workbooks, written row by row: exceljs's streaming WorkbookWriter keeps only the current
 * row in memory, where its in-memory Workbook needs about 1.7 GB for 100k rows. This module is the
 * only exporter that knows exceljs, so the library can be swapped without touching the exports.
 */

/** Excel's hard limits: a sheet with more rows or a longer cell does not open. */
export const EXCEL_MAX_ROWS = 1_048_576;
export const EXCEL_MAX_CELL_CHARS = 32_767;

export type StreamCellValue = string | number | Date | null | undefined;

export interface CellStyle {
  bold?: boolean;
  size?: number;
  /** Font colour, '#RRGGBB'. */
  colour?: string;
  /** Solid background, '#RRGGBB'. */
  fill?: string;
  numFmt?: string;
  wrap?: boolean;
  align?: 'left' | 'center' | 'right';
  valign?: 'top' | 'middle';
  border?: boolean;
}

declare const styleBrand: unique symbol;
/** A style made once by `StreamWorkbook.style` and shared by every cell that uses it. */
export type StyleRef = { readonly [styleBrand]: true };

export interface StreamSheetOptions {
  name: string;
  /** Column widths in Excel character units. */
  widths: readonly number[];
  /** Rows kept in view while scrolling (the header). */
  frozenRows?: number;
  /** The header row that gets filter buttons over every column. */
  autoFilterRow?: number;
  print?: {
    landscape?: boolean;
    /** Rows repeated on every printed page, e.g. '1:1'. */
    titleRows?: string;
    /** Page header and footer text (Excel header codes allowed: &P page, &N pages). */
    header?: string;
    footer?: string;
  };
}

export interface StreamSheet {
  readonly name: string;
  /** Rows written so far. */
  readonly rowCount: number;
  /**
   * Writes one row and forgets it. Returns a promise when the zip stream has fallen behind:
   * awaiting it lets the stream drain, so memory stays flat however many rows follow.
   */
  addRow(
    values: readonly StreamCellValue[],
    styles?: StyleRef | readonly (StyleRef | undefined)[],
    options?: { height?: number; mergeAcross?: number },
  ): Promise<void> | undefined;
  commit(): void;
}

export interface StreamWorkbook {
  style(spec: CellStyle): StyleRef;
  addSheet(options: StreamSheetOptions): StreamSheet;
  /** Finishes the file; the output stream has ended when this resolves. */
  commit(): Promise<void>;
  /** Stops after a failure: nothing more is written, and the caller discards the output. */
  abort(): void;
}

/** Rows between checks of the zip backlog; small enough to bound memory, large enough to cost nothing. */
const CHECK_EVERY = 500;
/** Uncompressed sheet XML allowed to wait for the compressor before the writer pauses. */
const MAX_BACKLOG = 1024 * 1024;

const argb = (hex: string) => `FF${hex.slice(1).toUpperCase()}`;
const thin = { style: 'thin' as const, color: { argb: 'FFBFBFBF' } };

function toExcelStyle(spec: CellStyle): Partial<ExcelJS.Style> {
  const style: Partial<ExcelJS.Style> = {};
  if (spec.numFmt) style.numFmt = spec.numFmt;
  if (spec.bold || spec.size || spec.colour) {
    style.font = {
      ...(spec.bold ? { bold: true } : {}),
      ...(spec.size ? { size: spec.size } : {}),
      ...(spec.colour ? { color: { argb: argb(spec.colour) } } : {}),
    };
  }
  if (spec.fill) style.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(spec.fill) } };
  if (spec.wrap || spec.align || spec.valign) {
    style.alignment = {
      ...(spec.wrap ? { wrapText: true } : {}),
      ...(spec.align ? { horizontal: spec.align } : {}),
      ...(spec.valign ? { vertical: spec.valign } : {}),
    };
  }
  if (spec.border) style.border = { top: thin, left: thin, bottom: thin, right: thin };
  return style;
}

/** Text longer than a cell holds is cut with a visible mark rather than breaking the file. */
function fit(value: string): string {
  return value.length > EXCEL_MAX_CELL_CHARS
    ? `${value.slice(0, EXCEL_MAX_CELL_CHARS - 6)}…（已截断）`
    : value;
}

// What exceljs's xmlEncode does: the five XML specials escaped, control characters XML 1.0 forbids dropped.
// eslint-disable-next-line no-control-regex -- these are exactly the characters to find
const XML_SPECIAL = /[<>&'"\x7F\x00-\x08\x0B-\x0C\x0E-\x1F]/;
// eslint-disable-next-line no-control-regex -- as above
const XML_SPECIALS = /[<>&'"\x7F\x00-\x08\x0B-\x0C\x0E-\x1F]/g;
const XML_ESCAPES: Record<string, string> = {
  '<': '&lt;',
  '>': '&gt;',
  '&': '&amp;',
  "'": '&apos;',
  '"': '&quot;',
};
const xmlText = (text: string) =>
  XML_SPECIAL.test(text) ? text.replace(XML_SPECIALS, (c) => XML_ESCAPES[c] ?? '') : text;

/** 'A', 'B', … 'Z', 'AA' …: the column part of a cell reference, 1-based. */
function columnLetters(n: number): string {
  let letters = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26))
    letters = String.fromCharCode(65 + ((k - 1) % 26)) + letters;
  return letters;
}

// Date serials as exceljs writes them: days since 1899-12-30, the 1900 date system.
const DAY_MS = 86_400_000;
const EXCEL_EPOCH_DAYS = 25_569;

// exceljs's ValueType numbers (lib/doc/enums.js), written out: exceljs itself loads only when a
// workbook is written, and this module must not pull it in at start-up.
const VALUE_TYPE = { Null: 0, Number: 2, String: 3, Date: 4 } as const;

/** The cell type exceljs derives from a value, which also picks a style's default number format. */

function valueType(value: StreamCellValue): ExcelJS.ValueType {
  if (value === null || value === undefined) return VALUE_TYPE.Null as ExcelJS.ValueType;
  if (typeof value === 'string') return VALUE_TYPE.String as ExcelJS.ValueType;
  if (typeof value === 'number') return VALUE_TYPE.Number as ExcelJS.ValueType;
  return VALUE_TYPE.Date as ExcelJS.ValueType;
}

/** The parts of exceljs 4.4's WorksheetWriter that the row writer below takes over. */
interface SheetInternals {
  stream: { write(xml: string): unknown };
  startedData: boolean;
  /** The next row number while no row is pending, which is always the case here. */
  _rowZero: number;
  _writeColumns(): void;
  _writeOpenSheetData(): void;
}

/** exceljs 4.4's style table: the id of a style, made once per style object and cell type. */
interface StylesInternals {
  addStyleModel(style: Partial<ExcelJS.Style>, type: ExcelJS.ValueType): number;
}

/**
 * One row as exceljs 4.4 writes it (RowXform and CellXform): a cell per value or style, an unstyled
 * empty cell left out, strings inline as t="str"; null for a row exceljs would leave out (neither
 * a value nor a height), whose number is used up all the same.
 */
function rowXml(
  styles: StylesInternals,
  letter: (i: number) => string,
  number: number,
  values: readonly StreamCellValue[],
  cells: number,
  styleOf: (i: number) => Partial<ExcelJS.Style>,
  height: number | undefined,
): string | null {
  let xml = '';
  let hasValue = false;
  for (let i = 0; i < cells; i++) {
    const value = values[i] ?? null;
    const id = styles.addStyleModel(styleOf(i), valueType(value));
    const head = id ? `<c r="${letter(i)}${number}" s="${id}"` : `<c r="${letter(i)}${number}"`;
    if (value === null) {
      if (id) xml += `${head}/>`;
      continue;
    }
    hasValue = true;
    if (typeof value === 'string') xml += `${head} t="str"><v>${xmlText(fit(value))}</v></c>`;
    else if (typeof value === 'number') xml += `${head}><v>${value}</v></c>`;
    else xml += `${head}><v>${EXCEL_EPOCH_DAYS + value.getTime() / DAY_MS}</v></c>`;
  }
  if (!hasValue && !height) return null;
  const open = `<row r="${number}"${height ? ` ht="${height}" customHeight="1"` : ''}${cells ? ` spans="1:${cells}"` : ''} x14ac:dyDescent="0.25"`;
  return xml ? `${open}>${xml}</row>` : `${open}/>`;
}

// Row XML is gathered into chunks of about this many characters before it goes to exceljs's stream.
const CHUNK_CHARS = 64 * 1024;

// Unstyled cells share one empty style too; exceljs would otherwise look each one up afresh.
const PLAIN: Partial<ExcelJS.Style> = {};

const nextTick = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * exceljs hands each 64 KB of sheet XML to the zip without waiting (its StreamBuf ignores
 * back-pressure), so a fast producer piles up uncompressed XML: 120 MB for 150,000 rows. The
 * stream it writes into is the one place that backlog is visible; when it is large the writer
 * waits for that stream to drain. Reaches into exceljs 4.4 internals, which is why only this
 * module knows them.
 */
function relieve(sheet: ExcelJS.Worksheet): Promise<void> | undefined {
  // archiver uses readable-stream 2, whose streams expose their buffers only as state objects.
  type Sink = Writable & {
    _writableState?: { length: number; needDrain: boolean };
    _readableState?: { length: number };
  };
  const [sink] = (sheet as unknown as { stream?: { pipes?: Sink[] } }).stream?.pipes ?? [];
  if (!sink?._writableState) return nextTick();
  const backlog = sink._writableState.length + (sink._readableState?.length ?? 0);
  if (backlog < MAX_BACKLOG) return undefined;
  return sink._writableState.needDrain ? once(sink, 'drain').then(() => undefined) : nextTick();
}

/** A streaming workbook onto `output`. */
export async function streamWorkbook(output: Writable): Promise<StreamWorkbook> {
  const workbook = new (await loadExcelJs()).stream.xlsx.WorkbookWriter({
    stream: output,
    useStyles: true,
    useSharedStrings: false,
  });
  workbook.creator = 'Anxin';
  workbook.lastModifiedBy = 'Anxin';
  const styleTable = (workbook as unknown as { styles: StylesInternals }).styles;
  const letters: string[] = [];
  const letter = (i: number) => (letters[i] ??= columnLetters(i + 1));

  return {
    // The same object for every cell: exceljs caches style ids by object identity, so a shared
    // style costs one lookup per cell instead of re-serialising fonts, fills and borders.
    style: (spec) => toExcelStyle(spec) as unknown as StyleRef,

    addSheet(options) {
      const { print } = options;
      const sheet = workbook.addWorksheet(options.name, {
        views: options.frozenRows ? [{ state: 'frozen', ySplit: options.frozenRows }] : [],
        pageSetup: {
          paperSize: 9, // A4
          orientation: print?.landscape ? 'landscape' : 'portrait',
          fitToPage: true,
          fitToWidth: 1,
          // 0: as many pages down as the rows need; only the width is fitted.
          fitToHeight: 0,
          ...(print?.titleRows ? { printTitlesRow: print.titleRows } : {}),
          margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
        },
        headerFooter: {
          ...(print?.header ? { oddHeader: print.header } : {}),
          ...(print?.footer ? { oddFooter: print.footer } : {}),
        },
      });
      sheet.columns = options.widths.map((width) => ({ width }));
      // Rows are written as XML here rather than through exceljs's Row and Cell objects, which cost
      // several times the writing itself; the XML is what exceljs 4.4 writes for the same row.
      const internals = sheet as unknown as SheetInternals;
      let pending = '';
      const flush = () => {
        if (pending) internals.stream.write(pending);
        pending = '';
      };
      let rowCount = 0;
      let widest = 1;
      return {
        name: options.name,
        get rowCount() {
          return rowCount;
        },
        addRow(values, rowStyles, rowOptions) {
          if (rowCount >= EXCEL_MAX_ROWS) throw new Error(`sheet ${options.name} is full`);
          rowCount += 1;
          widest = Math.max(widest, values.length);
          const styleList = Array.isArray(rowStyles)
            ? (rowStyles as readonly (StyleRef | undefined)[])
            : null;
          const styleOf = (i: number) =>
            ((styleList ? styleList[i] : (rowStyles as StyleRef | undefined)) ??
              PLAIN) as Partial<ExcelJS.Style>;
          const cells = Math.max(values.length, styleList?.length ?? 0);
          const height = rowOptions?.height;
          if (rowOptions?.mergeAcross && rowOptions.mergeAcross > 1) {
            // The few merged lines (the summary's title block) go through exceljs, which merges them.
            flush();
            const row = sheet.addRow(values.map((v) => (typeof v === 'string' ? fit(v) : (v ?? null))));
            for (let i = 0; i < cells; i++) row.getCell(i + 1).style = styleOf(i);
            if (height) row.height = height;
            sheet.mergeCells(row.number, 1, row.number, rowOptions.mergeAcross);
            row.commit();
          } else {
            if (!internals.startedData) {
              internals._writeColumns();
              internals._writeOpenSheetData();
              internals.startedData = true;
            }
            const number = internals._rowZero;
            internals._rowZero = number + 1;
            const xml = rowXml(styleTable, letter, number, values, cells, styleOf, height);
            if (xml) {
              pending += xml;
              if (pending.length >= CHUNK_CHARS) flush();
            }
          }
          if (rowCount % CHECK_EVERY !== 0) return undefined;
          flush();
          return relieve(sheet);
        },
        commit() {
          flush();
          // The filter covers the rows below the header, so it is set once they are all known.
          const top = options.autoFilterRow;
          if (top && rowCount >= top)
            sheet.autoFilter = { from: { row: top, column: 1 }, to: { row: rowCount, column: widest } };
          sheet.commit();
        },
      };
    },

    commit: () => workbook.commit(),

    abort() {
      // exceljs 4.4 does not type its archiver; abort() drops queued entries and ends the zip.
      const { zip } = workbook as unknown as {
        zip: { abort(): void; unpipe(): void; on(event: 'error', listener: () => void): void };
      };
      zip.on('error', () => undefined);
      zip.unpipe();
      zip.abort();
    },
  };
}
