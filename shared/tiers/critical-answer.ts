import type { InstrumentDefinition } from '../instruments/schema';
import { scoreInstrument } from '../instruments/score';
import { evaluateTier, type TierResult } from './evaluate';
import { itemPositiveReason } from './reasons';
import type { TierRuleSet } from './schema';

/**
 * The level and reason one critical answer earns on its own, the moment it is given: the rules
 * are applied to a sheet holding only that answer, and only the rules about critical items are
 * kept (a total on a half-answered sheet means nothing yet). So the reason is word for word the
 * one the submitted sheet will carry ("PHQ-9 第9题阳性（自伤念头）"). Rules that say nothing
 * about the item (a custom set) still give the most urgent level, with the item's own reason:
 * a critical answer is never left without a level.
 */
export function criticalAnswerTier(
  ruleSet: TierRuleSet,
  def: InstrumentDefinition,
  itemId: string,
  value: number,
): TierResult {
  const result = scoreInstrument(def, { [itemId]: value });
  const evaluated = evaluateTier(ruleSet, [result]);
  const aboutItem = (index: number) => {
    const when = ruleSet.rules[index]?.when;
    if (!when || (when.instrument !== undefined && when.instrument !== def.id)) return false;
    return when.kind === 'critical' || (when.kind === 'item' && when.item === itemId);
  };
  const reasons = evaluated.reasons.filter((r) => aboutItem(r.rule));
  const top = ruleSet.levels[0]?.id ?? evaluated.level;
  const fired = result.critical.find((c) => c.item === itemId);
  if (reasons.length === 0 && fired)
    reasons.push({ ...itemPositiveReason(def.id, fired.number, fired.reason), level: top, rule: -1 });
  return {
    ...evaluated,
    // An answer below the item's threshold earns nothing: the rule set's last level, no reason.
    level: reasons[0]?.level ?? evaluated.level,
    reasons,
    possibleHigher: null,
    complete: false,
  };
}
