import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, test, vi } from 'vitest';
import type { AppContext } from '../../electron/services/context';
import { dashboardView } from '../../electron/services/cases/dashboard-view';
import { exportRoster } from '../../electron/services/export/output';
import { tint } from '../../electron/services/export/styles';
import type { ExportVariant } from '../../shared/api/exports';
import { addDays, idCheckChar, todayIso } from '../../shared/people';
import { defaultPerinatalRules, defaultSchoolRules } from '../../shared/tiers';
import { ADMIN_PASSWORD, fails, ok, setUpApp } from '../helpers/app';
import { anxin, ensureBuilt } from '../helpers/cli';
import { useTempDirs } from '../helpers/temp';
import { everyCellText, figuresOf, readBack, sheetNamed, type ReadSheet } from '../helpers/workbook';
import { expectSheet, type IntendedSheet } from '../helpers/stream-workbook';
import { schoolWordsIn } from '../helpers/school-words';

// Every workbook the export writes is also recorded as it was asked for (values, styles, merges,
// sheet setup), so a test can read the real file back and compare the two cell by cell.
const written = vi.hoisted(() => ({ last: [] as IntendedSheet[] }));
vi.mock('../../electron/services/spreadsheet/stream-writer', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../electron/services/spreadsheet/stream-writer')>();
  const { recording } = await import('../helpers/stream-workbook');
  return {
    ...real,
    streamWorkbook: async (output: import('node:stream').Writable) => {
      const recorded = recording(await real.streamWorkbook(output));
      written.last = recorded.sheets;
      return recorded.wb;
    },
  };
});

/** The file just exported, read back, is what the export asked the writer for: every cell and sheet. */
function expectAsIntended(sheets: ReadSheet[]): void {
  expect(sheets.map((s) => s.name)).toEqual(written.last.map((s) => s.options.name));
  written.last.forEach((intended, i) => expectSheet(sheets[i]!.sheet, intended));
}

const tempDir = useTempDirs();
const FROM = addDays(todayIso(), -1);
const TO = addDays(todayIso(), 1);
const VARIANTS: ExportVariant[] = ['full', 'class-teacher', 'aggregate', 'deidentified'];

// workflows.md, "Supervisor reports": the roster columns, exactly — 总分 as one number column per
// instrument of the period (PHQ-9总分, GAD-7总分), so totals sort as numbers.
const SCHOOL_COLUMNS = [
  '序号', '学校', '年级', '班级', '学籍号', '姓名', '性别', '测评日期', '量表', 'PHQ-9总分', 'GAD-7总分', '关键条目', '预警等级',
  '首次预警日期', '复核结论', '家长告知日期', '转介机构/日期', '是否到位', '当前措施', '责任人', '下次随访日期',
  '随访次数', '状态', '备注',
]; // prettier-ignore
const PERINATAL_COLUMNS = [
  '序号', '建册机构', '手册编号', '姓名', '年龄', '联系电话', '社区/乡镇', '预产期', '孕周/产后天数', '筛查时点',
  '量表', 'EPDS总分', '第9/10题', '筛查结果', '风险颜色', '转诊日期', '转诊机构', '是否到位', '诊断', '专案管理日期',
  '责任医生', '下次随访日期', '随访次数', '结案日期/原因', '备注',
]; // prettier-ignore

/** A valid 18-digit resident ID (checksum included), so the importer accepts it. */
const idNumber = (birth: string, seq: string) => `110101${birth}${seq}${idCheckChar(`110101${birth}${seq}`)}`;

async function answer(
  ctx: AppContext,
  personId: number,
  campaignId: number,
  values: Record<string, number[]>,
) {
  const s = await ok(ctx, 'screening.start', { campaignId, personId, mode: 'kiosk' });
  for (const [instrumentId, list] of Object.entries(values))
    for (const [i, value] of list.entries())
      await ok(ctx, 'screening.saveAnswer', {
        screeningId: s.screeningId,
        instrumentId,
        itemId: `q${i + 1}`,
        value,
      });
  return ok(ctx, 'screening.submit', { screeningId: s.screeningId });
}

const zeros = (n: number) => Array<number>(n).fill(0);

const STUDENTS = [
  { no: 'S2026001', name: '张三', sex: '男', grade: '七年级', cls: '1班', id: idNumber('20120305', '123'), phone: '13800001111' },
  { no: 'S2026002', name: '李四', sex: '女', grade: '七年级', cls: '2班', id: idNumber('20120406', '124'), phone: '13800002222' },
  { no: 'S2026003', name: '王五丰', sex: '男', grade: '八年级', cls: '1班', id: idNumber('20110507', '135'), phone: '13800003333' },
  { no: 'S2026004', name: '赵六', sex: '女', grade: '八年级', cls: '1班', id: idNumber('20110608', '146'), phone: '13800004444' },
  { no: 'S2026005', name: '欧阳娜娜', sex: '女', grade: '七年级', cls: '1班', id: idNumber('20120709', '128'), phone: '13800005555' },
  { no: 'S2026006', name: '钱七', sex: '男', grade: '八年级', cls: '2班', id: idNumber('20110810', '157'), phone: '13800006666' },
]; // prettier-ignore

