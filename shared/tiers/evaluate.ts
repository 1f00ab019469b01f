import { z } from 'zod';
import type { ScoreResult } from '../instruments/result';
import {
  invalidSheetReason,
  itemPositiveReason,
  itemValueReason,
  reasonFactSchema,
  totalReason,
  type ReasonFact,
} from './reasons';
import { tierRuleSchema, type TierCondition, type TierRuleSet } from './schema';

/** A finding (code and numbers, worded where shown) with the level it gave and the rule that fired. */
export const tierReasonSchema = z.intersection(
  reasonFactSchema,
  z.object({
    level: z.string(),
    /** Index of the rule in the rule set (and in `thresholds`); -1 for a critical item no rule names. */
    rule: z.number().int(),
  }),
);
export type TierReason = z.infer<typeof tierReasonSchema>;

export const tierResultSchema = z.object({
  ruleSetId: z.string(),
  ruleSetVersion: z.string(),
  level: z.string(),
  /** Every rule that fired, most urgent level first, not only the one that decided the level. */
  reasons: z.array(tierReasonSchema),
  /** A more urgent level that answers left blank could still reach; null when none. */
  possibleHigher: z.string().nullable(),
  /** False for an empty battery too: no answers is not a screen that found nothing. */
  complete: z.boolean(),
  /** The rules as they stood, stored with the result so a later change of settings does not rewrite history. */
  thresholds: z.array(tierRuleSchema),
});
export type TierResult = z.infer<typeof tierResultSchema>;

interface ConditionOutcome {
  reasons: ReasonFact[];
  /** Not fired, but some completion of the blank answers would fire it. */
  possible: boolean;
}

function checkResult(when: TierCondition, result: ScoreResult): ConditionOutcome {
  const id = result.instrumentId;
  switch (when.kind) {
    case 'critical':
      return {
        reasons: result.critical.map((c) => itemPositiveReason(id, c.number, c.reason)),
        possible: result.criticalUnanswered.length > 0,
      };
    case 'item': {
      const value = result.itemScores[when.item];
      const number = result.itemNumbers[when.item];
      if (number === undefined) return { reasons: [], possible: false };
      if (value === null || value === undefined) return { reasons: [], possible: true };
      if (value < when.min) return { reasons: [], possible: false };
      return {
        reasons: [
          when.label
            ? itemPositiveReason(id, number, when.label)
            : itemValueReason(id, number, value, when.min),
        ],
        possible: false,
      };
    }
    case 'total': {
      // An incomplete sheet is judged on the lowest total any full answer could have (for
      // 0-based items, the sum of what was answered): a rule fires only on a total that is
      // certain, and a blank never lowers a level that the answered items already reach.
      const { min: lowest, max: highest } = result.totalRange;
      const belowMax = when.max === undefined || lowest <= when.max;
      if (lowest >= when.min && belowMax) {
        return {
          reasons: [totalReason(id, lowest, when.min, when.max, result.complete, when.label)],
          possible: false,
        };
      }
      return { reasons: [], possible: highest >= when.min && belowMax };
    }
  }
}

function appliesTo(when: TierCondition, result: ScoreResult): boolean {
  return when.instrument === undefined || when.instrument === result.instrumentId;
}

/**
 * The level of a battery of results under a rule set: the most urgent level any rule
 * fires, else the last level. Rules fire on invalid sheets too (marked as such), because
 * a voided sheet's answers still count as a warning sign; only a clinician clears one.
 */
export function evaluateTier(ruleSet: TierRuleSet, results: readonly ScoreResult[]): TierResult {
  const rank = new Map(ruleSet.levels.map((level, i) => [level.id, i]));
  const fallback = ruleSet.levels.length - 1;
  const reasons: TierReason[] = [];
  let best = fallback;
  let possibleBest = fallback;

  ruleSet.rules.forEach((rule, index) => {
    const levelRank = rank.get(rule.level) ?? fallback;
    for (const result of results.filter((r) => appliesTo(rule.when, r))) {
      const outcome = checkResult(rule.when, result);
      for (const reason of outcome.reasons) {
        reasons.push({
          ...(result.valid ? reason : invalidSheetReason(reason)),
          level: rule.level,
          rule: index,
        });
        best = Math.min(best, levelRank);
      }
      if (outcome.possible) possibleBest = Math.min(possibleBest, levelRank);
    }
  });

  reasons.sort(
    (a, b) => (rank.get(a.level) ?? fallback) - (rank.get(b.level) ?? fallback) || a.rule - b.rule,
  );
  const levelId = (i: number) => ruleSet.levels[i]?.id ?? '';
  return {
    ruleSetId: ruleSet.id,
    ruleSetVersion: ruleSet.version,
    level: levelId(best),
    reasons,
    possibleHigher: possibleBest < best ? levelId(possibleBest) : null,
    complete: results.length > 0 && results.every((r) => r.complete),
    thresholds: structuredClone(ruleSet.rules),
  };
}
