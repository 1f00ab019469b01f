import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import { describe, expect, test } from 'vitest';
import { readSheetBytes } from '../../electron/services/spreadsheet';
import { tempFilesCreatedBy } from '../helpers/temp';
import { handXlsx, zipBytes } from '../helpers/xlsx-build';

const si = (text: string) => `<si><t xml:space="preserve">${text}</t></si>`;
const rowsOf = async (bytes: Buffer) => (await readSheetBytes('t.xlsx', bytes)).sheets.map((s) => s.rows);
const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

describe('streaming .xlsx reader', () => {
  test('shared strings: plain, rich-text runs joined, phonetic guides left out, _xHHHH_ escapes', async () => {
    const bytes = handXlsx(
      [
        {
          name: '名单',
          xml: '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c></row></sheetData>',
        },
      ],
      {
        sharedStrings: [
          si('学籍号'),
          '<si><r><rPr><b/></rPr><t>张</t></r><r><t>三</t></r></si>',
          '<si><t>王五</t><rPh sb="0" eb="2"><t>ワンウー</t></rPh><phoneticPr fontId="1"/></si>',
          si('第一行_x000D_\n第二行'),
          si(''),
        ],
      },
    );
    expect(await rowsOf(bytes)).toEqual([[['学籍号', '张三', '王五', '第一行\r\n第二行']]]);
  });

  test('inline strings, formula strings, numbers, booleans and errors', async () => {
    const bytes = handXlsx([
      {
        name: 's',
        xml:
          '<sheetData><row r="1">' +
          '<c r="A1" t="inlineStr"><is><t>李四</t></is></c>' +
          '<c r="B1" t="inlineStr"><is><r><t>A&amp;</t></r><r><rPr><i/></rPr><t>B</t></r></is></c>' +
          '<c r="C1" t="str"><f>A1&amp;""</f><v>李四</v></c>' +
          '<c r="D1"><v>3.5</v></c><c r="E1" t="n"><v>1.5E+3</v></c><c r="F1"><v>012</v></c>' +
          '<c r="G1" t="b"><v>1</v></c><c r="H1" t="b"><v>0</v></c>' +
          '<c r="I1" t="e"><v>#N/A</v></c><c r="J1" t="e"><f>1/0</f><v>#DIV/0!</v></c>' +
          '</row></sheetData>',
      },
    ]);
    expect(await rowsOf(bytes)).toEqual([[['李四', 'A&B', '李四', 3.5, 1500, 12, 'TRUE', 'FALSE']]]);
  });

  test('formulas count by their saved result, 0 and FALSE included; one never calculated is empty', async () => {
    const bytes = handXlsx([
      {
        name: 's',
        xml:
          '<sheetData><row r="1"><c r="A1"><f>1+1</f><v>2</v></c><c r="B1"><f>A1*2</f></c>' +
          '<c r="C1"><f t="shared" ref="C1:C2" si="0">A1+1</f><v>3</v></c>' +
          '<c r="D1"><f>A1-2</f><v>0</v></c><c r="E1" t="b"><f>A1&gt;5</f><v>0</v></c></row>' +
          '<row r="2"><c r="C2"><f t="shared" si="0"/><v>4</v></c><c r="D2" t="str"><f>"是"</f><v>是</v></c>' +
          '<c r="E2" s="1"><f>DATE(2013,3,5)</f><v>41338</v></c></row></sheetData>',
      },
    ]);
    expect(await rowsOf(bytes)).toEqual([
      [
        [2, null, 3, 0, 'FALSE'],
        [null, null, 4, '是', utc(2013, 3, 5)],
      ],
    ]);
  });

  test('dates by cell style: built-in and custom date formats; other formats stay numbers', async () => {
    const bytes = handXlsx([
      {
        name: 's',
        xml:
          '<sheetData><row r="1"><c r="A1" s="1"><v>41338</v></c><c r="B1" s="2"><v>41338</v></c>' +
          '<c r="C1" s="3"><v>41338</v></c><c r="D1" s="0"><v>41338</v></c><c r="E1" s="1"><v>41338.5</v></c>' +
          '<c r="F1" t="d"><v>2013-03-05</v></c></row></sheetData>',
      },
    ]);
    expect(await rowsOf(bytes)).toEqual([
      [[utc(2013, 3, 5), utc(2013, 3, 5), 41338, 41338, new Date(Date.UTC(2013, 2, 5, 12)), utc(2013, 3, 5)]],
    ]);
  });

  test('the 1904 date system', async () => {
    const bytes = handXlsx(
      [{ name: 's', xml: '<sheetData><row r="1"><c r="A1" s="1"><v>39876</v></c></row></sheetData>' }],
      { date1904: true },
    );
    expect(await rowsOf(bytes)).toEqual([[[utc(2013, 3, 5)]]]);
  });

  test('sparse rows and columns keep their places by reference; blanks and trailing empties dropped', async () => {
    const bytes = handXlsx([
      {
        name: 's',
        xml:
          '<sheetData>' +
          '<row r="2"><c r="C2" t="inlineStr"><is><t>x</t></is></c><c r="AA2"><v>1</v></c></row>' +
          '<row r="3"><c r="A3" s="1"/><c r="B3" t="inlineStr"><is><t></t></is></c><c r="C3"><v></v></c></row>' +
          '<row r="5"><c t="inlineStr"><is><t>a</t></is></c><c><v>2</v></c><c r="E5"><v>5</v></c><c><v>6</v></c></row>' +
          '<row><c r="B6"><v>7</v></c></row>' +
          '<row r="9" customHeight="1"><c r="A9" s="1"/></row>' +
          '</sheetData>',
      },
    ]);
    const [rows] = await rowsOf(bytes);
    const wide = Array<null | number | string>(27).fill(null);
    wide[2] = 'x';
    wide[26] = 1;
    expect(rows).toEqual([[], wide, [], [], ['a', 2, null, null, 5, 6], [null, 7]]);
  });

  test('merged cells: only the top-left cell keeps a value; a title row merged across stays one cell', async () => {
    const bytes = handXlsx([
      {
        name: 's',
        xml:
          '<sheetData>' +
          '<row r="1"><c r="A1" t="inlineStr"><is><t>某中学学生名单</t></is></c><c r="B1" t="inlineStr"><is><t>重复</t></is></c><c r="C1" s="1"/></row>' +
          '<row r="2"><c r="A2" t="inlineStr"><is><t>学籍号</t></is></c><c r="B2" t="inlineStr"><is><t>姓名</t></is></c></row>' +
          '<row r="3"><c r="A3"><v>1</v></c><c r="B3"><v>2</v></c></row>' +
          '<row r="4"><c r="A4"><v>9</v></c><c r="B4"><v>9</v></c></row>' +
          '</sheetData><mergeCells count="2"><mergeCell ref="A1:C1"/><mergeCell ref="A3:A4"/></mergeCells>',
      },
    ]);
    expect(await rowsOf(bytes)).toEqual([[['某中学学生名单'], ['学籍号', '姓名'], [1, 2], [null, 9]]]);
  });

  test('sheets in tab order with names and hidden state; stored entries; zip64 records; prefixed tags', async () => {
    const sheets = [
      { name: '封面', xml: '<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>' },
      {
        name: '代码表',
        state: 'hidden' as const,
        xml: '<sheetData><row r="1"><c r="A1"><v>2</v></c></row></sheetData>',
      },
      {
        name: '名单',
        xml: '<x:sheetData xmlns:x="urn:x"><x:row r="1"><x:c r="B1" t="s"><x:v>0</x:v></x:c></x:row></x:sheetData>',
      },
    ];
    for (const options of [{ deflate: true }, { deflate: false }, { zip64: true }]) {
      const { sheets: read } = await readSheetBytes(
        't.xlsx',
        handXlsx(sheets, { sharedStrings: [si('姓名')], ...options }),
      );
      expect(read).toEqual([
        { name: '封面', hidden: false, rows: [[1]] },
        { name: '代码表', hidden: true, rows: [[2]] },
        { name: '名单', hidden: false, rows: [[null, '姓名']] },
      ]);
    }
  });

  test('a sheet stored before the shared strings is read without writing anything to the temp folder', async () => {
    const rows = Array.from(
      { length: 3000 },
      (_, i) =>
        `<row r="${i + 1}"><c r="A${i + 1}" t="s"><v>${i % 2}</v></c><c r="B${i + 1}"><v>${i}</v></c></row>`,
    );
    const bytes = handXlsx([{ name: 's', xml: `<sheetData>${rows.join('')}</sheetData>` }], {
      sharedStrings: [si('男'), si('女')],
    });
    let read: unknown[][] = [];
    const created = await tempFilesCreatedBy(async () => {
      read = (await rowsOf(bytes))[0]!;
    });
    expect(created).toEqual([]);
    // The check is sharp: exceljs's streaming reader spills this very file into the temp folder.
    const spilled = await tempFilesCreatedBy(async () => {
      const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([bytes]), {
        sharedStrings: 'cache',
      });
      for await (const sheet of reader) for await (const _row of sheet);
    });
    expect(spilled.length).toBeGreaterThan(0);
    expect(read).toHaveLength(3000);
    expect(read[2999]).toEqual(['女', 2999]);
  });

  test('a corrupt, truncated, malformed or oversized part is refused as an unreadable workbook', async () => {
    const good = handXlsx(
      [{ name: 's', xml: '<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>' }],
      {
        deflate: false,
      },
    );
    const corrupt = Buffer.from(good);
    corrupt[corrupt.indexOf('<v>1</v>') + 3] = 0x32; // the stored CRC no longer matches
    const malformed = zipBytes([['[Content_Types].xml', '<Types']]);
    // A sheet inflating past its declared size (a zip bomb's trick) is stopped, not inflated on.
    const lying = handXlsx([{ name: 's', xml: `<sheetData>${'<row/>'.repeat(50_000)}</sheetData>` }]);
    lying.writeUInt32LE(100, lying.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 24);
    for (const bytes of [corrupt, good.subarray(0, good.length - 30), malformed, lying]) {
      await expect(readSheetBytes('t.xlsx', bytes)).rejects.toMatchObject({
        code: 'invalid_input',
        message: expect.stringMatching(/could not be read as an Excel workbook/),
      });
    }
  });
});
