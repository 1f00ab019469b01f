import type { Alert } from '../../../shared/api/screening';
import type { InstrumentDefinition } from '../../../shared/instruments';
import type { Db } from '../../db/database';
import { nowIso } from '../../db/database';
import { statement } from '../../db/statements';
import { audit } from '../audit';
import { publishAfterCommit } from '../events';
import { GROUP_SQL } from './groups';

/** Raised the moment a critical item is answered at or above its threshold, before the sheet is submitted. */
export function raiseAlertIfCritical(
  db: Db,
  screeningId: number,
  personId: number,
  def: InstrumentDefinition,
  itemId: string,
  value: number,
): void {
  const rule = def.criticalItems.find((c) => c.item === itemId);
  if (!rule || value < rule.min) return;
  const at = nowIso();
  const raised = statement<unknown[], { id: number; campaignId: number | null }>(
    db,
    `INSERT INTO alerts (screening_id, person_id, instrument_id, item_id, value, raised_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (screening_id, instrument_id, item_id) DO UPDATE SET value = excluded.value
     RETURNING id, (SELECT campaign_id FROM screenings WHERE id = screening_id) AS campaignId`,
  ).get(screeningId, personId, def.id, itemId, value, at)!;
  // Minimal push so staff screens hear of the answer at once; heard only once the answer is durable.
  publishAfterCommit(db, { type: 'alert.raised', alertId: raised.id, campaignId: raised.campaignId, at });
}

export function listAlerts(db: Db, { openOnly = true } = {}): Alert[] {
  return statement<[], Alert & { itemId: string }>(
    db,
    `SELECT a.id, a.screening_id AS screeningId, a.person_id AS personId, p.name, ${GROUP_SQL} AS "group", s.seat,
              a.instrument_id AS instrumentId, a.item_id AS itemId, a.value, a.raised_at AS raisedAt,
              a.acknowledged_at AS acknowledgedAt
       FROM alerts a JOIN people p ON p.id = a.person_id JOIN screenings s ON s.id = a.screening_id
       ${openOnly ? 'WHERE a.acknowledged_at IS NULL' : ''} ORDER BY a.raised_at DESC`,
  )
    .all()
    .map(({ itemId, ...a }) => ({ ...a, itemNumber: Number(/\d+/.exec(itemId)?.[0] ?? 0) }));
}

export function acknowledgeAlert(db: Db, userId: number, id: number): void {
  statement(
    db,
    'UPDATE alerts SET acknowledged_at = ?, acknowledged_by = ? WHERE id = ? AND acknowledged_at IS NULL',
  ).run(nowIso(), userId, id);
  audit(db, userId, 'alert.acknowledge', String(id));
}
