import { describe, expect, test } from 'vitest';
import { addDays, todayIso } from '../../shared/people';
import type { AppContext } from '../../electron/services/context';
import { fails, ok, setUpApp } from '../helpers/app';
import { useTempDirs } from '../helpers/temp';

const tempDir = useTempDirs();

async function screen(ctx: AppContext, personId: number, phq9: number[], gad7: number[]) {
  const s = await ok(ctx, 'screening.start', { personId, mode: 'paper', battery: ['PHQ-9', 'GAD-7'] });
  for (const [i, v] of phq9.entries())
    await ok(ctx, 'screening.saveAnswer', {
      screeningId: s.screeningId,
      instrumentId: 'PHQ-9',
      itemId: `q${i + 1}`,
      value: v,
    });
  for (const [i, v] of gad7.entries())
    await ok(ctx, 'screening.saveAnswer', {
      screeningId: s.screeningId,
      instrumentId: 'GAD-7',
      itemId: `q${i + 1}`,
      value: v,
    });
  return ok(ctx, 'screening.submit', { screeningId: s.screeningId });
}

async function school() {
  const { ctx } = await setUpApp(tempDir());
  const student = await ok(ctx, 'students.add', {
    studentNo: '1',
    name: '张三',
    sex: 'M',
    birthDate: '2011-03-05',
    grade: '七年级',
    className: '1班',
  });
  const other = await ok(ctx, 'students.add', {
    studentNo: '2',
    name: '李四',
    sex: 'F',
    birthDate: '2011-03-05',
    grade: '七年级',
    className: '2班',
  });
  return { ctx, student, other };
}

describe('from flag to follow-through', () => {
  test('a green result opens nothing; a yellow one opens a case whose first contact is due in 14 days', async () => {
    const { ctx, student, other } = await school();
    await screen(ctx, other.id, [0, 0, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0]);
    await screen(ctx, student.id, [2, 2, 1, 1, 1, 1, 1, 1, 0], [0, 0, 0, 0, 0, 0, 0]);
    const list = await ok(ctx, 'cases.worklist', { programme: 'school' });
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({
      name: '张三',
      group: '七年级 1班',
      level: 'yellow',
      reasons: ['PHQ-9 总分 10（10–14）'],
      nextTask: { kind: 'first_contact', dueOn: addDays(todayIso(), 14) },
      overdue: false,
      escalated: false,
    });
  });

  test('red flag → safety check → interview lowers to orange → two follow-ups → lift', async () => {
    const { ctx, student } = await school();
    await screen(ctx, student.id, [1, 1, 1, 1, 1, 1, 1, 1, 1], [0, 0, 0, 0, 0, 0, 0]);
    let [item] = await ok(ctx, 'cases.worklist', { programme: 'school' });
    expect(item).toMatchObject({ level: 'red', nextTask: { kind: 'safety_check', dueOn: todayIso() } });
    const caseId = item!.caseId;
    expect((await ok(ctx, 'cases.get', { id: caseId })).openTasks.map((t) => [t.kind, t.dueOn])).toEqual([
      ['first_contact', todayIso()],
      ['safety_check', todayIso()],
    ]);
    // Not closed by the end of the day: the case is escalated and stands first.
    [item] = await ok(ctx, 'cases.worklist', { programme: 'school', today: addDays(todayIso(), 1) });
    expect(item).toMatchObject({ overdue: true, escalated: true });

    await ok(ctx, 'cases.safetyCheck', {
      caseId,
      talked: true,
      riskAssessed: true,
      familyContacted: true,
      plan: 'referral',
      outcome: '已与学生面谈，通知家长，建议就医',
    });
    expect(
      (await fails(ctx, 'cases.interview', { caseId, summary: 's', confirmedLevel: 'purple', reason: 'r' }))
        .code,
    ).toBe('invalid_input');
    let c = await ok(ctx, 'cases.interview', {
      caseId,
      summary: '复核约谈',
      confirmedLevel: 'orange',
      reason: '无自伤计划，情绪低落持续两周',
    });
    expect(c).toMatchObject({ level: 'orange', screenLevel: 'red', confirmedLevel: 'orange' });
    expect(c.openTasks).toEqual([
      expect.objectContaining({ kind: 'follow_up', dueOn: addDays(todayIso(), 14) }),
    ]);
    c = await ok(ctx, 'cases.followUp', { caseId, method: '面谈', content: '情绪好转', riskChange: 'lower' });
    c = await ok(ctx, 'cases.followUp', {
      caseId,
      method: '电话',
      content: '家长反馈良好',
      riskChange: 'same',
      nextOn: addDays(todayIso(), 7),
    });
    expect(c.openTasks).toEqual([
      expect.objectContaining({ kind: 'follow_up', dueOn: addDays(todayIso(), 7) }),
    ]);
    c = await ok(ctx, 'cases.lift', { caseId, reason: '复测阴性，约谈确认风险解除' });
    expect(c).toMatchObject({ status: 'lifted', openTasks: [] });
    expect(c.events.map((e) => [e.kind, e.levelBefore, e.levelAfter])).toEqual([
      ['lifted', 'orange', null],
      ['follow_up', null, null],
      ['follow_up', null, null],
      ['interview', 'red', 'orange'],
      ['safety_check', null, null],
      ['flagged', null, 'red'],
    ]);
    expect(await ok(ctx, 'cases.worklist', { programme: 'school' })).toEqual([]);
    expect(
      (await fails(ctx, 'cases.followUp', { caseId, method: '面谈', content: 'x', riskChange: 'same' })).code,
    ).toBe('conflict');
  });

  test('a new flag on an open case updates it instead of opening a second one', async () => {
    const { ctx, student } = await school();
    await screen(ctx, student.id, [2, 2, 1, 1, 1, 1, 1, 1, 0], [0, 0, 0, 0, 0, 0, 0]);
    await screen(ctx, student.id, [2, 2, 2, 2, 2, 2, 2, 2, 0], [3, 3, 3, 3, 3, 0, 0]);
    const list = await ok(ctx, 'cases.worklist', { programme: 'school' });
    expect(list).toHaveLength(1);
    expect(list[0]!.level).toBe('orange');
    const c = await ok(ctx, 'cases.get', { id: list[0]!.caseId });
    expect(c.events.map((e) => [e.kind, e.levelBefore, e.levelAfter])).toEqual([
      ['flagged', 'yellow', 'orange'],
      ['flagged', null, 'yellow'],
    ]);
  });
});
