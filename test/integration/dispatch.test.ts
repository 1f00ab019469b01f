import { describe, expect, test } from 'vitest';
import { dispatch } from '../../electron/api/dispatch';
import { handlers } from '../../electron/api/handlers';
import { apiMethods } from '../../shared/api/contract';
import { fails, ok, setUpApp } from '../helpers/app';
import { useTempDirs } from '../helpers/temp';

const tempDir = useTempDirs();

const zhang = {
  studentNo: '20230101',
  name: '张三',
  sex: 'M',
  birthDate: '2011-03-05',
  grade: '七年级',
  className: '1班',
} as const;

describe('the API dispatcher', () => {
  test('every contract method has a handler and no handler is outside the contract', () => {
    expect(Object.keys(handlers).sort()).toEqual([...apiMethods].sort());
  });

  test('unknown methods and invalid input come back as typed errors, never exceptions', async () => {
    const { ctx } = await setUpApp(tempDir());
    expect((await fails(ctx, 'students.drop', {})).code).toBe('unknown_method');
    expect((await fails(ctx, '__proto__', {})).code).toBe('unknown_method');
    const invalid = await fails(ctx, 'students.add', { ...zhang, sex: '男', birthDate: '2011-02-30' });
    expect(invalid.code).toBe('invalid_input');
    expect(invalid.issues?.map((i) => i.path).sort()).toEqual(['birthDate', 'sex']);
    expect((await fails(ctx, 'students.add', 'not an object')).code).toBe('invalid_input');
    expect((await fails(ctx, 'app.status', { extra: 1 })).code).toBe('invalid_input');
  });

  test('students are added, listed, filtered and found by name or 学籍号', async () => {
    const { ctx } = await setUpApp(tempDir());
    const added = await ok(ctx, 'students.add', zhang);
    expect(added).toMatchObject({ ...zhang, status: 'enrolled' });
    await ok(ctx, 'students.add', {
      ...zhang,
      studentNo: '20230102',
      name: '李四',
      sex: 'F',
      className: '2班',
    });
    await ok(ctx, 'students.add', { ...zhang, studentNo: '20220101', name: '王五', grade: '八年级' });
    expect((await fails(ctx, 'students.add', zhang)).code).toBe('conflict');
    const all = await ok(ctx, 'students.list', {});
    expect(all.total).toBe(3);
    expect(all.items.map((s) => s.name)).toEqual(['张三', '李四', '王五']);
    expect(
      (await ok(ctx, 'students.list', { grade: '七年级', className: '2班' })).items.map((s) => s.name),
    ).toEqual(['李四']);
    expect((await ok(ctx, 'students.list', { query: '张' })).items.map((s) => s.studentNo)).toEqual([
      '20230101',
    ]);
    expect((await ok(ctx, 'students.list', { query: '2022' })).items.map((s) => s.name)).toEqual(['王五']);
    expect((await ok(ctx, 'students.list', { query: '%' })).total).toBe(0);
    const page = await ok(ctx, 'students.list', { limit: 1, offset: 1 });
    expect(page).toMatchObject({ total: 3, items: [{ name: '李四' }] });
  });

  test('logged-in methods need a session, and roles are enforced by the dispatcher', async () => {
    const { ctx } = await setUpApp(tempDir());
    ctx.user = { ...ctx.user!, role: 'class_teacher' };
    expect((await fails(ctx, 'students.add', zhang)).code).toBe('forbidden');
    expect((await ok(ctx, 'students.list', {})).total).toBe(0);
    ctx.user = null;
    expect((await fails(ctx, 'db.info', {})).code).toBe('unauthenticated');
  });

  test('a service failure that is not an AppError is reported as internal without its message', async () => {
    const { ctx } = await setUpApp(tempDir());
    const broken = {
      ...handlers,
      'students.list': () => {
        throw new Error('secret 张三 in message');
      },
    };
    const result = await dispatch(ctx, 'students.list', {}, broken);
    expect(result).toEqual({
      ok: false,
      error: { code: 'internal', message: 'An internal error occurred.' },
    });
  });
});
