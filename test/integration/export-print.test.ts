import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { AppContext } from '../../electron/services/context';
import { exportRoster } from '../../electron/services/export/output';
import { importTemplate } from '../../electron/services/people/import-templates';
import { instrumentTemplateBytes } from '../../electron/services/spreadsheet/instrument-template';
import { sheetsToXlsx } from '../../electron/services/spreadsheet/write-sheets';
import { openPackage, packageEntry } from '../../electron/services/spreadsheet/xlsx-parts';
import { entryBytes } from '../../electron/services/spreadsheet/zip';
import type { ExportVariant, LeaveOut } from '../../shared/api/exports';
import { addDays, idCheckChar, todayIso } from '../../shared/people';
import { ok, setUpApp } from '../helpers/app';
import { convertToPdf, readPdf, soffice } from '../helpers/pdf';
import { useTempDirs } from '../helpers/temp';
import ExcelJS from 'exceljs';
import { readBack, sheetNamed, type ReadSheet } from '../helpers/workbook';

/**
 * Exported workbooks on paper (issue 14: the roster printed in LibreOffice came out at about 4 pt):
 * every sheet prints landscape on A4, one page wide, the header row repeated, header cells wrapped;
 * score columns are numbers; the 不含条目 file says nothing about item answers, 备注 included.
 */

const tempDir = useTempDirs();
const FROM = addDays(todayIso(), -1);
const TO = addDays(todayIso(), 1);

const idNumber = (birth: string, seq: string) => `110101${birth}${seq}${idCheckChar(`110101${birth}${seq}`)}`;

async function answer(
  ctx: AppContext,
  personId: number,
  campaignId: number,
  values: Record<string, number[]>,
  submit = true,
) {
  const s = await ok(ctx, 'screening.start', { campaignId, personId, mode: 'kiosk' });
  for (const [instrumentId, list] of Object.entries(values))
    for (const [i, value] of list.entries())
      await ok(ctx, 'screening.saveAnswer', { screeningId: s.screeningId, instrumentId, itemId: `q${i + 1}`, value }); // prettier-ignore
  if (submit) await ok(ctx, 'screening.submit', { screeningId: s.screeningId });
}

const zeros = (n: number) => Array<number>(n).fill(0);

/** Four students: a critical red (with a review that quotes item 9), an orange, a green, one who never submitted a critical sheet. */
async function schoolData() {
  const dir = tempDir();
  const { ctx } = await setUpApp(dir);
  const students = [
    ['S2026001', '张三', '男', '20120305', '123', '1班'],
    ['S2026002', '李四', '女', '20120406', '124', '2班'],
    ['S2026003', '王五丰', '男', '20120507', '135', '1班'],
    ['S2026004', '赵六', '女', '20120608', '146', '1班'],
  ] as const;
  const csv = [
    '学籍号,姓名,性别,出生日期,年级,班级,身份证号',
    ...students.map(([no, name, sex, birth, seq, cls]) => `${no},${name},${sex},${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6)},七年级,${cls},${idNumber(birth, seq)}`),
  ].join('\n'); // prettier-ignore
  await ok(ctx, 'people.importCommit', {
    kind: 'student',
    file: { fileName: 'roster.csv', contentBase64: Buffer.from(csv).toString('base64') },
  });
  const people = (await ok(ctx, 'people.list', { kind: 'student', limit: 100 })).items;
  const byName = (name: string) => people.find((p) => p.name === name)!.id;
  const campaign = await ok(ctx, 'campaigns.create', {
    name: '春季心理普测',
    programme: 'school',
    startsOn: FROM,
    endsOn: TO,
    targets: [{ battery: ['PHQ-9', 'GAD-7'] }],
  });
  await answer(ctx, byName('张三'), campaign.id, { 'PHQ-9': [1, 1, 1, 1, 1, 1, 1, 1, 2], 'GAD-7': [1, 1, 1, 1, 1, 1, 3] }); // prettier-ignore
  await answer(ctx, byName('李四'), campaign.id, { 'PHQ-9': [2, 2, 2, 2, 2, 2, 2, 2, 0], 'GAD-7': zeros(7) }); // prettier-ignore
  await answer(ctx, byName('王五丰'), campaign.id, { 'PHQ-9': zeros(9), 'GAD-7': zeros(7) });
  // Answered item 9 positive and left without submitting: listed, flagged in 备注 of the full file.
  await answer(ctx, byName('赵六'), campaign.id, { 'PHQ-9': [0, 0, 0, 0, 0, 0, 0, 0, 3] }, false);
  const cases = await ok(ctx, 'cases.worklist', { programme: 'school' });
  const red = cases.find((c) => c.name === '张三')!.caseId;
  await ok(ctx, 'cases.interview', { caseId: red, summary: '复核', confirmedLevel: 'red', reason: '第9题选2，有自伤念头' }); // prettier-ignore
  return { ctx, dir };
}

