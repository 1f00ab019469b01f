import { AppError, refusal } from '../../../shared/api/errors';
import { z } from 'zod';
import type {
  PersonScreening,
  ScreeningMode,
  ScreeningOutcome,
  ScreeningSession,
  UnsubmittedSheet,
} from '../../../shared/api/screening';
import { consentFor } from '../../../shared/screening/consent';
import {
  findItem,
  isOptionValue,
  scoreInstrument,
  scoreResultSchema,
  type InstrumentDefinition,
  type Programme,
} from '../../../shared/instruments';
import { criticalAnswerTier, evaluateTier, sameReason, tierResultSchema } from '../../../shared/tiers';
import type { Db } from '../../db/database';
import { nowIso } from '../../db/database';
import { batteryColumn, parseJsonColumn } from '../../db/json-column';
import { statement } from '../../db/statements';
import { findDefinition } from '../instruments';
import { getPerson } from '../people/people';
import { activeRuleSet } from '../tier-rules';
import { flagCriticalAnswer, flagFromScreening } from '../cases/cases';
import { committing, publishAfterCommit } from '../events';
import { askInPersonIfCriticalBlank } from '../cases/confirm-in-person';
import { openAlertCount, raiseAlertIfCritical } from './alerts';
import { campaignTerms, setParticipantStatus } from './campaigns';
import { admitParticipant } from './participants';
import { alertAad, answerAad, openNumber, sealNumber, sealResult } from '../clinical/vault';
import { campaignClosed, notParticipant } from './refusals';

interface ScreeningRow {
  id: number;
  campaign_id: number | null;
  person_id: number;
  programme: Programme;
  battery: string;
  mode: ScreeningMode;
  status: ScreeningSession['status'];
  level: string | null;
  tier: string | null;
  consented_at: string | null;
}

function screeningRow(db: Db, id: number): ScreeningRow {
  const row = statement<[number], ScreeningRow>(db, 'SELECT * FROM screenings WHERE id = ?').get(id);
  if (!row) throw new AppError('not_found', `No screening ${id}.`);
  return row;
}

/**
 * The sheet's answers this session can read. An answer sealed by another process to a clinical key
 * this session does not hold (a screener's station restarted) counts as not yet answered: the
 * respondent answers it again and the new answer overwrites it. Scoring at submit therefore
 * always works on plaintext this process holds.
 */
function answersOf(db: Db, screeningId: number): Record<string, Record<string, number>> {
  const answers: Record<string, Record<string, number>> = {};
  for (const a of statement<[number], { instrument_id: string; item_id: string; value: string }>(
    db,
    'SELECT instrument_id, item_id, value FROM screening_answers WHERE screening_id = ?',
  ).all(screeningId)) {
    const value = openNumber(db, answerAad(screeningId, a.instrument_id, a.item_id), a.value);
    if (value !== null) (answers[a.instrument_id] ??= {})[a.item_id] = value;
  }
  return answers;
}

export function screeningSession(db: Db, screeningId: number): ScreeningSession {
  const row = screeningRow(db, screeningId);
  const campaign = row.campaign_id === null ? null : campaignTerms(db, row.campaign_id);
  return {
    screeningId: row.id,
    personId: row.person_id,
    name: getPerson(db, row.person_id).name,
    programme: row.programme,
    battery: batteryOf(row.battery, 'screenings.battery'),
    answers: answersOf(db, row.id),
    status: row.status,
    consented: row.consented_at !== null,
    consentText: consentFor(row.programme, campaign?.consentText, 'zh'),
    showResult: campaign?.showResult ?? false,
  };
}

/**
 * Opens a sheet, or resumes the one already in progress for this person in this campaign.
 * `separate` always opens a new sheet, even beside another channel's open or submitted one: an
 * import the user chose to keep must never merge its answers into a station or kiosk sheet.
 */
