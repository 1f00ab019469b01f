import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  builtinInstruments,
  getInstrument,
  itemValueRange,
  optionValues,
  parseInstrumentDefinition,
  resolveOptionSet,
  scoreInstrument,
  type InstrumentDefinition,
  type ScoreResult,
} from '../../shared/instruments';
import {
  defaultPerinatalRules,
  defaultSchoolRules,
  evaluateTier,
  type TierRuleSet,
} from '../../shared/tiers';

type Answers = Record<string, number | null>;

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`missing ${what}`);
  return value;
}

const instrument = (id: string) => required(getInstrument(id), id);
const scoredItems = (def: InstrumentDefinition) => def.items.filter((item) => item.scored);
const valuesOf = (def: InstrumentDefinition, itemId: string) => {
  const item = required(
    def.items.find((i) => i.id === itemId),
    itemId,
  );
  return optionValues(required(resolveOptionSet(def, item), `${itemId} options`));
};

/** A complete sheet: one option value per scored item. */
function fullAnswers(def: InstrumentDefinition): fc.Arbitrary<Answers> {
  return fc.record(
    Object.fromEntries(scoredItems(def).map((item) => [item.id, fc.constantFrom(...valuesOf(def, item.id))])),
  );
}

/** A complete sheet plus a blanked copy of it (any subset of items left unanswered). */
function fullAndPartial(def: InstrumentDefinition): fc.Arbitrary<{ full: Answers; partial: Answers }> {
  const ids = scoredItems(def).map((item) => item.id);
  return fc.tuple(fullAnswers(def), fc.subarray(ids)).map(([full, blanks]) => ({
    full,
    partial: Object.fromEntries(Object.entries(full).map(([id, v]) => [id, blanks.includes(id) ? null : v])),
  }));
}

const bandRank = (def: InstrumentDefinition, scaleId: string, band: string | null) =>
  required(
    def.scales.find((s) => s.id === scaleId),
    scaleId,
  ).bands?.findIndex((b) => b.id === band) ?? -1;

const sum = (answers: Answers) => Object.values(answers).reduce<number>((a, v) => a + (v ?? 0), 0);

describe.each(builtinInstruments.map((def) => [def.id, def] as const))('%s', (_id, def) => {
  test('a complete sheet scores its sum, within the scale range, in exactly one band', () => {
    fc.assert(
      fc.property(fullAnswers(def), (answers) => {
        const result = scoreInstrument(def, answers);
        expect(result.complete).toBe(true);
        expect(result.total).toBe(sum(answers));
        const main = required(
          def.scales.find((s) => s.id === def.mainScale),
          'main scale',
        );
        const lowest = main.items.reduce((a, id) => a + itemValueRange(def, id).min, 0);
        const highest = main.items.reduce((a, id) => a + itemValueRange(def, id).max, 0);
        expect(result.total).toBeGreaterThanOrEqual(lowest);
        expect(result.total).toBeLessThanOrEqual(highest);
        expect(result.totalRange).toEqual({ min: result.total, max: result.total });
        const band = required(
          main.bands?.find((b) => b.id === result.band),
          'band',
        );
        expect(result.total).toBeGreaterThanOrEqual(band.min);
        expect(result.total).toBeLessThanOrEqual(band.max);
      }),
    );
  });

  test('raising one answer never lowers the total, the band or a positive verdict', () => {
    const ids = scoredItems(def).map((item) => item.id);
    fc.assert(
      fc.property(fullAnswers(def), fc.constantFrom(...ids), fc.nat(), (answers, itemId, pick) => {
        const current = required(answers[itemId] ?? undefined, itemId);
        const higher = valuesOf(def, itemId).filter((v) => v > current);
        fc.pre(higher.length > 0);
        const raised = { ...answers, [itemId]: required(higher[pick % higher.length], 'higher value') };
        const before = scoreInstrument(def, answers);
        const after = scoreInstrument(def, raised);
        expect(after.total ?? 0).toBeGreaterThan(before.total ?? 0);
        for (const scale of def.scales) {
          const b = required(before.subscales[scale.id], scale.id);
          const a = required(after.subscales[scale.id], scale.id);
          expect(a.raw ?? 0).toBeGreaterThanOrEqual(b.raw ?? 0);
          expect(bandRank(def, scale.id, a.band)).toBeGreaterThanOrEqual(bandRank(def, scale.id, b.band));
          if (b.positive) expect(a.positive).toBe(true);
        }
        expect(after.critical.length).toBeGreaterThanOrEqual(before.critical.length);
      }),
    );
  });

  test('a blanked sheet never reports a band, verdict or critical item the full sheet contradicts', () => {
    fc.assert(
      fc.property(fullAndPartial(def), ({ full, partial }) => {
        const complete = scoreInstrument(def, full);
        const incomplete = scoreInstrument(def, partial);
        expect(incomplete.complete).toBe(Object.values(partial).every((v) => v !== null));
        expect(incomplete.answered + incomplete.missing.length).toBe(incomplete.expected);
        for (const scale of def.scales) {
          const c = required(complete.subscales[scale.id], scale.id);
          const i = required(incomplete.subscales[scale.id], scale.id);
          if (i.band !== null) expect(i.band).toBe(c.band);
          if (i.positive !== null) expect(i.positive).toBe(c.positive);
          expect(c.score ?? NaN).toBeGreaterThanOrEqual(i.range.min);
          expect(c.score ?? NaN).toBeLessThanOrEqual(i.range.max);
        }
        // Every critical item answered on the blanked sheet fires exactly as on the full one.
        const answeredCritical = complete.critical.filter((c) => partial[c.item] !== null);
        expect(incomplete.critical).toEqual(answeredCritical);
        expect(incomplete.criticalUnanswered.map((c) => c.item)).toEqual(
          def.criticalItems.filter((c) => partial[c.item] === null).map((c) => c.item),
        );
      }),
    );
  });
});

