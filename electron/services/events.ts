import type { ServerEvent } from '../../shared/api/events';
import type { Db } from '../db/database';

type Listener = (event: ServerEvent) => void;

/**
 * The service side of the push channel. Services publish after their transaction commits;
 * transports (SSE, IPC, the utility process's parent port) subscribe. A listener that throws
 * never stops the others or the service that published.
 */
const listeners = new Set<Listener>();

/** A campaign's board is redrawn at most this often: a room answering together is one event, not 40. */
export const BOARD_EVENT_MS = 250;
const boards = new Map<number, { timer: ReturnType<typeof setTimeout>; dirty: boolean }>();

function deliver(event: ServerEvent): void {
  for (const listener of listeners) {
    try {
      listener(event);
    } catch {
      // A broken transport must not undo or delay the work that raised the event.
    }
  }
}

/**
 * `board.changed` is coalesced per campaign (the first at once, then at most one per
 * BOARD_EVENT_MS carrying everything since); every other event goes out as it is.
 */
export function publish(event: ServerEvent): void {
  if (event.type !== 'board.changed') return deliver(event);
  const pending = boards.get(event.campaignId);
  if (pending) {
    pending.dirty = true;
    return;
  }
  deliver(event);
  const arm = () => {
    const timer = setTimeout(() => {
      const state = boards.get(event.campaignId);
      if (state?.dirty) {
        deliver(event);
        state.dirty = false;
        state.timer = arm();
      } else boards.delete(event.campaignId);
    }, BOARD_EVENT_MS);
    // A pending redraw never keeps a CLI process alive.
    timer.unref?.();
    return timer;
  };
  boards.set(event.campaignId, { timer: arm(), dirty: false });
}

export function subscribe(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

// Events raised inside a transaction wait for its outermost commit (per database handle).
const held = new WeakMap<Db, ServerEvent[]>();

/**
 * Publishes at once outside a transaction; inside one, holds the event until the outermost
 * `committing` around it has committed, and drops it if its part rolls back. So a listener
 * never hears of an alert, case or answer that is not on disk.
 */
export function publishAfterCommit(db: Db, event: ServerEvent): void {
  if (!db.inTransaction) return publish(event);
  let queue = held.get(db);
  if (!queue) held.set(db, (queue = []));
  queue.push(event);
}

/**
 * Runs `run` (a transaction or a savepoint of one) so that the events it holds are published
 * once it has committed as the outermost transaction, and forgotten if it throws. Inner calls
 * (savepoints) only drop their own events on failure; the outermost one publishes.
 */
export function committing<T>(db: Db, run: () => T): T {
  const outermost = !db.inTransaction;
  const queue = held.get(db);
  const mark = queue?.length ?? 0;
  let value: T;
  try {
    value = run();
  } catch (error) {
    const now = held.get(db);
    if (now) now.length = outermost ? 0 : Math.min(mark, now.length);
    throw error;
  }
  if (outermost) {
    const events = held.get(db) ?? [];
    held.delete(db);
    // The same event twice in one commit (two answers of one campaign) is said once.
    const seen = new Set<string>();
    for (const event of events) {
      // An import holds one board.changed per answer: keyed cheaply, they collapse to one.
      const key = event.type === 'board.changed' ? `board:${event.campaignId}` : JSON.stringify(event);
      if (!seen.has(key)) {
        seen.add(key);
        publish(event);
      }
    }
  }
  return value;
}

/** How many events wait on `db`; a savepoint that rolls back cuts the queue back to this mark. */
export function pendingMark(db: Db): number {
  return held.get(db)?.length ?? 0;
}

/** For code that owns a transaction without `committing`: forget what a rollback took back. */
export function dropUncommitted(db: Db, mark = 0): void {
  const queue = held.get(db);
  if (queue) queue.length = Math.min(queue.length, mark);
}

/** For code that owns a transaction without `committing` (the dispatcher, job workers): publish after COMMIT. */
export function flushCommitted(db: Db): void {
  const queue = held.get(db);
  if (!queue?.length || db.inTransaction) return;
  held.delete(db);
  for (const event of queue) publish(event);
}
