import ExcelJS from 'exceljs';
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { readSheetRows, writeRosterTemplate } from '../../electron/services/spreadsheet';
import { studentFields } from '../../shared/people/fields';
import { detectHeader } from '../../shared/people/header';
import { gradeNames } from '../../shared/people/school';
import { useTempDirs } from '../helpers/temp';

const tempDir = useTempDirs();
// 40 township names: longer than the 255 characters Excel allows in an inline list.
const townships = Array.from({ length: 40 }, (_, i) => `第${i + 1}号很长名字的乡镇`);
const columns = [
  { header: '学籍号', example: 'G510421201303050019', width: 24 },
  { header: '姓名', example: '张三' },
  { header: '性别', example: '男', list: ['男', '女'] },
  { header: '出生日期', example: '2013-03-05' },
  { header: '年级', example: '七年级', list: gradeNames },
  { header: '班级', example: '1班' },
  { header: '乡镇', example: townships[0]!, list: townships },
];

type ValidatedSheet = ExcelJS.Worksheet & {
  dataValidations: { model: Record<string, ExcelJS.DataValidation> };
};

test('a template reads back with its header, example row, drop-downs and frozen header', async () => {
  const dir = tempDir();
  const file = path.join(dir, '学生名单模板.xlsx');
  writeFileSync(file, 'an older template being replaced');
  await writeRosterTemplate(file, columns);
  expect(readdirSync(dir)).toEqual(['学生名单模板.xlsx']);

  const { sheets } = await readSheetRows(file);
  expect(sheets.map((s) => [s.name, s.hidden])).toEqual([
    ['名单', false],
    ['lists', true],
  ]);
  expect(sheets[0]!.rows).toEqual([columns.map((c) => c.header), columns.map((c) => c.example)]);
  expect(detectHeader(sheets[0]!.rows, studentFields)?.mapping).toEqual({
    studentNo: 0,
    name: 1,
    sex: 2,
    birthDate: 3,
    grade: 4,
    className: 5,
  });

  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheet = workbook.getWorksheet('名单') as ValidatedSheet;
  const validations = sheet.dataValidations.model;
  expect(validations.C2).toMatchObject({ type: 'list', formulae: ['"男,女"'], showErrorMessage: true });
  expect(validations.C5001).toEqual(validations.C2);
  expect(validations.E3?.formulae).toEqual([`"${gradeNames.join(',')}"`]);
  expect(validations.G2?.formulae).toEqual(['lists!$G$1:$G$40']);
  expect(validations.A2).toBeUndefined();
  expect(workbook.getWorksheet('lists')?.state).toBe('veryHidden');
  expect(workbook.getWorksheet('lists')?.getCell('G40').value).toBe(townships[39]);

  expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  // Text columns, so an 18-digit ID typed later is not rounded to 15 digits.
  expect(sheet.getColumn(1).numFmt).toBe('@');
  expect(sheet.getColumn(1).width).toBe(24);
  expect(sheet.getRow(1).font?.bold).toBe(true);
});
