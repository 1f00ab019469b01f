import ExcelJS from 'exceljs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { readSheetRows } from '../../electron/services/spreadsheet';
import { type Answers, type ScoringContext, scoreInstrument } from '../../shared/instruments';
import { definitionFromSheets, type WorkbookSheet } from '../../shared/instruments/workbook';
import type { CellValue } from '../../shared/people/cell';
import { useTempDirs } from '../helpers/temp';

const tempDir = useTempDirs();

/**
 * An invented workbook using every feature the Chinese school scales need (MSSMHS-style factor
 * means, an MHT-style lie scale and grade/sex norms judged on standard scores, DSRSC-style
 * reversed items, a critical item), typed the way teachers do: aliases, text and full-width
 * numbers, Y/N, a title row, merged option-set cells, blank English. Test data only.
 */
const workbook: Record<string, CellValue[][]> = {
  基本信息: [
    ['项目', '内容'],
    ['编号', 'TEST-MIX'],
    ['版本', '0.1'],
    ['中文名称', '测试用综合量表'],
    ['指导语', '请根据最近一周的情况作答。'],
    ['引用', 'Invented for tests.'],
    ['适用人群', '学校'],
    ['适用年级', '初一-高三'],
    ['版权方', 'nobody'],
    ['使用条款', 'test only'],
    ['署名', '测试'],
    ['需书面授权', 'Y'],
    ['默认选项组', 'yn'],
  ],
  题目: [
    ['测试量表 · 题目'],
    ['题号', '编号', '题目（中文）', '题目（英文）', '选项组', '计分'],
    ...[1, 2, 3, 4, 5, 6].map((n) => [n, null, `因子题${n}`, `Factor item ${n}`, 'likert5', null]),
    ...[7, 8, 9, 10].map((n) => [String(n), null, `焦虑题${n}`, null, null, '是']),
    ...[11, 12, 13].map((n) => [n, `lie${n - 10}`, `测谎题${n}`, `Lie item ${n}`, null, null]),
    ...[14, 15, 16].map((n) => [n, null, `情绪题${n}`, `Mood item ${n}`, 'freq3', null]),
    [17, null, '我有过结束自己生命的念头', 'I have thought of ending my life', 'freq3', null],
    ['１８', 'talk', '你愿意和心理老师聊一聊吗？', null, 'yn', 'N'],
  ],
  Options: [
    ['option set', 'value', 'label (zh)', 'label (en)', 'order_zh'],
    ['likert5', 1, '从无', 'Never'],
    [null, '2', '轻度', 'Slightly'],
    [null, '３', '中度', 'Moderately'],
    [null, 4, '偏重', 'Quite a lot'],
    [null, '5分', '严重', 'Severely'],
    ['yn', 0, '否', 'No', 2],
    ['yn', 1, '是', 'Yes', 1],
    ['freq3', 0, '没有', 'Never'],
    ['freq3', 1, '有时', 'Sometimes'],
    ['freq3', 2, '经常', 'Often'],
  ],
  维度: [
    [
      '编号',
      '名称（中文）',
      '名称（英文）',
      '计分方式',
      '题目',
      '反向计分题',
      '常模表',
      '划界分',
      '划界依据',
      '来源',
      '主量表',
    ],
    ['F1', '因子一', 'Factor 1', '平均', '1-3', null, null, 2, null, null, '否'],
    ['F2', '因子二', 'Factor 2', '平均分', '4～6', '6', null, 2, null, null, 'N'],
    [
      'anx',
      '学习焦虑',
      'Anxiety',
      '求和',
      'q7, q8, q9, q10',
      null,
      'anx-norm',
      8,
      '标准分',
      'invented',
      null,
    ],
    ['lie', '测谎', 'Lie', 'sum', 'lie1、lie2、lie3', null, null, null, null, null, null],
    ['mood', '抑郁', 'Depression', '求和', '14-17', '15', null, '6', '得分', null, '是'],
  ],
  分段: [
    ['维度', '编号', '下限', '上限', '名称（中文）', '名称（英文）', '建议（中文）'],
    ['mood', 'ok', 0, 3, '未见明显问题', 'No marked problem'],
    [null, 'watch', 4, 5, '需关注', 'Needs attention'],
    [null, 'refer', 6, 8, '筛查阳性', 'Positive screen', '建议进一步评估'],
  ],
  常模: [
    ['常模表', '年级', '性别', '最小年龄', '最大年龄', '原始分下限', '原始分上限', '标准分'],
    ['anx-norm', '7-9', '男', null, null, 0, 1, 3],
    ['anx-norm', '7-9', '男', null, null, 2, 2, 5],
    ['anx-norm', '7-9', '男', null, null, 3, 3, 7],
    ['anx-norm', '7-9', '男', null, null, 4, 4, 9],
    ['anx-norm', '七年级-九年级', '女', null, null, 0, 1, 2],
    ['anx-norm', '七年级-九年级', '女', null, null, 2, 2, 4],
    ['anx-norm', '七年级-九年级', '女', null, null, 3, 3, 6],
    ['anx-norm', '七年级-九年级', '女', null, null, 4, 4, 8],
    ['anx-norm', '高一-高三', null, null, null, 0, 2, 4],
    ['anx-norm', '高一-高三', null, null, null, 3, 3, 6],
    ['anx-norm', '高一-高三', null, null, null, 4, 4, 8],
  ],
  效度: [
    ['编号', '类型', '维度', '阈值', '说明（中文）', '说明（英文）'],
    ['lie-check', '维度', 'lie', 2, '测谎分 ≥ 2，本份问卷无效', 'Lie scale ≥ 2: sheet void'],
    [null, '缺答', null, 2, '缺答超过 2 题，本份问卷无效', null],
  ],
  危机条目: [
    ['题号', '阈值', '说明（中文）', '说明（英文）'],
    [17, 1, '自杀念头', 'Suicidal thoughts'],
  ],
};

