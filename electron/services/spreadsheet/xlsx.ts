import { fileError } from './limits';
import type { Sheet } from './types';
import { readWorksheet } from './worksheet';
import { openPackage, packageEntry, readDateStyles, readSharedStrings, readWorkbook } from './xlsx-parts';
import { entryChunks } from './zip';

/**
 * Every worksheet of an .xlsx held in memory. Shared strings and date styles are loaded first, then
 * each sheet's XML is parsed as it is inflated, whatever order the parts have in the zip: nothing is
 * written to a temp folder (exceljs's streaming reader spills sheets there) and no object model is built.
 */
export async function readXlsx(data: Buffer): Promise<Sheet[]> {
  const pkg = openPackage(data);
  const workbook = readWorkbook(pkg);
  const context = {
    sharedStrings: readSharedStrings(pkg, workbook.sharedStringsPath),
    dateStyles: readDateStyles(pkg, workbook.stylesPath),
    date1904: workbook.date1904,
    budget: { cells: 0 },
  };
  const sheets: Sheet[] = [];
  if (!workbook.sheets.some(({ path }) => packageEntry(pkg, path))) {
    throw fileError('no_sheets', '文件中没有工作表，无法导入。请确认名单在 .xlsx 文件的工作表中。');
  }
  for (const { name, hidden, path } of workbook.sheets) {
    const entry = packageEntry(pkg, path);
    if (entry) sheets.push({ name, hidden, rows: await readWorksheet(entryChunks(data, entry), context) });
  }
  return sheets;
}
