import ExcelJS from 'exceljs';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { HubDb } from '../../../electron/hub/db/hub-db';
import { districtReportWorkbook } from '../../../electron/hub/services/report';
import { districtReportPdf, findSoffice } from '../../../electron/hub/services/report-pdf';
import { districtDashboard } from '../../../electron/hub/services/views';
import { AppError } from '../../../shared/api/errors';
import { districtParagraph } from '../../../shared/hub/paragraph';
import { describeHubStores } from '../../helpers/hub-db';
import { readPdf } from '../../helpers/pdf';
import { IDS, seedDistrict, TODAY, user } from './views-seed';

const work = mkdtempSync(join(tmpdir(), 'anxin-hub-report-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function readBack(xlsx: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(xlsx as unknown as ArrayBuffer);
  return workbook;
}

const values = (sheet: ExcelJS.Worksheet) =>
  sheet.getSheetValues().flatMap((row) => (Array.isArray(row) ? [row.slice(1)] : []));

/** The PDF's text, by pdftotext or Ghostscript's txtwrite; null when neither is installed. */
function pdfText(file: string): string | null {
  const poppler = spawnSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  if (poppler.status === 0) return poppler.stdout;
  const gs = spawnSync(
    'gs',
    ['-q', '-dNOPAUSE', '-dBATCH', '-dSAFER', '-sDEVICE=txtwrite', '-sOutputFile=-', file],
    {
      encoding: 'utf8',
    },
  );
  return gs.status === 0 ? gs.stdout : null;
}
const squeeze = (text: string) => text.replace(/\s+/g, '');

describeHubStores('the district report', (store) => {
  let db: HubDb;
  beforeAll(async () => {
    db = await store.open();
    await seedDistrict(db);
  });

  test('the workbook holds the paragraph, the totals, every installation, township, month and overdue safety check', async () => {
    const staff = user('district_staff');
    const dashboard = await districtDashboard(db, staff, {}, TODAY);
    const workbook = await readBack(await districtReportWorkbook(db, staff, {}, TODAY, 'zh'));
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      '汇总',
      '各单位',
      '乡镇',
      '月度趋势',
      '逾期安全确认',
    ]);

    const summary = workbook.getWorksheet('汇总')!;
    expect(summary.getCell('A1').value).toBe('临川区心理健康教育指导中心心理健康筛查汇总报告');
    expect(summary.getCell('A4').value).toBe(districtParagraph(dashboard, 'zh'));
    expect(String(summary.getCell('A4').value)).toContain('全区学校共筛查383人次');
    const figures = new Map(values(summary).map((r) => [r[0], r.slice(1)]));
    expect(figures.get('指标')).toEqual(['合计', '学校', '医疗机构']);
    expect(figures.get('应测（应筛）人数')).toEqual([470, 400, 70]);
    expect(figures.get('实测（筛查）人数')).toEqual([451, 383, 68]);
    expect(figures.get('参测（筛查）率')).toEqual([0.96, 0.958, 0.971]);
    expect(figures.get('红色预警（一级）')).toEqual([3, 3, 0]);
    expect(figures.get('危急（当日评估）')).toEqual([1, 0, 1]);
    expect(figures.get('转介（转诊）')).toEqual([7, 3, 4]);
    expect(figures.get('到位率')).toEqual([0.714, 0.667, 0.75]);
    expect(figures.get('逾期安全确认')).toEqual([1, 1, 0]);
    expect(figures.get('超过14天未上报的单位数')).toEqual([2, 2, 0]);
    expect(summary.pageSetup).toMatchObject({ paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 });

    const installations = workbook.getWorksheet('各单位')!;
    const [header, ...rows] = values(installations);
    expect(header!.slice(0, 10)).toEqual([
      '单位',
      '类别',
      '乡镇',
      '最近上报',
      '距今天数',
      '上报情况',
      '在册人数',
      '应测（应筛）人数',
      '实测（筛查）人数',
      '参测（筛查）率',
    ]);
    expect(rows.map((r) => [r[0], r[2], r[4], r[5], r[7], r[8]])).toEqual([
      ['第二小学', '河口乡', 39, '逾期未报', 200, 190],
      ['第一中学', '城关镇', 2, '正常', 200, 193],
      ['石门乡卫生院', '石门乡', 1, '正常', 70, 68],
      ['第三中学', '石门乡', undefined, '从未上报', 0, 0],
    ]);
    expect(rows[0]![3]).toEqual(new Date('2026-04-01T00:00:00Z'));
    const overdueAt = header!.indexOf('逾期安全确认');
    expect(rows.map((r) => r[overdueAt])).toEqual([1, 0, 0, 0]);
    expect(installations.pageSetup).toMatchObject({
      orientation: 'landscape',
      fitToWidth: 1,
      printTitlesRow: '1:1',
    });

    const townships = values(workbook.getWorksheet('乡镇')!);
    expect(townships.slice(1).map((r) => [r[0], r[1], r[2], r[3]])).toEqual([
      ['城关镇', 1, 200, 193],
      ['河口乡', 1, 200, 190],
      ['石门乡', 2, 70, 68],
      ['合计', 4, 470, 451],
    ]);
    const trend = values(workbook.getWorksheet('月度趋势')!);
    expect(trend.slice(1).map((r) => [r[0], r[1], r[2]])).toEqual([
      ['2026-03', 340, 326],
      ['2026-04', 30, 30],
      ['2026-09', 100, 95],
    ]);
    const overdue = values(workbook.getWorksheet('逾期安全确认')!);
    expect(overdue.slice(1).map((r) => [r[0], r[2], r[3], r[4], r[5]])).toEqual([
      ['第二小学', '河口乡', 1, 1, 2],
    ]);
    // Figures only: no pseudonym or name of the cases reaches the report.
    const everything = JSON.stringify(workbook.worksheets.map(values));
    expect(everything).not.toContain('张三');
    expect(everything).not.toContain('aaaaaaaaaaaaaaa1');
  });

  test('the English workbook, and a township user’s report holds only its township', async () => {
    const town = user('viewer', { kind: 'township', township: '河口乡' });
    const workbook = await readBack(await districtReportWorkbook(db, town, {}, TODAY, 'en'));
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      'Summary',
      'Installations',
      'Townships',
      'Monthly trend',
      'Overdue safety checks',
    ]);
    const paragraph = String(workbook.getWorksheet('Summary')!.getCell('A4').value);
    expect(paragraph).toBe(
      'Across the district, 190 screenings were completed (participation 95%); warnings: Red 0, Orange 4 and Yellow 6, 0 positive on the crisis item; 0 referred, 0 attended. ' +
        'As of 10 May 2026, 1 school has overdue safety checks (1 person), 1 school has overdue follow-up tasks (1 person) and 1 school has not reported for more than 14 days.',
    );
    const rows = values(workbook.getWorksheet('Installations')!).slice(1);
    expect(rows.map((r) => r[0])).toEqual(['第二小学']);
    expect(JSON.stringify(workbook.worksheets.map(values))).not.toContain('第一中学');
  });

  test.runIf(store.name === 'pglite' && findSoffice())(
    'the PDF prints the report: its text holds the paragraph',
    { timeout: 180_000 },
    async () => {
      const staff = user('district_staff');
      const dataDir = join(work, 'hub');
      const pdf = await districtReportPdf(db, staff, { installationId: IDS.second }, TODAY, 'zh', {
        dataDir,
      });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      const file = join(work, 'report.pdf');
      writeFileSync(file, pdf);
      const facts = readPdf(file);
      expect(facts.pages).toBeGreaterThanOrEqual(5);
      // A4 either way round.
      for (const [w, h] of facts.pageSizes)
        expect([Math.round(Math.min(w, h)), Math.round(Math.max(w, h))]).toEqual([595, 842]);
      // Readable on paper: one page wide, and no text drawn below 7.5 pt (as the installation's exports).
      expect(Math.min(...facts.textSizes)).toBeGreaterThanOrEqual(7.5);
      const text = pdfText(file);
      if (text === null) {
        console.warn('Neither pdftotext nor Ghostscript is installed: the PDF text is not checked.');
        return;
      }
      const paragraph = districtParagraph(
        await districtDashboard(db, staff, { installationId: IDS.second }, TODAY),
        'zh',
      );
      expect(squeeze(text)).toContain(squeeze(paragraph));
      expect(squeeze(text)).toContain('第二小学');
    },
  );

  test('without LibreOffice the PDF is refused with its own reason', async () => {
    const saved = process.env.ANXIN_SOFFICE;
    process.env.ANXIN_SOFFICE = join(work, 'no-such-soffice');
    try {
      const error = await districtReportPdf(db, user('district_staff'), {}, TODAY, 'zh').catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).extra.detail).toEqual({ reason: 'hub_report.pdf_unavailable' });
    } finally {
      if (saved === undefined) delete process.env.ANXIN_SOFFICE;
      else process.env.ANXIN_SOFFICE = saved;
    }
  });
});