async function perinatalData() {
  const dir = tempDir();
  const { ctx } = await setUpApp(dir, 'maternal');
  const lmp = addDays(todayIso(), -100);
  const csv = [
    '姓名,身份证号,手机号,保健手册编号,末次月经,所属社区/乡镇',
    `李梅,${idNumber('19900101', '002')},13900001111,MB2026-0001,${lmp},城关镇`,
    `王芳芳,${idNumber('19920202', '004')},13900002222,MB2026-0002,${lmp},河西乡`,
  ].join('\n');
  await ok(ctx, 'people.importCommit', {
    kind: 'woman',
    file: { fileName: 'w.csv', contentBase64: Buffer.from(csv).toString('base64') },
  });
  const people = (await ok(ctx, 'people.list', { kind: 'woman', limit: 100 })).items;
  const campaign = await ok(ctx, 'campaigns.create', {
    name: '孕中期筛查',
    programme: 'perinatal',
    startsOn: FROM,
    endsOn: TO,
    targets: [{ battery: ['EPDS', 'PHQ-9'] }],
  });
  const id = (name: string) => people.find((p) => p.name === name)!.id;
  await answer(ctx, id('李梅'), campaign.id, { EPDS: [1, 1, 1, 1, 0, 0, 0, 0, 0, 2], 'PHQ-9': [1, 1, 1, 1, 1, 1, 1, 1, 1] }); // prettier-ignore
  await answer(ctx, id('王芳芳'), campaign.id, { EPDS: zeros(10), 'PHQ-9': zeros(9) });
  return { ctx, dir };
}

async function exportFile(
  ctx: AppContext,
  dir: string,
  programme: 'school' | 'perinatal',
  variant: ExportVariant,
  leaveOut: LeaveOut[] = [],
) {
  const out = join(dir, `${programme}-${variant}${leaveOut.length ? `-${leaveOut.join('-')}` : ''}.xlsx`);
  await exportRoster(ctx.db!, ctx.user!, { programme, variant, from: FROM, to: TO, out, leaveOut });
  return { out, sheets: await readBack(out) };
}

const VARIANTS: ExportVariant[] = ['full', 'class-teacher', 'aggregate', 'deidentified'];

/** The raw XML of a part of the file, for what exceljs does not read back (fitToPage, Print_Titles). */
function part(file: string, path: string): string {
  const pkg = openPackage(readFileSync(file));
  const entry = packageEntry(pkg, path);
  if (!entry) throw new Error(`no ${path} in ${file}`);
  return entryBytes(pkg.data, entry).toString('utf8');
}

/** Width of a sheet's columns in Excel character units. */
const totalWidth = (s: ReadSheet) => {
  let sum = 0;
  for (let c = 1; c <= s.sheet.columnCount; c++) sum += s.sheet.getColumn(c).width ?? 9;
  return sum;
};

