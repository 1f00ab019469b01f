import { taskKindSchema, type TaskKind } from '../../../shared/api/cases';
import { taskChange, type CaseAction } from '../../../shared/cases/tasks';
import type { Programme } from '../../../shared/instruments';
import { todayIso, type IsoDate } from '../../../shared/people/date';
import type { Db } from '../../db/database';
import { nowIso } from '../../db/database';
import { statement } from '../../db/statements';
import { followUpIntervals } from './cases';

/** A follow-up every 30 days for a level without its own interval, so no open case lacks a next action. */
const FALLBACK = { first: 14, then: 30 };

export interface ActionContext {
  /** The case's level the intervals are read for (after the step, for an interview). */
  level: string;
  heldOn?: IsoDate | undefined;
  nextOn?: IsoDate | undefined;
  referredOn?: IsoDate | undefined;
  /** The referral the step is about: its own 核实到位 task is the one created or ended. */
  referralId?: number | undefined;
}

/**
 * Applies one step's row of the task table (shared/cases/tasks.ts) to a case, inside the caller's
 * transaction: the open tasks it ends as done (or all, cancelled) and those it creates.
 */
export function applyAction(
  db: Db,
  kase: { id: number; programme: Programme },
  userId: number | null,
  action: CaseAction,
  ctx: ActionContext,
): void {
  const open = statement<[number], { kind: TaskKind }>(
    db,
    "SELECT kind FROM tasks WHERE case_id = ? AND status = 'open'",
  )
    .all(kase.id)
    .map((t) => t.kind);
  const interval = followUpIntervals(db, kase.programme)[ctx.level] ?? FALLBACK;
  const change = taskChange(action, open, {
    today: todayIso(),
    interval,
    heldOn: ctx.heldOn,
    nextOn: ctx.nextOn,
    referredOn: ctx.referredOn,
  });
  const now = nowIso();
  const end = statement(
    db,
    `UPDATE tasks SET status = :status, done_at = :now, done_by = :userId
     WHERE case_id = :caseId AND status = 'open' AND kind = :kind
       AND (:referralId IS NULL OR referral_id IS NULL OR referral_id = :referralId)`,
  );
  const kinds = change.cancelAll ? taskKindSchema.options : change.done;
  for (const kind of kinds)
    end.run({
      status: change.cancelAll ? 'cancelled' : 'done',
      now,
      userId,
      caseId: kase.id,
      kind,
      // Only a referral's own 核实到位 task ends with its steps; unlinked (older) ones end with any.
      referralId: kind === 'referral_check' && !change.cancelAll ? (ctx.referralId ?? null) : null,
    });
  for (const task of change.create)
    statement(
      db,
      "INSERT INTO tasks (case_id, kind, due_on, status, created_at, referral_id) VALUES (?, ?, ?, 'open', ?, ?)",
    ).run(
      kase.id,
      task.kind,
      task.dueOn,
      now,
      task.kind === 'referral_check' ? (ctx.referralId ?? null) : null,
    );
}