describe('critical items fire on their own, whatever the total', () => {
  test.each([
    ['PHQ-9', 'q9'],
    ['EPDS', 'q10'],
  ])('%s %s', (id, criticalItem) => {
    const def = instrument(id);
    fc.assert(
      fc.property(fullAnswers(def), (answers) => {
        const result = scoreInstrument(def, answers);
        const value = required(answers[criticalItem] ?? undefined, criticalItem);
        expect(result.critical.map((c) => c.item)).toEqual(value >= 1 ? [criticalItem] : []);
        // The same item answer with every other item at its lowest still fires the same way.
        const quiet = Object.fromEntries(
          Object.keys(answers).map((k) => [k, k === criticalItem ? value : 0]),
        );
        expect(scoreInstrument(def, quiet).critical.length).toBe(result.critical.length);
      }),
    );
  });
});

describe('reversed items', () => {
  // PHQ-9 with item 3 reversed: scoring v on the reversed item must equal scoring 3 − v unreversed.
  const plain = instrument('PHQ-9');
  const reversed = parseInstrumentDefinition({
    ...plain,
    id: 'PHQ-9-R',
    builtin: false,
    scales: plain.scales.map((s) => ({ ...s, reversed: ['q3'] })),
  });

  test('contribute min + max − value', () => {
    fc.assert(
      fc.property(fullAndPartial(plain), ({ partial }) => {
        const flipped = {
          ...partial,
          q3: partial.q3 === null || partial.q3 === undefined ? null : 3 - partial.q3,
        };
        const a = scoreInstrument(reversed, partial);
        const b = scoreInstrument(plain, flipped);
        expect(a.total).toBe(b.total);
        expect(a.totalRange).toEqual(b.totalRange);
        // Critical items judge the answer itself, never a reversed contribution.
        expect(a.critical).toEqual(scoreInstrument(plain, partial).critical);
      }),
    );
  });
});

describe('tiers on blanked batteries', () => {
  const batteries: [string, TierRuleSet, string[]][] = [
    ['school', defaultSchoolRules, ['PHQ-9', 'GAD-7']],
    ['perinatal', defaultPerinatalRules, ['EPDS', 'PHQ-9', 'GAD-7']],
  ];

  test.each(batteries)(
    '%s: a blank never raises the level, and a lowered level says it could be higher',
    (_name, rules, ids) => {
      const defs = ids.map(instrument);
      const rank = (level: string | null) => rules.levels.findIndex((l) => l.id === level);
      fc.assert(
        fc.property(fc.tuple(...defs.map(fullAndPartial)), (sheets) => {
          const score = (pick: 'full' | 'partial'): ScoreResult[] =>
            sheets.map((s, i) => scoreInstrument(required(defs[i], 'def'), s[pick]));
          const full = evaluateTier(rules, score('full'));
          const partial = evaluateTier(rules, score('partial'));
          expect(rank(partial.level)).toBeGreaterThanOrEqual(rank(full.level));
          if (partial.level !== full.level) {
            expect(partial.possibleHigher).not.toBeNull();
            expect(rank(partial.possibleHigher)).toBeLessThanOrEqual(rank(full.level));
          }
        }),
      );
    },
  );
});
