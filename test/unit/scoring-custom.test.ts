import { describe, expect, test } from 'vitest';
import {
  DefinitionError,
  parseInstrumentDefinition,
  scoreInstrument,
  type InstrumentDefinitionInput,
} from '../../shared/instruments';
import { evaluateTier, parseTierRuleSet, reasonWords } from '../../shared/tiers';

/**
 * A made-up definition with the features of the Chinese school scales a school may load
 * (MSSMHS-style factor means, an MHT-style lie scale and grade/sex norms, reversed and
 * critical items). Test data only: it is not shipped and its items are not a real scale.
 */
const schoolScale: InstrumentDefinitionInput = {
  id: 'TEST-SCHOOL',
  version: '0.1',
  builtin: false,
  names: { zh: '测试用学校量表', en: 'Test school scale' },
  instructions: { zh: '请根据最近一周的情况作答。', en: 'Answer about the past week.' },
  timeFrame: { zh: '最近一周', en: 'The past week' },
  citation: 'Invented for tests.',
  optionSets: [
    {
      id: 'likert5',
      options: [
        { value: 1, label: { zh: '从无', en: 'Never' } },
        { value: 2, label: { zh: '轻度', en: 'Slightly' } },
        { value: 3, label: { zh: '中度', en: 'Moderately' } },
        { value: 4, label: { zh: '偏重', en: 'Quite a lot' } },
        { value: 5, label: { zh: '严重', en: 'Severely' } },
      ],
    },
    {
      id: 'yesno',
      options: [
        { value: 0, label: { zh: '否', en: 'No' } },
        { value: 1, label: { zh: '是', en: 'Yes' } },
      ],
      displayOrder: { zh: [1, 0] },
    },
  ],
  defaultOptionSet: 'yesno',
  items: [
    ...[1, 2, 3, 4, 5, 6].map((n) => ({
      id: `q${n}`,
      number: n,
      text: { zh: `因子题${n}`, en: `Factor item ${n}` },
      optionSet: 'likert5',
    })),
    ...[7, 8, 9, 10].map((n) => ({
      id: `q${n}`,
      number: n,
      text: { zh: `测谎题${n}`, en: `Lie item ${n}` },
    })),
    ...[11, 12, 13, 14].map((n) => ({
      id: `q${n}`,
      number: n,
      text: { zh: `焦虑题${n}`, en: `Anxiety item ${n}` },
    })),
    {
      id: 'q15',
      number: 15,
      text: { zh: '我有过结束自己生命的念头', en: 'I have thought of ending my life' },
    },
  ],
  scales: [
    {
      id: 'factorA',
      name: { zh: '因子A', en: 'Factor A' },
      method: 'mean',
      items: ['q1', 'q2', 'q3'],
      reversed: ['q3'],
      cutoff: { min: 2, source: 'test' },
    },
    {
      id: 'factorB',
      name: { zh: '因子B', en: 'Factor B' },
      method: 'mean',
      items: ['q4', 'q5', 'q6'],
      cutoff: { min: 2, source: 'test' },
    },
    {
      id: 'total',
      name: { zh: '总均分', en: 'Total mean' },
      method: 'mean',
      items: ['q1', 'q2', 'q3', 'q4', 'q5', 'q6'],
      reversed: ['q3'],
      bands: [
        { id: 'none', min: 1, max: 1.99, label: { zh: '无明显问题', en: 'No marked problem' } },
        { id: 'mild', min: 2, max: 2.99, label: { zh: '轻度', en: 'Mild' } },
        { id: 'marked', min: 3, max: 5, label: { zh: '明显', en: 'Marked' } },
      ],
      cutoff: { min: 2, source: 'test' },
    },
    { id: 'lie', name: { zh: '效度量表', en: 'Lie scale' }, method: 'sum', items: ['q7', 'q8', 'q9', 'q10'] },
    {
      id: 'anx',
      name: { zh: '焦虑', en: 'Anxiety' },
      method: 'sum',
      items: ['q11', 'q12', 'q13', 'q14'],
      norms: 'anx-norms',
      cutoff: { min: 8, basis: 'standard', source: 'test' },
    },
    { id: 'risk', name: { zh: '风险', en: 'Risk' }, method: 'sum', items: ['q15'] },
  ],
  mainScale: 'total',
  criticalItems: [{ item: 'q15', min: 1, reason: { zh: '自杀念头', en: 'suicidal thoughts' } }],
  validity: [
    {
      kind: 'scale',
      id: 'lie',
      scale: 'lie',
      min: 3,
      reason: { zh: '效度分 ≥ 3，问卷无效', en: 'Lie scale ≥ 3: sheet void' },
    },
  ],
  norms: [
    {
      id: 'anx-norms',
      source: 'invented',
      groups: [
        {
          when: { grades: [7, 8, 9], sex: 'M' },
          points: [
            { min: 0, max: 1, standard: 4 },
            { min: 2, max: 2, standard: 6 },
            { min: 3, max: 3, standard: 8 },
            { min: 4, max: 4, standard: 10 },
          ],
        },
        {
          when: { grades: [7, 8, 9], sex: 'F' },
          points: [
            { min: 0, max: 1, standard: 3 },
            { min: 2, max: 2, standard: 7 },
            { min: 3, max: 3, standard: 9 },
            { min: 4, max: 4, standard: 10 },
          ],
        },
        {
          when: { grades: [10, 11, 12] },
          points: [
            { min: 0, max: 2, standard: 5 },
            { min: 3, max: 3, standard: 7 },
            { min: 4, max: 4, standard: 9 },
          ],
        },
      ],
    },
  ],
  population: { programmes: ['school'], respondent: 'self', minGrade: 7, maxGrade: 12 },
  licence: {
    holder: 'nobody',
    terms: 'test only',
    attribution: { zh: '测试', en: 'test' },
    requiresPermission: true,
  },
};

