// The audit trail: what is recorded after each call (ids only), who may read it, and how
// `anxin audit verify` (a real CLI process) names the first row changed, deleted or reordered in
// the database — opened with the data key, as anyone editing it with an SQL tool would.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { openDatabase } from '../../electron/db/database';
import { createContext, databasePath, type AppContext } from '../../electron/services/context';
import { startExportJob } from '../../electron/services/export/jobs';
import { AppError } from '../../shared/api/errors';
import { todayIso } from '../../shared/people';
import { defaultSchoolRules } from '../../shared/tiers';
import { ADMIN_PASSWORD, fails, ok, setUpApp } from '../helpers/app';
import { anxin, ensureBuilt } from '../helpers/cli';
import { useTempDirs } from '../helpers/temp';

const tempDir = useTempDirs();
beforeAll(ensureBuilt, 300_000);

type Row = {
  id: number;
  user_id: number | null;
  action: string;
  subject: string | null;
  detail: string | null;
};
const rowsOf = (ctx: AppContext) =>
  ctx.db!.prepare('SELECT id, user_id, action, subject, detail FROM audit_log ORDER BY id').all() as Row[];
const lastRow = (ctx: AppContext) => rowsOf(ctx).at(-1)!;

async function school() {
  const dir = tempDir();
  const { ctx } = await setUpApp(dir);
  const student = await ok(ctx, 'students.add', {
    studentNo: 'S1',
    name: '张三',
    sex: 'M',
    birthDate: '2011-03-05',
    grade: '七年级',
    className: '1班',
  });
  return { dir, ctx, student, adminId: ctx.user!.id };
}

