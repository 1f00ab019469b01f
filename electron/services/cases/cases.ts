import { openDetail, sealDetail } from '../clinical/vault';
import type {
  Case,
  FollowUpIntervals,
  ManagedFilter,
  TaskKind,
  WorklistItem,
} from '../../../shared/api/cases';
import { DEFAULT_INTERVALS, followUpIntervalsSchema, type ReferralDetails } from '../../../shared/api/cases';
import { AppError, refusal } from '../../../shared/api/errors';
import { isCaseOpen } from '../../../shared/cases/transitions';
import { caseOpenedOn, eventDateProblem } from '../../../shared/cases/dates';
import type { Programme } from '../../../shared/instruments';
import { addDays, todayIso } from '../../../shared/people';
import { z } from 'zod';
import {
  reasonFact,
  reasonFactSchema,
  sameReason,
  type ReasonFact,
  type TierResult,
} from '../../../shared/tiers';
import type { Db } from '../../db/database';
import { nowIso } from '../../db/database';
import { parseJsonColumn } from '../../db/json-column';
import { audit } from '../audit';
import { GROUP_SQL } from '../screening/groups';
import { getSetting, setSetting } from '../settings';
import { activeRuleSet } from '../tier-rules';
import { scopeCondition } from '../scope';
import type { ClassRef } from '../../../shared/api/auth';
import { blankCriticalReasons } from './blank-reasons';
import { caseReferrals, insertReferral, suggestedColour } from './referrals';
import { applyAction } from './task-effects';
import { followUpActions, safetyCheckActions } from '../../../shared/cases/tasks';
import { statement } from '../../db/statements';
import { publish } from '../events';
import { openAlertCount, resolveAlertsOf } from '../screening/alerts';

export function followUpIntervals(db: Db, programme: Programme): FollowUpIntervals {
  const saved = getSetting(db, `followUp.intervals.${programme}`);
  return saved
    ? parseJsonColumn(followUpIntervalsSchema, saved, `setting followUp.intervals.${programme}`)
    : DEFAULT_INTERVALS[programme];
}

export function saveFollowUpIntervals(
  db: Db,
  userId: number,
  programme: Programme,
  intervals: FollowUpIntervals,
): FollowUpIntervals {
  const levels = activeRuleSet(db, programme).levels.map((l) => l.id);
  const unknown = Object.keys(intervals).filter((level) => !levels.includes(level));
  if (unknown.length) throw new AppError('invalid_input', `Unknown level(s): ${unknown.join(', ')}.`);
  setSetting(db, `followUp.intervals.${programme}`, JSON.stringify(intervals));
  audit(db, userId, 'followUp.intervals', programme);
  return intervals;
}

/** The levels that open a case: those that have a follow-up interval. */
const isFlagged = (db: Db, programme: Programme, level: string) => level in followUpIntervals(db, programme);

export interface CaseRow {
  id: number;
  person_id: number;
  programme: Programme;
  status: Case['status'];
  screen_level: string;
  confirmed_level: string | null;
  opened_at: string;
  colour: Case['colour'];
  purple: number;
  managed_since: string | null;
  responsible_id: number | null;
  screening_id: number | null;
}

export function caseRow(db: Db, id: number): CaseRow {
  const row = db.prepare<[number], CaseRow>('SELECT * FROM cases WHERE id = ?').get(id);
  if (!row) throw new AppError('not_found', `No case ${id}.`);
  return row;
}

export const levelOf = (row: CaseRow) => row.confirmed_level ?? row.screen_level;

export function requireOpen(row: CaseRow): void {
  if (!isCaseOpen(row.status))
    throw refusal('conflict', 'cases.not_open', `Case ${row.id} is lifted or closed.`);
}

/**
 * The day a step on the case took place (面谈, 安全评估): today when not given; refused when after
 * today or before the case was opened, each with its own reason.
 */
