import { reasonWords } from '../../shared/tiers';
import { describe, expect, test } from 'vitest';
import { getInstrument } from '../../shared/instruments';
import {
  criticalAnswerTier,
  defaultPerinatalRules,
  defaultSchoolRules,
  parseTierRuleSet,
} from '../../shared/tiers';

const phq9 = getInstrument('PHQ-9')!;
const epds = getInstrument('EPDS')!;

describe('criticalAnswerTier: the level and reason of one critical answer, as it is given', () => {
  test('school: PHQ-9 item 9 is red with the rules’ own reason, word for word', () => {
    const tier = criticalAnswerTier(defaultSchoolRules, phq9, 'q9', 3);
    expect(tier.level).toBe('red');
    expect(tier.reasons.map((r) => [reasonWords(r, 'zh'), reasonWords(r, 'en'), r.level])).toEqual([
      ['PHQ-9 第9题阳性（自伤念头）', 'PHQ-9 item 9 positive (self-harm thoughts)', 'red'],
    ]);
    expect(tier.complete).toBe(false);
  });

  test('perinatal: EPDS item 10 and PHQ-9 item 9 are critical', () => {
    expect(criticalAnswerTier(defaultPerinatalRules, epds, 'q10', 2)).toMatchObject({
      level: 'critical',
      reasons: [expect.objectContaining({ kind: 'item_positive', instrument: 'EPDS', item: 10 })],
    });
    expect(criticalAnswerTier(defaultPerinatalRules, phq9, 'q9', 1).level).toBe('critical');
  });

  test('an answer below the threshold earns nothing; a rule set silent on the item still gives its top level', () => {
    expect(criticalAnswerTier(defaultSchoolRules, phq9, 'q9', 0)).toMatchObject({
      level: 'green',
      reasons: [],
    });
    const totalsOnly = parseTierRuleSet({
      ...defaultSchoolRules,
      id: 'totals-only',
      rules: defaultSchoolRules.rules.filter((r) => r.when.kind === 'total'),
    });
    expect(criticalAnswerTier(totalsOnly, phq9, 'q9', 1)).toMatchObject({
      level: 'red',
      reasons: [
        expect.objectContaining({ kind: 'item_positive', instrument: 'PHQ-9', item: 9, level: 'red' }),
      ],
    });
  });
});