/** Six students through the API: a critical red, an orange, a yellow later lifted, two greens, one absent. */
async function schoolData() {
  const dir = tempDir();
  const { ctx } = await setUpApp(dir);
  const csv = [
    '学籍号,姓名,性别,出生日期,年级,班级,身份证号,监护人电话',
    ...STUDENTS.map((s) => `${s.no},${s.name},${s.sex},20${s.id.slice(8, 10)}-${s.id.slice(10, 12)}-${s.id.slice(12, 14)},${s.grade},${s.cls},${s.id},${s.phone}`),
  ].join('\n'); // prettier-ignore
  const imported = await ok(ctx, 'people.importCommit', {
    kind: 'student',
    file: { fileName: 'roster.csv', contentBase64: Buffer.from(csv).toString('base64') },
  });
  expect(imported.created).toBe(6);
  const people = (await ok(ctx, 'people.list', { kind: 'student', limit: 100 })).items;
  const byName = (name: string) => people.find((p) => p.name === name)!.id;
  const campaign = await ok(ctx, 'campaigns.create', {
    name: '春季心理普测',
    programme: 'school',
    startsOn: FROM,
    endsOn: TO,
    targets: [{ battery: ['PHQ-9', 'GAD-7'] }],
  });
  const red = await answer(ctx, byName('张三'), campaign.id, { 'PHQ-9': [1, 1, 1, 1, 1, 1, 1, 1, 2], 'GAD-7': zeros(7) }); // prettier-ignore
  const orange = await answer(ctx, byName('李四'), campaign.id, { 'PHQ-9': [2, 2, 2, 2, 2, 2, 2, 2, 0], 'GAD-7': zeros(7) }); // prettier-ignore
  const yellow = await answer(ctx, byName('王五丰'), campaign.id, { 'PHQ-9': [2, 2, 1, 1, 1, 1, 1, 2, 0], 'GAD-7': zeros(7) }); // prettier-ignore
  await answer(ctx, byName('赵六'), campaign.id, { 'PHQ-9': zeros(9), 'GAD-7': zeros(7) });
  await answer(ctx, byName('欧阳娜娜'), campaign.id, { 'PHQ-9': zeros(9), 'GAD-7': zeros(7) });
  expect([red.level, orange.level, yellow.level]).toEqual(['red', 'orange', 'yellow']);
  await ok(ctx, 'campaigns.markAbsent', { campaignId: campaign.id, personId: byName('钱七') });

  const cases = await ok(ctx, 'cases.worklist', { programme: 'school' });
  const caseOf = (name: string) => cases.find((c) => c.name === name)!.caseId;
  const a = caseOf('张三');
  await ok(ctx, 'cases.safetyCheck', {
    caseId: a,
    talked: true,
    riskAssessed: true,
    familyContacted: true,
    plan: 'referral',
    outcome: '已面谈并通知家长',
  });
  await ok(ctx, 'cases.interview', {
    caseId: a,
    summary: '复核',
    confirmedLevel: 'red',
    reason: '有自伤念头，无计划',
  });
  await ok(ctx, 'cases.guardianContact', { caseId: a, contactedOn: todayIso(), who: '母亲', method: 'phone', response: '同意就医' }); // prettier-ignore
  let c = await ok(ctx, 'cases.refer', { caseId: a, institution: '市精神卫生中心', department: '儿少科', referredOn: todayIso(), consent: true }); // prettier-ignore
  await ok(ctx, 'cases.updateReferral', {
    referralId: c.referrals[0]!.id,
    status: 'attended',
    attendedOn: todayIso(),
  });
  await ok(ctx, 'cases.updateReferral', { referralId: c.referrals[0]!.id, status: 'diagnosed', conclusion: 'confirmed', diagnosis: '抑郁发作', diagnosedOn: todayIso() }); // prettier-ignore
  await ok(ctx, 'cases.followUp', {
    caseId: a,
    method: 'in_person',
    content: '情绪稳定',
    riskChange: 'same',
  });
  await ok(ctx, 'cases.followUp', { caseId: a, method: 'phone', content: '按时就诊', riskChange: 'lower' });

  const b = caseOf('李四');
  await ok(ctx, 'cases.interview', {
    caseId: b,
    summary: '复核',
    confirmedLevel: 'orange',
    reason: '情绪低落两周',
  });
  // A formula typed as an institution must arrive in Excel as text.
  c = await ok(ctx, 'cases.refer', { caseId: b, institution: '=HYPERLINK("http://x","医院")', referredOn: todayIso(), consent: true }); // prettier-ignore
  await ok(ctx, 'cases.followUp', { caseId: b, method: 'in_person', content: '跟进', riskChange: 'same' });

  const y = caseOf('王五丰');
  await ok(ctx, 'cases.lift', { caseId: y, reason: '复测正常' });
  return { ctx, dir, byName };
}

async function exportFile(ctx: AppContext, dir: string, programme: 'school' | 'perinatal', variant: ExportVariant, extra = {}) {
  const out = join(dir, `${programme}-${variant}.xlsx`);
  const result = await exportRoster(ctx.db!, ctx.user!, { programme, variant, from: FROM, to: TO, out, ...extra });
  return { result, sheets: await readBack(out), out };
} // prettier-ignore

