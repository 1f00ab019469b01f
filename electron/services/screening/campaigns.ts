import { AppError, refusal } from '../../../shared/api/errors';
import { NO_MATCH_MESSAGE, NO_MATCH_MESSAGE_PERINATAL } from '../station/messages';
import { z } from 'zod';
import type {
  Campaign,
  CampaignInput,
  CampaignProgress,
  CreatedCampaign,
} from '../../../shared/api/screening';
import {
  campaignInputSchema,
  campaignTargetSchema,
  campaignWarnings,
  defaultSignIn,
  SIGN_IN_MODES,
} from '../../../shared/api/screening';
import type { Db } from '../../db/database';
import { nowIso } from '../../db/database';
import { parseJsonColumn } from '../../db/json-column';
import { statement } from '../../db/statements';
import { audit } from '../audit';
import { findDefinition, isInstrumentEnabled } from '../instruments';
import { admitParticipant, syncParticipants } from './participants';
import { GROUP_ORDER_SQL, GROUP_SQL } from './groups';
import { DEFAULT_CONSENT } from '../../../shared/screening/consent';
import { handbookShared } from '../people/person-numbers';

interface CampaignRow {
  id: number;
  name: string;
  programme: Campaign['programme'];
  starts_on: string;
  ends_on: string;
  targets: string;
  consent_text: string;
  show_result: number;
  status: Campaign['status'];
  created_at: string;
  participants: number;
  sign_in: Campaign['signIn'];
}

const targetsColumn = z.array(campaignTargetSchema);

const toCampaign = (r: CampaignRow): Campaign => ({
  id: r.id,
  name: r.name,
  programme: r.programme,
  startsOn: r.starts_on,
  endsOn: r.ends_on,
  targets: parseJsonColumn(targetsColumn, r.targets, 'campaigns.targets'),
  consentText: r.consent_text,
  showResult: r.show_result === 1,
  signIn: r.sign_in,
  status: r.status,
  createdAt: r.created_at,
  participants: r.participants,
});

const SELECT_CAMPAIGN = `SELECT c.*, (SELECT count(*) FROM campaign_participants WHERE campaign_id = c.id) AS participants
  FROM campaigns c`;

export function getCampaign(db: Db, id: number): Campaign {
  const row = statement<[number], CampaignRow>(db, `${SELECT_CAMPAIGN} WHERE c.id = ?`).get(id);
  if (!row) throw new AppError('not_found', `No campaign ${id}.`);
  return toCampaign(row);
}

/** What a sheet needs of its campaign, without counting the participants (a hot path at the station). */
export function campaignTerms(
  db: Db,
  id: number,
): Pick<Campaign, 'programme' | 'status' | 'consentText' | 'showResult' | 'signIn'> {
  const row = statement<
    [number],
    Pick<CampaignRow, 'programme' | 'status' | 'consent_text' | 'show_result' | 'sign_in'>
  >(db, 'SELECT programme, status, consent_text, show_result, sign_in FROM campaigns WHERE id = ?').get(id);
  if (!row) throw new AppError('not_found', `No campaign ${id}.`);
  return {
    programme: row.programme,
    status: row.status,
    consentText: row.consent_text,
    showResult: row.show_result === 1,
    signIn: row.sign_in,
  };
}

export function listCampaigns(db: Db): Campaign[] {
  syncParticipants(db);
  return statement<[], CampaignRow>(db, `${SELECT_CAMPAIGN} ORDER BY c.starts_on DESC, c.id DESC`)
    .all()
    .map(toCampaign);
}

