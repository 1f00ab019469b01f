import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import ExcelJS from 'exceljs';
import { describe, expect, test } from 'vitest';
import { exportStyles } from '../../electron/services/export/styles';
import { COLUMN_KINDS } from '../../electron/services/export/columns';
import { readSheetBytes } from '../../electron/services/spreadsheet/read';
import { streamWorkbook, type StreamCellValue } from '../../electron/services/spreadsheet/stream-writer';
import { entryBytes, zipEntries } from '../../electron/services/spreadsheet/zip';
import { defaultPerinatalRules, defaultSchoolRules } from '../../shared/tiers';
import { expectSheet, recording, type IntendedSheet } from '../helpers/stream-workbook';
import { useTempDirs } from '../helpers/temp';

// The export's workbook is written from the OOXML spec (see stream-writer.ts for why). These read
// what it writes back with exceljs, cell by cell, against what the writer was asked for: values,
// every style the export uses (fonts, ARGB colours, fills, borders, number formats, alignment and
// wrapping), merged rows, row heights, column widths, frozen panes, the filter and the print setup.

const tempDir = useTempDirs();

async function load(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

const LONG = 'x'.repeat(40_000);

/** Every style the export makes (both programmes' levels), on every kind of value it writes. */
async function everyStyleWorkbook(): Promise<{ bytes: Buffer; sheets: IntendedSheet[] }> {
  const out = new PassThrough();
  const done = buffer(out);
  const { wb, sheets } = recording(await streamWorkbook(out));
  const levels = [...defaultSchoolRules.levels, ...defaultPerinatalRules.levels];
  const styles = exportStyles(wb, levels);
  const summary = wb.addSheet({
    name: '汇总',
    widths: [36, 14, 50],
    print: { header: '&L实验中学 & 附属&C随访名册&R导出时间 2026-01-02', footer: '&C第 &P 页，共 &N 页' },
  });
  // Merged title lines, as the summary writes them, then the figures table.
  await summary.addRow(['实验中学 学生心理健康随访名册'], styles.title, { mergeAcross: 3, height: 28 });
  await summary.addRow(['机构：实验中学'], styles.subtitle, { mergeAcross: 3 });
  await summary.addRow([]);
  await summary.addRow(['指标', '数值', '说明'], styles.header);
  await summary.addRow(['实测人数', 120, null], [styles.label, styles.count, styles.label]);
  await summary.addRow(['参测率', 0.925, null], [styles.label, styles.rate, styles.label]);
  await summary.addRow(['合计', 5, '—'], styles.total);
  await summary.addRow(['情况说明'], styles.section, { mergeAcross: 3 });
  await summary.addRow(['本期应测6人，实测5人。\n第二行'], styles.paragraph, { mergeAcross: 3, height: 64 });
  await summary.addRow(['  注：小于5的人数已隐藏  '], styles.note, { mergeAcross: 3, height: 32 });
  summary.commit();

  const roster = wb.addSheet({
    name: "名册 O'Brien",
    widths: [6, 12, 30, 14, 10, 18],
    frozenRows: 1,
    autoFilterRow: 1,
    print: { landscape: true, titleRows: '1:1', header: '&C名册' },
  });
  await roster.addRow(['序号', '姓名', '备注', '日期', '总分', '预警等级'], styles.header, { height: 30 });
  const values: StreamCellValue[][] = [
    ['1', '张三', 'a < b & "c" \'d\' \u0001控制', new Date(Date.UTC(2026, 10, 23)), 12, '红色预警（一级）'],
    ['2', ' 李四 ', '\'=HYPERLINK("x")', new Date(Date.UTC(2000, 0, 1)), 0.5, '橙色'],
    ['3', '王五', LONG, null, -3, null],
    ['4', '赵六', '', new Date(Date.UTC(2026, 1, 28, 12)), Number.NaN, '绿色'],
  ];
  let n = 0;
  for (const kinds of [COLUMN_KINDS, [...COLUMN_KINDS].reverse()])
    for (const level of [null, ...levels.map((l) => l.id)])
      for (const tintRow of [true, false]) {
        const rowValues = values[n++ % values.length]!;
        const rowStyles = rowValues.map((_, i) => styles.cell(kinds[i % kinds.length]!, level, tintRow));
        await roster.addRow(rowValues, rowStyles, n % 7 === 0 ? { height: 45 } : undefined);
      }
  // Dates in cells with no format and with no style at all still read as dates.
  await roster.addRow(
    ['x', 'y', 'z', new Date(Date.UTC(2026, 5, 1))],
    [undefined, styles.label, undefined, styles.label],
  );
  await roster.addRow([null, null, null, new Date(Date.UTC(2026, 5, 2))]);
  roster.commit();
  await wb.commit();
  return { bytes: await done, sheets };
}

describe('the streaming writer (written from the OOXML spec)', () => {
  test('reads back in exceljs cell by cell as it was asked: values, every export style, merges, sheet setup', async () => {
    const { bytes, sheets } = await everyStyleWorkbook();
    const read = await load(bytes);
    expect(read.worksheets.map((ws) => ws.name)).toEqual(['汇总', "名册 O'Brien"]);
    expect(read.creator).toBe('Anxin');
    for (const [i, intended] of sheets.entries()) expectSheet(read.worksheets[i]!, intended);
    // Spot checks in plain words, so a wrong helper cannot hide a wrong file.
    const roster = read.getWorksheet("名册 O'Brien")!;
    const red = defaultSchoolRules.levels.find((l) => l.id === 'red')!.colour;
    const levelCells = [] as ExcelJS.Cell[];
    roster.eachRow((row) => row.eachCell((cell) => cell.fill && levelCells.push(cell)));
    expect(
      levelCells.some((c) => (c.fill as ExcelJS.FillPattern).fgColor?.argb === `FF${red.slice(1)}`),
    ).toBe(true);
    expect(roster.getCell('C3').value).toBe('\'=HYPERLINK("x")');
    expect(roster.getCell('B3').value).toBe(' 李四 ');
    expect(read.getWorksheet('汇总')!.model.merges).toContain('A1:C1');
    expect(read.getWorksheet('汇总')!.getCell('A9').value).toBe('本期应测6人，实测5人。\n第二行');
  });

  test("the app's own reader and the zip tools read the same file", async () => {
    const { bytes } = await everyStyleWorkbook();
    // The reader knows entries by lower-case name (zip tools differ in case).
    const zip = zipEntries(bytes);
    expect([...zip.keys()].sort()).toEqual([
      '[content_types].xml',
      '_rels/.rels',
      'docprops/app.xml',
      'docprops/core.xml',
      'xl/_rels/workbook.xml.rels',
      'xl/styles.xml',
      'xl/workbook.xml',
      'xl/worksheets/sheet1.xml',
      'xl/worksheets/sheet2.xml',
    ]);
    // Every entry's CRC and sizes agree with its content (entryBytes verifies them).
    for (const entry of zip.values()) expect(entryBytes(bytes, entry).length).toBe(entry.size);
    const workbook = entryBytes(bytes, zip.get('xl/workbook.xml')!).toString('utf8');
    expect(workbook).toContain(
      `<definedName name="_xlnm.Print_Titles" localSheetId="1">&apos;名册 O&apos;&apos;Brien&apos;!$1:$1</definedName>`,
    );
    const { sheets } = await readSheetBytes('export.xlsx', bytes);
    expect(sheets[1]!.rows[1]!.slice(0, 2)).toEqual(['1', '张三']);
    const dir = tempDir();
    const file = join(dir, 'x.xlsx');
    writeFileSync(file, bytes);
    const unzip = spawnSync('unzip', ['-t', file], { encoding: 'utf8' });
    if (unzip.error === undefined) expect(unzip.stdout).toContain('No errors detected');
  });

  test('a slow output makes the writer wait (back-pressure), and the file is whole', async () => {
    const chunks: Buffer[] = [];
    let buffered = 0;
    let peak = 0;
    const slow = new Writable({
      highWaterMark: 16 * 1024,
      write(chunk: Buffer, _encoding, callback) {
        chunks.push(chunk);
        buffered += chunk.length;
        peak = Math.max(peak, slow.writableLength);
        setTimeout(() => {
          buffered -= chunk.length;
          callback();
        }, 1);
      },
    });
    const wb = await streamWorkbook(slow);
    const style = wb.style({ border: true, wrap: true });
    const sheet = wb.addSheet({ name: 'S', widths: [10, 40] });
    let waits = 0;
    const rows = 30_000;
    for (let i = 0; i < rows; i++) {
      // Random text compresses badly, so the compressed output outruns the slow disk.
      const wait = sheet.addRow([i, Math.random().toString(36).repeat(8)], style);
      if (wait) {
        waits += 1;
        await wait;
      }
    }
    sheet.commit();
    await wb.commit();
    expect(waits).toBeGreaterThan(0);
    // What waited for the slow output stayed bounded: nowhere near the whole file.
    const total = chunks.reduce((n, c) => n + c.length, 0);
    expect(peak).toBeLessThan(total / 4);
    expect(buffered).toBe(0);
    const read = await load(Buffer.concat(chunks));
    expect(read.getWorksheet('S')!.actualRowCount).toBe(rows);
    expect(read.getWorksheet('S')!.getCell(`A${rows}`).value).toBe(rows - 1);
  });

  test('abort stops the file: commit refuses, a second sheet while one is open is refused', async () => {
    const out = new PassThrough();
    out.resume();
    const wb = await streamWorkbook(out);
    const sheet = wb.addSheet({ name: 'A', widths: [] });
    expect(() => wb.addSheet({ name: 'B', widths: [] })).toThrow(/A is still open/);
    await sheet.addRow(['x']);
    wb.abort();
    sheet.commit();
    await expect(wb.commit()).rejects.toThrow(/aborted/);
  });
});
