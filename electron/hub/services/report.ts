import type ExcelJS from 'exceljs';
import { AppError } from '../../../shared/api/errors';
import type { HubProgramme } from '../../../shared/hub/agreement';
import { districtParagraph } from '../../../shared/hub/paragraph';
import {
  STALE_DAYS,
  type DistrictDashboard,
  type HubFigures,
  type HubFilter,
  type HubInstallationRow,
  type HubLevel,
} from '../../../shared/hub/views';
import { tint } from '../../services/export/styles';
import { loadExcelJs, PRINTABLE_SHEET, wrapHeader } from '../../services/spreadsheet/exceljs';
import type { HubDb } from '../db/hub-db';
import { districtDashboard } from './views';
import type { HubUser } from './users';

/**
 * The district report as a workbook: 汇总 (the paragraph and the totals), 各单位 (per installation,
 * with when it last reported), 乡镇, 月度趋势 and 逾期安全确认 (the installations with overdue
 * safety checks, most first). Every sheet prints as the installation's exports do: A4 landscape,
 * one page wide, the header row on every page. Figures only: no case, pseudonym or name is in it.
 */
export type ReportLang = 'zh' | 'en';

const WORDS = {
  zh: {
    sheets: {
      summary: '汇总',
      installations: '各单位',
      townships: '乡镇',
      trend: '月度趋势',
      overdue: '逾期安全确认',
    },
    title: (hub: string) => `${hub}心理健康筛查汇总报告`,
    asOf: (day: string) => `截至${day}`,
    separator: '；',
    period: (from?: string, to?: string) =>
      from || to ? `统计月份：${from ?? '最早'} 至 ${to ?? '最新'}` : '统计月份：全部',
    figure: '指标',
    total: '合计',
    programme: { school: '学校', perinatal: '医疗机构' } as Record<HubProgramme, string>,
    kinds: { school: '学校', perinatal: '医疗机构' } as Record<HubProgramme, string>,
    expected: { school: '应测人次', perinatal: '应筛人数', mixed: '应测（应筛）人数' },
    screened: { school: '实测人次', perinatal: '筛查人数', mixed: '实测（筛查）人数' },
    rate: { school: '参测率', perinatal: '筛查率', mixed: '参测（筛查）率' },
    declined: '拒测/未测',
    critical: { school: '危机题阳性', perinatal: '关键条目阳性', mixed: '危机题（关键条目）阳性' },
    referred: { school: '转介', perinatal: '转诊', mixed: '转介（转诊）' },
    attended: '到位',
    attendanceRate: '到位率',
    openCases: '在管个案',
    overdueSafetyChecks: '逾期安全确认',
    overdueTasks: '逾期待办',
    installationCount: '单位数',
    staleCount: `超过${STALE_DAYS}天未上报的单位数`,
    name: '单位',
    kind: '类别',
    township: '乡镇',
    noTownship: '（未填乡镇）',
    status: '状态',
    statuses: { invited: '已邀请', enrolled: '已加入', revoked: '已撤销' } as Record<
      HubInstallationRow['status'],
      string
    >,
    lastBundle: '最近上报',
    days: '距今天数',
    reporting: '上报情况',
    stale: '逾期未报',
    never: '从未上报',
    onTime: '正常',
    people: '在册人数',
    month: '月份',
    none: '无',
  },
  en: {
    sheets: {
      summary: 'Summary',
      installations: 'Installations',
      townships: 'Townships',
      trend: 'Monthly trend',
      overdue: 'Overdue safety checks',
    },
    title: (hub: string) => `${hub}: district screening report`,
    asOf: (day: string) => `As of ${day}`,
    separator: '; ',
    period: (from?: string, to?: string) =>
      from || to ? `Months: ${from ?? 'earliest'} to ${to ?? 'latest'}` : 'Months: all',
    figure: 'Figure',
    total: 'Total',
    programme: { school: 'Schools', perinatal: 'Clinics' } as Record<HubProgramme, string>,
    kinds: { school: 'School', perinatal: 'Clinic' } as Record<HubProgramme, string>,
    expected: { school: 'Due (person-times)', perinatal: 'Due', mixed: 'Due' },
    screened: { school: 'Screened (person-times)', perinatal: 'Screened', mixed: 'Screened' },
    rate: { school: 'Participation', perinatal: 'Coverage', mixed: 'Participation / coverage' },
    declined: 'Declined / not screened',
    critical: {
      school: 'Positive on the crisis item',
      perinatal: 'Positive on the self-harm item',
      mixed: 'Positive on the crisis (self-harm) item',
    },
    referred: { school: 'Referred', perinatal: 'Referred', mixed: 'Referred' },
    attended: 'Attended',
    attendanceRate: 'Attendance rate',
    openCases: 'Open cases',
    overdueSafetyChecks: 'Overdue safety checks',
    overdueTasks: 'Overdue tasks',
    installationCount: 'Installations',
    staleCount: `Installations not reporting for over ${STALE_DAYS} days`,
    name: 'Installation',
    kind: 'Kind',
    township: 'Township',
    noTownship: '(no township)',
    status: 'Status',
    statuses: { invited: 'Invited', enrolled: 'Enrolled', revoked: 'Revoked' } as Record<
      HubInstallationRow['status'],
      string
    >,
    lastBundle: 'Last report',
    days: 'Days since',
    reporting: 'Reporting',
    stale: 'Late',
    never: 'Never reported',
    onTime: 'On time',
    people: 'On the roll',
    month: 'Month',
    none: 'None',
  },
};
type Words = (typeof WORDS)['zh'];

