// While another connection (a job worker committing a roster) holds the write lock, the station's
// group commit waits for it without freezing its thread: other requests and the event stream go on.
import { describe, expect, test } from 'vitest';
import { openDatabase } from '../../electron/db/database';
import { databasePath } from '../../electron/services/context';
import { GroupCommit } from '../../electron/services/station/group-commit';
import { setUpApp } from '../helpers/app';
import { useTempDirs } from '../helpers/temp';

const tempDir = useTempDirs();

describe('group commit under another writer', () => {
  test('waits for the lock asynchronously, then commits every write of the batch', async () => {
    const dir = tempDir();
    const { ctx } = await setUpApp(dir);
    const db = ctx.db!;
    const worker = openDatabase(databasePath(dir), ctx.dataKey!);
    const put = (on: typeof db, key: string) =>
      on.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run(key, 'x');
    worker.exec('BEGIN IMMEDIATE');
    put(worker, 'worker.row');

    const commits = new GroupCommit(db);
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 10);
    const started = performance.now();
    const answers = Promise.all([
      commits.run(() => put(db, 'answer.1')),
      commits.run(() => put(db, 'answer.2')),
    ]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    // The thread went on running timers while the batch waited: nothing was blocked in SQLite.
    expect(ticks).toBeGreaterThanOrEqual(15);
    expect(db.prepare("SELECT count(*) FROM settings WHERE key LIKE 'answer.%'").pluck().get()).toBe(0);
    worker.exec('COMMIT');
    await answers;
    const waited = performance.now() - started;
    clearInterval(ticker);
    expect(waited).toBeGreaterThanOrEqual(300);
    expect(waited).toBeLessThan(1_000);
    expect(
      db
        .prepare(
          "SELECT key FROM settings WHERE key LIKE '%.%' AND key NOT LIKE 'org.%' AND key NOT LIKE 'clinical.%' AND key NOT LIKE 'keyring.%' ORDER BY key",
        )
        .pluck()
        .all(),
    ).toEqual(['answer.1', 'answer.2', 'worker.row']);
    // The connection is back to waiting in SQLite for ordinary (staff) writes.
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5_000);
    commits.close();
    worker.close();
  });
});
