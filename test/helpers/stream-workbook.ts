import type ExcelJS from 'exceljs';
import { expect } from 'vitest';
// Types only: tests replace the writer module with a recording one built on this file.
import type {
  CellStyle,
  StreamCellValue,
  StreamSheetOptions,
  StreamWorkbook,
  StyleRef,
} from '../../electron/services/spreadsheet/stream-writer';

/** Excel's cell limit (stream-writer.ts cuts longer text to it). */
const EXCEL_MAX_CELL_CHARS = 32_767;

/**
 * What a streaming workbook was asked to write, recorded beside the real writer: each sheet's
 * options, each cell's value and style, each merge and row height. Tests read the real .xlsx back
 * and compare it with this, cell by cell.
 */
export interface IntendedCell {
  value: StreamCellValue;
  style: CellStyle | undefined;
}
export interface IntendedSheet {
  options: StreamSheetOptions;
  rows: { cells: IntendedCell[]; height?: number; mergeAcross?: number }[];
}

export function recording(wb: StreamWorkbook): { wb: StreamWorkbook; sheets: IntendedSheet[] } {
  const specs = new Map<StyleRef, CellStyle>();
  const sheets: IntendedSheet[] = [];
  return {
    sheets,
    wb: {
      style(spec) {
        const ref = wb.style(spec);
        specs.set(ref, spec);
        return ref;
      },
      addSheet(options) {
        const sheet = wb.addSheet(options);
        const intended: IntendedSheet = { options, rows: [] };
        sheets.push(intended);
        return {
          name: sheet.name,
          get rowCount() {
            return sheet.rowCount;
          },
          addRow(values, styles, rowOptions) {
            const list = Array.isArray(styles) ? (styles as readonly (StyleRef | undefined)[]) : null;
            const cells = Math.max(values.length, list?.length ?? 0);
            intended.rows.push({
              cells: Array.from({ length: cells }, (_, i) => {
                const ref = list ? list[i] : (styles as StyleRef | undefined);
                return { value: values[i], style: ref ? specs.get(ref) : undefined };
              }),
              ...(rowOptions?.height ? { height: rowOptions.height } : {}),
              ...(rowOptions?.mergeAcross ? { mergeAcross: rowOptions.mergeAcross } : {}),
            });
            return sheet.addRow(values, styles, rowOptions);
          },
          commit: () => sheet.commit(),
        };
      },
      commit: () => wb.commit(),
      abort: () => wb.abort(),
    },
  };
}

const argb = (hex: string) => `FF${hex.slice(1).toUpperCase()}`;

/** The value exceljs reads back for what was written: control characters dropped, long text cut. */
function expectedValue(value: StreamCellValue): string | number | Date | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (value instanceof Date) return value;
  // eslint-disable-next-line no-control-regex -- the characters XML 1.0 cannot carry
  const text = value.replace(/[\x00-\x08\x0B\x0C\x0E-\x1F\x7F\uFFFE\uFFFF]/g, '');
  return value.length > EXCEL_MAX_CELL_CHARS ? `${text.slice(0, EXCEL_MAX_CELL_CHARS - 6)}…（已截断）` : text;
}

