import { describe, expect, test } from 'vitest';
import {
  DefinitionError,
  ScoringError,
  answersFromValues,
  getInstrument,
  parseInstrumentDefinition,
  scoreInstrument,
  type InstrumentDefinitionInput,
} from '../../shared/instruments';
import { epds } from '../../shared/instruments/builtin/epds';
import { phq9 } from '../../shared/instruments/builtin/phq9';

function issuesOf(input: InstrumentDefinitionInput): { path: string; message: string }[] {
  try {
    parseInstrumentDefinition(input);
  } catch (error) {
    if (error instanceof DefinitionError) return error.issues;
    throw error;
  }
  throw new Error('expected the definition to be rejected');
}

/** A deep copy of a built-in input with one change applied. */
function edit(
  base: InstrumentDefinitionInput,
  change: (d: InstrumentDefinitionInput) => void,
): InstrumentDefinitionInput {
  const copy = structuredClone(base);
  change(copy);
  return copy;
}

const phq9Scale = (d: InstrumentDefinitionInput) => {
  const scale = d.scales[0];
  if (!scale?.bands) throw new Error('PHQ-9 total scale with bands expected');
  return { scale, bands: scale.bands };
};

describe('instrument definition rejection', () => {
  test.each<[string, (d: InstrumentDefinitionInput) => void, string, RegExp]>([
    [
      'a scale naming an unknown item',
      (d) => (phq9Scale(d).scale.items[2] = 'q99'),
      'scales[0].items[2]',
      /unknown item "q99"/,
    ],
    [
      'a scored item in no scale',
      (d) => (phq9Scale(d).scale.items = phq9Scale(d).scale.items.filter((i) => i !== 'q3')),
      'items[2].scored',
      /"q3" belongs to no scale/,
    ],
    [
      'an unscored item in a scale',
      (d) => phq9Scale(d).scale.items.push('difficulty'),
      'scales[0].items[9]',
      /unscored/,
    ],
    [
      'a gap between bands',
      (d) => (phq9Scale(d).bands[1]!.min = 6),
      'scales[0].bands',
      /possible score 5 falls in no range/,
    ],
    [
      'overlapping bands',
      (d) => (phq9Scale(d).bands[2]!.min = 9),
      'scales[0].bands[2].min',
      /overlaps or precedes band "mild"/,
    ],
    [
      'a band past the possible scores',
      (d) => (phq9Scale(d).bands[4]!.max = 72),
      'scales[0].bands[4]',
      /reaches past the possible scores 0–27/,
    ],
    [
      'a band that holds no score',
      (d) => phq9Scale(d).bands.push({ id: 'extra', min: 28, max: 30, label: { zh: '额外', en: 'Extra' } }),
      'scales[0].bands[5]',
      /holds no possible score/,
    ],
    [
      'a duplicate band id',
      (d) => (phq9Scale(d).bands[1]!.id = 'minimal'),
      'scales[0].bands[1].id',
      /duplicate band id "minimal"/,
    ],
    [
      'a cut-off no answer reaches',
      (d) => (phq9Scale(d).scale.cutoff!.min = 28),
      'scales[0].cutoff.min',
      /never fires/,
    ],
    [
      'a reversed item outside its scale',
      (d) => (phq9Scale(d).scale.reversed = ['difficulty']),
      'scales[0].reversed[0]',
      /not in this scale/,
    ],
    [
      'an unknown norm table',
      (d) => (phq9Scale(d).scale.norms = 'grade-norms'),
      'scales[0].norms',
      /unknown norm table "grade-norms"/,
    ],
    [
      'a standard-score cut-off without norms',
      (d) => (phq9Scale(d).scale.cutoff!.basis = 'standard'),
      'scales[0].cutoff.basis',
      /needs a norm table/,
    ],
    ['an unknown main scale', (d) => (d.mainScale = 'sum'), 'mainScale', /unknown scale "sum"/],
    ['a duplicate item id', (d) => (d.items[1]!.id = 'q1'), 'items[1].id', /duplicate item id "q1"/],
    ['item numbers out of order', (d) => (d.items[1]!.number = 1), 'items[1].number', /must increase/],
    [
      'an unknown option set',
      (d) => (d.items[0]!.optionSet = 'likert'),
      'items[0].optionSet',
      /unknown option set "likert"/,
    ],
    [
      'a duplicate option value',
      (d) => (d.optionSets![0]!.options[1]!.value = 0),
      'optionSets[0].options[1].value',
      /duplicate option value 0/,
    ],
    [
      'one label for two values',
      (d) => (d.optionSets![0]!.options[1]!.label.zh = '完全不会'),
      'optionSets[0].options[1].label.zh',
      /already stands for value 0/,
    ],
    [
      'an unknown critical item',
      (d) => (d.criticalItems![0]!.item = 'q10'),
      'criticalItems[0].item',
      /unknown item "q10"/,
    ],
    [
      'a critical threshold that always fires',
      (d) => (d.criticalItems![0]!.min = 0),
      'criticalItems[0].min',
      /always fires/,
    ],
    ['a missing Chinese name', (d) => (d.names = { en: 'PHQ-9' } as never), 'names.zh', /.+/],
    [
      'an unknown population programme',
      (d) => (d.population.programmes = ['clinic' as never]),
      'population.programmes[0]',
      /.+/,
    ],
  ])('%s', (_what, change, path, message) => {
    const issues = issuesOf(edit(phq9, change));
    expect(issues).toContainEqual({ path, message: expect.stringMatching(message) });
  });

  test('a per-language display order must list every option value once', () => {
    const issues = issuesOf(
      edit(epds, (d) => {
        const set = d.items[2]?.optionSet;
        if (typeof set !== 'object') throw new Error('inline option set expected');
        set.displayOrder = { en: [3, 2, 1, 1] };
      }),
    );
    expect(issues).toEqual([
      {
        path: 'items[2].optionSet.displayOrder.en',
        message: 'must list each option value once: expected a permutation of [0, 1, 2, 3]',
      },
    ]);
  });

  test('the error message lists every issue with its path', () => {
    const input = edit(phq9, (d) => {
      phq9Scale(d).scale.items[0] = 'q0';
      d.mainScale = 'nope';
    });
    expect(() => parseInstrumentDefinition(input)).toThrow(
      /Instrument definition PHQ-9 is invalid:\n {2}items\[0\]\.scored: .*\n/,
    );
    expect(issuesOf(input).map((i) => i.path)).toEqual(
      expect.arrayContaining(['scales[0].items[0]', 'mainScale']),
    );
  });

  test('an untouched built-in input parses', () => {
    expect(parseInstrumentDefinition(phq9).id).toBe('PHQ-9');
  });
});