export function eventDay(row: CaseRow, heldOn: string | undefined): string {
  const day = heldOn ?? todayIso();
  const problem = eventDateProblem(day, row.opened_at);
  if (problem === 'future')
    throw refusal('invalid_input', 'cases.event_date_future', `The date ${day} is after today.`, {
      date: day,
    });
  if (problem === 'before_opened') {
    const openedOn = caseOpenedOn(row.opened_at);
    throw refusal(
      'invalid_input',
      'cases.event_date_before_opened',
      `The date ${day} is before the case was opened (${openedOn}).`,
      { date: day, openedOn },
    );
  }
  return day;
}

export function addEvent(
  db: Db,
  caseId: number,
  kind: string,
  userId: number | null,
  detail: object,
  levels: { before?: string | null; after?: string | null } = {},
): void {
  const at = nowIso();
  statement(
    db,
    'INSERT INTO case_events (case_id, at, kind, user_id, level_before, level_after, detail) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(
    caseId,
    at,
    kind,
    userId,
    levels.before ?? null,
    levels.after ?? null,
    // The record itself (what was said, found, planned) is sealed; dates and next steps stay readable.
    sealDetail(db, caseId, kind, at, detail),
  );
}

/** A new case at `level` for a screening, with its first contact planned by the level's interval. */
function openCase(
  db: Db,
  personId: number,
  programme: Programme,
  level: string,
  screeningId: number,
): number {
  const caseId = Number(
    statement(
      db,
      "INSERT INTO cases (person_id, programme, status, screen_level, screening_id, opened_at) VALUES (?, ?, 'open', ?, ?, ?)",
    ).run(personId, programme, level, screeningId, nowIso()).lastInsertRowid,
  );
  applyAction(db, { id: caseId, programme }, null, 'case_opened', { level });
  return caseId;
}

const openCaseOf = (db: Db, personId: number, programme: Programme) =>
  statement<[number, Programme], CaseRow>(
    db,
    "SELECT * FROM cases WHERE person_id = ? AND programme = ? AND status = 'open'",
  ).get(personId, programme);

/**
 * Called when a screening is scored: a flagged level opens a case (or updates the open one) with
 * its first task; a fired critical item adds a same-day safety check. Unflagged results change nothing.
 */
export function flagFromScreening(
  db: Db,
  personId: number,
  programme: Programme,
  screeningId: number,
  tier: TierResult,
  critical: boolean,
): void {
  if (!isFlagged(db, programme, tier.level)) return;
  const existing = openCaseOf(db, personId, programme);
  // The sheet already raised this case when its critical item was answered.
  if (existing && answerFlag(db, existing.id, screeningId))
    return mergeSubmitted(db, existing, screeningId, tier);
  let caseId: number;
  const kept = existing !== undefined && standsOnCriticalAnswer(db, existing, tier.level);
  if (existing) {
    caseId = existing.id;
    if (!kept)
      statement(db, 'UPDATE cases SET screen_level = ?, screening_id = ? WHERE id = ?').run(
        tier.level,
        screeningId,
        caseId,
      );
  } else {
    caseId = openCase(db, personId, programme, tier.level, screeningId);
  }
  addEvent(
    db,
    caseId,
    'flagged',
    null,
    { screeningId, reasons: tier.reasons.map(reasonFact) },
    {
      before: existing ? levelOf(existing) : null,
      after: kept ? levelOf(existing!) : tier.level,
    },
  );
  if (critical) applyAction(db, { id: caseId, programme }, null, 'critical_item', { level: tier.level });
}

// ---- A critical answer, at answer time (before, and whether or not, the sheet is submitted) ----

interface AnswerFlag {
  id: number;
  reasons: ReasonFact[];
}

/** The reasons a flag event or a scored sheet stores, read as data (the level and rule dropped). */
const storedReasonsSchema = z.object({ reasons: z.array(reasonFactSchema).default([]) });
const storedReasons = (json: string | null): ReasonFact[] =>
  json ? parseJsonColumn(storedReasonsSchema, json, 'reasons').reasons : [];