describe('roster export (school)', () => {
  test('full: summary equals dashboard(), statistics add up, roster and records are exact, coloured and neutralised', async () => {
    const { ctx, dir } = await schoolData();
    const { result, sheets } = await exportFile(ctx, dir, 'school', 'full');
    expect(sheets.map((s) => s.name)).toEqual(['汇总', '分班统计', '随访名册', '测评记录']);
    expectAsIntended(sheets);
    expect(result).toMatchObject({ people: 3, screenings: 5, variant: 'full' });

    const d = dashboardView(ctx.db!, ctx.user!, 'school', FROM, TO);
    const figures = figuresOf(sheets);
    expect(Object.fromEntries(figures)).toMatchObject({
      应测人数: d.due,
      实测人数: d.screened,
      参测率: d.screenedRate,
      预警人数: 3,
      '红色预警（一级）人数': d.byLevel.red,
      '橙色预警（二级）人数': d.byLevel.orange,
      '黄色预警（三级）人数': d.byLevel.yellow,
      '绿色（无预警）人数': d.byLevel.green,
      预警率: 0.6,
      '关键条目阳性人数（危机）': d.criticalItems,
      复核人数: d.interviewed,
      转介人数: d.referred,
      转介到位人数: d.attended,
      医院确诊人数: d.diagnosed,
      在管人数: d.underManagement,
      随访次数: d.followUps,
      解除预警人数: d.lifted,
    });
    // And those are the counts of the records themselves.
    expect([d.due, d.screened, d.criticalItems, d.interviewed, d.referred, d.attended, d.diagnosed]).toEqual([6, 5, 1, 2, 2, 1, 1]); // prettier-ignore
    expect([d.underManagement, d.followUps, d.lifted]).toEqual([2, 3, 1]);
    const summary = sheetNamed(sheets, '汇总');
    expect(String(summary.rows[0]![0])).toContain('实验中学');
    expect(String(summary.rows[2]![0])).toMatch(/^导出时间：\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    const paragraph = summary.rows.flat().find((c) => typeof c === 'string' && c.startsWith('本期应测'));
    expect(paragraph).toContain('本期应测6人，实测5人，参测率83.3%；发现预警3人');

    // 按班级: each class, then 合计, which must equal the dashboard.
    const stats = sheetNamed(sheets, '分班统计').rows;
    const header = stats[1]!;
    expect(header).toEqual(['分组', '应测人数', '实测人数', '参测率', '红色预警（一级）', '橙色预警（二级）', '黄色预警（三级）', '绿色（无预警）', '预警人数', '预警率', '关键条目阳性人数', '在管人数']); // prettier-ignore
    const classRows = stats.slice(
      2,
      stats.findIndex((r) => r[0] === '合计'),
    );
    expect(classRows.map((r) => r[0])).toEqual(['七年级 1班', '七年级 2班', '八年级 1班', '八年级 2班']);
    const total = stats.find((r) => r[0] === '合计')!;
    expect(total.slice(1, 3)).toEqual([d.due, d.screened]);
    expect(total.slice(4, 8)).toEqual([d.byLevel.red, d.byLevel.orange, d.byLevel.yellow, d.byLevel.green]);
    expect(total.slice(10, 12)).toEqual([d.criticalItems, d.underManagement]);
    expect(classRows.find((r) => r[0] === '七年级 1班')!.slice(1, 4)).toEqual([2, 2, 1]);

    const roster = sheetNamed(sheets, '随访名册');
    expect(roster.rows[0]).toEqual(SCHOOL_COLUMNS);
    expect(roster.rows).toHaveLength(1 + 3);
    const col = (name: string) => SCHOOL_COLUMNS.indexOf(name);
    expect(roster.rows.slice(1).map((r) => [r[col('姓名')], r[col('预警等级')], r[col('状态')]])).toEqual([
      ['张三', '红色预警（一级）', '在管'],
      ['李四', '橙色预警（二级）', '在管'],
      // 预警等级 is the one current level (the register's): none once the warning is lifted.
      ['王五丰', undefined, '已解除'],
    ]);
    const zhang = roster.rows[1]!;
    expect(zhang[col('关键条目')]).toBe('PHQ-9第9题=2（阳性）');
    expect(zhang[col('PHQ-9总分')]).toBe(10);
    expect(zhang[col('GAD-7总分')]).toBe(0);
    expect(zhang[col('复核结论')]).toBe('红色预警（一级）：有自伤念头，无计划');
    expect(zhang[col('转介机构/日期')]).toBe(`市精神卫生中心（${todayIso()}）`);
    expect(zhang[col('是否到位')]).toBe('是');
    expect(zhang[col('随访次数')]).toBe(2);
    expect(zhang[col('责任人')]).toBe('王老师');
    expect(zhang[col('家长告知日期')]).toEqual(new Date(`${todayIso()}T00:00:00Z`));
    expect(zhang[col('下次随访日期')]).toEqual(new Date(`${addDays(todayIso(), 7)}T00:00:00Z`));
    const li = roster.rows[2]!;
    expect(li[col('转介机构/日期')]).toMatch(/^'=HYPERLINK/);
    expect(li[col('是否到位')]).toBe('否');
    expect(li[col('备注')]).toBe('转介未到位');

    // Level colours from the active rule set: the level cell in full colour, the row tinted.
    for (const [row, level] of [
      [2, 'red'],
      [3, 'orange'],
    ] as const) {
      const colour = defaultSchoolRules.levels.find((l) => l.id === level)!.colour;
      const levelCell = roster.sheet.getRow(row).getCell(col('预警等级') + 1);
      expect(levelCell.fill).toMatchObject({ fgColor: { argb: `FF${colour.slice(1)}` } });
      const nameCell = roster.sheet.getRow(row).getCell(col('姓名') + 1);
      expect(nameCell.fill).toMatchObject({ fgColor: { argb: `FF${tint(colour).slice(1)}` } });
    }
    expect(roster.sheet.getRow(2).getCell(col('测评日期') + 1).numFmt).toBe('yyyy-mm-dd');
    expect(roster.sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(roster.sheet.autoFilter).toBe('A1:X4');
    expect(roster.sheet.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToWidth: 1, fitToHeight: 0 }); // prettier-ignore
    expect(roster.sheet.pageSetup.printTitlesRow).toBe('1:1');

    const records = sheetNamed(sheets, '测评记录');
    expect(records.rows[0]).toEqual(['序号', '学校', '年级', '班级', '学籍号', '姓名', '性别', '测评日期', '测评计划', '施测方式', '状态', 'PHQ-9总分', 'GAD-7总分', '关键条目', '预警等级']); // prettier-ignore
    const inDb = ctx
      .db!.prepare(
        "SELECT count(*) FROM screenings WHERE programme = 'school' AND status IN ('submitted', 'declined')",
      )
      .pluck()
      .get();
    expect(records.rows.length - 1).toBe(inDb);
  });

  test('class-teacher, aggregate and de-identified variants keep to what their readers may see', async () => {
    const { ctx, dir } = await schoolData();
    const teacher = await exportFile(ctx, dir, 'school', 'class-teacher');
    expectAsIntended(teacher.sheets);
    expect(teacher.sheets.map((s) => s.name)).toEqual(['随访名册']);
    expect(teacher.sheets[0]!.rows[0]).toEqual(SCHOOL_COLUMNS.filter((c) => !['量表', 'PHQ-9总分', 'GAD-7总分', '关键条目', '复核结论'].includes(c))); // prettier-ignore
    const teacherText = everyCellText(teacher.sheets).join('\n');
    for (const hidden of ['PHQ', 'GAD', '抑郁发作', '自伤', '关键条目阳性'])
      expect(teacherText).not.toContain(hidden);
    expect(teacher.result).toMatchObject({ people: 3, screenings: 0 });

    const aggregate = await exportFile(ctx, dir, 'school', 'aggregate');
    expectAsIntended(aggregate.sheets);
    expect(aggregate.sheets.map((s) => s.name)).toEqual(['汇总', '分班统计']);
    expect(aggregate.result).toMatchObject({ people: 0, screenings: 0 });
    const aggregateText = everyCellText(aggregate.sheets).join('\n');
    for (const s of STUDENTS) expect(aggregateText).not.toContain(s.name);

    // The de-identified file in detail: test/integration/export-deidentified.test.ts.
    const masked = await exportFile(ctx, dir, 'school', 'deidentified');
    expectAsIntended(masked.sheets);
    expect(masked.sheets.map((s) => s.name)).toEqual(['汇总', '分年级统计', '随访名册', '测评记录']);
    const roster = sheetNamed(masked.sheets, '随访名册');
    expect(roster.rows[0]).toEqual([
      '序号',
      '化名编号',
      ...SCHOOL_COLUMNS.slice(1).filter((c) => !['班级', '学籍号', '姓名', '关键条目', '责任人'].includes(c)),
    ]);
    expect(sheetNamed(masked.sheets, '测评记录').rows[0]).not.toContain('关键条目');
    const cells = everyCellText(masked.sheets);
    for (const s of STUDENTS)
      for (const secret of [s.name, s.id, s.no, s.phone])
        expect(
          cells.filter((c) => c.includes(secret)),
          secret,
        ).toEqual([]);
    expect(cells.join('\n')).not.toContain('抑郁发作');
    // Pseudonyms are distinct per person and belong to one export only.
    const codes = roster.rows.slice(1).map((r) => r[1]);
    expect(new Set(codes).size).toBe(3);
    expect(codes.every((c) => /^NM-[0-9A-Z]{5}-[0-9A-Z]{5}$/.test(String(c)))).toBe(true);
    const again = await exportFile(ctx, dir, 'school', 'deidentified', { to: addDays(TO, 1) });
    const codesAgain = sheetNamed(again.sheets, '随访名册')
      .rows.slice(1)
      .map((r) => r[1]);
    expect(codesAgain.filter((c) => codes.includes(c))).toEqual([]);

    // Every export is in the audit log with its filter and counts, and nothing personal.
    const logged = ctx
      .db!.prepare<[], { user_id: number; subject: string; detail: string }>(
        "SELECT user_id, subject, detail FROM audit_log WHERE action = 'export.roster' ORDER BY id",
      )
      .all();
    expect(logged.map((l) => JSON.parse(l.detail).variant)).toEqual(['class-teacher', 'aggregate', 'deidentified', 'deidentified']); // prettier-ignore
    expect(JSON.parse(logged[0]!.detail)).toEqual({ variant: 'class-teacher', from: FROM, to: TO, levels: null, population: null, leaveOut: [], shiftDates: false, target: 'file', people: 3, screenings: 0 }); // prettier-ignore
    expect(logged.every((l) => l.user_id === ctx.user!.id && l.subject === 'school')).toBe(true);
    const auditText = JSON.stringify(ctx.db!.prepare('SELECT * FROM audit_log').all());
    for (const s of STUDENTS)
      for (const secret of [s.name, s.id, s.no, s.phone]) expect(auditText).not.toContain(secret);

    // Nothing half-written is left beside the outputs.
    expect(readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  test('the API returns the file for download; roles get only their variants, class teachers only their classes', async () => {
    const { ctx } = await schoolData();
    const download = await ok(ctx, 'exports.roster', {
      programme: 'school',
      variant: 'full',
      from: FROM,
      to: TO,
    });
    expect(download.fileName).toBe(`实验中学-学生心理健康测评随访名册-完整版-${TO}.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(download.contentBase64, 'base64') as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '分班统计', '随访名册', '测评记录']);
    expect((await fails(ctx, 'exports.roster', { programme: 'school', from: TO, to: FROM })).code).toBe(
      'invalid_input',
    );

    await ok(ctx, 'users.create', { username: 'chen', displayName: '陈老师', role: 'class_teacher', password: 'class-pass-1', classes: [{ grade: '七年级', className: '1班' }] }); // prettier-ignore
    await ok(ctx, 'users.create', { username: 'zhou', displayName: '周科长', role: 'supervisor', password: 'super-pass-1' }); // prettier-ignore
    await ok(ctx, 'users.create', { username: 'wu', displayName: '吴老师', role: 'screener', password: 'screen-pass-1' }); // prettier-ignore
    const as = async (username: string, password: string) => {
      await ok(ctx, 'auth.logout', {});
      await ok(ctx, 'auth.login', { username, password });
    };
    await as('chen', 'class-pass-1');
    expect((await fails(ctx, 'exports.roster', { programme: 'school', variant: 'full' })).code).toBe(
      'forbidden',
    );
    const mine = await ok(ctx, 'exports.roster', { programme: 'school', variant: 'class-teacher', from: FROM, to: TO }); // prettier-ignore
    const teacherBook = new ExcelJS.Workbook();
    await teacherBook.xlsx.load(Buffer.from(mine.contentBase64, 'base64') as unknown as ArrayBuffer);
    const names: string[] = [];
    teacherBook.worksheets[0]!.eachRow((row, n) => void (n > 1 && names.push(String(row.getCell(6).value))));
    expect(names).toEqual(['张三']);
    await as('zhou', 'super-pass-1');
    expect((await fails(ctx, 'exports.roster', { programme: 'school', variant: 'full' })).code).toBe(
      'forbidden',
    );
    expect(
      (await ok(ctx, 'exports.roster', { programme: 'school', variant: 'aggregate' })).fileName,
    ).toContain('汇总统计版');
    await as('wu', 'screen-pass-1');
    expect((await fails(ctx, 'exports.roster', { programme: 'school', variant: 'aggregate' })).code).toBe(
      'forbidden',
    );
    await as('admin', ADMIN_PASSWORD);
  });

  test('a long sheet continues on a second sheet with its own header; a failed write leaves no file', async () => {
    const { ctx, dir } = await schoolData();
    const { sheets } = await exportFile(ctx, dir, 'school', 'full', { maxRowsPerSheet: 3 });
    expect(sheets.map((s) => s.name)).toEqual(['汇总', '分班统计', '随访名册', '随访名册(2)', '测评记录', '测评记录(2)', '测评记录(3)']); // prettier-ignore
    expect(sheetNamed(sheets, '测评记录(3)').rows.map((r) => r[0])).toEqual(['序号', 5]);

    // The target is a folder: the rename fails, and the temporary file is removed.
    const target = join(dir, 'taken.xlsx');
    mkdirSync(target);
    await expect(exportRoster(ctx.db!, ctx.user!, { programme: 'school', variant: 'full', out: target })).rejects.toThrow(); // prettier-ignore
    expect(statSync(target).isDirectory()).toBe(true);
    expect(readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
    // Only the export that arrived is in the audit log.
    expect(
      ctx.db!.prepare("SELECT count(*) FROM audit_log WHERE action = 'export.roster'").pluck().get(),
    ).toBe(1);
    await expect(exportRoster(ctx.db!, ctx.user!, { programme: 'school', variant: 'full', out: join(dir, 'missing', 'x.xlsx') })).rejects.toMatchObject({ code: 'invalid_input' }); // prettier-ignore
  });
});

describe('export jobs: progress, cancel, options', () => {
  const wait = async (ctx: AppContext, jobId: string) => {
    const seen: { phase: string; done: number; total: number }[] = [];
    for (;;) {
      const p = await ok(ctx, 'exports.progress', { jobId });
      seen.push(p);
      if (p.state !== 'running') return { last: p, seen };
      await new Promise((r) => setTimeout(r, 5));
    }
  };

  test("a job reports progress to done, hands the workbook over once, and is only its owner's", async () => {
    const { ctx } = await schoolData();
    const { jobId } = await ok(ctx, 'exports.start', {
      programme: 'school',
      variant: 'full',
      from: FROM,
      to: TO,
    });
    const { last } = await wait(ctx, jobId);
    // 3 roster rows + 5 screenings, all written.
    expect(last).toMatchObject({
      state: 'done',
      phase: 'finishing',
      done: 8,
      total: 8,
      people: 3,
      screenings: 5,
    });
    const file = await ok(ctx, 'exports.fetch', { jobId });
    expect(file.fileName).toMatch(/\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.contentBase64, 'base64') as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '分班统计', '随访名册', '测评记录']);
    expect(wb.getWorksheet('测评记录')!.rowCount).toBe(6);
    // Fetched once: the bytes are gone.
    expect((await fails(ctx, 'exports.fetch', { jobId })).code).toBe('not_found');
    expect(
      ctx.db!.prepare("SELECT count(*) FROM audit_log WHERE action = 'export.roster'").pluck().get(),
    ).toBe(1);

    const other = await ok(ctx, 'exports.start', { programme: 'school', variant: 'aggregate' });
    await ok(ctx, 'users.create', { username: 'zhou', displayName: '周科长', role: 'supervisor', password: 'super-pass-1' }); // prettier-ignore
    await ok(ctx, 'auth.logout', {});
    await ok(ctx, 'auth.login', { username: 'zhou', password: 'super-pass-1' });
    expect((await fails(ctx, 'exports.progress', other)).code).toBe('not_found');
    expect((await fails(ctx, 'exports.start', { programme: 'school', variant: 'full' })).code).toBe(
      'forbidden',
    );
  });

  test('cancel stops the work: the job ends cancelled with nothing to fetch, the file export leaves no file', async () => {
    const { ctx, dir } = await schoolData();
    const { jobId } = await ok(ctx, 'exports.start', { programme: 'school', variant: 'full' });
    expect(await ok(ctx, 'exports.cancel', { jobId })).toEqual({ cancelled: true });
    const { last } = await wait(ctx, jobId);
    expect(last.state).toBe('cancelled');
    expect((await fails(ctx, 'exports.fetch', { jobId })).code).toBe('conflict');
    expect(await ok(ctx, 'exports.cancel', { jobId })).toEqual({ cancelled: false });

    // The same writer as the CLI, aborted halfway through the roster.
    const controller = new AbortController();
    const phases: string[] = [];
    const out = join(dir, 'cancelled.xlsx');
    await expect(
      exportRoster(
        ctx.db!,
        ctx.user!,
        { programme: 'school', variant: 'full', out },
        {
          signal: controller.signal,
          onProgress: (p) => {
            phases.push(p.phase);
            if (p.phase === 'roster') controller.abort();
          },
        },
      ),
    ).rejects.toThrow();
    expect(phases).toEqual(['reading', 'summary', 'statistics', 'roster']);
    expect(readdirSync(dir).filter((f) => f.startsWith('cancelled'))).toEqual([]);
    expect(
      ctx.db!.prepare("SELECT count(*) FROM audit_log WHERE action = 'export.roster'").pluck().get(),
    ).toBe(0);
  });

  test('population, columns left out and shifted dates', async () => {
    const { ctx, dir } = await schoolData();
    const population = { grades: [], classes: [{ grade: '七年级', className: '1班' }], townships: [] };
    const one = await exportFile(ctx, dir, 'school', 'full', { population, leaveOut: ['items'] });
    // Only 七年级1班 (张三 red, 欧阳娜娜 green): one on the roster, two screened.
    expect(one.result).toMatchObject({ people: 1, screenings: 2 });
    const roster = sheetNamed(one.sheets, '随访名册');
    expect(roster.rows[0]).not.toContain('关键条目');
    expect(roster.rows[1]![5]).toBe('张三');
    expect(figuresOf(one.sheets).get('实测人数')).toBe(2);
    expect(String(sheetNamed(one.sheets, '汇总').rows[3]![0])).toContain('范围：七年级1班');

    const plain = await exportFile(ctx, dir, 'school', 'deidentified');
    mkdirSync(join(dir, 'shifted'));
    const shifted = await exportFile(ctx, join(dir, 'shifted'), 'school', 'deidentified', {
      shiftDates: true,
    });
    const dates = (sheets: ReadSheet[]) => sheetNamed(sheets, '测评记录').rows.slice(1).map((r) => r.find((c) => c instanceof Date) as Date); // prettier-ignore
    const days = dates(shifted.sheets).map(
      (d, i) => (d.getTime() - dates(plain.sheets)[i]!.getTime()) / 86_400_000,
    );
    expect(days).toHaveLength(5);
    for (const d of days) expect(Math.abs(d)).toBeGreaterThanOrEqual(1);
    for (const d of days) expect(Math.abs(d)).toBeLessThanOrEqual(30);
    expect((await fails(ctx, 'exports.start', { programme: 'school', variant: 'full', shiftDates: true })).code).toBe('invalid_input'); // prettier-ignore
  });
});

const WOMEN = [
  { name: '李梅', id: idNumber('19900101', '002'), phone: '13900001111', book: 'MB2026-0001', town: '城关镇' },
  { name: '王芳芳', id: idNumber('19920202', '004'), phone: '13900002222', book: 'MB2026-0002', town: '城关镇' },
  { name: '陈静', id: idNumber('19950303', '006'), phone: '13900003333', book: 'MB2026-0003', town: '河西乡' },
  { name: '刘洋', id: idNumber('19880404', '008'), phone: '13900004444', book: 'MB2026-0004', town: '河西乡' },
]; // prettier-ignore

async function perinatalData() {
  const dir = tempDir();
  const { ctx } = await setUpApp(dir, 'maternal');
  const lmp = addDays(todayIso(), -100);
  const csv = [
    '姓名,身份证号,手机号,保健手册编号,末次月经,所属社区/乡镇',
    ...WOMEN.map((w) => `${w.name},${w.id},${w.phone},${w.book},${lmp},${w.town}`),
  ].join('\n');
  await ok(ctx, 'people.importCommit', {
    kind: 'woman',
    file: { fileName: 'w.csv', contentBase64: Buffer.from(csv).toString('base64') },
  });
  const people = (await ok(ctx, 'people.list', { kind: 'woman', limit: 100 })).items;
  const byName = (name: string) => people.find((p) => p.name === name)!.id;
  const campaign = await ok(ctx, 'campaigns.create', {
    name: '孕中期筛查',
    programme: 'perinatal',
    startsOn: FROM,
    endsOn: TO,
    targets: [{ battery: ['EPDS'] }],
  });
  const epds = (name: string, values: number[]) => answer(ctx, byName(name), campaign.id, { EPDS: values });
  expect((await epds('李梅', [1, 1, 1, 1, 0, 0, 0, 0, 0, 2])).level).toBe('critical');
  expect((await epds('王芳芳', [2, 2, 2, 2, 1, 2, 1, 1, 1, 0])).level).toBe('positive');
  expect((await epds('陈静', zeros(10))).level).toBe('negative');
  expect((await epds('刘洋', [1, 1, 1, 1, 1, 1, 1, 1, 2, 0])).level).toBe('watch');
  const cases = await ok(ctx, 'cases.worklist', { programme: 'perinatal' });
  const caseOf = (name: string) => cases.find((c) => c.name === name)!.caseId;
  const w = caseOf('王芳芳');
  const c = await ok(ctx, 'cases.refer', { caseId: w, institution: '县人民医院', department: '心理科', referredOn: todayIso(), consent: true }); // prettier-ignore
  await ok(ctx, 'cases.updateReferral', {
    referralId: c.referrals[0]!.id,
    status: 'attended',
    attendedOn: todayIso(),
  });
  await ok(ctx, 'cases.updateReferral', { referralId: c.referrals[0]!.id, status: 'diagnosed', conclusion: 'confirmed', diagnosis: '围产期抑郁', diagnosedOn: todayIso() }); // prettier-ignore
  await ok(ctx, 'cases.assignColour', {
    caseId: w,
    colour: 'orange',
    purple: false,
    reason: '确诊围产期抑郁',
  });
  await ok(ctx, 'cases.followUp', { caseId: w, method: 'phone', content: '按时服药', riskChange: 'same' });
  await ok(ctx, 'cases.refer', { caseId: caseOf('李梅'), institution: '市妇幼保健院', referredOn: todayIso(), consent: true }); // prettier-ignore
  return { ctx, dir };
}

describe('roster export (perinatal)', () => {
  test('full and de-identified: the perinatal columns, figures and paragraph', async () => {
    const { ctx, dir } = await perinatalData();
    const { sheets, result } = await exportFile(ctx, dir, 'perinatal', 'full');
    expectAsIntended(sheets);
    expect(sheets.map((s) => s.name)).toEqual(['汇总', '分社区统计', '随访名册', '测评记录']);
    expect(result).toMatchObject({ people: 3, screenings: 4 });
    const d = dashboardView(ctx.db!, ctx.user!, 'perinatal', FROM, TO);
    expect(Object.fromEntries(figuresOf(sheets))).toMatchObject({
      应筛人数: d.due,
      筛查人数: d.screened,
      阳性人数: 2,
      阳性率: 0.5,
      关键条目阳性人数: d.criticalItems,
      转诊人数: d.referred,
      转诊率: 1,
      转诊到位人数: d.attended,
      转诊到位率: 0.5,
      确诊人数: d.diagnosed,
      '纳入专案管理人数（橙色）': d.managedByColour.orange,
      随访次数: d.followUps,
      结案人数: d.closed,
    });
    expect([d.due, d.screened, d.criticalItems, d.referred, d.attended, d.diagnosed]).toEqual([
      4, 4, 1, 2, 1, 1,
    ]);
    expect(sheetNamed(sheets, '汇总').rows.flat()).toContain(
      '共筛查4名孕产妇，发现2例阳性病例，其中关键条目（自伤念头）阳性1例，转诊2例，到位1例，经专科门诊确诊1例，纳入橙色高危管理1例，随访1次。',
    );
    const stats = sheetNamed(sheets, '分社区统计').rows;
    expect(stats.filter((r) => r[0] === '合计')[0]!.slice(1, 3)).toEqual([d.due, d.screened]);
    expect(stats.find((r) => r[0] === '孕中期')?.[2]).toBe(4);
    // The dashboard returns the same groups as keys; the UI words them.
    const view = await ok(ctx, 'dashboard.get', { programme: 'perinatal', from: FROM, to: TO });
    const points = view.breakdowns.find((b) => b.dimension === 'timePoint')!.groups;
    expect(points.map((g) => [g.group, g.screened])).toEqual([['mid', 4]]);

    const roster = sheetNamed(sheets, '随访名册');
    expect(roster.rows[0]).toEqual(PERINATAL_COLUMNS);
    const col = (name: string) => PERINATAL_COLUMNS.indexOf(name);
    expect(roster.rows.slice(1).map((r) => [r[col('姓名')], r[col('筛查结果')]])).toEqual([
      ['李梅', '危急（当日评估）'],
      ['王芳芳', '筛查阳性（建议进一步评估）'],
      ['刘洋', '需关注（2–4 周内复筛）'],
    ]);
    const li = roster.rows[1]!;
    expect(li[col('第9/10题')]).toBe('EPDS第10题=2（阳性）');
    expect(li[col('联系电话')]).toBe(WOMEN[0]!.phone);
    expect(li[col('孕周/产后天数')]).toBe('孕14+2周');
    expect(li[col('筛查时点')]).toBe('孕中期');
    expect(li[col('年龄')]).toBe(
      Number(todayIso().slice(0, 4)) - 1990 - (todayIso().slice(5) < '01-01' ? 1 : 0),
    );
    const wang = roster.rows[2]!;
    expect([wang[col('诊断')], wang[col('风险颜色')], wang[col('是否到位')], wang[col('转诊机构')]]).toEqual(['确诊；围产期抑郁', '橙色', '是', '县人民医院']); // prettier-ignore
    expect(wang[col('专案管理日期')]).toBeInstanceOf(Date);
    const critical = defaultPerinatalRules.levels[0]!.colour;
    expect(roster.sheet.getRow(2).getCell(col('筛查结果') + 1).fill).toMatchObject({ fgColor: { argb: `FF${critical.slice(1)}` } }); // prettier-ignore
    expect(sheetNamed(sheets, '测评记录').rows[0]).toEqual(['序号', '手册编号', '姓名', '社区/乡镇', '测评日期', '孕周/产后天数', '筛查时点', '测评计划', '施测方式', '状态', 'EPDS总分', '第9/10题', '筛查结果']); // prettier-ignore

    // A clinic's workbook speaks the clinic's words (转诊, 不参加 …), as its UI does.
    expect(li[col('备注')]).toContain('转诊未到位');
    // (王老师 is the exporting account's name: data, not the app's words.)
    const words = everyCellText(sheets).map((c) => c.replaceAll('王老师', ''));
    expect(words.filter((c) => schoolWordsIn(c, 'zh-CN').length)).toEqual([]);

    const masked = await exportFile(ctx, dir, 'perinatal', 'deidentified');
    expectAsIntended(masked.sheets);
    const maskedRoster = sheetNamed(masked.sheets, '随访名册');
    expect(maskedRoster.rows[0]).toEqual(['序号', '化名编号', '建册机构', '年龄段', '预产月份', ...PERINATAL_COLUMNS.slice(PERINATAL_COLUMNS.indexOf('筛查时点')).filter((c) => !['第9/10题', '诊断', '责任医生'].includes(c))]); // prettier-ignore
    const cells = everyCellText(masked.sheets);
    for (const w of WOMEN)
      for (const secret of [w.name, w.id, w.phone, w.book])
        expect(
          cells.filter((c) => c.includes(secret)),
          secret,
        ).toEqual([]);
    expect(cells.join('\n')).not.toContain('围产期抑郁');
    expect(cells.join('\n')).not.toContain('第10题');
  });
});

describe('anxin export roster (CLI)', () => {
  beforeAll(ensureBuilt, 300_000);

  test('writes the file and prints {file, people, screenings, variant}', async () => {
    const { ctx, dir } = await schoolData();
    await ok(ctx, 'auth.logout', {});
    const out = join(dir, '名册.xlsx');
    const args = ['export', 'roster', '--data-dir', dir, '--programme', 'school', '--out', out, '--from', FROM, '--to', TO]; // prettier-ignore
    const run = anxin([...args, '--variant', 'deidentified', '--json'], { ANXIN_PASSWORD: ADMIN_PASSWORD });
    expect(run.stderr).toBe('');
    expect(run.json()).toEqual({ file: out, people: 3, screenings: 5, variant: 'deidentified' });
    expect(sheetNamed(await readBack(out), '随访名册').rows).toHaveLength(4);
    const bad = anxin([...args, '--variant', 'everything', '--json'], { ANXIN_PASSWORD: ADMIN_PASSWORD });
    expect(bad.code).toBe(2);
    expect(bad.json().error.code).toBe('invalid_input');
  });
});

/** CI installs LibreOffice (.ci/run); elsewhere the conversion check is skipped, saying why. */
const soffice = ['soffice', 'libreoffice'].find(
  (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).status === 0,
);

describe('printable: LibreOffice converts every variant to PDF', () => {
  test.skipIf(!soffice)(
    soffice ? 'headless conversion succeeds' : 'skipped: neither soffice nor libreoffice is on PATH',
    async () => {
      const { ctx, dir } = await schoolData();
      const profile = tempDir();
      const outDir = join(dir, 'pdf');
      mkdirSync(outDir);
      for (const variant of VARIANTS) {
        const { out } = await exportFile(ctx, dir, 'school', variant);
        const run = spawnSync(
          soffice!,
          [
            `-env:UserInstallation=file://${profile}`,
            '--headless',
            '--convert-to',
            'pdf',
            '--outdir',
            outDir,
            out,
          ],
          { encoding: 'utf8', timeout: 120_000 },
        );
        expect(run.status, run.stderr).toBe(0);
        const pdf = join(outDir, `school-${variant}.pdf`);
        expect(existsSync(pdf), `${variant}: ${run.stdout} ${run.stderr}`).toBe(true);
        expect(statSync(pdf).size).toBeGreaterThan(1000);
      }
    },
    300_000,
  );
});