const def = parseInstrumentDefinition(schoolScale);

/** Factor A 2,3,4(reversed → 2); factor B 1,1,2; one lie answer; anxiety 3 of 4; no risk. */
const base = {
  q1: 2,
  q2: 3,
  q3: 4,
  q4: 1,
  q5: 1,
  q6: 2,
  q7: 1,
  q8: 0,
  q9: 0,
  q10: 0,
  q11: 1,
  q12: 1,
  q13: 1,
  q14: 0,
  q15: 0,
};

describe('a Chinese-school-style custom definition', () => {
  test('factor means count reversed items as min + max − value', () => {
    const r = scoreInstrument(def, base, { grade: 8, sex: 'M' });
    expect(r.subscales.factorA).toMatchObject({
      raw: 7,
      mean: 2.333333333,
      score: 2.333333333,
      positive: true,
    });
    expect(r.subscales.factorB).toMatchObject({ raw: 4, mean: 1.333333333, positive: false });
    expect(r.total).toBe(1.833333333);
    expect(r.band).toBe('none');
    expect(r.positive).toBe(false);
    expect(r.complete).toBe(true);
    expect(r.valid).toBe(true);
    expect(r.critical).toEqual([]);
    expect(scoreInstrument(def, { ...base, q3: 5 }).subscales.factorA?.raw).toBe(6);
    expect(scoreInstrument(def, { ...base, q3: 1 }).subscales.factorA?.raw).toBe(10);
  });

  test('norm tables turn the raw score into a standard score by grade and sex', () => {
    const anx = (context: Parameters<typeof scoreInstrument>[2]) =>
      scoreInstrument(def, base, context).subscales.anx;
    expect(anx({ grade: 8, sex: 'M' })).toMatchObject({ raw: 3, standard: 8, positive: true });
    expect(anx({ grade: 8, sex: 'F' })).toMatchObject({ raw: 3, standard: 9, positive: true });
    expect(anx({ grade: 11, sex: 'F' })).toMatchObject({ raw: 3, standard: 7, positive: false });
    expect(scoreInstrument(def, { ...base, q14: 1 }, { grade: 11 }).subscales.anx).toMatchObject({
      raw: 4,
      standard: 9,
      positive: true,
    });
  });

  test('without a matching norm group there is no standard score and no verdict, and a warning says why', () => {
    const r = scoreInstrument(def, base, { grade: 5, sex: 'M' });
    expect(r.subscales.anx).toMatchObject({ raw: 3, standard: null, positive: null });
    expect(r.warnings).toEqual([{ code: 'no_norm_group', scale: 'anx' }]);
    expect(scoreInstrument(def, base).subscales.anx?.standard).toBeNull();
  });

  test('a lie scale at its threshold voids the sheet but keeps the scores', () => {
    const r = scoreInstrument(def, { ...base, q8: 1, q9: 1 });
    expect(r.valid).toBe(false);
    expect(r.invalidReasons).toEqual([
      { rule: 'lie', reason: { zh: '效度分 ≥ 3，问卷无效', en: 'Lie scale ≥ 3: sheet void' } },
    ]);
    expect(r.total).toBe(1.833333333);
  });

  test('a blank lie item voids the sheet only when the answered ones already reach the threshold', () => {
    const undetermined = scoreInstrument(def, { ...base, q8: 1, q9: null });
    expect(undetermined.valid).toBe(true);
    expect(undetermined.warnings).toContainEqual({ code: 'validity_undetermined', rule: 'lie' });
    const certain = scoreInstrument(def, { ...base, q8: 1, q9: null, q10: 1 });
    expect(certain.valid).toBe(false);
  });

  test('the critical item fires whatever the totals', () => {
    const r = scoreInstrument(def, { ...base, q15: 1 });
    expect(r.critical).toEqual([
      { item: 'q15', number: 15, value: 1, min: 1, reason: { zh: '自杀念头', en: 'suicidal thoughts' } },
    ]);
    expect(r.band).toBe('none');
  });

  test('means of an incomplete sheet are over the answered items, with the band withheld when a full answer could change it', () => {
    const r = scoreInstrument(def, { ...base, q2: null });
    expect(r.complete).toBe(false);
    expect(r.missing).toEqual(['q2']);
    expect(r.subscales.factorA).toMatchObject({
      raw: 4,
      mean: 2,
      score: 2,
      range: { min: 1.666666667, max: 3 },
      positive: null,
    });
    expect(r.total).toBe(1.6);
    expect(r.totalRange).toEqual({ min: 1.5, max: 2.166666667 });
    expect(r.band).toBeNull();
    // A standard score needs a complete scale.
    expect(scoreInstrument(def, { ...base, q11: null }, { grade: 8, sex: 'M' }).subscales.anx).toMatchObject({
      standard: null,
      positive: null,
    });
  });

  test('a band is still reported for an incomplete sheet when no answer could move it', () => {
    const high = { ...base, q1: 5, q2: 5, q3: 1, q4: 5, q5: 5, q6: null };
    const r = scoreInstrument(def, high);
    expect(r.totalRange).toEqual({ min: 4.333333333, max: 5 });
    expect(r.band).toBe('marked');
    expect(r.positive).toBe(true);
  });

  test('a rule set can judge the mean total and the critical item of a custom definition', () => {
    const rules = parseTierRuleSet({
      id: 'school-custom',
      version: '3',
      programme: 'school',
      name: { zh: '自定义', en: 'Custom' },
      levels: [
        { id: 'red', name: { zh: '红', en: 'Red' }, colour: '#D32F2F' },
        { id: 'yellow', name: { zh: '黄', en: 'Yellow' }, colour: '#FBC02D' },
        { id: 'green', name: { zh: '绿', en: 'Green' }, colour: '#388E3C' },
      ],
      rules: [
        { level: 'red', when: { kind: 'critical', instrument: 'TEST-SCHOOL' } },
        { level: 'yellow', when: { kind: 'total', instrument: 'TEST-SCHOOL', min: 2 } },
      ],
    });
    const tier = evaluateTier(rules, [scoreInstrument(def, { ...base, q1: 4, q15: 1 })]);
    expect(tier.level).toBe('red');
    expect(tier.reasons.map((r) => [r.level, r.rule, reasonWords(r, 'zh'), reasonWords(r, 'en')])).toEqual([
      ['red', 0, 'TEST-SCHOOL 第15题阳性（自杀念头）', 'TEST-SCHOOL item 15 positive (suicidal thoughts)'],
      ['yellow', 1, 'TEST-SCHOOL 总分 2.17 ≥ 2', 'TEST-SCHOOL total 2.17 ≥ 2'],
    ]);
    expect(tier.reasons[0]).toMatchObject({ kind: 'item_positive', item: 15, meaning: { zh: '自杀念头' } });
    expect(tier.ruleSetVersion).toBe('3');
  });

  test('bad norm tables and validity rules are rejected with readable paths', () => {
    const broken: InstrumentDefinitionInput = {
      ...schoolScale,
      norms: [
        {
          id: 'anx-norms',
          source: 'invented',
          groups: [
            { when: {}, points: [{ min: 0, max: 4, standard: 5 }] },
            {
              when: { sex: 'F' },
              points: [
                { min: 0, max: 1, standard: 3 },
                { min: 3, max: 4, standard: 9 },
              ],
            },
          ],
        },
      ],
      validity: [{ kind: 'scale', id: 'lie', scale: 'lies', min: 3, reason: { zh: '无效', en: 'void' } }],
    };
    const error = captureDefinitionError(() => parseInstrumentDefinition(broken));
    expect(error.issues).toEqual(
      expect.arrayContaining([
        {
          path: 'norms[0].groups[0].when',
          message: 'a group without criteria matches everyone, so it must come last',
        },
        { path: 'norms[0].groups[1].points', message: 'possible score 2 falls in no range' },
        { path: 'validity[0].scale', message: 'unknown scale "lies"' },
      ]),
    );
  });
});

function captureDefinitionError(fn: () => unknown): DefinitionError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DefinitionError) return error;
    throw error;
  }
  throw new Error('expected a DefinitionError');
}