/** The flag a sheet's critical answer put on a case, if any: at most one per sheet and case. */
function answerFlag(db: Db, caseId: number, screeningId: number): AnswerFlag | null {
  const row = statement<[number, number], { id: number; detail: string }>(
    db,
    `SELECT id, detail FROM case_events WHERE case_id = ? AND kind = 'flagged'
       AND json_extract(detail, '$.atAnswer') = 1 AND json_extract(detail, '$.screeningId') = ?
     ORDER BY id LIMIT 1`,
  ).get(caseId, screeningId);
  if (!row) return null;
  return { id: row.id, reasons: storedReasons(row.detail) };
}

const rankIn = (db: Db, programme: Programme) => {
  const order = activeRuleSet(db, programme).levels.map((l) => l.id);
  return (level: string) => {
    const i = order.indexOf(level);
    return i < 0 ? order.length : i;
  };
};

/**
 * Inside the answer's own transaction: a critical item answered at or above its threshold opens
 * the person's case, or raises the open one, to the level the rules give that answer
 * (`criticalAnswerTier`: school red, perinatal critical), with the rules' reason and a safety
 * check due today — the sheet may never be submitted, and an adult must still go.
 *
 * Idempotent per sheet: answering again, or a second critical item of the same sheet, only adds
 * its reason to that sheet's flag; no second event, no second safety check. An answer later
 * changed to a non-critical value leaves the case and its safety check as they are on purpose:
 * the student did say it, and only an adult who has checked (safety check, interview) may end it.
 */
export function flagCriticalAnswer(
  db: Db,
  personId: number,
  programme: Programme,
  screeningId: number,
  tier: TierResult,
): number {
  const reasons = tier.reasons.map(reasonFact);
  const existing = openCaseOf(db, personId, programme);
  const flag = existing ? answerFlag(db, existing.id, screeningId) : null;
  if (existing && flag) {
    const added = reasons.filter((r) => !flag.reasons.some((f) => sameReason(f, r)));
    if (added.length) {
      statement(
        db,
        "UPDATE case_events SET detail = json_set(detail, '$.reasons', json(?)) WHERE id = ?",
      ).run(JSON.stringify([...flag.reasons, ...added]), flag.id);
    }
    return existing.id;
  }
  let caseId: number;
  let after = tier.level;
  if (existing) {
    caseId = existing.id;
    const rank = rankIn(db, programme);
    const before = levelOf(existing);
    // A critical answer outranks an interview's lower confirmation: the case shows the new,
    // more urgent level until someone interviews again (the event keeps what it was).
    if (rank(tier.level) < rank(before)) {
      statement(
        db,
        'UPDATE cases SET screen_level = ?, confirmed_level = NULL, screening_id = ? WHERE id = ?',
      ).run(tier.level, screeningId, caseId);
    } else {
      after = before;
      statement(db, 'UPDATE cases SET screening_id = ? WHERE id = ?').run(screeningId, caseId);
    }
  } else {
    caseId = openCase(db, personId, programme, tier.level, screeningId);
  }
  addEvent(
    db,
    caseId,
    'flagged',
    null,
    { screeningId, reasons, atAnswer: true },
    { before: existing ? levelOf(existing) : null, after },
  );
  applyAction(db, { id: caseId, programme }, null, 'critical_item', { level: after });
  return caseId;
}

/**
 * A case raised by a critical answer keeps its level when another sheet comes in lower: only an
 * interview lowers it (the lower sheet is still recorded as a flag of the case).
 */
function standsOnCriticalAnswer(db: Db, existing: CaseRow, level: string): boolean {
  if (existing.screening_id === null || !answerFlag(db, existing.id, existing.screening_id)) return false;
  const rank = rankIn(db, existing.programme);
  return rank(level) > rank(existing.screen_level);
}