const COUNT = '0';
const RATE = '0.0%';
const DATE = 'yyyy-mm-dd';
const BORDER: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};
const HEADER_FILL = 'FFD9E1F2';
const ALERT_FILL = 'FFFDE2E2';
const LATE_FILL = 'FFFFF1D6';
const argb = (hex: string) => `FF${hex.replace('#', '').toUpperCase()}`;
const fill = (colour: string): ExcelJS.Fill => ({
  type: 'pattern',
  pattern: 'solid',
  fgColor: { argb: colour },
});

interface Column {
  header: string;
  width: number;
  format?: string;
  /** A level's column: its header carries the level's colour, lightly. */
  level?: HubLevel;
}

/** A text's width in Excel's character units: a CJK character takes two. */
const textWidth = (text: string) =>
  [...text].reduce((n, ch) => n + (/[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/.test(ch) ? 2 : 1), 0);

/** A sheet with a header row repeated on every printed page, frozen below the header. */
function tableSheet(workbook: ExcelJS.Workbook, name: string, columns: Column[]): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name, { ...PRINTABLE_SHEET, views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ width: c.width, style: c.format ? { numFmt: c.format } : {} }));
  const header = sheet.addRow(columns.map((c) => c.header));
  wrapHeader(header);
  // A wrapped header row does not grow by itself where it is printed: as tall as its longest header.
  header.height =
    Math.max(...columns.map((c) => Math.ceil(textWidth(c.header) / Math.max(1, c.width - 2)))) * 14 + 4;
  header.eachCell((cell, i) => {
    const level = columns[i - 1]?.level;
    cell.fill = fill(level ? argb(tint(level.colour, 0.35)) : HEADER_FILL);
    cell.border = BORDER;
  });
  return sheet;
}

function addRows(sheet: ExcelJS.Worksheet, rows: (ExcelJS.CellValue | null)[][]): ExcelJS.Row[] {
  return rows.map((values) => {
    const row = sheet.addRow(values);
    row.eachCell({ includeEmpty: true }, (cell) => (cell.border = BORDER));
    return row;
  });
}