export function startScreening(
  db: Db,
  screenerId: number | null,
  input: {
    campaignId?: number;
    personId: number;
    mode: ScreeningMode;
    seat?: string;
    battery?: string[];
    separate?: boolean;
  },
): ScreeningSession {
  const person = getPerson(db, input.personId);
  let battery = input.battery;
  let programme: Programme = person.kind === 'student' ? 'school' : 'perinatal';
  if (input.campaignId !== undefined) {
    const campaign = campaignTerms(db, input.campaignId);
    if (campaign.status !== 'open') throw campaignClosed(input.campaignId);
    // The campaign's criteria decide, today: someone registered after it began may join.
    const participant = admitParticipant(db, input.campaignId, input.personId);
    if (!participant) throw notParticipant();
    if (participant.status === 'done' && !input.separate)
      throw refusal('conflict', 'screening.already_done', 'This person has already completed the campaign.');
    battery = batteryOf(participant.battery, 'campaign_participants.battery');
    programme = campaign.programme;
    const open = statement<[number, number], { id: number }>(
      db,
      "SELECT id FROM screenings WHERE campaign_id = ? AND person_id = ? AND status = 'in_progress' ORDER BY id DESC",
    ).get(input.campaignId, input.personId);
    if (open && !input.separate) {
      if (input.seat) statement(db, 'UPDATE screenings SET seat = ? WHERE id = ?').run(input.seat, open.id);
      boardChanged(db, input.campaignId);
      return screeningSession(db, open.id);
    }
  }
  if (!battery?.length) throw new AppError('invalid_input', 'A screening needs a campaign or a battery.');
  battery.forEach((id) => findDefinition(db, id));
  const id = committing(db, () =>
    db.transaction(() => {
      const { lastInsertRowid } = statement(
        db,
        `INSERT INTO screenings (campaign_id, person_id, programme, battery, mode, status, seat, screener_id, started_at)
         VALUES (?, ?, ?, ?, ?, 'in_progress', ?, ?, ?)`,
      ).run(
        input.campaignId ?? null,
        person.id,
        programme,
        JSON.stringify(battery),
        input.mode,
        input.seat ?? null,
        screenerId,
        nowIso(),
      );
      if (input.campaignId !== undefined)
        setParticipantStatus(db, input.campaignId, person.id, 'in_progress');
      boardChanged(db, input.campaignId ?? null);
      return Number(lastInsertRowid);
    })(),
  );
  return screeningSession(db, id);
}

/** The campaign's live board has something new (after the commit; coalesced by the bus). */
function boardChanged(db: Db, campaignId: number | null): void {
  if (campaignId !== null) publishAfterCommit(db, { type: 'board.changed', campaignId });
}

function requireInProgress(row: ScreeningRow): void {
  if (row.status !== 'in_progress')
    throw refusal(
      'conflict',
      'screening.already_submitted',
      `Screening ${row.id} is submitted and cannot change.`,
    );
}

/**
 * Saves one answer as it is given (synchronous, durable), so a crash never loses it. A critical
 * answer at or above its threshold is, in the same transaction, an alert and a raised case with
 * a same-day safety check (flagCriticalAnswer): on disk before the answer is acknowledged,
 * whether or not the sheet is ever submitted. Station, kiosk, paper entry and response import
 * all answer through here. The push events go out only once the outermost transaction commits.
 */
export function saveAnswer(
  db: Db,
  screeningId: number,
  instrumentId: string,
  itemId: string,
  value: number,
): void {
  const row = screeningRow(db, screeningId);
  requireInProgress(row);
  if (!batteryOf(row.battery, 'screenings.battery').includes(instrumentId)) {
    throw new AppError('invalid_input', `${instrumentId} is not part of this screening.`);
  }
  const def = findDefinition(db, instrumentId);
  if (!findItem(def, itemId)) throw new AppError('invalid_input', `No item ${itemId} in ${instrumentId}.`);
  if (!isOptionValue(def, itemId, value))
    throw new AppError('invalid_input', `${value} is not an option of ${itemId}.`);
  committing(db, () =>
    db.transaction(() => {
      statement(
        db,
        `INSERT INTO screening_answers (screening_id, instrument_id, item_id, value, answered_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (screening_id, instrument_id, item_id) DO UPDATE SET value = excluded.value, answered_at = excluded.answered_at`,
      ).run(
        screeningId,
        instrumentId,
        itemId,
        sealNumber(db, answerAad(screeningId, instrumentId, itemId), value),
        nowIso(),
      );
      // Critical-answer detection works on the plaintext in hand, before and apart from the seal.
      const alert = raiseAlertIfCritical(db, screeningId, row.person_id, def, itemId, value);
      if (alert) {
        const tier = criticalAnswerTier(activeRuleSet(db, row.programme), def, itemId, value);
        flagCriticalAnswer(db, row.person_id, row.programme, screeningId, tier);
        if (alert.raised) {
          publishAfterCommit(db, {
            type: 'alert.raised',
            alertId: alert.id,
            campaignId: row.campaign_id,
            at: nowIso(),
          });
          publishAfterCommit(db, { type: 'alerts.changed', open: openAlertCount(db) });
        }
      }
      boardChanged(db, row.campaign_id);
    })(),
  );
}