/**
 * The submit of a sheet that raised its case at answer time: still one case, one flag and one
 * safety check. The submitted level may raise the case (recorded as a flag of its own); a lower
 * one never lowers it — only an interview does. The reasons are merged when read (caseReasons).
 */
function mergeSubmitted(db: Db, existing: CaseRow, screeningId: number, tier: TierResult): void {
  const rank = rankIn(db, existing.programme);
  if (rank(tier.level) >= rank(existing.screen_level)) return;
  statement(db, 'UPDATE cases SET screen_level = ?, screening_id = ? WHERE id = ?').run(
    tier.level,
    screeningId,
    existing.id,
  );
  addEvent(
    db,
    existing.id,
    'flagged',
    null,
    { screeningId, reasons: tier.reasons.map(reasonFact) },
    { before: levelOf(existing), after: tier.level },
  );
}

/** What a case's reasons need of a stored tier result. */

/**
 * A case's reasons: its sheet's scored reasons, then any its critical answers gave that the
 * scored sheet does not (an answer changed before submit, or a sheet never submitted).
 */
export function mergeReasons(tierJson: string | null, answerFlagDetail: string | null): ReasonFact[] {
  const scored = storedReasons(tierJson);
  const atAnswer = storedReasons(answerFlagDetail);
  return [...scored, ...atAnswer.filter((r) => !scored.some((s) => sameReason(s, r)))];
}

/** SQL for case `c`: the answer-time flag's detail for the case's sheet (null without one). */
export const ANSWER_FLAG_SQL = `(SELECT e.detail FROM case_events e WHERE e.case_id = c.id AND e.kind = 'flagged'
  AND json_extract(e.detail, '$.atAnswer') = 1 AND json_extract(e.detail, '$.screeningId') = c.screening_id
  ORDER BY e.id LIMIT 1)`;

/**
 * 当日安全评估: talked with the person and assessed the risk (in person or by phone), so it ends the
 * safety check, any 需当面确认 and 首次联系. 转介就医 makes the referral when its details are given,
 * else leaves a 办理转介 task due today (shared/cases/tasks.ts).
 */
export function recordSafetyCheck(
  db: Db,
  userId: number,
  input: {
    caseId: number;
    talked: boolean;
    riskAssessed: boolean;
    familyContacted: boolean;
    plan: 'referral' | 'emergency' | 'monitor';
    outcome: string;
    referral?: ReferralDetails | undefined;
    heldOn?: string | undefined;
  },
): Case {
  const row = caseRow(db, input.caseId);
  requireOpen(row);
  // A check that neither reached the person nor assessed the risk is not one: the task stays open.
  if (!input.talked || !input.riskAssessed)
    throw refusal(
      'invalid_input',
      'cases.safety_check_incomplete',
      'A safety check needs a talk and a risk assessment.',
    );
  const { caseId, referral, ...rest } = input;
  // The day it took place is the event's date, beside the time it was entered.
  const heldOn = eventDay(row, input.heldOn);
  const detail = { ...rest, heldOn };
  const referralMade = input.plan === 'referral' && referral !== undefined;
  db.transaction(() => {
    addEvent(db, caseId, 'safety_check', userId, detail);
    for (const action of safetyCheckActions(input.plan, referralMade)) {
      if (action === 'referral_made')
        insertReferral(db, userId, row, { ...referral!, referredOn: referral!.referredOn ?? heldOn });
      else applyAction(db, row, userId, action, { level: levelOf(row), heldOn });
    }
    resolveAlertsOf(db, userId, row.person_id);
  })();
  if (referralMade) audit(db, userId, 'referral.create', String(caseId));
  publish({ type: 'alerts.changed', open: openAlertCount(db) });
  return getCase(db, caseId);
}

