import ExcelJS from 'exceljs';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { readSheetBytes, readSheetRows } from '../../electron/services/spreadsheet';
import { studentFields, womanFields } from '../../shared/people/fields';
import { detectHeader, pickFields } from '../../shared/people/header';
import { perinatalStage } from '../../shared/people/perinatal';
import { validateStudentRow, validateWomanRow } from '../../shared/people/validate-row';
import { SAMPLE_DELIVERED, sampleFile } from '../helpers/samples';
import { useTempDirs } from '../helpers/temp';
import { handXlsx } from '../helpers/xlsx-build';

const today = '2026-11-23';
const tempDir = useTempDirs();

describe('school-roster.xlsx (generated sample)', async () => {
  const { sheets } = await readSheetBytes(
    'school-roster.xlsx',
    await sampleFile('school-roster.xlsx', today),
  );
  const rows = sheets[0]!.rows;
  const header = detectHeader(rows, studentFields)!;

  test('one sheet; the merged title keeps its text in the first cell only', () => {
    expect(sheets.map((s) => [s.name, s.hidden])).toEqual([['学生名单', false]]);
    expect(rows).toHaveLength(602);
    expect(rows[0]).toEqual(['安心县某中学2026年秋季学期学生名单']);
  });

  test('the header is found below the title and every column maps', () => {
    expect(header).toEqual({
      headerRow: 1,
      mapping: {
        studentNo: 1,
        name: 2,
        sex: 3,
        birthDate: 4,
        grade: 5,
        className: 6,
        guardianName: 7,
        guardianPhone: 8,
      },
      unmappedHeaders: [{ column: 0, text: '序号' }],
      duplicateHeaders: [],
    });
  });

  test('600 students, every row valid, dates as calendar days', () => {
    const results = rows
      .slice(header.headerRow + 1)
      .map((row) => validateStudentRow(pickFields(row, header.mapping), { today }));
    expect(results).toHaveLength(600);
    const records = results.map((r) => (r.status === 'ok' ? r.record : null));
    expect(records.filter((r) => r === null)).toHaveLength(0);
    expect(records[0]).toEqual({
      studentNo: 'G510421201312210184',
      name: '贾佳',
      sex: 'F',
      birthDate: '2013-12-21',
      grade: '七年级',
      gradeOrdinal: 7,
      className: '1班',
      guardianName: '余诺',
      guardianPhone: '18908479815',
    });
    const births = records.map((r) => r!.birthDate).sort();
    expect([births[0], births.at(-1)]).toEqual(['2011-01-05', '2013-12-27']);
    const perGrade: Record<string, number> = {};
    for (const { gradeOrdinal, grade } of records.map((r) => r!)) {
      perGrade[`${gradeOrdinal}${grade}`] = (perGrade[`${gradeOrdinal}${grade}`] ?? 0) + 1;
    }
    expect(perGrade).toEqual({ '7七年级': 200, '8八年级': 200, '9九年级': 200 });
  });
});

describe('maternal-register.xlsx (generated sample)', async () => {
  const { sheets } = await readSheetBytes(
    'maternal-register.xlsx',
    await sampleFile('maternal-register.xlsx', today),
  );
  const rows = sheets[0]!.rows;
  const header = detectHeader(rows, womanFields)!;

  test('the header is the first row and every column maps (手机号码 included)', () => {
    expect(header).toEqual({
      headerRow: 0,
      mapping: {
        name: 1,
        idNumber: 2,
        phone: 3,
        lmp: 4,
        edd: 5,
        deliveryDate: 6,
        gravidity: 7,
        parity: 8,
        handbookNo: 9,
        township: 10,
      },
      unmappedHeaders: [{ column: 0, text: '序号' }],
      duplicateHeaders: [],
    });
  });

  test('180 women, every row valid, each placed in pregnancy or postpartum', () => {
    const results = rows.slice(1).map((row) => validateWomanRow(pickFields(row, header.mapping), { today }));
    expect(results.map((r) => r.status)).toEqual(Array(180).fill('ok'));
    const records = results.map((r) => (r.status === 'ok' ? r.record : null)!);
    expect(records[0]).toEqual({
      name: '唐怡',
      idNumber: '510421200001235400',
      phone: '19959002237',
      lmp: '2026-07-15',
      edd: '2027-04-21',
      gravidity: 3,
      parity: 1,
      handbookNo: 'MY202600001',
      township: '撒莲镇',
    });
    expect(records.filter((r) => r.deliveryDate)).toHaveLength(SAMPLE_DELIVERED);
    const stages = records.map((r) => perinatalStage(r, today));
    expect(stages.every((s) => s !== null)).toBe(true);
    expect(stages.filter((s) => s!.kind === 'postpartum')).toHaveLength(14);
    expect(
      Object.fromEntries(
        ['early', 'mid', 'late'].map((t) => [
          t,
          stages.filter((s) => s!.kind === 'pregnant' && s!.trimester === t).length,
        ]),
      ),
    ).toEqual({ early: 39, mid: 66, late: 61 });
  });
});

