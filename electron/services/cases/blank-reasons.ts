import { scoreResultSchema } from '../../../shared/instruments';
import { blankItemReason, type ReasonFact } from '../../../shared/tiers';
import type { Db } from '../../db/database';
import { parseJsonColumn } from '../../db/json-column';
import { statement } from '../../db/statements';

// Results stored before criticalUnanswered existed lack it: none was recorded then.
const blankCriticalColumn = scoreResultSchema
  .pick({ instrumentId: true })
  .extend({ criticalUnanswered: scoreResultSchema.shape.criticalUnanswered.optional() });

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
      const result = parseJsonColumn(blankCriticalColumn, r.result, 'screening_results.result');
      return (result.criticalUnanswered ?? []).map((c) => blankItemReason(result.instrumentId, c.number));
    });
}