/** The second stage (复核/约谈): only an interview confirms, raises or lowers a level, always with a reason. */
export function recordInterview(
  db: Db,
  userId: number,
  input: { caseId: number; summary: string; confirmedLevel: string; reason: string; heldOn?: string },
): Case {
  const row = caseRow(db, input.caseId);
  requireOpen(row);
  const heldOn = eventDay(row, input.heldOn);
  const levels = activeRuleSet(db, row.programme).levels.map((l) => l.id);
  if (!levels.includes(input.confirmedLevel)) {
    throw new AppError(
      'invalid_input',
      `Unknown level ${input.confirmedLevel}; expected one of ${levels.join(', ')}.`,
    );
  }
  db.transaction(() => {
    db.prepare(
      'UPDATE cases SET confirmed_level = ?, responsible_id = coalesce(responsible_id, ?) WHERE id = ?',
    ).run(input.confirmedLevel, userId, row.id);
    addEvent(
      db,
      row.id,
      'interview',
      userId,
      { summary: input.summary, reason: input.reason, heldOn },
      {
        before: levelOf(row),
        after: input.confirmedLevel,
      },
    );
    applyAction(db, row, userId, 'interview', { level: input.confirmedLevel, heldOn });
  })();
  audit(db, userId, 'case.interview', String(row.id));
  return getCase(db, row.id);
}

export function recordFollowUp(
  db: Db,
  userId: number,
  input: {
    caseId: number;
    heldOn?: string;
    method: string;
    content: string;
    riskChange: string;
    nextOn?: string;
    referral?: ReferralDetails | undefined;
  },
): Case {
  const row = caseRow(db, input.caseId);
  requireOpen(row);
  const today = todayIso();
  if (input.heldOn && input.heldOn > today)
    throw refusal('invalid_input', 'cases.held_on_future', 'The follow-up date is after today.');
  if (input.nextOn && input.nextOn < today)
    throw refusal('invalid_input', 'cases.next_on_past', 'The next follow-up date is before today.');
  const { caseId, referral, ...detail } = input;
  db.transaction(() => {
    addEvent(db, caseId, 'follow_up', userId, detail);
    for (const action of followUpActions(referral !== undefined)) {
      if (action === 'referral_made')
        insertReferral(db, userId, row, {
          ...referral!,
          referredOn: referral!.referredOn ?? input.heldOn ?? today,
        });
      else
        applyAction(db, row, userId, action, {
          level: levelOf(row),
          heldOn: input.heldOn,
          nextOn: input.nextOn,
        });
    }
  })();
  if (referral) audit(db, userId, 'referral.create', String(caseId));
  return getCase(db, caseId);
}

/** 解除预警: only by a recorded decision with its reason; every open task ends with it. */
export function liftCase(db: Db, userId: number, caseId: number, reason: string): Case {
  const row = caseRow(db, caseId);
  requireOpen(row);
  db.transaction(() => {
    db.prepare("UPDATE cases SET status = 'lifted', ended_at = ?, end_reason = ? WHERE id = ?").run(
      nowIso(),
      reason,
      caseId,
    );
    addEvent(db, caseId, 'lifted', userId, { reason }, { before: levelOf(row), after: null });
    // Every kind, 需当面确认 included: the recorded decision ends them all.
    applyAction(db, row, userId, 'lifted', { level: levelOf(row) });
  })();
  audit(db, userId, 'case.lift', String(caseId));
  return getCase(db, caseId);
}

