import ExcelJS from 'exceljs';
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { readSheetBytes, readSheetRows } from '../../electron/services/spreadsheet';
import {
  instrumentTemplateBytes,
  writeInstrumentTemplate,
} from '../../electron/services/spreadsheet/instrument-template';
import { scoreInstrument } from '../../shared/instruments';
import { definitionFromSheets, type WorkbookSheet } from '../../shared/instruments/workbook';
import { useTempDirs } from '../helpers/temp';

const tempDir = useTempDirs();

function imported(sheets: readonly WorkbookSheet[]) {
  const result = definitionFromSheets(sheets);
  if (!result.ok) throw new Error(JSON.stringify(result.errors, null, 1));
  return result.definition;
}

type ValidatedSheet = ExcelJS.Worksheet & {
  dataValidations: { model: Record<string, ExcelJS.DataValidation> };
};

describe('the custom-instrument template', () => {
  test('is written atomically over an older file and its example imports and scores as computed by hand', async () => {
    const dir = tempDir();
    const file = path.join(dir, '自定义量表导入模板.xlsx');
    writeFileSync(file, 'an older template being replaced');
    await writeInstrumentTemplate(file);
    expect(readdirSync(dir)).toEqual(['自定义量表导入模板.xlsx']);

    const { sheets } = await readSheetRows(file);
    expect(sheets.map((s) => s.name)).toEqual([
      '说明',
      '基本信息',
      '题目',
      '选项',
      '维度',
      '分段',
      '常模',
      '效度',
      '危机条目',
    ]);
    const def = imported(sheets);
    expect(def).toMatchObject({ id: 'EXAMPLE-STUDY', version: '1.0', builtin: false, mainScale: 'total' });

    // q3 is reversed (0–3): an answer of 0 counts 3.
    const answers = { q1: 3, q2: 2, q3: 0, q4: 2, q5: 1, q6: 1 };
    const boy = scoreInstrument(def, answers, { grade: 8, sex: 'M' });
    expect(boy).toMatchObject({ total: 12, band: 'positive', positive: true, valid: true, complete: true });
    expect(boy.subscales.total?.standard).toBe(65);
    expect(boy.subscales.stress).toMatchObject({ raw: 8, mean: 2.666666667, positive: true });
    expect(boy.subscales.mood).toMatchObject({ raw: 4, mean: 1.333333333, positive: false });
    expect(boy.critical.map((c) => [c.item, c.value])).toEqual([['q6', 1]]);
    expect(scoreInstrument(def, answers, { grade: 8, sex: 'F' }).subscales.total?.standard).toBe(64);

    const quiet = scoreInstrument(def, { q1: 0, q2: 1, q3: 3, q4: 1, q5: 0, q6: 0 });
    expect(quiet).toMatchObject({ total: 2, band: 'normal', positive: false, critical: [] });
    const blanks = scoreInstrument(def, { ...answers, q1: null, q2: null });
    expect(blanks.invalidReasons.map((r) => r.rule)).toEqual(['missing']);
  });

  test('the downloadable bytes hold the same template', async () => {
    const fromFile = path.join(tempDir(), 't.xlsx');
    await writeInstrumentTemplate(fromFile);
    const { sheets } = await readSheetBytes('template.xlsx', await instrumentTemplateBytes());
    expect(imported(sheets)).toEqual(imported((await readSheetRows(fromFile)).sheets));
  });

  test('has bold frozen headers, widths, text list columns, drop-downs and the instructions', async () => {
    const file = path.join(tempDir(), 'template.xlsx');
    await writeInstrumentTemplate(file);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);

    for (const sheet of book.worksheets) {
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    }
    const scales = book.getWorksheet('维度') as ValidatedSheet;
    expect(scales.getCell('E1').value).toBe('题目');
    expect(scales.getColumn('E').numFmt).toBe('@');
    expect(scales.getColumn('B').width).toBeGreaterThan(10);

    const list = (sheet: string, cell: string) =>
      (book.getWorksheet(sheet) as ValidatedSheet).dataValidations.model[cell]?.formulae;
    expect(list('维度', 'D2')).toEqual(['"求和,平均"']);
    expect(list('维度', 'K50')).toEqual(['"是,否"']);
    expect(list('维度', 'I2')).toEqual(['"得分,标准分"']);
    expect(list('题目', 'F2')).toEqual(['"是,否"']);
    expect(list('常模', 'C2')).toEqual(['"男,女"']);
    expect(list('效度', 'B2')).toEqual(['"维度,缺答"']);
    expect(list('维度', 'E2')).toBeUndefined();

    const instructions = book
      .getWorksheet('说明')!
      .getColumn(1)
      .values.filter((v): v is string => typeof v === 'string')
      .join('\n');
    for (const phrase of [
      '1-6, 9, 12',
      '每个选项都写明自己的分值',
      '筛查阳性不是诊断',
      '版权与授权',
      '【常模】（可选）',
    ])
      expect(instructions).toContain(phrase);
  });
});
