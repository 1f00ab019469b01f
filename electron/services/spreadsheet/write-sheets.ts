import type ExcelJS from 'exceljs';
import { loadExcelJs, PRINTABLE_SHEET, wrapHeader } from './exceljs';
import { writeFileAtomic } from '../atomic-file';
import type { CellValue } from './types';

export interface SheetColumn {
  header: string;
  /** In Excel character widths. */
  width?: number;
  /** Stored as text, so Excel cannot turn "1-6" into a date, "1.0" into 1 or drop leading zeros. */
  text?: boolean;
  /** Offered as a drop-down below the header. */
  choices?: readonly string[];
  wrap?: boolean;
}

export interface SheetData {
  name: string;
  columns: readonly SheetColumn[];
  /** Rows below the header. */
  rows: readonly (readonly CellValue[])[];
}

/** Rows below the header that offer the drop-downs; a range, so its size costs nothing in the file. */
const VALIDATION_ROWS = 2000;
// Excel refuses an inline list longer than this; longer lists need a list sheet (see template.ts).
const INLINE_LIST_LIMIT = 255;

// exceljs 4.4 has Worksheet.dataValidations (a range-keyed map) but leaves it out of its typings.
type WithDataValidations = ExcelJS.Worksheet & {
  dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void };
};

function addSheet(workbook: ExcelJS.Workbook, data: SheetData): void {
  const sheet = workbook.addWorksheet(data.name, {
    ...PRINTABLE_SHEET,
    views: [{ state: 'frozen', ySplit: 1 }],
  }) as WithDataValidations;
  sheet.columns = data.columns.map((c) => ({
    width: c.width ?? Math.max(10, c.header.length * 2 + 4),
    style: {
      ...(c.text ? { numFmt: '@' } : {}),
      ...(c.wrap ? { alignment: { wrapText: true, vertical: 'top' as const } } : {}),
    },
  }));
  wrapHeader(sheet.addRow(data.columns.map((c) => c.header)));
  for (const row of data.rows) sheet.addRow([...row]);
  data.columns.forEach((c, i) => {
    if (!c.choices?.length) return;
    const list = `"${c.choices.join(',')}"`;
    if (list.length > INLINE_LIST_LIMIT || c.choices.some((choice) => /[,"]/.test(choice)))
      throw new Error(`drop-down for "${c.header}" is too long or has commas or quotes for an inline list`);
    const letter = sheet.getColumn(i + 1).letter;
    sheet.dataValidations.add(`${letter}2:${letter}${VALIDATION_ROWS + 1}`, {
      type: 'list',
      allowBlank: true,
      formulae: [list],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: c.header,
      error: '请从下拉列表中选择',
    });
  });
}

/**
 * A small workbook (templates, short reports), built in memory: each sheet with a bold frozen
 * header, column widths, text columns and drop-downs. Large exports need the streaming writer.
 */
export async function sheetsToXlsx(sheets: readonly SheetData[]): Promise<Buffer> {
  const workbook = new (await loadExcelJs()).Workbook();
  for (const data of sheets) addSheet(workbook, data);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Written to a temporary name and renamed, so the user's path never holds a half-written file. */
export async function writeSheets(file: string, sheets: readonly SheetData[]): Promise<void> {
  writeFileAtomic(file, await sheetsToXlsx(sheets));
}
