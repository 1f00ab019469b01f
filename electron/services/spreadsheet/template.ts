import type ExcelJS from 'exceljs';
import { loadExcelJs, PRINTABLE_SHEET, wrapHeader } from './exceljs';
import { writeFileAtomic } from '../atomic-file';
import type { TemplateColumn } from './types';

/** Rows below the header that offer the drop-downs; a range, so its size costs nothing in the file. */
const DATA_ROWS = 5000;
// Excel refuses an inline list ("男,女") longer than 255 characters; longer lists live on a hidden sheet.
const INLINE_LIST_LIMIT = 255;
const LIST_SHEET = 'lists';

// exceljs 4.4 has Worksheet.dataValidations (a range-keyed map) but leaves it out of its typings.
type WithDataValidations = ExcelJS.Worksheet & {
  dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void };
};

const columnLetter = (n: number): string =>
  n <= 0 ? '' : columnLetter(Math.floor((n - 1) / 26)) + String.fromCharCode(65 + ((n - 1) % 26));

function listFormula(workbook: ExcelJS.Workbook, list: readonly string[], column: number): string {
  const inline = `"${list.join(',')}"`;
  if (inline.length <= INLINE_LIST_LIMIT && !list.some((item) => /[,"]/.test(item))) return inline;
  const sheet =
    workbook.getWorksheet(LIST_SHEET) ?? workbook.addWorksheet(LIST_SHEET, { state: 'veryHidden' });
  list.forEach((item, i) => (sheet.getCell(i + 1, column).value = item));
  const letter = columnLetter(column);
  return `${LIST_SHEET}!$${letter}$1:$${letter}$${list.length}`;
}

/**
 * An import template: header, one example row, drop-downs, frozen header. Every column is text so
 * Excel cannot turn an 18-digit ID into 5.10421E+17 or drop a student number's leading zeros.
 */
export async function rosterTemplateBytes(
  columns: readonly TemplateColumn[],
  { sheetName = '名单' } = {},
): Promise<Buffer> {
  const workbook = new (await loadExcelJs()).Workbook();
  const sheet = workbook.addWorksheet(sheetName, {
    ...PRINTABLE_SHEET,
    views: [{ state: 'frozen', ySplit: 1 }],
  }) as WithDataValidations;
  sheet.columns = columns.map((c) => ({
    width: c.width ?? Math.max(10, c.header.length * 2 + 4),
    style: { numFmt: '@' },
  }));
  wrapHeader(sheet.addRow(columns.map((c) => c.header)));
  sheet.addRow(columns.map((c) => c.example)).font = { italic: true, color: { argb: 'FF808080' } };
  columns.forEach((c, i) => {
    if (!c.list?.length) return;
    const letter = columnLetter(i + 1);
    sheet.dataValidations.add(`${letter}2:${letter}${DATA_ROWS + 1}`, {
      type: 'list',
      allowBlank: true,
      formulae: [listFormula(workbook, c.list, i + 1)],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: c.header,
      error: '请从下拉列表中选择',
    });
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function writeRosterTemplate(
  file: string,
  columns: readonly TemplateColumn[],
  options: { sheetName?: string } = {},
): Promise<void> {
  writeFileAtomic(file, await rosterTemplateBytes(columns, options));
}
