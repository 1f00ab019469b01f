// Only the clinical roles see which item was answered and how; the others learn only that someone is needed.
import { isClinicalRole, type Role } from '../../../shared/api/auth';
import { AppError } from '../../../shared/api/errors';
import type { Alert } from '../../../shared/api/screening';
import type { InstrumentDefinition } from '../../../shared/instruments';
import type { Db } from '../../db/database';
import { nowIso } from '../../db/database';
import { statement } from '../../db/statements';
import { audit } from '../audit';
import { publish } from '../events';
import { GROUP_SQL } from './groups';
import { alertAad, openNumber, sealNumber } from '../clinical/vault';

/**
 * Raised the moment a critical item is answered at or above its threshold, before the sheet is
 * submitted. Returns the alert (and whether this answer raised it) or null for any other answer.
 */
export function raiseAlertIfCritical(
  db: Db,
  screeningId: number,
  personId: number,
  def: InstrumentDefinition,
  itemId: string,
  value: number,
): { id: number; raised: boolean } | null {
  const rule = def.criticalItems.find((c) => c.item === itemId);
  if (!rule || value < rule.min) return null;
  const found = statement<[number, string, string], { id: number }>(
    db,
    'SELECT id FROM alerts WHERE screening_id = ? AND instrument_id = ? AND item_id = ?',
  ).get(screeningId, def.id, itemId);
  const sealed = sealNumber(db, alertAad(screeningId, def.id, itemId), value);
  if (found) {
    statement(db, 'UPDATE alerts SET value = ? WHERE id = ?').run(sealed, found.id);
    return { id: found.id, raised: false };
  }
  const { lastInsertRowid } = statement(
    db,
    'INSERT INTO alerts (screening_id, person_id, instrument_id, item_id, value, raised_at) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(screeningId, personId, def.id, itemId, sealed, nowIso());
  return { id: Number(lastInsertRowid), raised: true };
}

interface AlertRow {
  id: number;
  screeningId: number;
  campaignId: number | null;
  campaignName: string | null;
  personId: number;
  caseId: number | null;
  name: string;
  group: string;
  seat: string | null;
  source: Alert['source'];
  status: string;
  instrumentId: string;
  itemId: string;
  value: string;
  raisedAt: string;
  arrivedAt: string | null;
  arrivedBy: string | null;
  resolvedAt: string | null;
}

const ALERT_SELECT = `SELECT a.id, a.screening_id AS screeningId, s.campaign_id AS campaignId, c.name AS campaignName,
    a.person_id AS personId,
    (SELECT k.id FROM cases k WHERE k.person_id = a.person_id AND k.programme = s.programme AND k.status = 'open') AS caseId,
    p.name, ${GROUP_SQL} AS "group", s.seat, s.mode AS source, s.status,
    a.instrument_id AS instrumentId, a.item_id AS itemId, a.value, a.raised_at AS raisedAt,
    a.acknowledged_at AS arrivedAt, u.display_name AS arrivedBy, a.resolved_at AS resolvedAt
  FROM alerts a JOIN people p ON p.id = a.person_id JOIN screenings s ON s.id = a.screening_id
    LEFT JOIN campaigns c ON c.id = s.campaign_id LEFT JOIN users u ON u.id = a.acknowledged_by`;

function toAlert(db: Db, row: AlertRow, role: Role): Alert {
  const { itemId, status, instrumentId, value, ...rest } = row;
  const clinical = isClinicalRole(role);
  // Other roles never get the answer; a clinical role whose session cannot open it gets null too.
  const answer = clinical ? openNumber(db, alertAad(row.screeningId, instrumentId, itemId), value) : null;
  return {
    ...rest,
    // Whether a case is open says something of the person's level: the case roles only.
    caseId: clinical ? rest.caseId : null,
    live: row.source === 'station' || row.source === 'kiosk',
    submitted: status === 'submitted',
    critical:
      answer === null
        ? null
        : { instrumentId, itemNumber: Number(/\d+/.exec(itemId)?.[0] ?? 0), value: answer },
  };
}

export function listAlerts(
  db: Db,
  role: Role,
  { openOnly = true, campaignId }: { openOnly?: boolean; campaignId?: number } = {},
): Alert[] {
  const where = [
    openOnly ? 'a.resolved_at IS NULL' : null,
    campaignId !== undefined ? 's.campaign_id = @campaignId' : null,
  ].filter(Boolean);
  return statement<[{ campaignId?: number }], AlertRow>(
    db,
    `${ALERT_SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY a.raised_at DESC, a.id DESC`,
  )
    .all(campaignId !== undefined ? { campaignId } : {})
    .map((row) => toAlert(db, row, role));
}

export function getAlert(db: Db, role: Role, id: number): Alert {
  const row = statement<[number], AlertRow>(db, `${ALERT_SELECT} WHERE a.id = ?`).get(id);
  if (!row) throw new AppError('not_found', `No alert ${id}.`);
  return toAlert(db, row, role);
}

export function openAlertCount(db: Db): number {
  return statement<[], { n: number }>(db, 'SELECT count(*) AS n FROM alerts WHERE resolved_at IS NULL').get()!
    .n;
}

/** 我已到场: the first arrival is kept (who reached the person first matters for the record). */
export function arriveAtAlert(db: Db, user: { id: number; role: Role }, id: number): Alert {
  statement(
    db,
    'UPDATE alerts SET acknowledged_at = ?, acknowledged_by = ? WHERE id = ? AND acknowledged_at IS NULL',
  ).run(nowIso(), user.id, id);
  audit(db, user.id, 'alert.arrive', String(id));
  const alert = getAlert(db, user.role, id);
  publish({ type: 'alerts.changed', open: openAlertCount(db) });
  return alert;
}

/** The safety check is what closes a person's alerts: every open one of theirs is resolved by it. */
export function resolveAlertsOf(db: Db, userId: number, personId: number): number {
  return statement(
    db,
    'UPDATE alerts SET resolved_at = ?, resolved_by = ? WHERE person_id = ? AND resolved_at IS NULL',
  ).run(nowIso(), userId, personId).changes;
}
