import type { ServerEvent } from '../../shared/api/events';

type Listener = (event: ServerEvent) => void;

/**
 * The service side of the push channel. Services publish after their transaction commits;
 * transports (SSE, IPC, the utility process's parent port) subscribe. A listener that throws
 * never stops the others or the service that published.
 */
const listeners = new Set<Listener>();

export function publish(event: ServerEvent): void {
  for (const listener of listeners) {
    try {
      listener(event);
    } catch {
      // A broken transport must not undo or delay the work that raised the event.
    }
  }
}

export function subscribe(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Events raised inside a transaction wait here until it commits: a listener must never hear of
 * a row that a rollback then removes. The code that owns the transaction (the station's group
 * commit, the dispatcher) calls `flushCommitted` after COMMIT and `dropUncommitted` after ROLLBACK.
 */
const pending = new WeakMap<object, ServerEvent[]>();

export function publishAfterCommit(db: { inTransaction: boolean }, event: ServerEvent): void {
  if (!db.inTransaction) return publish(event);
  let queue = pending.get(db);
  if (!queue) pending.set(db, (queue = []));
  queue.push(event);
}

/** How many events wait on `db`; a savepoint that rolls back cuts the queue back to this mark. */
export function pendingMark(db: object): number {
  return pending.get(db)?.length ?? 0;
}

export function dropUncommitted(db: object, mark = 0): void {
  const queue = pending.get(db);
  if (queue) queue.length = Math.min(queue.length, mark);
}

export function flushCommitted(db: { inTransaction: boolean }): void {
  const queue = pending.get(db);
  if (!queue?.length || db.inTransaction) return;
  pending.delete(db);
  for (const event of queue) publish(event);
}
