import type { ScoreResult } from '../../../shared/instruments';
import { blankItemReason, type ReasonFact } from '../../../shared/tiers';
import type { Db } from '../../db/database';
import { statement } from '../../db/statements';

/**
 * "PHQ-9 第9题未作答" for each critical item a screening left blank. A case opened to ask in
 * person has no rule that fired, so without these its reasons would be empty on the 预警台账.
 */
export function blankCriticalReasons(db: Db, screeningId: number | null): ReasonFact[] {
  if (screeningId === null) return [];
  return statement<[number], { result: string }>(
    db,
    'SELECT result FROM screening_results WHERE screening_id = ? AND complete = 0',
  )
    .all(screeningId)
    .flatMap((r) => {
      const result = JSON.parse(r.result) as ScoreResult;
      return (result.criticalUnanswered ?? []).map((c) => blankItemReason(result.instrumentId, c.number));
    });
}
