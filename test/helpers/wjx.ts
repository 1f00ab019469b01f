import ExcelJS from 'exceljs';
import { readSheetBytes } from '../../electron/services/spreadsheet';
import { getInstrument } from '../../shared/instruments';
import type { CellValue } from '../../shared/people/cell';

/** The scored questions of a built-in scale, as a form built in that language prints them. */
export function questionTexts(instrumentId: string, language: 'zh' | 'en'): string[] {
  return getInstrument(instrumentId)!
    .items.filter((i) => i.scored)
    .map((i) => i.text[language]);
}
export const PHQ9_OPTIONS = ['完全不会', '好几天', '一半以上的天数', '几乎每天'];

/**
 * A 问卷星-style export ("按选项文本" or "按序号"): 序号, 提交答卷时间, 所用时间, 来源, then the
 * identity questions and one column per item, as the site writes them. Built in the test so each
 * case states exactly what the file holds.
 */
export async function wjxWorkbook(header: string[], rows: CellValue[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Sheet1');
  sheet.addRow(header);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export const WJX_LEAD = ['序号', '提交答卷时间', '所用时间', '来源'];

/** The lead columns of row `n` submitted at `time` (问卷星 writes "2026/10/12 9:31:05"). */
export const wjxLead = (n: number, time = '2026/10/12 9:31:05'): CellValue[] => [n, time, '95秒', '手机提交'];

export async function wjxSheets(header: string[], rows: CellValue[][]) {
  return (await readSheetBytes('wjx.xlsx', await wjxWorkbook(header, rows))).sheets;
}