/** Compares one read-back cell with what was asked for: value, font, fill, border, format, alignment. */
export function expectCell(cell: ExcelJS.Cell, intended: IntendedCell, where: string): void {
  const spec = intended.style ?? {};
  const expected = expectedValue(intended.value);
  const value = cell.value;
  const isDate = expected instanceof Date;
  if (expected instanceof Date) expect((value as Date).getTime(), `${where} value`).toBe(expected.getTime());
  else expect(value ?? null, `${where} value`).toEqual(expected);
  // An unstyled cell has the default format (0), which exceljs reads as no style at all.
  if (!intended.style && !isDate) {
    expect(cell.style ?? {}, `${where} style`).toEqual({});
    return;
  }
  expect(cell.font, `${where} font`).toEqual({
    ...(spec.bold ? { bold: true } : {}),
    size: spec.size ?? 11,
    ...(spec.colour ? { color: { argb: argb(spec.colour) } } : {}),
    name: 'Arial', // WORKBOOK_FONT (a value import here would loop through the mocked writer)
    family: 2,
  });
  if (spec.fill)
    expect(cell.fill, `${where} fill`).toEqual({
      type: 'pattern',
      pattern: 'solid',
      fgColor: { argb: argb(spec.fill) },
      bgColor: { indexed: 64 },
    });
  // No fill is fill 0, which the spec reserves as "none".
  else
    expect(cell.fill ?? { type: 'pattern', pattern: 'none' }, `${where} fill`).toEqual({
      type: 'pattern',
      pattern: 'none',
    });
  const thin = { style: 'thin', color: { argb: 'FFBFBFBF' } };
  if (spec.border)
    expect(cell.border, `${where} border`).toEqual({ left: thin, right: thin, top: thin, bottom: thin });
  else expect(cell.border ?? {}, `${where} border`).toEqual({});
  const format = spec.numFmt ?? (isDate ? 'yyyy-mm-dd' : undefined);
  expect(cell.numFmt, `${where} numFmt`).toBe(format);
  if (spec.wrap || spec.align || spec.valign)
    expect(cell.alignment, `${where} alignment`).toEqual({
      ...(spec.align ? { horizontal: spec.align } : {}),
      ...(spec.valign ? { vertical: spec.valign } : {}),
      ...(spec.wrap ? { wrapText: true } : {}),
    });
  else expect(cell.alignment, `${where} alignment`).toBeUndefined();
}

/**
 * One sheet read back against what was asked for: every cell, row heights, merges, widths, frozen
 * rows, the filter and the print setup.
 */
export function expectSheet(ws: ExcelJS.Worksheet, intended: IntendedSheet): void {
  const { options } = intended;
  const name = options.name;
  expect(ws.name).toBe(name);
  intended.rows.forEach((row, r) => {
    const read = ws.getRow(r + 1);
    row.cells.forEach((cell, c) => expectCell(read.getCell(c + 1), cell, `${name}!R${r + 1}C${c + 1}`));
    // No cell past the ones written (exceljs fills a merged range in with cells of its own).
    expect(read.cellCount, `${name} row ${r + 1} cells`).toBeLessThanOrEqual(
      Math.max(row.cells.length, row.mergeAcross ?? 0),
    );
    if (row.height) expect(read.height, `${name} row ${r + 1} height`).toBe(row.height);
  });
  expect(ws.actualRowCount).toBeLessThanOrEqual(intended.rows.length);
  const merges = intended.rows.flatMap((row, r) =>
    row.mergeAcross && row.mergeAcross > 1
      ? [`A${r + 1}:${String.fromCharCode(64 + row.mergeAcross)}${r + 1}`]
      : [],
  );
  expect([...ws.model.merges].sort()).toEqual(merges.sort());
  options.widths.forEach((width, i) =>
    expect(ws.getColumn(i + 1).width, `${name} column ${i + 1}`).toBe(width),
  );
  if (options.frozenRows)
    expect(ws.views).toEqual([
      expect.objectContaining({
        state: 'frozen',
        ySplit: options.frozenRows,
        topLeftCell: `A${options.frozenRows + 1}`,
      }),
    ]);
  else expect(ws.views.every((v) => v.state !== 'frozen')).toBe(true);
  if (options.autoFilterRow && intended.rows.length >= options.autoFilterRow) {
    const widest = Math.max(1, ...intended.rows.map((row) => row.cells.length));
    expect(ws.autoFilter).toBe(
      `A${options.autoFilterRow}:${String.fromCharCode(64 + widest)}${intended.rows.length}`,
    );
  } else expect(ws.autoFilter).toBeUndefined();
  const { print } = options;
  expect(ws.pageSetup).toMatchObject({
    paperSize: 9,
    orientation: print?.landscape ? 'landscape' : 'portrait',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: print?.onePage ? 1 : 0,
    margins: { left: 0.25, right: 0.25, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  });
  expect(ws.pageSetup.printTitlesRow).toBe(print?.titleRows);
  expect(ws.headerFooter.oddHeader).toBe(print?.header);
  expect(ws.headerFooter.oddFooter).toBe(print?.footer);
}