describe('what the audit trail records', () => {
  test('each call leaves its row, with ids only; failed log-ins wait for the next unlock', async () => {
    const { dir, ctx, student, adminId } = await school();

    await ok(ctx, 'people.get', { id: student.id });
    expect(lastRow(ctx)).toEqual({ id: expect.any(Number), user_id: adminId, action: 'person.open', subject: String(student.id), detail: null }); // prettier-ignore

    await ok(ctx, 'people.correct', {
      id: student.id,
      changes: { birthDate: '2011-03-15' },
      reason: '录入错误',
    });
    expect(lastRow(ctx)).toMatchObject({ user_id: adminId, action: 'person.correct', subject: String(student.id), detail: '{"fields":["birthDate"]}' }); // prettier-ignore

    await ok(ctx, 'exports.roster', { programme: 'school', variant: 'deidentified' });
    const exported = lastRow(ctx);
    expect(exported).toMatchObject({ user_id: adminId, action: 'export.roster', subject: 'school' });
    expect(JSON.parse(exported.detail!)).toMatchObject({
      variant: 'deidentified',
      people: 0,
      screenings: 0,
      target: 'download',
    });

    // A background export that fails is recorded with what was asked and the error's code.
    startExportJob(ctx.db!, ctx.user!, { programme: 'school', variant: 'full' }, () =>
      Promise.reject(new AppError('invalid_input', '出错的行 张三')),
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    const failed = lastRow(ctx);
    expect(failed).toMatchObject({ user_id: adminId, action: 'export.failed', subject: 'school' });
    expect(JSON.parse(failed.detail!)).toEqual({
      variant: 'full',
      from: null,
      to: null,
      reason: 'invalid_input',
    });

    const teacher = await ok(ctx, 'users.create', { username: 'chen', displayName: '陈老师', role: 'class_teacher', password: 'class-pass-1', classes: [{ grade: '七年级', className: '1班' }] }); // prettier-ignore
    expect(lastRow(ctx)).toMatchObject({ user_id: adminId, action: 'user.create', subject: String(teacher.id), detail: '{"role":"class_teacher"}' }); // prettier-ignore
    await ok(ctx, 'tiers.save', { programme: 'school', ruleSet: defaultSchoolRules });
    expect(lastRow(ctx)).toMatchObject({ user_id: adminId, action: 'tiers.save', subject: 'school' });
    await ok(ctx, 'users.deactivate', { id: teacher.id });
    const deactivated = ctx
      .db!.prepare("SELECT user_id, action, subject FROM audit_log WHERE action = 'user.deactivate'")
      .get();
    expect(deactivated).toEqual({ user_id: adminId, action: 'user.deactivate', subject: String(teacher.id) });
    // The keys the account could open are renewed at once, and the trail says so (ids only).
    expect(lastRow(ctx)).toMatchObject({ user_id: adminId, action: 'keys.rotated', detail: '{"reason":"deactivated","usersNeedingReset":0}' }); // prettier-ignore
    await ok(ctx, 'auth.logout', {});

    // With nobody logged in, a failed log-in cannot open the data: it waits, then enters the trail.
    const door = createContext(dir, 'http');
    expect((await fails(door, 'auth.login', { username: 'admin', password: 'wrong-password' })).code).toBe('wrong_password'); // prettier-ignore
    expect((await fails(door, 'auth.login', { username: 'nobody-here', password: 'x' })).code).toBe('wrong_password'); // prettier-ignore
    const badCode = { recoveryCode: 'AAAAA-BBBBB-CCCCC', username: 'admin', newPassword: 'new-password-1' };
    expect((await fails(door, 'auth.recover', badCode)).code).toBe('wrong_password');
    // What waits beside the database: times, reasons, and only a name that is an account's.
    const waiting = readFileSync(join(dir, 'audit-pending.jsonl'), 'utf8');
    expect(
      waiting
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as object),
    ).toEqual([
      { at: expect.any(String), action: 'login.failed', reason: 'wrong_password', account: 'admin' },
      { at: expect.any(String), action: 'login.failed', reason: 'wrong_password', account: null },
      { at: expect.any(String), action: 'recover.failed', reason: 'wrong_password', account: null },
    ]);
    expect(waiting).not.toContain('nobody-here');
    await ok(door, 'auth.login', { username: 'admin', password: ADMIN_PASSWORD });
    expect(readdirSync(dir).filter((f) => f.startsWith('audit-pending'))).toEqual([]);
    const tail = rowsOf(door).slice(-4);
    expect(tail.map((r) => [r.user_id, r.action, r.subject])).toEqual([
      [adminId, 'login.failed', null],
      // An unknown name is never kept, not even in the trail: only that an attempt was made.
      [null, 'login.failed', null],
      [null, 'recover.failed', null],
      [adminId, 'login', null],
    ]);
    expect(JSON.parse(tail[0]!.detail!)).toMatchObject({ reason: 'wrong_password', attemptedAt: expect.stringMatching(/^\d{4}-/) }); // prettier-ignore
    const text = JSON.stringify(rowsOf(door));
    for (const secret of ['张三', 'S1', '2011-03', 'nobody-here', 'wrong-password'])
      expect(text).not.toContain(secret);

    // While a session is open, a failed log-in in the same context goes straight in.
    expect((await fails(door, 'auth.login', { username: 'admin', password: 'wrong-again' })).code).toBe('wrong_password'); // prettier-ignore
    expect(lastRow(door)).toMatchObject({ user_id: adminId, action: 'login.failed' });

    const listed = await ok(door, 'audit.list', { action: 'login', limit: 10 });
    expect(listed.items.map((e) => [e.action, e.username])).toEqual(
      [
        ['login.failed', 'admin'],
        ['login', 'admin'],
        ['login.failed', null],
        ['login.failed', 'admin'],
        ['login', 'admin'],
      ].slice(0, listed.items.length),
    );
    expect(listed.actions).toEqual(expect.arrayContaining(['person.open', 'export.failed', 'login.failed']));
    expect(await ok(door, 'audit.verify', {})).toEqual({ ok: true, entries: rowsOf(door).length });
  });

  test('audit.list filters by user, action and date and pages; only administrators may read or verify', async () => {
    const { ctx, student, adminId } = await school();
    for (let i = 0; i < 3; i++) await ok(ctx, 'people.get', { id: student.id });
    await ok(ctx, 'users.create', { username: 'zhou', displayName: '周科长', role: 'supervisor', password: 'super-pass-1' }); // prettier-ignore
    await ok(ctx, 'users.create', { username: 'chen', displayName: '陈老师', role: 'class_teacher', password: 'class-pass-1', classes: [{ grade: '七年级', className: '1班' }] }); // prettier-ignore
    const today = todayIso();
    const opens = await ok(ctx, 'audit.list', { action: 'person.open', userId: adminId, from: today, to: today, limit: 2 }); // prettier-ignore
    expect(opens.total).toBe(3);
    expect(opens.items).toHaveLength(2);
    const rest = await ok(ctx, 'audit.list', { action: 'person.open', limit: 2, offset: 2 });
    expect(rest.items).toHaveLength(1);
    expect(opens.items[0]!.id).toBeGreaterThan(opens.items[1]!.id);
    expect((await ok(ctx, 'audit.list', { to: '2020-01-01' })).total).toBe(0);
    expect((await fails(ctx, 'audit.list', { from: today, to: '2020-01-01' })).code).toBe('invalid_input');

    for (const [username, password] of [
      ['zhou', 'super-pass-1'],
      ['chen', 'class-pass-1'],
    ]) {
      const other = createContext(ctx.dataDir, 'http');
      await ok(other, 'auth.login', { username: username!, password: password! });
      expect((await fails(other, 'audit.list', {})).code).toBe('forbidden');
      expect((await fails(other, 'audit.verify', {})).code).toBe('forbidden');
    }
  });
});

/** A trail of a dozen rows, then the session closed; the data key is kept for the "SQL tool". */
async function trail() {
  const { dir, ctx, student } = await school();
  for (let i = 0; i < 5; i++) await ok(ctx, 'people.get', { id: student.id });
  const key = Buffer.from(ctx.dataKey!);
  await ok(ctx, 'auth.logout', {});
  const sql = openDatabase(databasePath(dir), key);
  const ids = sql.prepare('SELECT id FROM audit_log ORDER BY id').pluck().all() as number[];
  return { dir, sql, ids };
}

