// The app commits a roster in steps of ROWS_PER_STEP rows (short write transactions, so the LAN
// station never waits seconds for the lock). All or nothing still holds: a failing step takes
// back the ones before it, and an import a crash cut short is taken back at the next login.
import { spawnSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import {
  ROWS_PER_STEP,
  commitImport,
  commitImportInSteps,
  planImport,
  recoverInterruptedImports,
} from '../../electron/services/people/roster-import';
import { readSheetBytes } from '../../electron/services/spreadsheet';
import type { Db } from '../../electron/db/database';
import { ok, setUpApp } from '../helpers/app';
import { rosterCsv } from '../helpers/backend';
import { useTempDirs } from '../helpers/temp';

const tempDir = useTempDirs();
const sheetsOf = async (csv: string) => (await readSheetBytes('名册.csv', Buffer.from(csv))).sheets;
const count = (db: Db, sql: string, ...params: unknown[]) =>
  db
    .prepare(sql)
    .pluck()
    .get(...params) as number;

/** Everything an import leaves behind, to compare before and after. */
function snapshot(db: Db) {
  return {
    people: db.prepare('SELECT id, name, grade, class_name, name_pinyin FROM people ORDER BY id').all(),
    events: db.prepare('SELECT person_id, kind, at, changes FROM person_events ORDER BY id').all(),
    batches: count(db, 'SELECT count(*) FROM import_batches'),
    journal: count(db, "SELECT count(*) FROM settings WHERE key LIKE 'import.pending:%'"),
  };
}

describe('roster commit in steps', () => {
  test('writes the same people, events and batch as the one-transaction commit', async () => {
    const csv = rosterCsv(2_500);
    const [a, b] = [await setUpApp(tempDir()), await setUpApp(tempDir())];
    const steps: [number, number][] = [];
    const inSteps = await commitImportInSteps(
      a.ctx.db!,
      a.ctx.user!.id,
      'student',
      planImport(a.ctx.db!, 'student', '名册.csv', await sheetsOf(csv)),
      { onStep: (done, total) => steps.push([done, total]) },
    );
    const once = commitImport(
      b.ctx.db!,
      b.ctx.user!.id,
      'student',
      planImport(b.ctx.db!, 'student', '名册.csv', await sheetsOf(csv)),
    );
    expect(inSteps).toEqual(once);
    expect(steps).toEqual([
      [ROWS_PER_STEP, 2_500],
      [2 * ROWS_PER_STEP, 2_500],
      [2_500, 2_500],
    ]);
    const strip = (s: ReturnType<typeof snapshot>) => ({
      ...s,
      events: s.events.map((e) => ({ ...(e as object), at: 'same' })),
    });
    expect(strip(snapshot(a.ctx.db!))).toEqual(strip(snapshot(b.ctx.db!)));
    expect(snapshot(a.ctx.db!).journal).toBe(0);
  });

  test('a step that fails takes back every step before it, updates included', async () => {
    const { ctx } = await setUpApp(tempDir());
    const db = ctx.db!;
    await commitImportInSteps(
      db,
      ctx.user!.id,
      'student',
      planImport(db, 'student', 'a.csv', await sheetsOf(rosterCsv(1_200))),
    );
    const before = snapshot(db);
    // Next term: the first 1,200 move class (updates, in the first two steps), 1,500 are new.
    const next = rosterCsv(2_700).replace(/,(\d+)班\r\n/g, (_m, n: string) => `,${Number(n) + 1}班\r\n`);
    const plan = planImport(db, 'student', 'b.csv', await sheetsOf(next));
    expect(plan.preview.counts).toMatchObject({ update: 1_200, new: 1_500 });
    // Someone adds a student the plan counted as new, in the last step's rows, meanwhile.
    await ok(ctx, 'students.add', {
      studentNo: 'S102650',
      name: '插班生',
      birthDate: '2011-03-05',
      sex: 'M',
      grade: '七年级',
      className: '9班',
    });
    const added = snapshot(db);
    // The unique index's refusal is a conflict naming the row, not an internal "UNIQUE constraint failed".
    await expect(commitImportInSteps(db, ctx.user!.id, 'student', plan)).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/^第2652行/),
    });
    expect(snapshot(db)).toEqual(added);
    expect(added.people.length).toBe(before.people.length + 1);
  });

  test('an import whose writer died is taken back at the next login; one still running never is', async () => {
    const { ctx } = await setUpApp(tempDir());
    const db = ctx.db!;
    const before = snapshot(db);
    const plan = planImport(db, 'student', 'a.csv', await sheetsOf(rosterCsv(2_500)));
    let journal = '';
    await commitImportInSteps(db, ctx.user!.id, 'student', plan, {
      onStep: () => {
        journal ||= db
          .prepare("SELECT value FROM settings WHERE key LIKE 'import.pending:%'")
          .pluck()
          .get() as string;
      },
    });
    expect(count(db, 'SELECT count(*) FROM people')).toBe(2_500);
    // The same journal entry as a writer that died mid-import leaves (the real crash is
    // test/integration/backend-serve.test.ts), and one of this living process: an import running.
    const dead = spawnSync(process.execPath, ['-e', '']).pid!;
    const { key, ...entry } = JSON.parse(journal) as { key: string; pid: number };
    db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run(
      key,
      JSON.stringify({ key, ...entry, pid: dead }),
    );
    const running = JSON.stringify({ key: 'import.pending:x', at: 'x', note: 'x', pid: process.pid });
    db.prepare("INSERT INTO settings (key, value) VALUES ('import.pending:x', ?)").run(running);
    await ok(ctx, 'auth.logout', {});
    await ok(ctx, 'auth.login', { username: 'admin', password: 'test-password-1' });
    const after = snapshot(ctx.db!);
    expect(after.people).toEqual(before.people);
    expect(after.events.filter((e) => (e as { kind: string }).kind !== 'note')).toEqual(before.events);
    expect(
      ctx.db!.prepare("SELECT key FROM settings WHERE key LIKE 'import.pending:%'").pluck().all(),
    ).toEqual(['import.pending:x']);
    expect(recoverInterruptedImports(ctx.db!)).toBe(0);
  });

  test('an undo that cannot finish (a new student was screened meanwhile) keeps the journal and never blocks login', async () => {
    const { ctx } = await setUpApp(tempDir());
    const db = ctx.db!;
    let journal = '';
    await commitImportInSteps(
      db,
      ctx.user!.id,
      'student',
      planImport(db, 'student', 'a.csv', await sheetsOf(rosterCsv(10))),
      {
        onStep: () => {
          journal ||= db
            .prepare("SELECT value FROM settings WHERE key LIKE 'import.pending:%'")
            .pluck()
            .get() as string;
        },
      },
    );
    const personId = db.prepare("SELECT id FROM people WHERE student_no = 'S100003'").pluck().get() as number;
    await ok(ctx, 'screening.start', { personId, mode: 'paper', battery: ['PHQ-9'] });
    const dead = spawnSync(process.execPath, ['-e', '']).pid!;
    const entry = { ...(JSON.parse(journal) as { key: string }), pid: dead };
    db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run(entry.key, JSON.stringify(entry));
    await ok(ctx, 'auth.logout', {});
    await ok(ctx, 'auth.login', { username: 'admin', password: 'test-password-1' });
    expect(count(ctx.db!, 'SELECT count(*) FROM people')).toBe(10);
    expect(snapshot(ctx.db!).journal).toBe(1);
  });
});