// What a respondent's outcome reads of the stored results and tier. A stored result's critical
// values may be sealed (null), so only that there were any is read.
const outcomeResultColumn = scoreResultSchema
  .pick({
    instrumentId: true,
    total: true,
    band: true,
    complete: true,
    missing: true,
    criticalUnanswered: true,
  })
  .extend({ critical: z.array(z.unknown()) });
const outcomeTierColumn = tierResultSchema.pick({
  level: true,
  reasons: true,
  possibleHigher: true,
  ruleSetId: true,
  ruleSetVersion: true,
});

const batteryOf = (text: string, what: string): string[] => parseJsonColumn(batteryColumn, text, what);

function outcome(
  screeningId: number,
  results: readonly z.infer<typeof outcomeResultColumn>[],
  tier: z.infer<typeof outcomeTierColumn>,
): ScreeningOutcome {
  return {
    screeningId,
    level: tier.level,
    reasons: tier.reasons,
    results: results.map((r) => ({
      instrumentId: r.instrumentId,
      total: r.total,
      band: r.band,
      critical: r.critical.length > 0,
      complete: r.complete,
      missing: r.missing.length,
      criticalUnanswered: r.criticalUnanswered.map((c) => c.number),
    })),
    possibleHigher: tier.possibleHigher,
    ruleSet: `${tier.ruleSetId}@${tier.ruleSetVersion}`,
  };
}

/**
 * Scores every instrument, levels the battery with the programme's active rules and stores
 * both with the thresholds used. Kiosk and station sheets must be complete; paper and
 * imported ones may have gaps (scored as instruments.md says).
 */