const verify = (dir: string) => {
  const run = anxin(['audit', 'verify', '--data-dir', dir, '--json'], { ANXIN_PASSWORD: ADMIN_PASSWORD });
  return { code: run.code, report: run.json() as { ok: boolean; entries: number; firstBroken?: { id: number; reason: string } } }; // prettier-ignore
};

describe('anxin audit verify', () => {
  test('an intact trail verifies; the count includes the CLI’s own log-in', async () => {
    const { dir, sql, ids } = await trail();
    sql.close();
    const { code, report } = verify(dir);
    expect(code).toBe(0);
    expect(report).toEqual({ ok: true, entries: ids.length + 1 });
  });

  test('a row whose detail was changed is named as changed', async () => {
    const { dir, sql, ids } = await trail();
    const target = ids[4]!;
    sql.prepare(`UPDATE audit_log SET subject = '999' WHERE id = ?`).run(target);
    sql.close();
    const { code, report } = verify(dir);
    expect(code).toBe(1);
    expect(report).toMatchObject({ ok: false, entries: ids.length + 1, firstBroken: { id: target, reason: 'changed' } }); // prettier-ignore
  });

  test('a detail JSON edited in place is named as changed', async () => {
    const { dir, sql, ids } = await trail();
    sql.prepare(`UPDATE audit_log SET detail = '{"role":"admin"}' WHERE id = ?`).run(ids[2]);
    sql.close();
    expect(verify(dir).report.firstBroken).toMatchObject({ id: ids[2], reason: 'changed' });
  });

  test('a deleted row is named by the row after the gap, as deleted', async () => {
    const { dir, sql, ids } = await trail();
    sql.prepare('DELETE FROM audit_log WHERE id = ?').run(ids[3]);
    sql.close();
    expect(verify(dir).report).toMatchObject({ ok: false, entries: ids.length, firstBroken: { id: ids[4], reason: 'deleted' } }); // prettier-ignore
  });

  test('rows deleted at the end leave a gap before the next row', async () => {
    const { dir, sql, ids } = await trail();
    sql.prepare('DELETE FROM audit_log WHERE id >= ?').run(ids.at(-2));
    sql.close();
    // The CLI's log-in is numbered after the deleted rows (ids are never reused).
    expect(verify(dir).report.firstBroken).toMatchObject({ id: ids.at(-1)! + 1, reason: 'deleted' });
  });

  test('two rows whose places were swapped are named as reordered', async () => {
    const { dir, sql, ids } = await trail();
    const [a, b] = [ids[5]!, ids[6]!];
    sql.transaction(() => {
      sql.prepare('UPDATE audit_log SET id = -1 WHERE id = ?').run(a);
      sql.prepare('UPDATE audit_log SET id = ? WHERE id = ?').run(a, b);
      sql.prepare('UPDATE audit_log SET id = ? WHERE id = -1').run(b);
    })();
    sql.close();
    expect(verify(dir).report).toMatchObject({ ok: false, firstBroken: { id: a, reason: 'reordered' } });
  });

  test('anxin audit list: filters, stable JSON, admin only', async () => {
    const { dir, sql, ids } = await trail();
    sql.close();
    const today = todayIso();
    const run = anxin(['audit', 'list', '--data-dir', dir, '--action', 'person.open', '--from', today, '--to', today, '--json'], { ANXIN_PASSWORD: ADMIN_PASSWORD }); // prettier-ignore
    expect(run.code).toBe(0);
    const listed = run.json() as { entries: { id: number; action: string; userId: number; subject: string }[]; total: number }; // prettier-ignore
    expect(listed.total).toBe(5);
    expect(listed.entries.map((e) => [e.action, e.subject])).toEqual(Array(5).fill(['person.open', '1']));
    // The newest opening (the session's log-out came after it).
    expect(listed.entries[0]).toEqual({ id: ids.at(-2), at: expect.any(String), userId: 1, username: 'admin', action: 'person.open', subject: '1', detail: null }); // prettier-ignore
    const bad = anxin(['audit', 'list', '--data-dir', dir, '--from', '2026-02-30', '--json'], { ANXIN_PASSWORD: ADMIN_PASSWORD }); // prettier-ignore
    expect(bad.code).toBe(2);
    expect(bad.json().error.message).toMatch(/--from: not a calendar date/);
  });
});

describe('a class teacher at the command line', () => {
  test('is refused anxin audit list', async () => {
    const { dir, ctx } = await school();
    await ok(ctx, 'users.create', { username: 'chen', displayName: '陈老师', role: 'class_teacher', password: 'class-pass-1', classes: [{ grade: '七年级', className: '1班' }] }); // prettier-ignore
    await ok(ctx, 'auth.logout', {});
    const run = anxin(['audit', 'list', '--data-dir', dir, '--user', 'chen', '--json'], { ANXIN_PASSWORD: 'class-pass-1' }); // prettier-ignore
    expect(run.code).toBe(1);
    expect(run.json().error.code).toBe('forbidden');
  });
});
