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
const MAX_BACKLOG = 4 * 1024 * 1024;

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
function fit(value: StreamCellValue): ExcelJS.CellValue {
  if (typeof value === 'string' && value.length > EXCEL_MAX_CELL_CHARS)
    return `${value.slice(0, EXCEL_MAX_CELL_CHARS - 6)}…（已截断）`;
  return value ?? null;
}

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

/**
 * A streaming workbook onto `output`. With `styles: false` no style table is kept at all (the bare
 * baseline the benchmark compares against); `style()` then returns inert references.
 */
export async function streamWorkbook(output: Writable, { styles = true } = {}): Promise<StreamWorkbook> {
  const workbook = new (await loadExcelJs()).stream.xlsx.WorkbookWriter({
    stream: output,
    useStyles: styles,
    useSharedStrings: false,
  });
  workbook.creator = 'Anxin';
  workbook.lastModifiedBy = 'Anxin';

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
      let rowCount = 0;
      let widest = 1;
      return {
        name: options.name,
        get rowCount() {
          return rowCount;
        },
        addRow(values, rowStyles, rowOptions) {
          if (rowCount >= EXCEL_MAX_ROWS) throw new Error(`sheet ${options.name} is full`);
          const row = sheet.addRow(values.map(fit));
          rowCount += 1;
          widest = Math.max(widest, values.length);
          if (styles) {
            const all = Array.isArray(rowStyles) ? null : (rowStyles as StyleRef | undefined);
            const list = Array.isArray(rowStyles) ? (rowStyles as readonly (StyleRef | undefined)[]) : [];
            for (let i = 0; i < Math.max(values.length, list.length); i++)
              row.getCell(i + 1).style = (all ?? list[i] ?? PLAIN) as Partial<ExcelJS.Style>;
          }
          if (rowOptions?.height) row.height = rowOptions.height;
          if (rowOptions?.mergeAcross && rowOptions.mergeAcross > 1)
            sheet.mergeCells(row.number, 1, row.number, rowOptions.mergeAcross);
          row.commit();
          return rowCount % CHECK_EVERY === 0 ? relieve(sheet) : undefined;
        },
        commit() {
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