const inMemory: WorkbookSheet[] = Object.entries(workbook).map(([name, rows]) => ({ name, rows }));

function imported(sheets: readonly WorkbookSheet[]) {
  const result = definitionFromSheets(sheets);
  if (!result.ok) throw new Error(JSON.stringify(result.errors, null, 1));
  return result.definition;
}

const def = imported(inMemory);

/** Boy or girl in grade 8: F1 2,3,1; F2 1,2,5(reversed → 1); anxiety 3 of 4; lie 1; mood 1,0(→2),2,1. */
const base: Answers = {
  q1: 2,
  q2: 3,
  q3: 1,
  q4: 1,
  q5: 2,
  q6: 5,
  q7: 1,
  q8: 1,
  q9: 1,
  q10: 0,
  lie1: 0,
  lie2: 1,
  lie3: 0,
  q14: 1,
  q15: 0,
  q16: 2,
  q17: 1,
  talk: 1,
};

const score = (answers: Answers, context: ScoringContext = {}) => scoreInstrument(def, answers, context);

describe('a workbook using every feature', () => {
  test('reads into the definition it describes', () => {
    expect(def).toMatchObject({
      id: 'TEST-MIX',
      version: '0.1',
      builtin: false,
      names: { zh: '测试用综合量表', en: '测试用综合量表' },
      mainScale: 'mood',
      defaultOptionSet: 'yn',
      population: { programmes: ['school'], respondent: 'self', minGrade: 7, maxGrade: 12 },
      licence: { requiresPermission: true, attribution: { zh: '测试', en: '测试' } },
    });
    expect(def.items.map((i) => i.id)).toEqual([
      ...['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7', 'q8', 'q9', 'q10'],
      ...['lie1', 'lie2', 'lie3', 'q14', 'q15', 'q16', 'q17', 'talk'],
    ]);
    expect(def.items.at(-1)).toMatchObject({ number: 18, scored: false, optionSet: 'yn' });
    expect(def.optionSets.map((s) => [s.id, s.options.map((o) => o.value), s.displayOrder])).toEqual([
      ['likert5', [1, 2, 3, 4, 5], undefined],
      ['yn', [0, 1], { zh: [1, 0] }],
      ['freq3', [0, 1, 2], undefined],
    ]);
    expect(def.scales.map((s) => [s.id, s.method, s.items.length, s.reversed, s.cutoff?.basis])).toEqual([
      ['F1', 'mean', 3, undefined, 'score'],
      ['F2', 'mean', 3, ['q6'], 'score'],
      ['anx', 'sum', 4, undefined, 'standard'],
      ['lie', 'sum', 3, undefined, undefined],
      ['mood', 'sum', 4, ['q15'], 'score'],
    ]);
    expect(def.scales[0]?.cutoff?.source).toBe('Invented for tests.');
    expect(def.norms[0]?.groups.map((g) => g.when)).toEqual([
      { grades: [7, 8, 9], sex: 'M' },
      { grades: [7, 8, 9], sex: 'F' },
      { grades: [10, 11, 12] },
    ]);
    expect(def.validity.map((v) => [v.id, v.kind])).toEqual([
      ['lie-check', 'scale'],
      ['rule2', 'missing'],
    ]);
  });

  test('factor means, reversed items, bands and the critical item score as computed by hand', () => {
    const r = score(base, { grade: 8, sex: 'M' });
    expect(r.subscales.F1).toMatchObject({ raw: 6, score: 2, positive: true });
    expect(r.subscales.F2).toMatchObject({ raw: 4, mean: 1.333333333, positive: false });
    expect(r.subscales.mood).toMatchObject({ raw: 6, band: 'refer', positive: true });
    expect(r).toMatchObject({ total: 6, band: 'refer', positive: true, valid: true, complete: true });
    expect(r.critical).toEqual([
      { item: 'q17', number: 17, value: 1, min: 1, reason: { zh: '自杀念头', en: 'Suicidal thoughts' } },
    ]);
    expect(score({ ...base, q17: 0, q16: 0 }).critical).toEqual([]);
    expect(score({ ...base, q17: 0, q16: 0 }).subscales.mood).toMatchObject({ raw: 3, band: 'ok' });
  });

  test('norm tables give standard scores by grade and sex, and the cut-off judges the standard score', () => {
    const anx = (answers: Answers, context: ScoringContext) => score(answers, context).subscales.anx;
    expect(anx(base, { grade: 8, sex: 'M' })).toMatchObject({ raw: 3, standard: 7, positive: false });
    expect(anx(base, { grade: 8, sex: 'F' })).toMatchObject({ raw: 3, standard: 6, positive: false });
    const allAnxious = { ...base, q10: 1 };
    expect(anx(allAnxious, { grade: 8, sex: 'M' })).toMatchObject({ raw: 4, standard: 9, positive: true });
    expect(anx(allAnxious, { grade: 8, sex: 'F' })).toMatchObject({ raw: 4, standard: 8, positive: true });
    expect(anx(allAnxious, { grade: 11, sex: 'F' })).toMatchObject({ raw: 4, standard: 8, positive: true });
    expect(anx(base, { grade: 11 })).toMatchObject({ raw: 3, standard: 6, positive: false });
    expect(score(base, { grade: 5, sex: 'M' }).warnings).toEqual([{ code: 'no_norm_group', scale: 'anx' }]);
  });

  test('the lie scale voids the sheet, and so do too many blanks', () => {
    const lying = score({ ...base, lie1: 1, lie3: 1 });
    expect(lying.valid).toBe(false);
    expect(lying.invalidReasons).toEqual([
      { rule: 'lie-check', reason: { zh: '测谎分 ≥ 2，本份问卷无效', en: 'Lie scale ≥ 2: sheet void' } },
    ]);
    expect(score({ ...base, lie2: 0 }).valid).toBe(true);
    const gaps = score({ ...base, q1: null, q2: null, q4: null });
    expect(gaps.invalidReasons.map((r) => r.rule)).toEqual(['rule2']);
    expect(score({ ...base, q1: null, q2: null }).valid).toBe(true);
  });

  test('the same workbook saved as .xlsx, with merged cells, reads back through the spreadsheet reader', async () => {
    const file = path.join(tempDir(), '自定义量表.xlsx');
    const book = new ExcelJS.Workbook();
    for (const { name, rows } of inMemory) {
      const sheet = book.addWorksheet(name);
      rows.forEach((row, i) => (sheet.getRow(i + 1).values = [null, ...row]));
    }
    // Teachers merge the set name over its options; only the top cell then holds it.
    book.getWorksheet('Options')!.mergeCells('A2:A6');
    await book.xlsx.writeFile(file);

    const { sheets } = await readSheetRows(file);
    expect(imported(sheets)).toEqual(def);
  });
});
