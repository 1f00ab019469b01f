import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { anxin, ensureBuilt } from '../helpers/cli';
import { useTempDirs } from '../helpers/temp';

const tempDir = useTempDirs();
const ADMIN = { ANXIN_PASSWORD: 'admin-pass-123' };

describe('anxin users add | list | deactivate', () => {
  beforeAll(ensureBuilt, 300_000);

  test('an administrator adds, lists and deactivates accounts; the JSON is stable; others are refused', () => {
    const dir = join(tempDir(), 'data');
    expect(anxin(['init', '--data-dir', dir, '--org-type', 'school', '--org-name', '实验中学', '--json'], ADMIN).code).toBe(0); // prettier-ignore
    const add = (
      args: string[],
      env: Record<string, string> = { ...ADMIN, ANXIN_NEW_PASSWORD: 'teacher-pass-1' },
    ) => anxin(['users', 'add', '--data-dir', dir, ...args, '--json'], env);

    const teacher = add(['--username', 'chen', '--role', 'class-teacher', '--classes', '七年级1班，初一(2)班', '--display-name', '陈老师']); // prettier-ignore
    expect(teacher.code).toBe(0);
    expect(teacher.json()).toEqual({
      id: 2,
      username: 'chen',
      displayName: '陈老师',
      role: 'class-teacher',
      classes: [
        { grade: '七年级', className: '1班' },
        { grade: '七年级', className: '2班' },
      ],
      active: true,
    });
    // The password is never an argument; without it, or with bad options, nothing is created.
    const noPassword = add(['--username', 'wu', '--role', 'screener'], ADMIN);
    expect([noPassword.code, noPassword.json().error.code]).toEqual([2, 'invalid_input']);
    expect(add(['--username', 'wu', '--role', 'nurse']).json().error.message).toContain('admin|psychologist|screener|class-teacher|supervisor'); // prettier-ignore
    // The reason travels as a code beside the English message (the UI words it; scripts key on it).
    expect(add(['--username', 'wu', '--role', 'class-teacher']).json().error).toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/^--classes is required for a class teacher/),
      detail: { reason: 'users.classes_required' },
    });
    expect(add(['--username', 'wu', '--role', 'class-teacher', '--classes', '1班']).json().error.message).toContain('1班'); // prettier-ignore
    expect(add(['--username', 'wu', '--role', 'screener'], { ...ADMIN, ANXIN_NEW_PASSWORD: 'scr-pass-123' }).json()).toMatchObject({ id: 3, role: 'screener', displayName: 'wu', classes: [] }); // prettier-ignore

    // The class teacher's new password opens the data, as her.
    const asTeacher = { ANXIN_PASSWORD: 'teacher-pass-1' };
    const refused = anxin(['users', 'list', '--data-dir', dir, '--user', 'chen', '--json'], asTeacher);
    expect(refused.code).toBe(1);
    expect(refused.json()).toEqual({ error: { code: 'forbidden', message: 'Your role does not allow this action.' } }); // prettier-ignore
    const sneaky = anxin(['users', 'add', '--data-dir', dir, '--user', 'chen', '--username', 'boss', '--role', 'admin', '--json'], { ...asTeacher, ANXIN_NEW_PASSWORD: 'boss-pass-123' }); // prettier-ignore
    expect(sneaky.json().error.code).toBe('forbidden');

    const list = anxin(['users', 'list', '--data-dir', dir, '--json'], ADMIN);
    expect(
      list
        .json()
        .users.map((u: { username: string; role: string; active: boolean }) => [
          u.username,
          u.role,
          u.active,
        ]),
    ).toEqual([
      // prettier-ignore
      ['admin', 'admin', true],
      ['chen', 'class-teacher', true],
      ['wu', 'screener', true],
    ]);

    const ended = anxin(['users', 'deactivate', '--data-dir', dir, '--username', 'CHEN', '--json'], ADMIN);
    // Nothing else holds the data, so the keys are renewed at once (the file re-encrypted).
    expect(ended.json()).toMatchObject({
      id: 2,
      username: 'chen',
      active: false,
      keys: { rotated: true, recoveryCode: null, usersNeedingReset: [] },
    });
    expect(anxin(['users', 'deactivate', '--data-dir', dir, '--username', 'nobody', '--json'], ADMIN).json().error.code).toBe('not_found'); // prettier-ignore
    // Her password no longer opens anything.
    const after = anxin(['worklist', '--data-dir', dir, '--user', 'chen', '--json'], asTeacher);
    expect(after.code).not.toBe(0);
    expect(['wrong_password', 'unauthenticated']).toContain(after.json().error.code);
  }, 120_000);
});
