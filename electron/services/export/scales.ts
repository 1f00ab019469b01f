import type { Db } from '../../db/database';
import { perScaleInPeriod, type PersonFilter } from '../cases/dashboard-view';
import { allDefinitions } from '../instruments';
import type { Period } from './query';
import type { ScaleSummary } from './summary';

/**
 * The summary's per-scale part: each scale's positives by its own band (shared/figures/per-scale.ts
 * through perScaleInPeriod, as the dashboard counts them), which of the scales used ask about
 * self-harm, and the advice a pre-screen's positive band carries.
 */
export function scaleSummary(db: Db, period: Period, filter?: PersonFilter): ScaleSummary {
  const scales = perScaleInPeriod(db, period, filter);
  const definitions = new Map(allDefinitions(db).map((d) => [d.id, d]));
  const used = scales.map((s) => definitions.get(s.instrumentId));
  const advice: Record<string, string> = {};
  for (const def of used) {
    const scale = def?.scales.find((s) => s.id === def.mainScale);
    const cutoff = scale?.cutoff?.basis === 'score' ? scale.cutoff.min : undefined;
    const band = scale?.bands?.find((b) => cutoff !== undefined && b.min >= cutoff && b.advice);
    if (def && band?.advice) advice[def.id] = band.advice.zh;
  }
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