type Vocabulary = 'school' | 'perinatal' | 'mixed';
const vocabularyOf = (d: DistrictDashboard): Vocabulary =>
  d.programmes.length === 1 ? d.programmes[0]! : 'mixed';

/** The figure columns every table shares, after its own leading columns. */
function figureColumns(
  w: Words,
  vocabulary: Vocabulary,
  levels: readonly HubLevel[],
  lang: ReportLang,
): Column[] {
  return [
    { header: w.expected[vocabulary], width: 8, format: COUNT },
    { header: w.screened[vocabulary], width: 8, format: COUNT },
    { header: w.rate[vocabulary], width: 8, format: RATE },
    ...levels.map((level) => ({ header: level.name[lang], width: 7, format: COUNT, level })),
    { header: w.critical[vocabulary], width: 7, format: COUNT },
    { header: w.referred[vocabulary], width: 7, format: COUNT },
    { header: w.attended, width: 6, format: COUNT },
    { header: w.attendanceRate, width: 7, format: RATE },
    { header: w.openCases, width: 7, format: COUNT },
    { header: w.overdueSafetyChecks, width: 8, format: COUNT },
    { header: w.overdueTasks, width: 7, format: COUNT },
  ];
}

const figureValues = (f: HubFigures, levels: readonly HubLevel[]) => [
  f.expected,
  f.screened,
  f.rate,
  ...levels.map((l) => f.levels[l.id] ?? 0),
  f.critical,
  f.referred,
  f.attended,
  f.attendanceRate,
  f.openCases,
  f.overdueSafetyChecks,
  f.overdueTasks,
];

/** A date cell (the UTC day of an ISO time), or null. */
const dateCell = (iso: string | null) => (iso ? new Date(`${iso.slice(0, 10)}T00:00:00Z`) : null);

function summarySheet(
  workbook: ExcelJS.Workbook,
  d: DistrictDashboard,
  filter: HubFilter,
  lang: ReportLang,
): void {
  const w = WORDS[lang];
  const vocabulary = vocabularyOf(d);
  const parts = d.byProgramme.length > 1 ? d.byProgramme : [];
  const width = 2 + parts.length;
  const sheet = workbook.addWorksheet(w.sheets.summary, {
    pageSetup: { ...PRINTABLE_SHEET.pageSetup, orientation: 'portrait', printTitlesRow: undefined },
  });
  sheet.columns = [{ width: 34 }, { width: 14 }, ...parts.map(() => ({ width: 14 }))];
  const span = (row: number) => sheet.mergeCells(row, 1, row, Math.max(width, 4));
  sheet.addRow([w.title(d.hubName)]).font = { bold: true, size: 16 };
  span(1);
  sheet.addRow([`${w.asOf(d.asOf)}${w.separator}${w.period(filter.from, filter.to)}`]).font = {
    color: { argb: 'FF404040' },
  };
  span(2);
  sheet.addRow([]);
  const paragraph = sheet.addRow([districtParagraph(d, lang)]);
  paragraph.font = { size: 12 };
  paragraph.alignment = { wrapText: true, vertical: 'top' };
  span(4);
  // A merged cell does not grow with its text: give the row the height the paragraph needs.
  // The merged width in character units (columns past those set are 9 wide), less a margin, at 12 pt.
  const spanned = 34 + 14 + parts.length * 14 + Math.max(0, 4 - width) * 9;
  const lines = Math.ceil((textWidth(districtParagraph(d, lang)) * 12) / 11 / (spanned - 4));
  paragraph.height = Math.max(1, lines) * 17 + 6;
  sheet.addRow([]);
  const header = sheet.addRow([w.figure, w.total, ...parts.map((p) => w.programme[p.programme])]);
  wrapHeader(header);
  header.eachCell((cell) => {
    cell.fill = fill(HEADER_FILL);
    cell.border = BORDER;
  });
  const line = (label: string, format: string, pick: (f: HubFigures) => number | null) => {
    const row = sheet.addRow([label, pick(d.totals), ...parts.map((p) => pick(p.figures))]);
    row.eachCell({ includeEmpty: true }, (cell, i) => {
      cell.border = BORDER;
      if (i > 1) {
        cell.numFmt = format;
        cell.alignment = { horizontal: 'center' };
      }
    });
  };
  line(w.expected[vocabulary], COUNT, (f) => f.expected);
  line(w.screened[vocabulary], COUNT, (f) => f.screened);
  line(w.rate[vocabulary], RATE, (f) => f.rate);
  line(w.declined, COUNT, (f) => f.declined);
  for (const level of d.levels) line(level.name[lang], COUNT, (f) => f.levels[level.id] ?? 0);
  line(w.critical[vocabulary], COUNT, (f) => f.critical);
  line(w.referred[vocabulary], COUNT, (f) => f.referred);
  line(w.attended, COUNT, (f) => f.attended);
  line(w.attendanceRate, RATE, (f) => f.attendanceRate);
  line(w.openCases, COUNT, (f) => f.openCases);
  line(w.overdueSafetyChecks, COUNT, (f) => f.overdueSafetyChecks);
  line(w.overdueTasks, COUNT, (f) => f.overdueTasks);
  const count = (pick: (r: HubInstallationRow) => boolean) => (programme?: HubProgramme) =>
    d.installations.filter((r) => (programme === undefined || r.programme === programme) && pick(r)).length;
  for (const [label, counter] of [
    [w.installationCount, count(() => true)],
    [w.staleCount, count((r) => r.stale)],
  ] as const) {
    const row = sheet.addRow([label, counter(), ...parts.map((p) => counter(p.programme))]);
    row.eachCell({ includeEmpty: true }, (cell, i) => {
      cell.border = BORDER;
      if (i > 1) cell.alignment = { horizontal: 'center' };
    });
  }
}