export function createCampaign(db: Db, userId: number, raw: CampaignInput): CreatedCampaign {
  const input = campaignInputSchema.parse(raw);
  if (input.endsOn < input.startsOn)
    throw refusal('invalid_input', 'campaigns.ends_before_start', 'The end date is before the start date.');
  const signIn = input.signIn ?? defaultSignIn(input.programme);
  if (!SIGN_IN_MODES[input.programme].includes(signIn))
    throw new AppError(
      'invalid_input',
      `signIn: ${signIn} does not apply to ${input.programme} campaigns; use ${SIGN_IN_MODES[input.programme].join(' / ')}.`,
      { issues: [{ path: 'signIn', message: `one of ${SIGN_IN_MODES[input.programme].join(', ')}` }] },
    );
  for (const id of input.targets.flatMap((t) => t.battery)) {
    // A parent-report school form (PSC-17) has no place in a maternal service, nor EPDS at a school.
    const { programmes } = findDefinition(db, id).population;
    if (!programmes.includes(input.programme))
      throw refusal(
        'invalid_input',
        'campaigns.instrument_not_for_programme',
        `${id} is for ${programmes.join('/')} campaigns, not ${input.programme}.`,
        { instrument: id, programme: input.programme, meantFor: programmes.join('/') },
      );
    if (!isInstrumentEnabled(db, id))
      throw refusal('invalid_input', 'campaigns.instrument_disabled', `${id} is disabled.`, {
        instrument: id,
      });
  }
  const id = db.transaction(() => {
    const { lastInsertRowid } = statement(
      db,
      `INSERT INTO campaigns (name, programme, starts_on, ends_on, targets, consent_text, show_result, sign_in, created_at, created_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      input.name,
      input.programme,
      input.startsOn,
      input.endsOn,
      JSON.stringify(input.targets),
      input.consentText ?? DEFAULT_CONSENT[input.programme].zh,
      input.showResult ? 1 : 0,
      signIn,
      nowIso(),
      userId,
    );
    const campaignId = Number(lastInsertRowid);
    // Who matches today is listed at once (the count 应测 the dialog reports); later sign-ins and
    // listings evaluate the criteria again (participants.ts).
    syncParticipants(db, [campaignId], { force: true });
    audit(db, userId, 'campaign.create', String(campaignId));
    return campaignId;
  })();
  const warnings = campaignWarnings(
    input.targets.map((t) => t.battery),
    (instrumentId) => findDefinition(db, instrumentId).criticalItems.length > 0,
  );
  return { ...getCampaign(db, id), warnings };
}

export function setParticipantStatus(db: Db, campaignId: number, personId: number, status: string): void {
  statement(
    db,
    'UPDATE campaign_participants SET status = ?, updated_at = ? WHERE campaign_id = ? AND person_id = ?',
  ).run(status, nowIso(), campaignId, personId);
}

export function campaignProgress(db: Db, campaignId: number): CampaignProgress {
  syncParticipants(db, [campaignId]);
  const campaign = getCampaign(db, campaignId);
  const people = statement<
    [number],
    Omit<CampaignProgress['people'][number], 'criticalUnsubmitted'> & { criticalUnsubmitted: number }
  >(
    db,
    `SELECT p.id AS personId, p.name, coalesce(p.student_no, p.handbook_no) AS number, ${GROUP_SQL} AS "group",
              cp.status,
              (SELECT s.level FROM screenings s WHERE s.campaign_id = cp.campaign_id AND s.person_id = p.id AND s.status = 'submitted'
               ORDER BY s.submitted_at DESC LIMIT 1) AS level,
              (SELECT s.seat FROM screenings s WHERE s.campaign_id = cp.campaign_id AND s.person_id = p.id
               ORDER BY s.started_at DESC LIMIT 1) AS seat,
              EXISTS (SELECT 1 FROM screenings s JOIN alerts a ON a.screening_id = s.id
                WHERE s.campaign_id = cp.campaign_id AND s.person_id = p.id AND s.status = 'in_progress') AS criticalUnsubmitted
       FROM campaign_participants cp JOIN people p ON p.id = cp.person_id
       WHERE cp.campaign_id = ? ORDER BY ${GROUP_ORDER_SQL}, p.name_pinyin`,
  )
    .all(campaignId)
    .map((p) => ({ ...p, criticalUnsubmitted: p.criticalUnsubmitted === 1 }));
  const empty = () => ({ total: 0, due: 0, in_progress: 0, done: 0, declined: 0, absent: 0 });
  const overall = empty();
  const groups = new Map<string, ReturnType<typeof empty>>();
  for (const p of people) {
    const group = groups.get(p.group) ?? empty();
    groups.set(p.group, group);
    for (const counts of [overall, group]) {
      counts.total++;
      counts[p.status]++;
    }
  }
  return {
    campaign,
    overall,
    groups: [...groups].map(([group, counts]) => ({ group, ...counts })),
    people,
    criticalUnsubmitted: people.filter((p) => p.criticalUnsubmitted).length,
  };
}

/**
 * Finds a participant from what a respondent types at the kiosk: 学籍号 + birth date for a
 * student, 手册编号 or ID number for a woman. The campaign's criteria are evaluated for the person
 * found (a person registered after the campaign began who matches is admitted). One message for
 * every failure, so the screen never reveals whether someone exists.
 */
export function identifyParticipant(db: Db, campaignId: number, number: string, birthDate?: string): number {
  const typed = number.trim();
  const key = typed.toUpperCase();
  // A student by 学籍号 + birth date; else a woman by handbook or ID number (as before criteria).
  const students =
    birthDate === undefined
      ? []
      : statement<[string, string, string], { id: number }>(
          db,
          `SELECT id FROM people WHERE kind = 'student' AND student_no IN (?, ?) AND birth_date = ? ORDER BY id`,
        ).all(typed, key, birthDate);
  // A handbook number two women share (older data) identifies neither of them.
  const shared = Number(handbookShared(db, key));
  const women = statement<[string, number, string], { id: number }>(
    db,
    `SELECT id FROM people WHERE kind = 'woman' AND ((upper(handbook_no) = ? AND ? = 0) OR id_number = ?) ORDER BY id`,
  ).all(key, shared, key);
  const candidates = [...students, ...women];
  const found = candidates.find((p) => admitParticipant(db, campaignId, p.id) !== null);
  if (!found)
    throw new AppError('not_found', birthDate === undefined ? NO_MATCH_MESSAGE_PERINATAL : NO_MATCH_MESSAGE);
  return found.id;
}