export function submitScreening(
  db: Db,
  screeningId: number,
  { allowIncomplete = false, submittedAt }: { allowIncomplete?: boolean; submittedAt?: string } = {},
): ScreeningOutcome {
  const row = screeningRow(db, screeningId);
  requireInProgress(row);
  const answers = answersOf(db, screeningId);
  const results = batteryOf(row.battery, 'screenings.battery').map((id) =>
    scoreInstrument(findDefinition(db, id), answers[id] ?? {}),
  );
  const missing = results.filter((r) => !r.complete);
  // Only paper and imported sheets may have gaps; on a screen every item must be answered.
  const gapsAllowed = allowIncomplete && (row.mode === 'paper' || row.mode === 'import');
  if (missing.length && !gapsAllowed) {
    const items = missing.map((r) => `${r.instrumentId} ${r.missing.length}`).join(', ');
    throw refusal('invalid_input', 'screening.unanswered', `Unanswered items: ${items}.`, { items });
  }
  const tier = evaluateTier(activeRuleSet(db, row.programme), results);
  committing(db, () =>
    db.transaction(() => {
      const store = statement(
        db,
        `INSERT INTO screening_results (screening_id, instrument_id, version, total, band, critical, complete, result)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      for (const r of results) {
        store.run(
          screeningId,
          r.instrumentId,
          r.version,
          r.total,
          r.band,
          r.critical.length ? 1 : 0,
          r.complete ? 1 : 0,
          sealResult(db, screeningId, r),
        );
      }
      statement(
        db,
        "UPDATE screenings SET status = 'submitted', submitted_at = ?, level = ?, tier = ? WHERE id = ?",
      ).run(submittedAt ?? nowIso(), tier.level, JSON.stringify(tier), screeningId);
      if (row.campaign_id !== null) setParticipantStatus(db, row.campaign_id, row.person_id, 'done');
      flagFromScreening(
        db,
        row.person_id,
        row.programme,
        screeningId,
        tier,
        results.some((r) => r.critical.length > 0),
      );
      askInPersonIfCriticalBlank(db, row.person_id, row.programme, screeningId, tier, results);
      boardChanged(db, row.campaign_id);
    })(),
  );
  return outcome(screeningId, results, tier);
}

/** The respondent agreed on the consent screen; kept so a resumed sheet does not ask again. */
export function consentScreening(db: Db, screeningId: number): void {
  statement(
    db,
    "UPDATE screenings SET consented_at = coalesce(consented_at, ?) WHERE id = ? AND status = 'in_progress'",
  ).run(nowIso(), screeningId);
}

/** A respondent may decline (中小学心理健康教育指导纲要: never force a test); the decline is recorded. */
export function declineScreening(db: Db, screeningId: number): void {
  const row = screeningRow(db, screeningId);
  requireInProgress(row);
  committing(db, () =>
    db.transaction(() => {
      statement(db, "UPDATE screenings SET status = 'declined', submitted_at = ? WHERE id = ?").run(
        nowIso(),
        screeningId,
      );
      if (row.campaign_id !== null) setParticipantStatus(db, row.campaign_id, row.person_id, 'declined');
      boardChanged(db, row.campaign_id);
    })(),
  );
}

export function storedOutcome(db: Db, screeningId: number): ScreeningOutcome {
  const row = screeningRow(db, screeningId);
  if (!row.tier) throw new AppError('not_found', 'Not scored yet.');
  const stored = new Map(
    statement<[number], { instrument_id: string; result: string }>(
      db,
      'SELECT instrument_id, result FROM screening_results WHERE screening_id = ?',
    )
      .all(screeningId)
      .map((r) => [
        r.instrument_id,
        parseJsonColumn(outcomeResultColumn, r.result, 'screening_results.result'),
      ]),
  );
  const results = batteryOf(row.battery, 'screenings.battery').flatMap((id) => stored.get(id) ?? []);
  return outcome(screeningId, results, parseJsonColumn(outcomeTierColumn, row.tier, 'screenings.tier'));
}

/** Every submitted screening of a person, newest first, for the individual file and its trend chart. */
export function personScreenings(db: Db, personId: number): PersonScreening[] {
  return statement<
    [number],
    {
      id: number;
      mode: ScreeningMode;
      submitted_at: string;
      campaign: string | null;
      screener: string | null;
    }
  >(
    db,
    `SELECT s.id, s.mode, s.submitted_at, c.name AS campaign, u.display_name AS screener
       FROM screenings s LEFT JOIN campaigns c ON c.id = s.campaign_id LEFT JOIN users u ON u.id = s.screener_id
       WHERE s.person_id = ? AND s.status = 'submitted' ORDER BY s.submitted_at DESC, s.id DESC`,
  )
    .all(personId)
    .map((s) => ({
      ...storedOutcome(db, s.id),
      mode: s.mode,
      submittedAt: s.submitted_at,
      campaignName: s.campaign,
      screener: s.screener,
    }));
}

/**
 * A person's sheets that were never submitted but hold a critical answer (未完成（含关键条目阳性）),
 * newest first, with the level and reasons those answers earned (criticalAnswerTier) — the file,
 * the timeline and the referral history must not read 暂无测评记录 for them.
 */
export function unsubmittedCriticalSheets(db: Db, personId: number): UnsubmittedSheet[] {
  const sheets = statement<
    [number],
    {
      id: number;
      programme: Programme;
      mode: ScreeningMode;
      status: 'in_progress' | 'declined';
      campaign: string | null;
      screener: string | null;
      answeredAt: string;
    }
  >(
    db,
    `SELECT s.id, s.programme, s.mode, s.status, c.name AS campaign, u.display_name AS screener,
            (SELECT min(a.raised_at) FROM alerts a WHERE a.screening_id = s.id) AS answeredAt
       FROM screenings s LEFT JOIN campaigns c ON c.id = s.campaign_id LEFT JOIN users u ON u.id = s.screener_id
       WHERE s.person_id = ? AND s.status <> 'submitted' AND EXISTS (SELECT 1 FROM alerts a WHERE a.screening_id = s.id)
       ORDER BY answeredAt DESC, s.id DESC`,
  ).all(personId);
  const alertsOf = statement<[number], { instrumentId: string; itemId: string; value: string }>(
    db,
    'SELECT instrument_id AS instrumentId, item_id AS itemId, value FROM alerts WHERE screening_id = ? ORDER BY id',
  );
  return sheets.map((sheet) => {
    const ruleSet = activeRuleSet(db, sheet.programme);
    const rank = (level: string) => ruleSet.levels.findIndex((l) => l.id === level);
    const critical: UnsubmittedSheet['critical'] = [];
    const reasons: UnsubmittedSheet['reasons'] = [];
    let level: string | null = null;
    for (const a of alertsOf.all(sheet.id)) {
      const def = findDefinition(db, a.instrumentId);
      const tier = criticalAnswerTier(ruleSet, def, a.itemId, alertValue(db, sheet.id, def, a));
      critical.push({ instrumentId: a.instrumentId, itemNumber: findItem(def, a.itemId)?.number ?? 0 });
      for (const r of tier.reasons) if (!reasons.some((x) => sameReason(x, r))) reasons.push(r);
      if (level === null || rank(tier.level) < rank(level)) level = tier.level;
    }
    return {
      screeningId: sheet.id,
      campaignName: sheet.campaign,
      mode: sheet.mode,
      status: sheet.status,
      answeredAt: sheet.answeredAt,
      screener: sheet.screener,
      level: level ?? ruleSet.levels[0]!.id,
      reasons,
      critical,
    };
  });
}

/**
 * An alert's answer value, for levelling: an alert exists only for an answer at or above its item's
 * threshold, so a session that cannot open the value (no clinical key) levels it by the threshold.
 */
function alertValue(
  db: Db,
  screeningId: number,
  def: InstrumentDefinition,
  alert: { itemId: string; value: string },
): number {
  return (
    openNumber(db, alertAad(screeningId, def.id, alert.itemId), alert.value) ??
    def.criticalItems.find((c) => c.item === alert.itemId)?.min ??
    0
  );
}

/**
 * Run when the data is unlocked: an open alert on a sheet never submitted whose person has no
 * case flag for that sheet — a critical answer recorded by a version that opened cases only on
 * submit — gets its case, reason and safety check now, as if it had been answered today. Does
 * nothing once every such answer is flagged (the flag is looked for on any case of the person, so
 * a case someone has since closed is not reopened).
 */
export function flagCriticalAnswersLeftBehind(db: Db): number {
  const pending = statement<
    [],
    {
      screeningId: number;
      personId: number;
      programme: Programme;
      instrumentId: string;
      itemId: string;
      value: string;
    }
  >(
    db,
    // Runs at every log-in, so the few open alerts of unsubmitted sheets are found first (one pass
    // over the open alerts); only those are looked for among their person's case events. Asked the
    // other way round, SQLite checked the events of every open alert: 11 s on 150,000 screenings.
    `WITH open_unsubmitted AS MATERIALIZED (
       SELECT a.id, a.screening_id, a.person_id, s.programme, a.instrument_id, a.item_id, a.value
         FROM alerts a JOIN screenings s ON s.id = a.screening_id
        WHERE a.resolved_at IS NULL AND s.status <> 'submitted')
     SELECT o.screening_id AS screeningId, o.person_id AS personId, o.programme, o.instrument_id AS instrumentId,
            o.item_id AS itemId, o.value
       FROM open_unsubmitted o
      WHERE NOT EXISTS (SELECT 1 FROM cases c JOIN case_events e ON e.case_id = c.id
              WHERE c.person_id = o.person_id AND e.kind = 'flagged'
                AND json_extract(e.detail, '$.screeningId') = o.screening_id)
      ORDER BY o.id`,
  ).all();
  if (pending.length === 0) return 0;
  db.transaction(() => {
    for (const p of pending) {
      const def = findDefinition(db, p.instrumentId);
      const tier = criticalAnswerTier(
        activeRuleSet(db, p.programme),
        def,
        p.itemId,
        alertValue(db, p.screeningId, def, p),
      );
      flagCriticalAnswer(db, p.personId, p.programme, p.screeningId, tier);
    }
  })();
  return pending.length;
}