export function getCase(db: Db, id: number): Case {
  const row = caseRow(db, id);
  const events = db
    .prepare<
      [number],
      {
        id: number;
        at: string;
        kind: Case['events'][number]['kind'];
        by: string | null;
        level_before: string | null;
        level_after: string | null;
        detail: string;
      }
    >(
      `SELECT e.id, e.at, e.kind, u.display_name AS by, e.level_before, e.level_after, e.detail
       FROM case_events e LEFT JOIN users u ON u.id = e.user_id WHERE e.case_id = ? ORDER BY e.at DESC, e.id DESC`,
    )
    .all(id)
    .map((e) => ({
      id: e.id,
      at: e.at,
      kind: e.kind,
      by: e.by,
      levelBefore: e.level_before,
      levelAfter: e.level_after,
      detail: openDetail(db, id, e.kind, e.at, e.detail),
    }));
  const openTasks = db
    .prepare<[number], Case['openTasks'][number]>(
      "SELECT id, kind, due_on AS dueOn FROM tasks WHERE case_id = ? AND status = 'open' ORDER BY due_on, kind = 'safety_check' DESC, id",
    )
    .all(id);
  return {
    id: row.id,
    personId: row.person_id,
    programme: row.programme,
    status: row.status,
    level: levelOf(row),
    screenLevel: row.screen_level,
    confirmedLevel: row.confirmed_level,
    openedAt: row.opened_at,
    events,
    openTasks,
    referrals: caseReferrals(db, id),
    colour: row.colour,
    purple: row.purple === 1,
    managedSince: row.managed_since,
    suggestedColour: suggestedColour(db, row),
    reasons: flagReasons(db, row.id),
    responsibleId: row.responsible_id,
    responsible:
      row.responsible_id === null
        ? null
        : (db
            .prepare<[number], { name: string }>('SELECT display_name AS name FROM users WHERE id = ?')
            .get(row.responsible_id)?.name ?? null),
    rescreenOn: rescreenOn(db, row),
    plan:
      (events.find((e) => e.kind === 'colour' && typeof e.detail.plan === 'string')?.detail.plan as
        string | null) ?? null,
  };
}

function flagReasons(db: Db, caseId: number): ReasonFact[] {
  const row = statement<[number], { tier: string | null; flag: string | null; screening_id: number | null }>(
    db,
    `SELECT s.tier, ${ANSWER_FLAG_SQL} AS flag, c.screening_id FROM cases c LEFT JOIN screenings s ON s.id = c.screening_id WHERE c.id = ?`,
  ).get(caseId);
  if (!row) return [];
  return [
    ...mergeReasons(row.tier, row.flag),
    ...(row.screening_id === null ? [] : blankCriticalReasons(db, row.screening_id)),
  ];
}

export function personCases(db: Db, personId: number): Case[] {
  return db
    .prepare<[number], { id: number }>(
      'SELECT id FROM cases WHERE person_id = ? ORDER BY opened_at DESC, id DESC',
    )
    .all(personId)
    .map((r) => getCase(db, r.id));
}

/** The latest screen (or the opening, without one) plus the current level's re-screen interval. */
export function rescreenOn(db: Db, row: CaseRow): string | null {
  const days = followUpIntervals(db, row.programme)[levelOf(row)]?.rescreen;
  if (!days) return null;
  const screened =
    row.screening_id === null
      ? null
      : db
          .prepare<[number], { at: string | null }>('SELECT submitted_at AS at FROM screenings WHERE id = ?')
          .get(row.screening_id)?.at;
  return addDays(todayIso(new Date(screened ?? row.opened_at)), days);
}

type WorklistInput = {
  programme: Programme;
  level?: string;
  group?: string;
  responsible?: string;
  assigned?: 'mine' | 'unassigned';
  managed?: ManagedFilter;
  overdueOnly?: boolean;
  today?: string;
};

/** A class matches itself; a grade matches its classes ("七年级" matches "七年级 1班"). */
const inGroup = (group: string, wanted: string) => group === wanted || group.startsWith(`${wanted} `);

function matches(item: WorklistItem, input: WorklistInput, callerId: number | null): boolean {
  if (input.level && item.level !== input.level) return false;
  if (input.assigned === 'mine' && (callerId === null || item.responsibleId !== callerId)) return false;
  if (input.assigned === 'unassigned' && item.responsibleId !== null) return false;
  if (input.group && !inGroup(item.group, input.group)) return false;
  if (input.responsible && item.responsible !== input.responsible) return false;
  if (input.managed === 'any' && !item.managed) return false;
  if (input.managed === 'purple' && !item.purple) return false;
  if ((input.managed === 'orange' || input.managed === 'red') && item.colour !== input.managed) return false;
  return !input.overdueOnly || item.overdue;
}