function expectPrintSetup(file: string, sheets: ReadSheet[]) {
  const workbook = part(file, 'xl/workbook.xml');
  sheets.forEach((s, i) => {
    const where = `${file.split('/').at(-1)} ${s.name}`;
    const setup = s.sheet.pageSetup;
    expect(setup.orientation, where).toBe('landscape');
    expect(setup.paperSize, where).toBe(9);
    expect(setup.fitToWidth, where).toBe(1);
    // A table runs on down as many pages as it needs; the summary is a page of figures.
    expect(setup.fitToHeight, where).toBe(s.name === '汇总' ? 1 : 0);
    expect(part(file, `xl/worksheets/sheet${i + 1}.xml`), where).toContain('<pageSetUpPr fitToPage="1"/>');
    // The header rows are repeated on every page: a defined name per sheet.
    expect(workbook, where).toMatch(
      new RegExp(
        `<definedName name="_xlnm.Print_Titles" localSheetId="${i}">[^<]*\\$1:\\$\\d+</definedName>`,
      ),
    );
    // A table's header cells wrap, so a narrow column keeps its full header.
    if (['随访名册', '测评记录', '分班统计', '分社区统计', '分年级统计', '分时点统计'].includes(s.name)) {
      const headerRow = s.rows.findIndex((r) => r.includes('序号') || r.includes('分组'));
      expect(s.sheet.getRow(headerRow + 1).getCell(1).alignment?.wrapText, where).toBe(true);
    }
    // Fitting one page wide keeps text readable only while the columns add up to a page or so: the
    // widest here (the perinatal roster with two scales, 187) prints at 7.7 pt in LibreOffice.
    expect(totalWidth(s), where).toBeLessThanOrEqual(190);
  });
}

describe('export print setup and cell types', () => {
  test('every sheet of every variant: landscape A4, one page wide, header rows repeated and wrapped, narrow enough', async () => {
    const school = await schoolData();
    for (const variant of VARIANTS) {
      const { out, sheets } = await exportFile(school.ctx, school.dir, 'school', variant);
      expectPrintSetup(out, sheets);
    }
    const perinatal = await perinatalData();
    for (const variant of VARIANTS) {
      const { out, sheets } = await exportFile(perinatal.ctx, perinatal.dir, 'perinatal', variant);
      expectPrintSetup(out, sheets);
    }
  }, 300_000);

  test('score columns are numbers, one per instrument, in the roster and the records', async () => {
    const { ctx, dir } = await schoolData();
    const { sheets } = await exportFile(ctx, dir, 'school', 'full');
    const roster = sheetNamed(sheets, '随访名册');
    const header = roster.rows[0]!;
    const row = (name: string) => roster.rows.find((r) => r.includes(name))!;
    expect(row('张三')[header.indexOf('PHQ-9总分')]).toBe(10);
    expect(row('张三')[header.indexOf('GAD-7总分')]).toBe(9);
    expect(row('李四')[header.indexOf('PHQ-9总分')]).toBe(16);
    expect(
      roster.sheet.getRow(roster.rows.indexOf(row('李四')) + 1).getCell(header.indexOf('PHQ-9总分') + 1).type,
    ).toBe(2); // ExcelJS.ValueType.Number
    const records = sheetNamed(sheets, '测评记录');
    const rh = records.rows[0]!;
    const scores = records.rows.slice(1).map((r) => r[rh.indexOf('PHQ-9总分')]);
    expect(scores.filter((v) => v !== null && v !== undefined).every((v) => typeof v === 'number')).toBe(
      true,
    );
    expect(scores).toContain(16);

    const perinatal = await perinatalData();
    const p = sheetNamed(
      (await exportFile(perinatal.ctx, perinatal.dir, 'perinatal', 'full')).sheets,
      '随访名册',
    );
    const ph = p.rows[0]!;
    expect(p.rows.find((r) => r.includes('李梅'))![ph.indexOf('EPDS总分')]).toBe(6);
    expect(p.rows.find((r) => r.includes('李梅'))![ph.indexOf('PHQ-9总分')]).toBe(9);
  }, 120_000);

  test('不含条目: no cell of the roster or records mentions item answers — 备注 included', async () => {
    const { ctx, dir } = await schoolData();
    const full = await exportFile(ctx, dir, 'school', 'full');
    const fullRoster = sheetNamed(full.sheets, '随访名册');
    const note = (sheet: ReadSheet, name: string) =>
      sheet.rows.find((r) => r.includes(name))![sheet.rows[0]!.indexOf('备注')];
    // The full file says what the app knows…
    expect(String(note(fullRoster, '张三'))).toContain('关键条目阳性');
    expect(String(note(fullRoster, '赵六'))).toContain('关键条目阳性');
    const { sheets } = await exportFile(ctx, dir, 'school', 'full', ['items']);
    // …the file without items keeps the people and says none of it.
    const text = ['随访名册', '测评记录']
      .flatMap((name) => sheetNamed(sheets, name).rows.flat())
      .map((c) => String(c ?? ''));
    expect(text).toContain('张三');
    expect(text).toContain('赵六');
    for (const leak of ['关键条目', '第9题', '第10题', '第9/10题', '自伤'])
      expect(
        text.filter((c) => c.includes(leak)),
        leak,
      ).toEqual([]);
    const roster = sheetNamed(sheets, '随访名册');
    expect(roster.rows[0]).toContain('备注');
    expect(roster.rows[0]).not.toContain('关键条目');
  }, 120_000);
});

