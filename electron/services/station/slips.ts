import type { Slip } from '../../../shared/api/station';
import { formatSlipCode, normaliseCode } from '../../../shared/station/codes';
import type { Db } from '../../db/database';
import { statement } from '../../db/statements';
import { audit } from '../audit';
import { getCampaign } from '../screening/campaigns';
import { GROUP_ORDER_SQL, GROUP_SQL } from '../screening/groups';
import { syncParticipants } from '../screening/participants';
import { randomCode } from './codes';

const SLIP_LENGTH = 8;

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/**
 * The slips to print for a campaign, in class order. Codes are made on the first call and
 * kept, so a reprint hands out the same codes.
 */
export function campaignSlips(db: Db, userId: number, campaignId: number): Slip[] {
  getCampaign(db, campaignId);
  // Slips go to whoever the criteria name today (someone imported since creation gets one).
  syncParticipants(db, [campaignId]);
  db.transaction(() => {
    const missing = db
      .prepare<[number], { person_id: number }>(
        'SELECT person_id FROM campaign_participants WHERE campaign_id = ? AND slip_code IS NULL',
      )
      .all(campaignId);
    const set = db.prepare(
      'UPDATE campaign_participants SET slip_code = ? WHERE campaign_id = ? AND person_id = ?',
    );
    for (const { person_id } of missing) {
      // A collision is vanishingly rare; the unique index catches it and a new code is drawn.
      for (;;) {
        try {
          set.run(randomCode(SLIP_LENGTH), campaignId, person_id);
          break;
        } catch (error) {
          if (!isUniqueViolation(error)) throw error;
        }
      }
    }
    audit(db, userId, 'campaign.slips', String(campaignId), { count: missing.length });
  })();
  return db
    .prepare<[number], { personId: number; name: string; group: string; slipCode: string }>(
      `SELECT p.id AS personId, p.name, ${GROUP_SQL} AS "group", cp.slip_code AS slipCode
       FROM campaign_participants cp JOIN people p ON p.id = cp.person_id
       WHERE cp.campaign_id = ? ORDER BY ${GROUP_ORDER_SQL}, p.name_pinyin`,
    )
    .all(campaignId)
    .map((s) => ({ ...s, slipCode: formatSlipCode(s.slipCode) }));
}

/** The participant a typed slip code belongs to in this campaign, or null. */
export function participantBySlip(db: Db, campaignId: number, typed: string): number | null {
  const row = statement<[number, string], { person_id: number }>(
    db,
    'SELECT person_id FROM campaign_participants WHERE campaign_id = ? AND slip_code = ?',
  ).get(campaignId, normaliseCode(typed));
  return row?.person_id ?? null;
}
