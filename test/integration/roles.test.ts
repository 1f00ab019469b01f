import { describe, expect, test } from 'vitest';
import { createContext } from '../../electron/services/context';
import { ADMIN_PASSWORD, fails, ok, setUpApp } from '../helpers/app';
import { useTempDirs } from '../helpers/temp';

const tempDir = useTempDirs();

describe('roles are enforced in the services', () => {
  test('an administrator creates accounts; each role sees only what it needs', async () => {
    const dir = tempDir();
    const { ctx } = await setUpApp(dir);
    const add = (studentNo: string, name: string, className: string) =>
      ok(ctx, 'students.add', {
        studentNo,
        name,
        sex: 'M',
        birthDate: '2011-03-05',
        grade: '七年级',
        className,
      });
    const mine = await add('1', '张三', '1班');
    const other = await add('2', '李四', '2班');
    // Both flagged red through item 9.
    for (const person of [mine, other]) {
      const s = await ok(ctx, 'screening.start', { personId: person.id, mode: 'paper', battery: ['PHQ-9'] });
      for (const i of [1, 2, 3, 4, 5, 6, 7, 8, 9])
        await ok(ctx, 'screening.saveAnswer', {
          screeningId: s.screeningId,
          instrumentId: 'PHQ-9',
          itemId: `q${i}`,
          value: 1,
        });
      await ok(ctx, 'screening.submit', { screeningId: s.screeningId });
    }
    await ok(ctx, 'users.create', {
      username: 'chen',
      displayName: '陈老师',
      role: 'class_teacher',
      password: 'class-pass-1',
      classes: [{ grade: '七年级', className: '1班' }],
    });
    await ok(ctx, 'users.create', {
      username: 'zhou',
      displayName: '周科长',
      role: 'supervisor',
      password: 'super-pass-1',
    });
    await ok(ctx, 'users.create', {
      username: 'wu',
      displayName: '吴老师',
      role: 'screener',
      password: 'screen-pass-1',
    });
    expect(
      (
        await fails(ctx, 'users.create', {
          username: 'x1',
          displayName: 'x',
          role: 'class_teacher',
          password: 'class-pass-1',
        })
      ).code,
    ).toBe('invalid_input');
    expect(
      (
        await fails(ctx, 'users.create', {
          username: 'chen',
          displayName: 'x',
          role: 'screener',
          password: 'class-pass-1',
        })
      ).code,
    ).toBe('conflict');
    expect((await ok(ctx, 'users.list', {})).map((u) => [u.username, u.role])).toEqual([
      ['admin', 'admin'],
      ['chen', 'class_teacher'],
      ['wu', 'screener'],
      ['zhou', 'supervisor'],
    ]);
    await ok(ctx, 'auth.logout', {});

    const teacher = createContext(dir, 'http');
    await ok(teacher, 'auth.login', { username: 'chen', password: 'class-pass-1' });
    expect((await ok(teacher, 'people.list', { kind: 'student' })).items.map((p) => p.name)).toEqual([
      '张三',
    ]);
    expect((await ok(teacher, 'people.search', { query: 'ls' })).map((p) => p.name)).toEqual([]);
    expect((await fails(teacher, 'people.get', { id: other.id })).code).toBe('forbidden');
    const [row] = await ok(teacher, 'cases.worklist', { programme: 'school' });
    expect(row).toMatchObject({
      name: '张三',
      level: 'red',
      reasons: [],
      nextTask: { kind: 'safety_check' },
    });
    expect((await ok(teacher, 'cases.worklist', { programme: 'school' })).length).toBe(1);
    for (const [method, input] of [
      ['cases.get', { id: row!.caseId }],
      ['screening.forPerson', { personId: mine.id }],
      ['screening.start', { personId: mine.id, mode: 'paper', battery: ['PHQ-9'] }],
      ['users.list', {}],
      ['dashboard.get', { programme: 'school', from: '2026-01-01', to: '2026-12-31' }],
    ] as const) {
      expect((await fails(teacher, method, input)).code).toBe('forbidden');
    }

    const supervisor = createContext(dir, 'http');
    await ok(supervisor, 'auth.login', { username: 'zhou', password: 'super-pass-1' });
    expect((await fails(supervisor, 'people.list', { kind: 'student' })).code).toBe('forbidden');
    expect((await fails(supervisor, 'cases.worklist', { programme: 'school' })).code).toBe('forbidden');
    expect(
      (await ok(supervisor, 'dashboard.get', { programme: 'school', from: '2000-01-01', to: '2100-01-01' }))
        .byLevel,
    ).toEqual({ red: 2 });

    const screener = createContext(dir, 'http');
    await ok(screener, 'auth.login', { username: 'wu', password: 'screen-pass-1' });
    expect((await fails(screener, 'cases.get', { id: row!.caseId })).code).toBe('forbidden');
    expect((await fails(screener, 'screening.forPerson', { personId: mine.id })).code).toBe('forbidden');

    // The administrator's password still opens the data.
    const admin = createContext(dir, 'http');
    await ok(admin, 'auth.login', { username: 'admin', password: ADMIN_PASSWORD });
  });
});