describe('the other workbooks (templates, audit log) print the same way', () => {
  test('landscape A4, one page wide, header row repeated and wrapped', async () => {
    const files = [
      Buffer.from((await importTemplate('student')).contentBase64, 'base64'),
      Buffer.from((await importTemplate('woman')).contentBase64, 'base64'),
      await instrumentTemplateBytes(),
      await sheetsToXlsx([
        {
          name: '审计日志',
          columns: [{ header: '时间' }, { header: '操作', wrap: true }],
          rows: [['2026-01-01', '登录']],
        },
      ]),
    ];
    for (const bytes of files) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(bytes as unknown as ArrayBuffer);
      for (const sheet of wb.worksheets.filter((w) => w.state === 'visible')) {
        expect(sheet.pageSetup, sheet.name).toMatchObject({
          orientation: 'landscape',
          paperSize: 9,
          fitToPage: true,
          fitToWidth: 1,
          fitToHeight: 0,
          printTitlesRow: '1:1',
        });
        expect(sheet.getRow(1).getCell(1).alignment?.wrapText, sheet.name).toBe(true);
      }
    }
  });
});

describe('LibreOffice prints every exported sheet readably', () => {
  test.skipIf(!soffice)(
    soffice
      ? 'each sheet on one page wide, A4 landscape, text at 7 pt or more'
      : 'skipped: LibreOffice (/usr/bin/soffice) is not installed',
    async () => {
      const school = await schoolData();
      const perinatal = await perinatalData();
      const profile = tempDir();
      const outDir = join(tempDir(), 'pdf');
      mkdirSync(outDir);
      const files = [
        ...(await Promise.all(VARIANTS.map(async (v) => exportFile(school.ctx, school.dir, 'school', v)))),
        await exportFile(perinatal.ctx, perinatal.dir, 'perinatal', 'full'),
        await exportFile(perinatal.ctx, perinatal.dir, 'perinatal', 'deidentified'),
      ];
      for (const { out, sheets } of files) {
        const facts = readPdf(convertToPdf(out, outDir, profile));
        const name = out.split('/').at(-1);
        // A handful of rows per sheet: each sheet is one page, so no sheet was split across pages.
        expect(facts.pages, name).toBe(sheets.length);
        for (const [w, h] of facts.pageSizes) {
          expect(Math.round(w), name).toBe(842);
          expect(Math.round(h), name).toBe(595);
        }
        expect(facts.textSizes.length, name).toBeGreaterThan(20);
        // 7.5 pt at the least (the roster with every column); it was 4.3 pt before.
        expect(Math.min(...facts.textSizes), name).toBeGreaterThanOrEqual(7.5);
      }
    },
    600_000,
  );
});