function installationsSheet(workbook: ExcelJS.Workbook, d: DistrictDashboard, lang: ReportLang): void {
  const w = WORDS[lang];
  const lead: Column[] = [
    { header: w.name, width: 16 },
    { header: w.kind, width: 7 },
    { header: w.township, width: 9 },
    { header: w.lastBundle, width: 10, format: DATE },
    { header: w.days, width: 6, format: COUNT },
    { header: w.reporting, width: 8 },
    { header: w.people, width: 7, format: COUNT },
  ];
  const sheet = tableSheet(workbook, w.sheets.installations, [
    ...lead,
    ...figureColumns(w, vocabularyOf(d), d.levels, lang),
  ]);
  const overdueColumn = lead.length + 3 + d.levels.length + 6;
  const rows = addRows(
    sheet,
    d.installations.map((r) => [
      r.name,
      w.kinds[r.programme],
      r.township ?? w.noTownship,
      dateCell(r.lastBundleAt),
      r.daysSinceBundle,
      // One column for whether it reports: revoked, never, late or on time.
      r.status === 'revoked' ? w.statuses.revoked : r.stale ? (r.lastBundleAt ? w.stale : w.never) : w.onTime,
      r.people,
      ...figureValues(r.figures, d.levels),
    ]),
  );
  rows.forEach((row, i) => {
    const r = d.installations[i]!;
    if (r.stale) row.getCell(6).fill = fill(LATE_FILL);
    if (r.figures.overdueSafetyChecks) {
      row.getCell(1).fill = fill(ALERT_FILL);
      row.getCell(overdueColumn).fill = fill(ALERT_FILL);
      row.getCell(overdueColumn).font = { bold: true };
    }
  });
}

