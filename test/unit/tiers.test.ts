import { reasonWords } from '../../shared/tiers';
import { describe, expect, test } from 'vitest';
import {
  DefinitionError,
  answersFromValues,
  getInstrument,
  parseInstrumentDefinition,
  scoreInstrument,
  type InstrumentDefinition,
} from '../../shared/instruments';
import {
  defaultPerinatalRules,
  defaultSchoolRules,
  evaluateTier,
  parseTierRuleSet,
  tierResultSchema,
  type TierRuleSetInput,
} from '../../shared/tiers';

function instrument(id: string): InstrumentDefinition {
  const def = getInstrument(id);
  if (!def) throw new Error(`no built-in ${id}`);
  return def;
}

const score = (id: string, values: (number | null)[], def = instrument(id)) =>
  scoreInstrument(def, answersFromValues(def, values));
const phq9 = (...values: (number | null)[]) => score('PHQ-9', values);
const gad7 = (...values: (number | null)[]) => score('GAD-7', values);
const epds = (...values: (number | null)[]) => score('EPDS', values);
const texts = (result: ReturnType<typeof evaluateTier>) =>
  result.reasons.map((r) => [r.level, reasonWords(r, 'zh'), reasonWords(r, 'en')]);

describe('default rule sets', () => {
  test('school levels run red to green with 一级/二级/三级 wording', () => {
    expect(defaultSchoolRules.levels.map((l) => [l.id, l.name.zh])).toEqual([
      ['red', '红色预警（一级）'],
      ['orange', '橙色预警（二级）'],
      ['yellow', '黄色预警（三级）'],
      ['green', '绿色（无预警）'],
    ]);
    expect(defaultPerinatalRules.levels.map((l) => l.id)).toEqual([
      'critical',
      'positive',
      'watch',
      'negative',
    ]);
  });

  test.each<[string, 'PHQ-2' | 'GAD-2', number[], string, string]>([
    ['PHQ-2 6', 'PHQ-2', [3, 3], 'yellow', 'watch'],
    ['PHQ-2 3', 'PHQ-2', [2, 1], 'yellow', 'watch'],
    ['PHQ-2 2', 'PHQ-2', [1, 1], 'green', 'negative'],
    ['GAD-2 3', 'GAD-2', [0, 3], 'yellow', 'watch'],
    ['GAD-2 2', 'GAD-2', [2, 0], 'green', 'negative'],
  ])('pre-screen boundary: %s', (_what, id, values, school, perinatal) => {
    const result = score(id, values);
    expect([
      evaluateTier(defaultSchoolRules, [result]).level,
      evaluateTier(defaultPerinatalRules, [result]).level,
    ]).toEqual([school, perinatal]);
  });

  test('a positive pre-screen names the next step in both languages; rule 1.0 indexes are unchanged', () => {
    const tier = evaluateTier(defaultSchoolRules, [score('PHQ-2', [3, 3]), score('GAD-2', [2, 2])]);
    expect(texts(tier)).toEqual([
      ['yellow', 'PHQ-2 总分 6 ≥ 3，建议完成完整量表（PHQ-9）', 'PHQ-2 total 6 ≥ 3: complete the full PHQ-9'],
      ['yellow', 'GAD-2 总分 4 ≥ 3，建议完成完整量表（GAD-7）', 'GAD-2 total 4 ≥ 3: complete the full GAD-7'],
    ]);
    // Appended: results stored under 1.0 name their rules by index, and those still mean the same.
    expect(tier.reasons.map((r) => r.rule)).toEqual([6, 7]);
    expect(defaultSchoolRules.rules.slice(0, 6).map((r) => r.when.kind)).toEqual(['critical', 'total', 'total', 'total', 'total', 'total']); // prettier-ignore
    // A pre-screen never outranks what a full form says: PHQ-9 16 beside PHQ-2 6 stays orange.
    expect(
      evaluateTier(defaultSchoolRules, [score('PHQ-2', [3, 3]), phq9(2, 2, 2, 2, 2, 2, 2, 2, 0)]).level,
    ).toBe('orange');
  });

  test('never call a screening result a diagnosis', () => {
    expect(JSON.stringify([defaultSchoolRules, defaultPerinatalRules])).not.toMatch(/诊断|确诊|diagnos/i);
  });

  test.each<[string, ReturnType<typeof phq9>[], string]>([
    ['PHQ-9 20', [phq9(3, 3, 3, 3, 3, 3, 2, 0, 0), gad7(0, 0, 0, 0, 0, 0, 0)], 'red'],
    ['PHQ-9 19', [phq9(3, 3, 3, 3, 3, 3, 1, 0, 0), gad7(0, 0, 0, 0, 0, 0, 0)], 'orange'],
    ['PHQ-9 15', [phq9(3, 3, 3, 3, 3, 0, 0, 0, 0), gad7(0, 0, 0, 0, 0, 0, 0)], 'orange'],
    ['PHQ-9 14', [phq9(3, 3, 3, 3, 2, 0, 0, 0, 0), gad7(0, 0, 0, 0, 0, 0, 0)], 'yellow'],
    ['PHQ-9 10', [phq9(3, 3, 3, 1, 0, 0, 0, 0, 0), gad7(0, 0, 0, 0, 0, 0, 0)], 'yellow'],
    ['PHQ-9 9', [phq9(3, 3, 3, 0, 0, 0, 0, 0, 0), gad7(0, 0, 0, 0, 0, 0, 0)], 'green'],
    ['GAD-7 21', [phq9(0, 0, 0, 0, 0, 0, 0, 0, 0), gad7(3, 3, 3, 3, 3, 3, 3)], 'orange'],
    ['GAD-7 15', [phq9(0, 0, 0, 0, 0, 0, 0, 0, 0), gad7(3, 3, 3, 3, 3, 0, 0)], 'orange'],
    ['GAD-7 14', [phq9(0, 0, 0, 0, 0, 0, 0, 0, 0), gad7(3, 3, 3, 3, 2, 0, 0)], 'yellow'],
    ['GAD-7 10', [phq9(0, 0, 0, 0, 0, 0, 0, 0, 0), gad7(3, 3, 3, 1, 0, 0, 0)], 'yellow'],
    ['PHQ-9 item 9 with a total of 1', [phq9(0, 0, 0, 0, 0, 0, 0, 0, 1), gad7(0, 0, 0, 0, 0, 0, 0)], 'red'],
  ])('school boundary: %s', (_what, battery, level) => {
    expect(evaluateTier(defaultSchoolRules, battery).level).toBe(level);
  });

  test.each<[string, ReturnType<typeof phq9>[], string]>([
    ['EPDS 13', [epds(3, 3, 3, 3, 1, 0, 0, 0, 0, 0)], 'positive'],
    ['EPDS 12', [epds(3, 3, 3, 3, 0, 0, 0, 0, 0, 0)], 'watch'],
    ['EPDS 10', [epds(3, 3, 3, 1, 0, 0, 0, 0, 0, 0)], 'watch'],
    ['EPDS 9', [epds(3, 3, 3, 0, 0, 0, 0, 0, 0, 0)], 'negative'],
    ['EPDS item 10 with a total of 1', [epds(0, 0, 0, 0, 0, 0, 0, 0, 0, 1)], 'critical'],
    [
      'PHQ-9 15 beside EPDS 0',
      [epds(0, 0, 0, 0, 0, 0, 0, 0, 0, 0), phq9(3, 3, 3, 3, 3, 0, 0, 0, 0)],
      'positive',
    ],
    ['PHQ-9 14', [phq9(3, 3, 3, 3, 2, 0, 0, 0, 0)], 'watch'],
    ['GAD-7 15', [gad7(3, 3, 3, 3, 3, 0, 0)], 'positive'],
    ['GAD-7 10', [gad7(3, 3, 3, 1, 0, 0, 0)], 'watch'],
    ['PHQ-9 item 9', [phq9(0, 0, 0, 0, 0, 0, 0, 0, 2)], 'critical'],
  ])('perinatal boundary: %s', (_what, battery, level) => {
    expect(evaluateTier(defaultPerinatalRules, battery).level).toBe(level);
  });
});

