import { AppError } from '../../../shared/api/errors';
import type { Db } from '../../db/database';
import { committing, dropUncommitted } from '../events';
import { STATION_CLOSED_MESSAGE } from './messages';
import { respondentDetail } from '../../../shared/api/station';

/** SQLite's default: a checkpoint whenever the write-ahead log passes 1,000 pages (about 4 MB). */
const DEFAULT_AUTOCHECKPOINT = 1_000;
/**
 * While a station runs. A checkpoint copies the log into the database inside whichever commit
 * crosses the limit, and every respondent waits for it; at the default that happens every few
 * seconds of a busy lesson and makes the slowest answers several times slower (bench: p99 154 →
 * 50 ms flat out). Fewer, larger checkpoints (a log of up to about 32 MB) touch far fewer answers.
 */
const STATION_AUTOCHECKPOINT = 8_000;
/**
 * While another connection (the job worker committing a roster) holds the write lock, a batch
 * does not wait inside SQLite — that wait would freeze this thread's event loop, and with it
 * every other request and the staff event stream. It asks again after this pause instead.
 */
const BUSY_RETRY_MS = 3;
const BUSY_TIMEOUT_MS = 5_000;
const isBusy = (error: unknown) => /^SQLITE_BUSY/.test((error as { code?: string }).code ?? '');

interface Pending {
  op: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for a roomful of respondents. Each write is durable before it is acknowledged
 * (synchronous = FULL), and that flush to disk costs far more than the write itself; so the
 * writes that arrive together run in one transaction, each in its own savepoint (a failing
 * one is undone alone), and all are answered after the single commit has reached the disk.
 */
export class GroupCommit {
  private queue: Pending[] = [];
  private scheduled = false;
  // Made once: inside the batch's transaction each call is a savepoint of its own.
  private readonly savepoint: (op: () => unknown) => unknown;

  constructor(private readonly db: Db) {
    const savepoint = db.transaction((op: () => unknown) => op());
    // A failing write's events (an alert it would have raised) are dropped with its savepoint.
    this.savepoint = (op) => committing(db, () => savepoint(op));
    db.pragma(`wal_autocheckpoint = ${STATION_AUTOCHECKPOINT}`);
  }

  /** The station has stopped: back to ordinary checkpoints, starting with one now. */
  close(): void {
    if (!this.db.open) return;
    this.db.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT}`);
    this.db.pragma('wal_checkpoint(PASSIVE)');
  }

  run<T>(op: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ op, resolve: resolve as (value: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        // Requests whose bodies arrived in this turn of the event loop join the same batch.
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(waitingSince = 0): void {
    this.scheduled = false;
    const batch = this.queue;
    this.queue = [];
    if (!this.db.open) {
      for (const p of batch)
        p.reject(
          new AppError('unauthenticated', STATION_CLOSED_MESSAGE, respondentDetail('respondent.closed')),
        );
      return;
    }
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    const { db } = this;
    try {
      // BEGIN IMMEDIATE takes the write lock before any op runs, so a busy lock fails the whole
      // batch before it has done anything and it can simply be tried again. The batch's events
      // (alerts, board changes) are published once it is on disk, before any respondent hears
      // back: a critical answer's case and task are durable by its 2xx.
      db.pragma('busy_timeout = 0');
      try {
        committing(db, () =>
          db
            .transaction(() => {
              for (const p of batch) {
                try {
                  outcomes.push({ ok: true, value: this.savepoint(p.op) });
                } catch (error) {
                  outcomes.push({ ok: false, error });
                }
              }
            })
            .immediate(),
        );
      } finally {
        db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
      }
    } catch (error) {
      dropUncommitted(db);
      const now = Date.now();
      if (isBusy(error) && outcomes.length === 0 && now - (waitingSince || now) < BUSY_TIMEOUT_MS) {
        // Later arrivals join this batch; it keeps its place at the front.
        this.queue = [...batch, ...this.queue];
        this.scheduled = true;
        setTimeout(() => this.flush(waitingSince || now), BUSY_RETRY_MS);
        return;
      }
      // Nothing of the batch reached the disk, so nothing of it is acknowledged.
      for (const p of batch) p.reject(error);
      return;
    }
    batch.forEach((p, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) p.resolve(outcome.value);
      else p.reject(outcome.error);
    });
  }
}
