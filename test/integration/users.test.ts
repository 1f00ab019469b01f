import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { createContext } from '../../electron/services/context';
import { keyringPath } from '../../electron/services/keyring';
import { deactivateUser } from '../../electron/services/users';
import { ADMIN_PASSWORD, fails, ok, setUpApp } from '../helpers/app';
import { useTempDirs } from '../helpers/temp';

const tempDir = useTempDirs();

const keyringUsers = (dir: string) =>
  Object.keys((JSON.parse(readFileSync(keyringPath(dir), 'utf8')) as { users: object }).users).sort();

describe('deactivating an account', () => {
  test('ends its sessions and its password; the data still opens for everyone else; audited', async () => {
    const dir = tempDir();
    const { ctx } = await setUpApp(dir);
    const chen = await ok(ctx, 'users.create', {
      username: 'chen',
      displayName: '陈老师',
      role: 'class_teacher',
      password: 'class-pass-1',
      classes: [{ grade: '七年级', className: '1班' }],
    });
    await ok(ctx, 'users.create', { username: 'wu', displayName: '吴老师', role: 'psychologist', password: 'psych-pass-1' }); // prettier-ignore
    expect(keyringUsers(dir)).toEqual(['admin', 'chen', 'wu']);

    const teacher = createContext(dir, 'http');
    await ok(teacher, 'auth.login', { username: 'chen', password: 'class-pass-1' });
    expect((await fails(teacher, 'users.deactivate', { id: chen.id })).code).toBe('forbidden');
    await ok(teacher, 'people.list', { kind: 'student' });

    expect(await ok(ctx, 'users.deactivate', { id: chen.id })).toMatchObject({
      username: 'chen',
      active: false,
    });
    expect((await ok(ctx, 'users.list', {})).map((u) => [u.username, u.active])).toEqual([
      ['admin', true],
      ['chen', false],
      ['wu', true],
    ]);
    // The open session ends at its next call; the password opens nothing any more.
    expect((await fails(teacher, 'people.list', { kind: 'student' })).code).toBe('unauthenticated');
    expect(teacher.db).toBeNull();
    expect((await fails(teacher, 'auth.login', { username: 'chen', password: 'class-pass-1' })).code).toBe(
      'wrong_password',
    );
    expect(keyringUsers(dir)).toEqual(['admin', 'wu']);
    // Again is harmless; the name stays taken so the audit trail keeps meaning one person.
    expect(await ok(ctx, 'users.deactivate', { id: chen.id })).toMatchObject({ active: false });
    expect(
      (await fails(ctx, 'users.create', { username: 'chen', displayName: 'x', role: 'screener', password: 'another-pass' })).code,
    ).toBe('conflict'); // prettier-ignore

    const audit = ctx
      .db!.prepare("SELECT user_id AS by, subject, detail FROM audit_log WHERE action = 'user.deactivate'")
      .all();
    expect(audit).toEqual([
      { by: ctx.user!.id, subject: String(chen.id), detail: '{"role":"class_teacher"}' },
    ]);

    for (const [username, password] of [
      ['wu', 'psych-pass-1'],
      ['admin', ADMIN_PASSWORD],
    ]) {
      const other = createContext(dir, 'http');
      await ok(other, 'auth.login', { username: username!, password: password! });
      expect((await ok(other, 'app.status', {})).user?.username).toBe(username);
      expect((await ok(other, 'instruments.list', {})).length).toBeGreaterThan(0);
    }
  });

  test('never one’s own account, nor the last administrator', async () => {
    const dir = tempDir();
    const { ctx } = await setUpApp(dir);
    const li = await ok(ctx, 'users.create', { username: 'li', displayName: '李主任', role: 'admin', password: 'admin-pass-2' }); // prettier-ignore
    const self = await fails(ctx, 'users.deactivate', { id: ctx.user!.id });
    expect(self.code).toBe('invalid_input');
    expect((await fails(ctx, 'users.deactivate', { id: 999 })).code).toBe('not_found');
    await ok(ctx, 'users.deactivate', { id: li.id });
    // Only reachable from outside the API (another administrator's row is never the caller's own).
    await expect(deactivateUser(ctx, li.id, ctx.user!.id)).rejects.toMatchObject({
      code: 'conflict',
      extra: { detail: { reason: 'users.last_admin' } },
    });
    expect((await ok(ctx, 'users.list', {})).filter((u) => u.active).map((u) => u.username)).toEqual([
      'admin',
    ]);
  });
});
