// The push bus: events raised inside a transaction are heard only once it has committed.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { openDatabase } from '../../electron/db/database';
import {
  BOARD_EVENT_MS,
  committing,
  publish,
  publishAfterCommit,
  subscribe,
} from '../../electron/services/events';
import type { ServerEvent } from '../../shared/api/events';
import { useTempDirs } from '../helpers/temp';

const tempDir = useTempDirs();
const cleanup: (() => void)[] = [];
afterEach(() => {
  while (cleanup.length) cleanup.pop()!();
});

function setUp() {
  const db = openDatabase(join(tempDir(), 'e.db'), randomBytes(32));
  const heard: ServerEvent[] = [];
  cleanup.push(
    subscribe((e) => heard.push(e)),
    () => db.close(),
  );
  return { db, heard };
}

const changed = (open: number): ServerEvent => ({ type: 'alerts.changed', open });

describe('events after commit', () => {
  test('outside a transaction at once; inside one only after the outermost commit', () => {
    const { db, heard } = setUp();
    publishAfterCommit(db, changed(1));
    expect(heard).toEqual([changed(1)]);
    let duringTransaction = -1;
    committing(db, () =>
      db.transaction(() => {
        publishAfterCommit(db, changed(2));
        committing(db, () => db.transaction(() => publishAfterCommit(db, changed(3)))());
        duringTransaction = heard.length;
      })(),
    );
    expect(duringTransaction).toBe(1);
    expect(heard).toEqual([changed(1), changed(2), changed(3)]);
  });

  test('a rolled-back transaction says nothing; a failed savepoint drops only its own events', () => {
    const { db, heard } = setUp();
    expect(() =>
      committing(db, () =>
        db.transaction(() => {
          publishAfterCommit(db, changed(1));
          throw new Error('rolled back');
        })(),
      ),
    ).toThrow('rolled back');
    expect(heard).toEqual([]);
    committing(db, () =>
      db.transaction(() => {
        committing(db, () => db.transaction(() => publishAfterCommit(db, changed(2)))());
        try {
          committing(db, () =>
            db.transaction(() => {
              publishAfterCommit(db, changed(3));
              throw new Error('this write fails alone');
            })(),
          );
        } catch {
          // The group commit reports it to its own caller.
        }
        committing(db, () => db.transaction(() => publishAfterCommit(db, changed(4)))());
      })(),
    );
    expect(heard).toEqual([changed(2), changed(4)]);
  });

  test("a campaign's board changes go out at once, then at most once per interval", async () => {
    const { heard } = setUp();
    for (let i = 0; i < 5; i++) publish({ type: 'board.changed', campaignId: 7 });
    publish({ type: 'board.changed', campaignId: 8 });
    expect(heard).toEqual([
      { type: 'board.changed', campaignId: 7 },
      { type: 'board.changed', campaignId: 8 },
    ]);
    await new Promise((r) => setTimeout(r, BOARD_EVENT_MS + 100));
    // The four held back for campaign 7 are one redraw; campaign 8 had nothing more.
    expect(heard).toEqual([
      { type: 'board.changed', campaignId: 7 },
      { type: 'board.changed', campaignId: 8 },
      { type: 'board.changed', campaignId: 7 },
    ]);
  });
});