describe('reasons', () => {
  test('list every rule that fired, most urgent first, in both languages', () => {
    const result = evaluateTier(defaultSchoolRules, [
      phq9(3, 3, 3, 3, 3, 3, 3, 0, 2),
      gad7(3, 3, 3, 3, 3, 1, 0),
    ]);
    expect(result.level).toBe('red');
    expect(texts(result)).toEqual([
      ['red', 'PHQ-9 第9题阳性（自伤念头）', 'PHQ-9 item 9 positive (self-harm thoughts)'],
      ['red', 'PHQ-9 总分 23 ≥ 20', 'PHQ-9 total 23 ≥ 20'],
      ['orange', 'GAD-7 总分 16 ≥ 15', 'GAD-7 total 16 ≥ 15'],
    ]);
    expect(result.reasons.map((r) => r.rule)).toEqual([0, 1, 3]);
  });

  test('ranges name both bounds', () => {
    const result = evaluateTier(defaultSchoolRules, [
      phq9(2, 2, 2, 2, 2, 2, 0, 0, 0),
      gad7(2, 2, 2, 2, 2, 1, 0),
    ]);
    expect(texts(result)).toEqual([
      ['yellow', 'PHQ-9 总分 12（10–14）', 'PHQ-9 total 12 (10–14)'],
      ['yellow', 'GAD-7 总分 11（10–14）', 'GAD-7 total 11 (10–14)'],
    ]);
  });

  test('perinatal critical reasons name the item and its meaning', () => {
    const result = evaluateTier(defaultPerinatalRules, [
      epds(0, 0, 0, 0, 0, 0, 0, 0, 0, 2),
      phq9(0, 0, 0, 0, 0, 0, 0, 0, 1),
    ]);
    expect(texts(result)).toEqual([
      ['critical', 'EPDS 第10题阳性（自伤念头）', 'EPDS item 10 positive (self-harm thoughts)'],
      ['critical', 'PHQ-9 第9题阳性（自伤念头）', 'PHQ-9 item 9 positive (self-harm thoughts)'],
    ]);
  });

  test('nothing fired gives the last level and no reasons', () => {
    const result = evaluateTier(defaultSchoolRules, [
      phq9(0, 0, 0, 0, 0, 0, 0, 0, 0),
      gad7(0, 0, 0, 0, 0, 0, 0),
    ]);
    expect(result).toMatchObject({ level: 'green', reasons: [], possibleHigher: null, complete: true });
  });

  test('an item rule without a label states the value', () => {
    const rules = parseTierRuleSet({
      ...structuredClone(defaultPerinatalRules),
      rules: [{ level: 'critical', when: { kind: 'item', instrument: 'EPDS', item: 'q10', min: 2 } }],
    });
    expect(texts(evaluateTier(rules, [epds(0, 0, 0, 0, 0, 0, 0, 0, 0, 3)]))).toEqual([
      ['critical', 'EPDS 第10题 3 分 ≥ 2', 'EPDS item 10 = 3 ≥ 2'],
    ]);
    expect(evaluateTier(rules, [epds(0, 0, 0, 0, 0, 0, 0, 0, 0, 1)]).level).toBe('negative');
  });
});

