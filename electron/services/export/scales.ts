import type { Db } from '../../db/database';
import { perScaleInPeriod, type PersonFilter } from '../cases/dashboard-view';
import { allDefinitions } from '../instruments';
import { activeRuleSet } from '../tier-rules';
import type { Period } from './query';
import type { ScaleSummary } from './summary';

/**
 * The summary's per-scale part: each scale's positives by its own band (shared/figures/per-scale.ts
 * through perScaleInPeriod, as the dashboard counts them), which of the scales used ask about
 * self-harm, and what a pre-screen's positive asks for.
 */
export function scaleSummary(
  db: Db,
  period: Period,
  order: readonly string[],
  filter?: PersonFilter,
): ScaleSummary {
  // In battery order (PHQ-2 before GAD-2), as the sheets list their columns.
  const rank = (id: string) => (order.includes(id) ? order.indexOf(id) : order.length);
  const scales = perScaleInPeriod(db, period, filter).sort(
    (a, b) => rank(a.instrumentId) - rank(b.instrumentId),
  );
  const definitions = new Map(allDefinitions(db).map((d) => [d.id, d]));
  // What a labelled total rule asks for (PHQ-2 ≥ 3: 建议完成完整量表（PHQ-9）): the rule set, not the
  // instrument, says which scales are pre-screens whose positives mean "give the full form".
  const advice: Record<string, string> = {};
  for (const rule of activeRuleSet(db, period.programme).rules)
    if (rule.when.kind === 'total' && rule.when.label) advice[rule.when.instrument] ??= rule.when.label.zh;
  return {
    scales,
    // An unknown (deleted) definition is not assumed to lack a self-harm item.
    withCritical: scales
      .filter((s) => {
        const def = definitions.get(s.instrumentId);
        return !def || def.criticalItems.length > 0;
      })
      .map((s) => s.instrumentId),
    advice,
  };
}
