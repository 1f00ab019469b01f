import { PassThrough } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import ExcelJS from 'exceljs';
import { describe, expect, test } from 'vitest';
import {
  streamWorkbook,
  type CellStyle,
  type StreamCellValue,
} from '../../electron/services/spreadsheet/stream-writer';
import { entryBytes, zipEntries } from '../../electron/services/spreadsheet/zip';

// The export writes its rows as the sheet XML exceljs 4.4 would write for them, skipping exceljs's
// Row and Cell objects (they cost several times the writing itself). This pins that XML to what
// exceljs itself writes for the same rows and styles, so an exceljs upgrade that changes it fails here.

const STYLES: CellStyle[] = [
  { bold: true, fill: 'FFE0E0E0', border: true, align: 'center' },
  { numFmt: 'yyyy"年"m"月"d"日"' },
  { numFmt: '0.0%', colour: 'FFB71C1C', wrap: true, valign: 'top' },
];

const ROWS: { values: StreamCellValue[]; styles: (number | undefined)[]; height?: number }[] = [
  { values: ['姓名', '日期', '比例', '备注'], styles: [0, 0, 0, 0], height: 24 },
  {
    values: ['张三', new Date(Date.UTC(2026, 10, 23)), 0.25, 'a < b & "c" \'d\''],
    styles: [undefined, 1, 2],
  },
  { values: ['李四', null, 3, undefined], styles: [undefined, 1, 2, undefined] },
  { values: [], styles: [] },
  { values: ['=SUM(A1)', 12345678901234, -0.5, '\u0001 control'], styles: [] },
];

function sheetData(file: Buffer): string {
  const zip = zipEntries(file);
  const xml = entryBytes(file, zip.get('xl/worksheets/sheet1.xml')!).toString('utf8');
  return /<sheetData>.*<\/sheetData>/s.exec(xml)![0];
}

const stylesXml = (file: Buffer) => entryBytes(file, zipEntries(file).get('xl/styles.xml')!).toString('utf8');

async function throughWrapper(): Promise<Buffer> {
  const out = new PassThrough();
  const done = buffer(out);
  const wb = await streamWorkbook(out);
  const refs = STYLES.map((s) => wb.style(s));
  const sheet = wb.addSheet({ name: 'S', widths: [12, 14, 10, 30] });
  for (const row of ROWS)
    await sheet.addRow(
      row.values,
      row.styles.map((i) => (i === undefined ? undefined : refs[i])),
      row.height ? { height: row.height } : undefined,
    );
  sheet.commit();
  await wb.commit();
  return done;
}

async function throughExcelJs(): Promise<Buffer> {
  const out = new PassThrough();
  const done = buffer(out);
  // The wrapper's style objects are exceljs style models; reuse them so both files share one table.
  const probe = await streamWorkbook(new PassThrough());
  const models = STYLES.map((s) => probe.style(s) as unknown as Partial<ExcelJS.Style>);
  probe.abort();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  const sheet = wb.addWorksheet('S');
  sheet.columns = [12, 14, 10, 30].map((width) => ({ width }));
  for (const row of ROWS) {
    const r = sheet.addRow(row.values.map((v) => v ?? null));
    const cells = Math.max(row.values.length, row.styles.length);
    for (let i = 0; i < cells; i++)
      r.getCell(i + 1).style = row.styles[i] === undefined ? {} : models[row.styles[i]!]!;
    if (row.height) r.height = row.height;
    r.commit();
  }
  sheet.commit();
  await wb.commit();
  return done;
}

describe('streamed rows', () => {
  test('are the sheet XML and style table exceljs writes for the same rows', async () => {
    const [ours, theirs] = await Promise.all([throughWrapper(), throughExcelJs()]);
    expect(sheetData(ours)).toBe(sheetData(theirs));
    expect(stylesXml(ours)).toBe(stylesXml(theirs));
    const read = new ExcelJS.Workbook();
    await read.xlsx.load(ours as unknown as ArrayBuffer);
    const ws = read.getWorksheet('S')!;
    expect(ws.getCell('A2').value).toBe('张三');
    expect((ws.getCell('B2').value as Date).toISOString()).toBe('2026-11-23T00:00:00.000Z');
    expect(ws.getCell('C2').numFmt).toBe('0.0%');
    expect(ws.getCell('D2').value).toBe('a < b & "c" \'d\'');
  });
});