/** 预警台账: every open case with its next action; nothing open can fall off this list. */
export function worklist(
  db: Db,
  input: WorklistInput,
  scope: ClassRef[] | null = null,
  /** Who is asking, for 我负责的. */
  callerId: number | null = null,
): WorklistItem[] {
  const today = input.today ?? todayIso();
  const order = activeRuleSet(db, input.programme).levels.map((l) => l.id);
  const params: Record<string, unknown> = { programme: input.programme };
  const rows = db
    .prepare<
      Record<string, unknown>,
      CaseRow & {
        name: string;
        current_level: string | null;
        group: string;
        responsible: string | null;
        tier: string | null;
        sheet_status: string | null;
        answer_flag: string | null;
      }
    >(
      `SELECT c.*, p.name, p.current_level, ${GROUP_SQL} AS "group", u.display_name AS responsible, s.tier,
              s.status AS sheet_status, ${ANSWER_FLAG_SQL} AS answer_flag
       FROM cases c JOIN people p ON p.id = c.person_id LEFT JOIN users u ON u.id = c.responsible_id
       LEFT JOIN screenings s ON s.id = c.screening_id
       WHERE c.status = 'open' AND c.programme = :programme AND ${scopeCondition(scope, params, 'p')}`,
    )
    .all(params);
  const nextTask = db.prepare<[number], { id: number; kind: TaskKind; dueOn: string }>(
    "SELECT id, kind, due_on AS dueOn FROM tasks WHERE case_id = ? AND status = 'open' ORDER BY due_on, kind = 'safety_check' DESC, id LIMIT 1",
  );
  const staleSafetyCheck = db.prepare<[number, string], { n: number }>(
    "SELECT count(*) AS n FROM tasks WHERE case_id = ? AND status = 'open' AND kind = 'safety_check' AND due_on < ?",
  );
  return rows
    .map((r): WorklistItem => {
      const task = nextTask.get(r.id) ?? null;
      const rescreen = rescreenOn(db, r);
      const next: WorklistItem['nextTask'] =
        rescreen && (!task || rescreen < task.dueOn) ? { id: null, kind: 'rescreen', dueOn: rescreen } : task;
      return {
        caseId: r.id,
        personId: r.person_id,
        name: r.name,
        group: r.group,
        programme: r.programme,
        // The one current level (shared/figures/current-level.ts); for an open case it is the case's.
        level: r.current_level ?? levelOf(r),
        screenLevel: r.screen_level,
        confirmedLevel: r.confirmed_level,
        flaggedAt: r.opened_at,
        responsible: r.responsible,
        responsibleId: r.responsible_id,
        // A class teacher learns who needs attention and what to do, not which answers raised it.
        reasons: scope
          ? []
          : [...mergeReasons(r.tier, r.answer_flag), ...blankCriticalReasons(db, r.screening_id)],
        // Raised by a critical answer on a sheet not (yet) submitted: 未完成（含关键条目阳性）.
        // It tells of an answer, so a class teacher (scope) is not told, as with the reasons.
        incomplete: !scope && r.sheet_status !== null && r.sheet_status !== 'submitted',
        nextTask: next,
        overdue: next !== null && next.dueOn < today,
        escalated: (staleSafetyCheck.get(r.id, today)?.n ?? 0) > 0,
        colour: r.colour,
        purple: r.purple === 1,
        managed: r.managed_since !== null,
      };
    })
    .filter((r) => matches(r, input, callerId))
    .sort(
      (a, b) =>
        Number(b.escalated) - Number(a.escalated) ||
        order.indexOf(a.level) - order.indexOf(b.level) ||
        (a.nextTask?.dueOn ?? '9999').localeCompare(b.nextTask?.dueOn ?? '9999'),
    );
}
