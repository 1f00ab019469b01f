import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { AppContext } from '../../electron/services/context';
import { exportRoster } from '../../electron/services/export/output';
import { addDays, idCheckChar, todayIso } from '../../shared/people';
import { fails, ok, setUpApp } from '../helpers/app';
import { answerSheet, zeros } from '../helpers/screening';
import { useTempDirs } from '../helpers/temp';
import {
  everyCellText,
  figuresOf,
  readBack,
  sheetNamed,
  type Cell,
  type ReadSheet,
} from '../helpers/workbook';

/**
 * The de-identified roster read back from the real .xlsx: nothing of any person's identity in any
 * cell of any sheet, women's ages in bands, due dates to the month, and no count of 1–4 that is
 * shown or can be worked out from the others.
 */
const tempDir = useTempDirs();
const FROM = addDays(todayIso(), -1);
const TO = addDays(todayIso(), 1);

// The ID number's 17th digit is odd for men, even for women (the importer checks it against 性别).
// Characters chosen so that none occurs in any label, level or sentence the export writes: a
// name character found anywhere in the file can only have come from a name.
const SURNAMES = Array.from('龚蔺滕窦闫邝郗甄靳鞠');
const GIVEN = Array.from('煜璘翀骁婕妤翎瑀珩琮璟玥昶皓晔钰铮锴灏澍溱濯熠烨焓炜苒芃萁蘅');
const nameOf = (i: number) => `${SURNAMES[i % SURNAMES.length]}${GIVEN[i % GIVEN.length]}${GIVEN[(i * 7 + 3) % GIVEN.length]}`; // prettier-ignore
const idNumber = (birth: string, seq: number) => {
  const body = `510802${birth.replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
  return body + idCheckChar(body);
};

interface Person {
  name: string;
  id: string;
  phone: string;
  number: string;
  birth: string;
  township?: string;
  edd?: string;
}

const RED = [1, 1, 1, 1, 1, 1, 1, 1, 2];
const ORANGE = [2, 2, 2, 2, 2, 2, 2, 2, 0];
const YELLOW = [2, 2, 1, 1, 1, 1, 1, 2, 0];

/**
 * 24 students: 七年级 (1班, 2班) has 2 red, 5 yellow and 5 green; 八年级 has 1 orange and 11
 * green. So some figures are 1–4 (red, orange) and some are not (yellow, green).
 */
async function school() {
  const dir = tempDir();
  const { ctx } = await setUpApp(dir);
  const people: Person[] = Array.from({ length: 24 }, (_, i) => {
    const birth = `${i < 12 ? 2013 : 2012}-${String((i % 12) + 1).padStart(2, '0')}-${String(i + 3).padStart(2, '0')}`;
    return { name: nameOf(i), id: idNumber(birth, 100 + 2 * i + (i % 3 ? 0 : 1)), phone: `1390000${String(1000 + i)}`, number: `S26${String(7000 + i)}`, birth }; // prettier-ignore
  });
  const csv = [
    '学籍号,姓名,性别,出生日期,年级,班级,身份证号,监护人电话',
    ...people.map((p, i) => `${p.number},${p.name},${i % 3 ? '女' : '男'},${p.birth},${i < 12 ? '七年级' : '八年级'},${(i % 2) + 1}班,${p.id},${p.phone}`), // prettier-ignore
  ].join('\n');
  const imported = await ok(ctx, 'people.importCommit', {
    kind: 'student',
    file: { fileName: 'roster.csv', contentBase64: Buffer.from(csv).toString('base64') },
  });
  expect(imported.created).toBe(24);
  const ids = new Map((await ok(ctx, 'people.list', { kind: 'student', limit: 100 })).items.map((p) => [p.name, p.id])); // prettier-ignore
  const { id: campaignId } = await ok(ctx, 'campaigns.create', {
    name: '春季心理普测',
    programme: 'school',
    startsOn: FROM,
    endsOn: TO,
    targets: [{ battery: ['PHQ-9'] }],
  });
  const sheets = [RED, RED, ...Array(5).fill(YELLOW), ...Array(5).fill(zeros(9)), ORANGE, ...Array(11).fill(zeros(9))]; // prettier-ignore
  for (const [i, values] of sheets.entries())
    await answerSheet(ctx, ids.get(people[i]!.name)!, { campaignId }, { 'PHQ-9': values });
  return { ctx, dir, people };
}

/** 12 women in two townships, at three stages of pregnancy, aged 19 to 40. */
async function clinic() {
  const dir = tempDir();
  const { ctx } = await setUpApp(dir, 'maternal');
  const stages = [60, 150, 230];
  const people: Person[] = Array.from({ length: 12 }, (_, i) => {
    const birth = `${1986 + i * 2}-0${(i % 9) + 1}-1${i % 10}`;
    const lmp = addDays(todayIso(), -stages[i % 3]!);
    return { name: nameOf(i + 40), id: idNumber(birth, 200 + 2 * i), phone: `1370000${String(2000 + i)}`, number: `MB2026-${String(i + 1).padStart(4, '0')}`, birth, township: i % 2 ? '翠屏镇' : '柏溪乡', edd: addDays(lmp, 280) }; // prettier-ignore
  });
  const csv = [
    '姓名,身份证号,手机号,保健手册编号,末次月经,所属社区/乡镇',
    ...people.map((p) => `${p.name},${p.id},${p.phone},${p.number},${addDays(p.edd!, -280)},${p.township}`),
  ].join('\n');
  await ok(ctx, 'people.importCommit', {
    kind: 'woman',
    file: { fileName: 'w.csv', contentBase64: Buffer.from(csv).toString('base64') },
  });
  const ids = new Map((await ok(ctx, 'people.list', { kind: 'woman', limit: 100 })).items.map((p) => [p.name, p.id])); // prettier-ignore
  const { id: campaignId } = await ok(ctx, 'campaigns.create', {
    name: '孕期筛查',
    programme: 'perinatal',
    startsOn: FROM,
    endsOn: TO,
    targets: [{ battery: ['EPDS'] }],
  });
  const critical = [1, 1, 1, 1, 0, 0, 0, 0, 0, 2];
  const positive = [2, 2, 2, 2, 1, 2, 1, 1, 1, 0];
  const answers = [critical, positive, positive, ...Array(9).fill(zeros(10))];
  for (const [i, values] of answers.entries())
    await answerSheet(ctx, ids.get(people[i]!.name)!, { campaignId }, { EPDS: values });
  return { ctx, dir, people };
}

async function exportFile(ctx: AppContext, dir: string, programme: 'school' | 'perinatal', variant: 'full' | 'deidentified') {
  const out = join(dir, `${programme}-${variant}-${Math.random().toString(36).slice(2)}.xlsx`);
  await exportRoster(ctx.db!, ctx.user!, { programme, variant, from: FROM, to: TO, out });
  return readBack(out);
} // prettier-ignore

const dayOf = (c: Cell) => (c instanceof Date ? c.toISOString().slice(0, 10) : null);

/** No cell of any sheet holds anything of who these people are. */
function expectNoIdentity(sheets: ReadSheet[], people: Person[]) {
  const text = everyCellText(sheets);
  const dates = new Set(sheets.flatMap((s) => s.rows.flat().map(dayOf)).filter(Boolean));
  const nameChars = new Set(people.flatMap((p) => Array.from(p.name)));
  for (const cell of text)
    expect(
      Array.from(cell).filter((ch) => nameChars.has(ch)),
      `name characters in "${cell}"`,
    ).toEqual([]);
  for (const p of people) {
    const secrets = [p.name, p.id, p.phone, p.number, p.birth, p.birth.replaceAll('-', ''), p.id.slice(-4)];
    if (p.township) secrets.push(p.township);
    if (p.edd) secrets.push(p.edd);
    for (const secret of secrets)
      expect(
        text.filter((c) => c.includes(secret)),
        secret,
      ).toEqual([]);
    // 张* / 张*三: the old masks of the first and last characters.
    const [first, last] = [Array.from(p.name)[0]!, Array.from(p.name).at(-1)!];
    expect(text.filter((c) => c.includes(`${first}*`) || c.includes(`*${last}`))).toEqual([]);
    expect(dates.has(p.birth), p.birth).toBe(false);
    if (p.edd) expect(dates.has(p.edd), p.edd).toBe(false);
  }
}

interface Table {
  title: string;
  header: Cell[];
  rows: Cell[][];
}

/** The statistics sheet's tables: a title line, a header starting 分组, lines up to 合计. */
function tablesOf(sheet: ReadSheet): Table[] {
  const tables: Table[] = [];
  sheet.rows.forEach((row, i) => {
    if (row[0] !== '分组') return;
    const end = sheet.rows.findIndex((r, j) => j > i && r[0] === '合计');
    tables.push({
      title: String(sheet.rows[i - 1]![0]),
      header: row,
      rows: sheet.rows.slice(i + 1, end + 1),
    });
  });
  return tables;
}

const HIDDEN = ['<5', '*'];
const isSmall = (c: Cell) => typeof c === 'number' && c >= 1 && c <= 4;

/** No count of 1–4 shows, and no hidden count can be had by subtracting shown ones from a shown sum. */
function expectSuppressed(table: Table, warningColumns: number) {
  const countColumns = table.header.map((h, i) => (i > 0 && !String(h).includes('率') ? i : -1)).filter((i) => i > 0); // prettier-ignore
  for (const row of table.rows)
    for (const i of countColumns) {
      expect(isSmall(row[i]!), `${table.title} ${row[0]} ${table.header[i]} = ${row[i]}`).toBe(false);
      expect(row[i] == null || typeof row[i] === 'number' || HIDDEN.includes(String(row[i]))).toBe(true);
    }
  const hidden = (c: Cell) => HIDDEN.includes(String(c));
  const total = table.rows.at(-1)!;
  for (const i of countColumns)
    if (typeof total[i] === 'number')
      expect(table.rows.slice(0, -1).filter((r) => hidden(r[i]!)).length, `${table.title} ${table.header[i]}`).not.toBe(1); // prettier-ignore
  const screened = 2;
  // 分组, 应测, 实测, 参测率, one column per level, 预警/阳性人数, …
  const flagged = table.header.findIndex((h) => h === '预警人数' || h === '阳性人数');
  const levelColumns = Array.from({ length: flagged - 4 }, (_, k) => k + 4);
  for (const row of table.rows) {
    if (typeof row[screened] === 'number')
      expect(levelColumns.filter((i) => hidden(row[i]!)).length, `${row[0]} levels`).not.toBe(1);
    if (typeof row[flagged] === 'number')
      expect(levelColumns.slice(0, warningColumns).filter((i) => hidden(row[i]!)).length, `${row[0]} warning`).not.toBe(1); // prettier-ignore
  }
  // A rate beside a hidden count is hidden too.
  table.header.forEach((h, i) => {
    if (!String(h).includes('率')) return;
    // (Time points have no 应测, so no 筛查率 at all.)
    for (const row of table.rows) if (hidden(row[i - 1]!) && row[i] != null) expect(row[i]).toBe('—');
  });
}

describe('de-identified export (school)', () => {
  test('no identity, no class, pseudonyms per export, grade and sex only with small counts hidden', async () => {
    const { ctx, dir, people } = await school();
    // The same checks find the identities in the full file, so they are not vacuous.
    const full = await exportFile(ctx, dir, 'school', 'full');
    expect(everyCellText(full).join('\n')).toContain(people[0]!.name);
    expect(tablesOf(sheetNamed(full, '分班统计')).map((t) => t.title)).toEqual([
      '按班级',
      '按年级',
      '按性别',
    ]);

    const sheets = await exportFile(ctx, dir, 'school', 'deidentified');
    expect(sheets.map((s) => s.name)).toEqual(['汇总', '分年级统计', '随访名册', '测评记录']);
    expectNoIdentity(sheets, people);
    const text = everyCellText(sheets);
    // Not even the class: with sex and level it names a student in a class of 40.
    expect(text.filter((c) => /\d班/.test(c))).toEqual([]);
    const roster = sheetNamed(sheets, '随访名册');
    const records = sheetNamed(sheets, '测评记录');
    for (const header of [roster.rows[0]!, records.rows[0]!]) {
      expect(header).toContain('年级');
      expect(header).toContain('性别');
      for (const gone of ['姓名', '班级', '学籍号', '责任人', '年龄']) expect(header).not.toContain(gone);
    }
    // 2 red, 5 yellow, 1 orange on the roster; each code is one person's, the same on both sheets.
    expect(roster.rows).toHaveLength(1 + 8);
    const codes = roster.rows.slice(1).map((r) => String(r[1]));
    expect(new Set(codes).size).toBe(8);
    const recordCodes = new Set(records.rows.slice(1).map((r) => String(r[1])));
    expect(recordCodes.size).toBe(24);
    for (const code of codes) expect(recordCodes.has(code)).toBe(true);
    const again = await exportFile(ctx, dir, 'school', 'deidentified');
    const codesAgain = new Set(
      sheetNamed(again, '随访名册')
        .rows.slice(1)
        .map((r) => String(r[1])),
    );
    expect(codes.filter((c) => codesAgain.has(c))).toEqual([]);

    // Statistics: by grade and by sex, no class; no 1–4 shown or derivable.
    const stats = sheetNamed(sheets, '分年级统计');
    const tables = tablesOf(stats);
    expect(tables.map((t) => t.title)).toEqual(['按年级', '按性别']);
    for (const table of tables) expectSuppressed(table, 3);
    const byGrade = tables[0]!;
    const col = (h: string) => byGrade.header.indexOf(h);
    // 七年级: 2 red → <5, and its 0 orange hidden with it (else 12 − 5 − 5 − 0 gives the 2 back);
    // 八年级: 1 orange → <5, with its 0 red. Yellow 5 and green 5/11 stay.
    expect(
      byGrade.rows.map((r) => [
        r[0],
        r[col('实测人数')],
        r[col('红色预警（一级）')],
        r[col('橙色预警（二级）')],
        r[col('黄色预警（三级）')],
        r[col('绿色（无预警）')],
      ]),
    ).toEqual([
      ['七年级', 12, '<5', '*', 5, 5],
      ['八年级', 12, '*', '<5', 0, 11],
      ['合计', 24, '<5', '<5', 5, 16],
    ]);
    expect(stats.rows.flat()).toContain(
      '去标识化说明：小于5的人数显示为“<5”；为防止由合计推算出被隐藏的人数，另有少量数字隐藏为“*”；比率的分子或分母被隐藏时显示为“—”。',
    );

    // The summary: the same figures hidden the same way, and no paragraph quoting counts.
    const figures = figuresOf(sheets);
    expect(Object.fromEntries(figures)).toMatchObject({
      应测人数: 24,
      实测人数: 24,
      '红色预警（一级）人数': '<5',
      '橙色预警（二级）人数': '<5',
      '黄色预警（三级）人数': 5,
      '绿色（无预警）人数': 16,
      预警人数: 8,
      '关键条目阳性人数（危机）': '<5',
    });
    for (const [label, value] of figures)
      if (!label.endsWith('率')) expect(isSmall(value), `${label} = ${value}`).toBe(false);
    const summary = sheetNamed(sheets, '汇总').rows.flat().map(String);
    expect(summary.some((c) => c.startsWith('本期应测'))).toBe(false);
    expect(summary).toContain('本表为去标识化版：文字说明从略，各项人数与比率见上表；小于5的人数已隐藏，不得据此推算或识别个人。'); // prettier-ignore
  }, 120_000);

  test('a de-identified file covers whole grades or everyone, never one class', async () => {
    const { ctx } = await setUpApp(tempDir());
    const one = { grades: [], classes: [{ grade: '七年级', className: '1班' }], townships: [] };
    const refused = await fails(ctx, 'exports.start', { programme: 'school', variant: 'deidentified', population: one }); // prettier-ignore
    expect(refused).toMatchObject({ code: 'invalid_input', issues: [{ path: 'population' }] });
    await ok(ctx, 'exports.start', { programme: 'school', variant: 'full', population: one });
    await ok(ctx, 'exports.start', { programme: 'school', variant: 'deidentified', population: { grades: ['七年级'], classes: [], townships: [] } }); // prettier-ignore
    expect((await fails(ctx, 'exports.start', { programme: 'perinatal', variant: 'deidentified', population: { grades: [], classes: [], townships: ['翠屏镇'] } })).code).toBe('invalid_input'); // prettier-ignore
  });
});

describe('de-identified export (perinatal)', () => {
  test('no identity, township or due date; ages in 5-year bands, due month, time points with small counts hidden', async () => {
    const { ctx, dir, people } = await clinic();
    const full = await exportFile(ctx, dir, 'perinatal', 'full');
    expect(everyCellText(full).join('\n')).toContain('翠屏镇');

    const sheets = await exportFile(ctx, dir, 'perinatal', 'deidentified');
    expect(sheets.map((s) => s.name)).toEqual(['汇总', '分时点统计', '随访名册', '测评记录']);
    expectNoIdentity(sheets, people);
    const roster = sheetNamed(sheets, '随访名册');
    const header = roster.rows[0]!;
    for (const gone of [
      '姓名',
      '手册编号',
      '联系电话',
      '社区/乡镇',
      '年龄',
      '预产期',
      '孕周/产后天数',
      '责任医生',
    ])
      expect(header).not.toContain(gone);
    expect(sheetNamed(sheets, '测评记录').rows[0]).not.toContain('孕周/产后天数');
    // 3 on the roster (critical + 2 positive), by band and month only.
    expect(roster.rows).toHaveLength(1 + 3);
    const rows = roster.rows.slice(1);
    const expected = people.slice(0, 3).map((p) => ({
      band: ageBandOf(p.birth),
      month: p.edd!.slice(0, 7),
    }));
    const key = (x: { band: unknown; month: unknown }) => `${String(x.band)} ${String(x.month)}`;
    expect(rows.map((r) => key({ band: r[header.indexOf('年龄段')], month: r[header.indexOf('预产月份')] })).sort()).toEqual(expected.map(key).sort()); // prettier-ignore
    for (const r of rows) {
      expect(String(r[header.indexOf('年龄段')])).toMatch(/^(19岁及以下|\d\d–\d\d岁|40岁及以上)$/);
      expect(String(r[header.indexOf('预产月份')])).toMatch(/^\d{4}-\d{2}$/);
      expect(r[header.indexOf('筛查时点')]).toMatch(/^孕(早|中|晚)期$/);
    }

    const tables = tablesOf(sheetNamed(sheets, '分时点统计'));
    expect(tables.map((t) => t.title)).toEqual(['按筛查时点']);
    for (const table of tables) expectSuppressed(table, 2);
    const figures = figuresOf(sheets);
    for (const [label, value] of figures)
      if (!label.endsWith('率')) expect(isSmall(value), `${label} = ${value}`).toBe(false);
    expect(Object.fromEntries(figures)).toMatchObject({
      筛查人数: 12,
      阳性人数: '<5',
      关键条目阳性人数: '<5',
    });
  }, 120_000);
});

/** The band a woman born on `birth` is in today. */
function ageBandOf(birth: string): string {
  const today = todayIso();
  const age =
    Number(today.slice(0, 4)) - Number(birth.slice(0, 4)) - (today.slice(5) < birth.slice(5) ? 1 : 0);
  if (age < 20) return '19岁及以下';
  if (age >= 40) return '40岁及以上';
  const from = Math.floor(age / 5) * 5;
  return `${from}–${from + 4}岁`;
}
