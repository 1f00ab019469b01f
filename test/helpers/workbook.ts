import ExcelJS from 'exceljs';

/** Reading exported workbooks back in tests, with exceljs (the writer under test streams its own XML). */
export type Cell = string | number | Date | null;
export interface ReadSheet {
  name: string;
  rows: Cell[][];
  sheet: ExcelJS.Worksheet;
}

/** The whole workbook read back as plain values (test files are small: the in-memory reader is fine). */
export async function readBack(file: string): Promise<ReadSheet[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb.worksheets.map((sheet) => {
    const rows: Cell[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row, n) => {
      const values = (row.values as ExcelJS.CellValue[]).slice(1);
      rows[n - 1] = values.map((v) => (v === undefined ? null : (v as Cell)));
    });
    return { name: sheet.name, rows: Array.from(rows, (r) => r ?? []), sheet };
  });
}

export const sheetNamed = (sheets: ReadSheet[], name: string) => {
  const found = sheets.find((s) => s.name === name);
  if (!found) throw new Error(`no sheet ${name} in ${sheets.map((s) => s.name).join(', ')}`);
  return found;
};

export const everyCellText = (sheets: ReadSheet[]) =>
  sheets.flatMap((s) => s.rows.flat().map((c) => (c instanceof Date ? c.toISOString() : String(c ?? ''))));

/** 汇总 sheet: label → value, from the 指标/数值 table. */
export function figuresOf(sheets: ReadSheet[]): Map<string, Cell> {
  const rows = sheetNamed(sheets, '汇总').rows;
  const start = rows.findIndex((r) => r[0] === '指标');
  const map = new Map<string, Cell>();
  for (const r of rows.slice(start + 1)) {
    if (!r[0]) break;
    map.set(String(r[0]).trim(), r[1] ?? null);
  }
  return map;
}