describe('CSV', () => {
  const csvFile = (bytes: Uint8Array | string, name = 'roster.csv') => {
    const file = path.join(tempDir(), name);
    writeFileSync(file, bytes);
    return file;
  };
  const rowsOf = async (file: string) => (await readSheetRows(file)).sheets[0]!.rows;

  test('GBK bytes from a Chinese Excel are decoded', async () => {
    // 学籍号,姓名,性别 / 001,张三,男 / 002,"张三,二",女 in GBK, CRLF line ends.
    const gbk = (hex: string) => Buffer.from(hex, 'hex');
    const ascii = (text: string) => Buffer.from(text, 'latin1');
    const bytes = Buffer.concat([
      gbk('d1a7bcaebac5'),
      ascii(','),
      gbk('d0d5c3fb'),
      ascii(','),
      gbk('d0d4b1f0'),
      ascii('\r\n'),
      ascii('001,'),
      gbk('d5c5c8fd'),
      ascii(','),
      gbk('c4d0'),
      ascii('\r\n'),
      ascii('002,"'),
      gbk('d5c5c8fd'),
      ascii(','),
      gbk('b6fe'),
      ascii('",'),
      gbk('c5ae'),
      ascii('\r\n'),
    ]);
    expect(new TextDecoder('gbk').decode(gbk('d5c5c8fd'))).toBe('张三');
    const file = csvFile(bytes);
    const { sheets } = await readSheetRows(file);
    expect(sheets).toEqual([
      {
        name: 'roster',
        hidden: false,
        rows: [
          ['学籍号', '姓名', '性别'],
          ['001', '张三', '男'],
          ['002', '张三,二', '女'],
        ],
      },
    ]);
  });

  test('UTF-8 with and without BOM', async () => {
    const text = '姓名,性别\n张三,男\n';
    for (const bytes of [text, `\uFEFF${text}`]) {
      expect(await rowsOf(csvFile(bytes))).toEqual([
        ['姓名', '性别'],
        ['张三', '男'],
      ]);
    }
  });

  test('RFC 4180 quoting: doubled quotes, line breaks in quotes, empty cells, no final newline', async () => {
    const text = '姓名,备注,性别\r\n"张""三""","第一行\r\n第二行",\r\n李四,,女';
    expect(await rowsOf(csvFile(text))).toEqual([
      ['姓名', '备注', '性别'],
      ['张"三"', '第一行\r\n第二行', null],
      ['李四', null, '女'],
    ]);
  });

  test('UTF-16 "Unicode text" with tabs, and ="…" cells that keep leading zeros', async () => {
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from('学籍号\t姓名\r\n="0012"\t张三\r\n', 'utf16le'),
    ]);
    expect(await rowsOf(csvFile(utf16, 'roster.txt'))).toEqual([
      ['学籍号', '姓名'],
      ['0012', '张三'],
    ]);
  });
});