describe('incomplete and invalid sheets', () => {
  test('a blank item: the level rests on the certain minimum total and says what could be higher', () => {
    const result = evaluateTier(defaultSchoolRules, [
      phq9(null, 2, 2, 2, 2, 2, 2, 0, 0),
      gad7(0, 0, 0, 0, 0, 0, 0),
    ]);
    expect(result.level).toBe('yellow');
    expect(result.possibleHigher).toBe('orange');
    expect(result.complete).toBe(false);
    expect(texts(result)).toEqual([
      ['yellow', 'PHQ-9 总分至少 12（10–14，作答不完整）', 'PHQ-9 total at least 12 (10–14, incomplete)'],
    ]);
  });

  test('a blank critical item leaves red possible; an answered one still fires', () => {
    expect(evaluateTier(defaultSchoolRules, [phq9(0, 0, 0, 0, 0, 0, 0, 0, null)])).toMatchObject({
      level: 'green',
      possibleHigher: 'red',
    });
    const fired = evaluateTier(defaultSchoolRules, [phq9(null, null, null, null, null, null, null, null, 1)]);
    expect(fired).toMatchObject({ level: 'red', possibleHigher: null, complete: false });
  });

  test('a total that is certain to reach a threshold fires even when incomplete', () => {
    const result = evaluateTier(defaultSchoolRules, [gad7(3, 3, 3, 3, 3, null, null)]);
    expect(result.level).toBe('orange');
    expect(texts(result)).toEqual([
      ['orange', 'GAD-7 总分至少 15 ≥ 15（作答不完整）', 'GAD-7 total at least 15 ≥ 15 (incomplete)'],
    ]);
  });

  test('an empty battery is green but not complete', () => {
    expect(evaluateTier(defaultSchoolRules, [])).toMatchObject({ level: 'green', complete: false });
  });

  test('rules fire on an invalid sheet and say it is invalid', () => {
    const strict = parseInstrumentDefinition({
      ...instrument('PHQ-9'),
      id: 'PHQ-9',
      version: 'strict',
      builtin: false,
      validity: [
        { kind: 'missing', id: 'blanks', max: 1, reason: { zh: '空题超过 1 题', en: 'More than 1 blank' } },
      ],
    });
    const sheet = score('PHQ-9', [3, 3, 3, 3, 3, 3, 3, null, null], strict);
    expect(sheet).toMatchObject({ valid: false, invalidReasons: [{ rule: 'blanks' }] });
    expect(texts(evaluateTier(defaultSchoolRules, [sheet]))).toEqual([
      [
        'red',
        'PHQ-9 总分至少 21 ≥ 20（作答不完整）（问卷无效）',
        'PHQ-9 total at least 21 ≥ 20 (incomplete) (sheet invalid)',
      ],
    ]);
  });
});

