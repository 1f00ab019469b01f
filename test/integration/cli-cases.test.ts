// `anxin cases assign`: the stable --json shape, all or nothing, through the same role checks as the UI.
import { beforeAll, describe, expect, test } from 'vitest';
import { ADMIN_PASSWORD, ok, setUpApp } from '../helpers/app';
import { anxin, ensureBuilt } from '../helpers/cli';
import { answerSheet } from '../helpers/screening';
import { useTempDirs } from '../helpers/temp';

const tempDir = useTempDirs();
beforeAll(ensureBuilt, 300_000);

const YELLOW = { 'PHQ-9': [2, 2, 1, 1, 1, 1, 1, 1, 0], 'GAD-7': [0, 0, 0, 0, 0, 0, 0] };

async function school() {
  const dir = tempDir();
  const { ctx } = await setUpApp(dir);
  for (const [no, name] of [
    ['1', '张三'],
    ['2', '李四'],
  ] as const) {
    const s = await ok(ctx, 'students.add', { studentNo: no, name, sex: 'F', birthDate: '2011-03-05', grade: '七年级', className: '1班' }); // prettier-ignore
    await answerSheet(ctx, s.id, { battery: ['PHQ-9', 'GAD-7'] }, YELLOW);
  }
  await ok(ctx, 'users.create', { username: 'liu', displayName: '刘老师', password: 'psych-pass-1', role: 'psychologist', classes: [] }); // prettier-ignore
  await ok(ctx, 'users.create', { username: 'chen', displayName: '陈老师', password: 'class-pass-1', role: 'class_teacher', classes: [{ grade: '七年级', className: '1班' }] }); // prettier-ignore
  await ok(ctx, 'auth.logout', {});
  return dir;
}

describe('anxin cases assign', () => {
  test('assigns the listed cases to a username, reports from → to, and refuses the lot on one bad id or role', async () => {
    const dir = await school();
    const admin = { ANXIN_PASSWORD: ADMIN_PASSWORD };
    const list = anxin(['worklist', '--data-dir', dir, '--json'], admin).json();
    const ids: number[] = list.items.map((i: { caseId: number }) => i.caseId);
    expect(list.items.map((i: { responsible: string | null }) => i.responsible)).toEqual([null, null]);

    const bad = anxin(['cases', 'assign', '--data-dir', dir, '--case', `${ids[0]},99999`, '--to', 'liu', '--json'], admin); // prettier-ignore
    expect(bad.code).not.toBe(0);
    expect(bad.json().error).toMatchObject({
      code: 'not_found',
      message: 'No case 99999; nothing was assigned.',
    });
    const teacher = anxin(['cases', 'assign', '--data-dir', dir, '--case', String(ids[0]), '--to', 'chen', '--json'], admin); // prettier-ignore
    expect(teacher.json().error).toMatchObject({ code: 'invalid_input' });
    const malformed = anxin(['cases', 'assign', '--data-dir', dir, '--case', '1,x', '--to', 'liu', '--json'], admin); // prettier-ignore
    expect(malformed.json().error.message).toBe('--case must be case ids separated by commas (e.g. --case 12,13); not an id: x.'); // prettier-ignore

    const run = anxin(['cases', 'assign', '--data-dir', dir, '--case', ids.join(','), '--to', 'liu', '--json'], admin); // prettier-ignore
    expect(run.code).toBe(0);
    expect(run.json()).toEqual({
      to: { id: expect.any(Number), username: 'liu', displayName: '刘老师' },
      cases: ids.map((caseId) => ({ caseId, from: null, changed: true })),
      changed: 2,
    });
    const after = anxin(['worklist', '--data-dir', dir, '--json'], admin).json();
    expect(after.items.map((i: { responsible: string | null }) => i.responsible)).toEqual([
      '刘老师',
      '刘老师',
    ]);

    // The psychologist transfers one back; the class teacher may not assign at all.
    const transfer = anxin(['cases', 'assign', '--data-dir', dir, '--user', 'liu', '--case', String(ids[1]), '--to', 'admin', '--json'], { ANXIN_PASSWORD: 'psych-pass-1' }); // prettier-ignore
    expect(transfer.json()).toMatchObject({
      cases: [{ caseId: ids[1], from: '刘老师', changed: true }],
      changed: 1,
    });
    const refused = anxin(['cases', 'assign', '--data-dir', dir, '--user', 'chen', '--case', String(ids[0]), '--to', 'chen', '--json'], { ANXIN_PASSWORD: 'class-pass-1' }); // prettier-ignore
    expect([refused.code, refused.json().error.code]).toEqual([1, 'forbidden']);
  }, 120_000);
});