describe('files that cannot be read', () => {
  const expectRefusal = async (file: string, pattern: RegExp) => {
    await expect(readSheetRows(file)).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(pattern),
    });
  };
  const ole2 = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(504)]);

  test('an old .xls asks to be saved as .xlsx', async () => {
    const file = path.join(tempDir(), 'roster.xls');
    writeFileSync(file, ole2);
    await expectRefusal(file, /\.xls files cannot be read.*Excel or WPS.*\.xlsx/);
  });

  test('an .xlsx that is OLE2 inside is password-protected (or a renamed .xls)', async () => {
    const file = path.join(tempDir(), 'roster.xlsx');
    writeFileSync(file, ole2);
    await expectRefusal(file, /password/);
  });

  test('an HTML table called .xls, a broken zip and an unknown type are refused', async () => {
    const dir = tempDir();
    const html = path.join(dir, 'export.xls');
    writeFileSync(html, '<table><tr><td>姓名</td></tr></table>');
    await expectRefusal(html, /cannot be imported.*\.xlsx/);
    const broken = path.join(dir, 'broken.xlsx');
    writeFileSync(broken, Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(100, 7)]));
    await expectRefusal(broken, /could not be read as an Excel workbook/);
  });

  test('a file over the size limit', async () => {
    const file = path.join(tempDir(), 'big.csv');
    writeFileSync(file, 'a,b\n'.repeat(1000));
    await expect(readSheetRows(file, { maxBytes: 100 })).rejects.toMatchObject({ code: 'invalid_input' });
  });

  test('an .xlsx renamed to .xls is still read', async () => {
    const file = path.join(tempDir(), 'renamed.xls');
    writeFileSync(file, await sampleFile('maternal-register.xlsx', today));
    expect((await readSheetRows(file)).sheets[0]!.rows).toHaveLength(181);
  });
});

describe('cell values', () => {
  test('rich text, formulas, hyperlinks, errors, merges and dates are reduced to plain values', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('s');
    sheet.getCell('A1').value = { richText: [{ text: '张', font: { bold: true } }, { text: '三' }] };
    sheet.getCell('B1').value = { formula: 'A3*2', result: 4 };
    sheet.getCell('C1').value = { text: '链接', hyperlink: 'https://example.org' };
    sheet.getCell('D1').value = { error: '#N/A' };
    sheet.getCell('E1').value = true;
    sheet.getCell('F1').value = new Date(Date.UTC(2013, 2, 5));
    sheet.getCell('A2').value = '合并';
    sheet.mergeCells('A2:C2');
    sheet.getCell('E2').value = '';
    sheet.getCell('A3').value = 2;
    sheet.getCell('C5').value = 'x';
    const file = path.join(tempDir(), 'shapes.xlsx');
    await workbook.xlsx.writeFile(file);

    const rows = (await readSheetRows(file)).sheets[0]!.rows;
    expect(rows).toEqual([
      ['张三', 4, '链接', null, 'TRUE', new Date(Date.UTC(2013, 2, 5))],
      ['合并'],
      [2],
      [],
      [null, null, 'x'],
    ]);
  });

  test('a formula without a saved result is empty', async () => {
    const file = path.join(tempDir(), 'formulas.xlsx');
    const xml =
      '<sheetData><row r="1"><c r="A1"><f>B1</f></c><c r="B1" t="str"><f t="shared" ref="B1:C1" si="0">"是"</f><v>是</v></c>' +
      '<c r="C1" t="str"><f t="shared" si="0"/><v>是</v></c></row></sheetData>';
    writeFileSync(file, handXlsx([{ name: 's', xml }]));
    expect((await readSheetRows(file)).sheets[0]!.rows).toEqual([[null, '是', '是']]);
  });

  test('whole-column drop-downs in a user file do not make reading slow', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('s') as ExcelJS.Worksheet & {
      dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void };
    };
    sheet.addRow(['姓名', '性别']);
    for (const c of 'ABCDEFGH') {
      sheet.dataValidations.add(`${c}2:${c}1048576`, {
        type: 'list',
        allowBlank: true,
        formulae: ['"男,女"'],
      });
    }
    const file = path.join(tempDir(), 'validated.xlsx');
    await workbook.xlsx.writeFile(file);
    const started = performance.now();
    expect((await readSheetRows(file)).sheets[0]!.rows).toEqual([['姓名', '性别']]);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
