// JSON columns are read back through zod: a value changed outside the app is refused, never trusted.
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { classRefSchema } from '../../shared/api/auth';
import { AppError } from '../../shared/api/errors';
import { parseJsonColumn } from '../../electron/db/json-column';
import { followUpIntervals } from '../../electron/services/cases/cases';
import { createContext } from '../../electron/services/context';
import { fails, ok, setUpApp } from '../helpers/app';
import { useTempDirs } from '../helpers/temp';

const tempDir = useTempDirs();

describe('parseJsonColumn', () => {
  const scope = z.array(classRefSchema);

  test('returns the parsed value when it has the shape', () => {
    expect(parseJsonColumn(scope, '[{"grade":"七年级","className":"1班"}]', 'users.classes')).toEqual([
      { grade: '七年级', className: '1班' },
    ]);
  });

  test.each([
    ['not JSON', '[{"grade":"七年级"', 'The stored users.classes is not valid JSON.'],
    [
      'an object',
      '{"grade":"七年级","className":"张三的班"}',
      'The stored users.classes does not have the expected shape (at (root)).',
    ],
    [
      'a null grade',
      '[{"grade":null,"className":"1班"}]',
      'The stored users.classes does not have the expected shape (at 0.grade).',
    ],
  ])('refuses %s with an internal error naming the column, never the value', (_what, text, message) => {
    let error: unknown;
    try {
      parseJsonColumn(scope, text, 'users.classes');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'internal', message });
    expect((error as Error).message).not.toMatch(/七年级|张三|1班/);
  });
});

describe("a class teacher's stored scope", () => {
  test('a tampered scope is refused rather than read as a wider one', async () => {
    const dir = tempDir();
    const { ctx } = await setUpApp(dir);
    await ok(ctx, 'users.create', {
      username: 'chen',
      displayName: '陈老师',
      role: 'class_teacher',
      password: 'class-pass-1',
      classes: [{ grade: '七年级', className: '1班' }],
    });
    const stored = ctx.db!.prepare("SELECT classes FROM users WHERE username = 'chen'").pluck().get();
    expect(stored).toBe('[{"grade":"七年级","className":"1班"}]');

    for (const tampered of [
      // A person without a grade or class (a woman) would have matched nulls by `null === null`.
      '[{"grade":null,"className":null}]',
      '{"grade":"七年级"}',
      '"*"',
      '[{"grade":"七年级","className":"1班"}',
    ]) {
      ctx.db!.prepare("UPDATE users SET classes = ? WHERE username = 'chen'").run(tampered);
      const teacher = createContext(dir, 'http');
      const error = await fails(teacher, 'auth.login', { username: 'chen', password: 'class-pass-1' });
      expect(error.code).toBe('internal');
      expect(error.message).not.toContain('七年级');
      expect(teacher.user).toBeNull();
      // The administrator's list of accounts refuses it too, rather than showing a wider scope.
      expect((await fails(ctx, 'users.list', {})).code).toBe('internal');
    }

    ctx.db!.prepare("UPDATE users SET classes = ? WHERE username = 'chen'").run(stored);
    const teacher = createContext(dir, 'http');
    await ok(teacher, 'auth.login', { username: 'chen', password: 'class-pass-1' });
    expect(teacher.user?.classes).toEqual([{ grade: '七年级', className: '1班' }]);
  });

  test('a tampered follow-up interval setting is refused, not used', async () => {
    const { ctx } = await setUpApp(tempDir());
    ctx
      .db!.prepare('INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)')
      .run('followUp.intervals.school', '{"red":{"first":"soon","then":7}}');
    expect(() => followUpIntervals(ctx.db!, 'school')).toThrow(
      'The stored setting followUp.intervals.school does not have the expected shape (at red.first).',
    );
  });
});