describe('stored result', () => {
  test('names the rule set and keeps a copy of the thresholds used', () => {
    const result = evaluateTier(defaultSchoolRules, [phq9(1, 1, 1, 1, 1, 1, 1, 1, 0)]);
    expect(result).toMatchObject({ ruleSetId: 'school-default', ruleSetVersion: '1.1' });
    expect(result.thresholds).toEqual(defaultSchoolRules.rules);
    expect(result.thresholds).not.toBe(defaultSchoolRules.rules);
    expect(tierResultSchema.parse(result)).toEqual(result);
  });
});

describe('rule set rejection', () => {
  const base = (): TierRuleSetInput => structuredClone(defaultSchoolRules);

  test.each<[string, (set: TierRuleSetInput) => void, string]>([
    ['an unknown level', (s) => (s.rules[0]!.level = 'purple'), 'rules[0].level'],
    [
      'a range upside down',
      (s) => (s.rules[2]!.when = { kind: 'total', instrument: 'PHQ-9', min: 19, max: 15 }),
      'rules[2].when.max',
    ],
    ['a duplicate level', (s) => (s.levels[1]!.id = 'red'), 'levels[1].id'],
    ['a bad colour', (s) => (s.levels[0]!.colour = 'red'), 'levels[0].colour'],
    ['an unknown condition', (s) => (s.rules[0]!.when = { kind: 'band' } as never), 'rules[0].when.kind'],
  ])('%s', (_what, change, path) => {
    const input = base();
    change(input);
    let error: unknown;
    try {
      parseTierRuleSet(input);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DefinitionError);
    expect((error as DefinitionError).issues.map((i) => i.path)).toContain(path);
  });
});
