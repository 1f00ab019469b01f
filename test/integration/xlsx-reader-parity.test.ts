import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { readSheetBytes, readSheetRows, type Sheet } from '../../electron/services/spreadsheet';
import { SAMPLE_FILES, sampleFile, type SampleName } from '../helpers/samples';
import { tempFilesCreatedBy, useTempDirs } from '../helpers/temp';
import { exceljsRows } from '../helpers/xlsx-build';

const tempDir = useTempDirs();

/** The streaming reader against exceljs's in-memory reader it replaced, on the same bytes. */
async function expectSameRows(bytes: Buffer) {
  let sheets: Sheet[] = [];
  const created = await tempFilesCreatedBy(async () => {
    sheets = (await readSheetBytes('book.xlsx', bytes)).sheets;
  });
  expect(created).toEqual([]);
  expect(sheets).toEqual(await exceljsRows(bytes));
  return sheets;
}

describe('the streaming reader gives the rows exceljs gave', () => {
  test.each(Object.keys(SAMPLE_FILES) as SampleName[])('sample %s', async (file) => {
    const sheets = await expectSameRows(await sampleFile(file));
    expect(sheets[0]!.rows.length).toBeGreaterThan(100);
  });

  test('a workbook exceljs writes in memory: every value shape, styles, merges, several sheets', async () => {
    const workbook = new ExcelJS.Workbook();
    const cover = workbook.addWorksheet('说明');
    cover.getCell('B2').value = { richText: [{ text: '填写', font: { bold: true } }, { text: '说明' }] };
    cover.mergeCells('B2:F3');
    const sheet = workbook.addWorksheet('学生名单');
    sheet.addRow(['2026年秋季学期']);
    sheet.mergeCells('A1:H1');
    sheet.addRow(['学籍号', '姓名', '性别', '出生日期', '入学', '分数', '在读', '链接']);
    for (let i = 0; i < 300; i++) {
      const row = sheet.addRow([
        `G${1000 + i}`,
        i % 7 ? `学生${i}` : { richText: [{ text: '张' }, { text: `${i}`, font: { italic: true } }] },
        i % 2 ? '女' : '男',
        new Date(Date.UTC(2012, i % 12, 1 + (i % 28))),
        i % 3 ? 41338 + i : null,
        // exceljs dropped a saved result of 0 (a falsy check); the streaming reader keeps it (unit test).
        i % 5 ? i / 8 : { formula: `F${i + 2}*2`, result: i + 1 },
        i % 4 === 0,
        i % 9 ? null : { text: '档案', hyperlink: 'https://example.org' },
      ]);
      row.getCell(5).numFmt = 'yyyy"年"m"月"d"日"';
      if (i % 11 === 0) row.getCell(3).value = { error: '#N/A' };
    }
    sheet.getCell('J400').value = '远处';
    const hidden = workbook.addWorksheet('代码', { state: 'hidden' });
    hidden.addRow(['男', '女']);
    await expectSameRows(Buffer.from(await workbook.xlsx.writeBuffer()));
  });

  test.each([true, false])(
    'a workbook exceljs streams out (shared strings: %s)',
    async (useSharedStrings) => {
      const filename = path.join(tempDir(), 'stream.xlsx');
      const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
        filename,
        useSharedStrings,
        useStyles: true,
      });
      const sheet = workbook.addWorksheet('名册');
      sheet.addRow(['学籍号', '姓名', '出生日期']).commit();
      for (let i = 0; i < 2000; i++) {
        sheet.addRow([`G${i}`, `王${i}`, new Date(Date.UTC(2011 + (i % 3), i % 12, 1 + (i % 28)))]).commit();
      }
      sheet.commit();
      await workbook.commit();
      const sheets = await expectSameRows(readFileSync(filename));
      expect(sheets[0]!.rows[2000]).toEqual(['G1999', '王1999', new Date(Date.UTC(2012, 7, 12))]);
      expect((await readSheetRows(filename)).sheets).toEqual(sheets);
    },
  );
});