function townshipsSheet(workbook: ExcelJS.Workbook, d: DistrictDashboard, lang: ReportLang): void {
  const w = WORDS[lang];
  const sheet = tableSheet(workbook, w.sheets.townships, [
    { header: w.township, width: 14 },
    { header: w.installationCount, width: 8, format: COUNT },
    ...figureColumns(w, vocabularyOf(d), d.levels, lang),
  ]);
  addRows(sheet, [
    ...d.byTownship.map((t) => [
      t.township ?? w.noTownship,
      d.installations.filter((r) => r.township === t.township).length,
      ...figureValues(t.figures, d.levels),
    ]),
    [w.total, d.installations.length, ...figureValues(d.totals, d.levels)],
  ]).at(-1)!.font = { bold: true };
}

function trendSheet(workbook: ExcelJS.Workbook, d: DistrictDashboard, lang: ReportLang): void {
  const w = WORDS[lang];
  const vocabulary = vocabularyOf(d);
  const sheet = tableSheet(workbook, w.sheets.trend, [
    { header: w.month, width: 10 },
    { header: w.expected[vocabulary], width: 11, format: COUNT },
    { header: w.screened[vocabulary], width: 11, format: COUNT },
    { header: w.rate[vocabulary], width: 10, format: RATE },
    ...d.levels.map((level) => ({ header: level.name[lang], width: 12, format: COUNT, level })),
    { header: w.critical[vocabulary], width: 12, format: COUNT },
  ]);
  addRows(
    sheet,
    d.trend.map((p) => [
      p.month,
      p.expected,
      p.screened,
      p.expected ? Math.round((p.screened / p.expected) * 1000) / 1000 : null,
      ...d.levels.map((l) => p.levels[l.id] ?? 0),
      p.critical,
    ]),
  );
}

function overdueSheet(workbook: ExcelJS.Workbook, d: DistrictDashboard, lang: ReportLang): void {
  const w = WORDS[lang];
  const sheet = tableSheet(workbook, w.sheets.overdue, [
    { header: w.name, width: 24 },
    { header: w.kind, width: 9 },
    { header: w.township, width: 12 },
    { header: w.overdueSafetyChecks, width: 12, format: COUNT },
    { header: w.overdueTasks, width: 10, format: COUNT },
    { header: w.openCases, width: 10, format: COUNT },
    { header: w.lastBundle, width: 11, format: DATE },
    { header: w.days, width: 8, format: COUNT },
  ]);
  // d.installations is already in that order: most overdue safety checks first.
  const overdue = d.installations.filter((r) => r.figures.overdueSafetyChecks > 0);
  if (!overdue.length) {
    addRows(sheet, [[w.none]]);
    return;
  }
  addRows(
    sheet,
    overdue.map((r) => [
      r.name,
      w.kinds[r.programme],
      r.township ?? w.noTownship,
      r.figures.overdueSafetyChecks,
      r.figures.overdueTasks,
      r.figures.openCases,
      dateCell(r.lastBundleAt),
      r.daysSinceBundle,
    ]),
  );
}

/** The district report's workbook from a dashboard already read (the PDF prints the same file). */
export async function reportWorkbook(
  d: DistrictDashboard,
  filter: HubFilter,
  lang: ReportLang,
): Promise<Buffer> {
  if (lang !== 'zh' && lang !== 'en')
    throw new AppError('invalid_input', 'the report is written in zh or en', {
      issues: [{ path: 'lang', message: 'zh or en' }],
    });
  const workbook = new (await loadExcelJs()).Workbook();
  workbook.creator = 'Anxin';
  summarySheet(workbook, d, filter, lang);
  installationsSheet(workbook, d, lang);
  townshipsSheet(workbook, d, lang);
  trendSheet(workbook, d, lang);
  overdueSheet(workbook, d, lang);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The district report (.xlsx) for what `user` may see, cut to `filter`, as of `today`. */
export async function districtReportWorkbook(
  db: HubDb,
  user: HubUser,
  filter: HubFilter,
  today: string,
  lang: ReportLang,
): Promise<Buffer> {
  return reportWorkbook(await districtDashboard(db, user, filter, today), filter, lang);
}

export { districtParagraph };
