import ExcelJS from 'exceljs';
import type { CellValue } from '../../../shared/people/cell';
import type { Sheet } from './types';

// Excel expands a data validation or conditional format set on a whole column into a million
// per-cell entries when exceljs parses it (4 columns: 7 s, 400 MB); a reader needs neither.
const IGNORED_NODES = ['dataValidations', 'conditionalFormatting'];

type ExcelBuffer = Parameters<ExcelJS.Xlsx['load']>[0];

/** exceljs's many value shapes reduced to what an importer can use. */
export function toCellValue(value: ExcelJS.CellValue | undefined): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value === '' ? null : value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if ('richText' in value) return toCellValue(value.richText.map((run) => run.text).join(''));
  // A formula is read as the result Excel last saved; without one there is nothing to import.
  if ('formula' in value || 'sharedFormula' in value) return toCellValue(value.result as ExcelJS.CellValue);
  if ('hyperlink' in value) return toCellValue(value.text as ExcelJS.CellValue);
  // Error values (#N/A, #REF!) are not data.
  return null;
}

function readRows(worksheet: ExcelJS.Worksheet): CellValue[][] {
  const rows: CellValue[][] = [];
  worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: CellValue[] = [];
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      // exceljs repeats a merged range's value in every cell; only the top-left one holds it.
      if (cell.isMerged && cell.master !== cell) return;
      const value = toCellValue(cell.value);
      if (value !== null) cells[column - 1] = value;
    });
    if (cells.length) rows[rowNumber - 1] = Array.from(cells, (value) => value ?? null);
  });
  // Row i stays Excel row i + 1, so reasons can name the row the user sees.
  return Array.from(rows, (row) => row ?? []);
}

export async function readXlsx(data: Buffer): Promise<Sheet[]> {
  const workbook = new ExcelJS.Workbook();
  // exceljs's typings merge ArrayBuffer into the global Buffer, which no real Buffer satisfies.
  await workbook.xlsx.load(data as unknown as ExcelBuffer, { ignoreNodes: IGNORED_NODES });
  return workbook.worksheets.map((worksheet) => ({
    name: worksheet.name,
    hidden: worksheet.state !== 'visible',
    rows: readRows(worksheet),
  }));
}