describe('answers that cannot belong to a definition', () => {
  const def = getInstrument('PHQ-9')!;
  const thrown = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      return error;
    }
    return undefined;
  };

  test.each<[string, () => unknown, string, string | undefined]>([
    ['a value that is no option', () => scoreInstrument(def, { q1: 4 }), 'invalid_value', 'q1'],
    ['a fractional value', () => scoreInstrument(def, { q2: 1.5 }), 'invalid_value', 'q2'],
    ['NaN', () => scoreInstrument(def, { q3: Number.NaN }), 'invalid_value', 'q3'],
    ['a string', () => scoreInstrument(def, { q3: '2' as never }), 'invalid_value', 'q3'],
    ['an unknown item', () => scoreInstrument(def, { q10: 1 }), 'unknown_item', 'q10'],
    ['too few values', () => answersFromValues(def, [0, 1, 2]), 'wrong_length', undefined],
  ])('%s throws a typed ScoringError', (_what, fn, code, itemId) => {
    const error = thrown(fn);
    expect(error).toBeInstanceOf(ScoringError);
    expect(error).toMatchObject({ code, itemId });
  });

  test('answersFromValues maps values to scored items only, in order', () => {
    expect(answersFromValues(def, [0, 1, 2, 3, null, 0, 1, 2, 3])).toEqual({
      q1: 0,
      q2: 1,
      q3: 2,
      q4: 3,
      q5: null,
      q6: 0,
      q7: 1,
      q8: 2,
      q9: 3,
    });
  });

  test('the unscored difficulty item is recorded but never counted', () => {
    const answers = { ...answersFromValues(def, [1, 1, 1, 1, 1, 1, 1, 1, 0]), difficulty: 3 };
    const r = scoreInstrument(def, answers);
    expect(r.total).toBe(8);
    expect(r.itemScores.difficulty).toBe(3);
    expect(r.complete).toBe(true);
    expect(r.expected).toBe(9);
    expect(scoreInstrument(def, { ...answers, difficulty: null }).complete).toBe(true);
  });
});
