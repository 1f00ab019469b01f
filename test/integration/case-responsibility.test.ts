import { describe, expect, test } from 'vitest';
import { addDays, todayIso } from '../../shared/people';
import { createContext, type AppContext } from '../../electron/services/context';
import { assignCases } from '../../electron/services/cases/responsibility';
import { fails, ok, setUpApp } from '../helpers/app';
import { answerSheet } from '../helpers/screening';
import { useTempDirs } from '../helpers/temp';

const tempDir = useTempDirs();

const RED = { phq9: [1, 1, 1, 1, 1, 1, 1, 1, 1], gad7: [0, 0, 0, 0, 0, 0, 0] };
const YELLOW = { phq9: [2, 2, 1, 1, 1, 1, 1, 1, 0], gad7: [0, 0, 0, 0, 0, 0, 0] };
const screen = (ctx: AppContext, personId: number, s: { phq9: number[]; gad7: number[] }) =>
  answerSheet(ctx, personId, { battery: ['PHQ-9', 'GAD-7'] }, { 'PHQ-9': s.phq9, 'GAD-7': s.gad7 });

/** A school with three flagged students (two in 1班, one in 2班), a psychologist and a class teacher. */
async function school() {
  const dir = tempDir();
  const { ctx } = await setUpApp(dir);
  const add = (studentNo: string, name: string, className: string) =>
    ok(ctx, 'students.add', {
      studentNo,
      name,
      sex: 'F',
      birthDate: '2011-03-05',
      grade: '七年级',
      className,
    });
  const [a, b, c] = [
    await add('1', '张三', '1班'),
    await add('2', '李四', '1班'),
    await add('3', '王五', '2班'),
  ];
  await screen(ctx, a.id, RED);
  await screen(ctx, b.id, YELLOW);
  await screen(ctx, c.id, YELLOW);
  await ok(ctx, 'users.create', {
    username: 'liu',
    displayName: '刘老师',
    password: 'psych-pass-1',
    role: 'psychologist',
    classes: [],
  });
  await ok(ctx, 'users.create', {
    username: 'chen',
    displayName: '陈老师',
    password: 'class-pass-1',
    role: 'class_teacher',
    classes: [{ grade: '七年级', className: '1班' }],
  });
  const login = async (username: string, password: string) => {
    const other = createContext(dir, 'http');
    await ok(other, 'auth.login', { username, password });
    return other;
  };
  const list = await ok(ctx, 'cases.worklist', { programme: 'school' });
  const caseOf = (personId: number) => list.find((i) => i.personId === personId)!.caseId;
  const users = await ok(ctx, 'cases.responsibleCandidates', {});
  const idOf = (username: string) => users.find((u) => u.username === username)!.id;
  return { ctx, login, a, b, c, caseOf, idOf, users };
}

describe('责任人: assign and transfer, single and in bulk', () => {
  test('the candidates are the active administrators and psychologists, never a class teacher', async () => {
    const { users } = await school();
    expect(users.map((u) => [u.username, u.displayName, u.role])).toEqual([
      ['liu', '刘老师', 'psychologist'],
      ['admin', '王老师', 'admin'],
    ]);
  });

  test('bulk assignment sets every case, records from → to in each timeline and the audit; a transfer names both', async () => {
    const { ctx, login, a, b, c, caseOf, idOf } = await school();
    const ids = [caseOf(a.id), caseOf(b.id), caseOf(c.id)];
    expect((await ok(ctx, 'cases.worklist', { programme: 'school', assigned: 'unassigned' })).length).toBe(3);

    const result = await ok(ctx, 'cases.assign', { caseIds: ids, to: idOf('liu') });
    expect(result).toMatchObject({ to: { username: 'liu', displayName: '刘老师' }, changed: 3 });
    expect(result.cases.map((r) => [r.caseId, r.from, r.changed])).toEqual(ids.map((id) => [id, null, true]));
    const list = await ok(ctx, 'cases.worklist', { programme: 'school' });
    expect(list.map((i) => i.responsible)).toEqual(['刘老师', '刘老师', '刘老师']);
    expect((await ok(ctx, 'cases.worklist', { programme: 'school', assigned: 'unassigned' })).length).toBe(0);

    const first = await ok(ctx, 'cases.get', { id: ids[0]! });
    expect(first).toMatchObject({ responsible: '刘老师', responsibleId: idOf('liu') });
    expect(first.events[0]).toMatchObject({
      kind: 'assigned',
      by: '王老师',
      detail: { from: null, to: { id: idOf('liu'), name: '刘老师' } },
    });

    // The psychologist hands one case to the administrator: a transfer, from → to.
    const liu = await login('liu', 'psych-pass-1');
    const moved = await ok(liu, 'cases.assign', { caseIds: [ids[1]!], to: 'admin' });
    expect(moved.cases).toEqual([{ caseId: ids[1], from: '刘老师', changed: true }]);
    const second = await ok(liu, 'cases.get', { id: ids[1]! });
    expect(second.responsible).toBe('王老师');
    expect(second.events.filter((e) => e.kind === 'assigned').map((e) => [e.by, e.detail])).toEqual([
      ['刘老师', { from: { id: idOf('liu'), name: '刘老师' }, to: { id: idOf('admin'), name: '王老师' } }],
      ['王老师', { from: null, to: { id: idOf('liu'), name: '刘老师' } }],
    ]);

    // Assigning again to the same person changes nothing and adds no event.
    const again = await ok(ctx, 'cases.assign', { caseIds: [ids[0]!], to: idOf('liu') });
    expect(again).toMatchObject({ changed: 0, cases: [{ caseId: ids[0], from: '刘老师', changed: false }] });
    expect(
      (await ok(ctx, 'cases.get', { id: ids[0]! })).events.filter((e) => e.kind === 'assigned'),
    ).toHaveLength(1);

    // 我负责的: each caller sees the cases they are responsible for.
    const mine = async (who: AppContext) =>
      (await ok(who, 'cases.worklist', { programme: 'school', assigned: 'mine' }))
        .map((i) => i.caseId)
        .sort();
    expect(await mine(liu)).toEqual([ids[0], ids[2]].sort());
    expect(await mine(ctx)).toEqual([ids[1]]);

    const trail = await ok(ctx, 'audit.list', { action: 'case.assign' });
    expect(trail.items.map((e) => [e.subject, e.username, e.detail]).reverse()).toEqual([
      [String(ids[0]), 'admin', { from: null, to: idOf('liu') }],
      [String(ids[1]), 'admin', { from: null, to: idOf('liu') }],
      [String(ids[2]), 'admin', { from: null, to: idOf('liu') }],
      [String(ids[1]), 'liu', { from: idOf('liu'), to: idOf('admin') }],
    ]);
  }, 60_000);

  test('all or nothing: an unknown, ended or out-of-scope case, or an ineligible user, refuses the whole list', async () => {
    const { ctx, a, b, c, caseOf, idOf } = await school();
    const [ca, cb, cc] = [caseOf(a.id), caseOf(b.id), caseOf(c.id)];
    await ok(ctx, 'cases.lift', { caseId: cc, reason: '复测正常' });
    const unassigned = async () =>
      (await ok(ctx, 'cases.worklist', { programme: 'school', assigned: 'unassigned' })).length;

    let error = await fails(ctx, 'cases.assign', { caseIds: [ca, 99_999], to: idOf('liu') });
    expect(error).toMatchObject({ code: 'not_found', detail: { reason: 'cases.unknown_cases', params: { caseIds: '99999' } } }); // prettier-ignore
    error = await fails(ctx, 'cases.assign', { caseIds: [ca, cb, cc], to: idOf('liu') });
    expect(error).toMatchObject({ code: 'conflict', detail: { reason: 'cases.assign_not_open', params: { caseIds: String(cc) } } }); // prettier-ignore
    error = await fails(ctx, 'cases.assign', { caseIds: [ca], to: 'chen' });
    expect(error).toMatchObject({ code: 'invalid_input', detail: { reason: 'cases.responsible_not_eligible', params: { user: 'chen' } } }); // prettier-ignore
    error = await fails(ctx, 'cases.assign', { caseIds: [ca], to: 'nobody' });
    expect(error.detail).toMatchObject({ reason: 'cases.responsible_not_eligible' });
    expect(await unassigned()).toBe(2);

    // A caller limited to 1班 cannot hand out the 2班 case: the service names it and writes nothing.
    expect((await ok(ctx, 'cases.reopen', { caseId: cc, reason: '家长反映情绪再次低落' })).status).toBe(
      'open',
    );
    const oneClass = [{ grade: '七年级', className: '1班' }];
    expect(() => assignCases(ctx.db!, 1, { caseIds: [ca, cc], to: idOf('liu') }, oneClass)).toThrow(
      expect.objectContaining({
        code: 'forbidden',
        extra: { detail: { reason: 'cases.assign_out_of_scope', params: { caseIds: String(cc) } } },
      }),
    );
    expect(await unassigned()).toBe(3);
  }, 60_000);

  test('a class teacher may not assign nor list candidates (forbidden), and sees who is responsible', async () => {
    const { ctx, login, a, caseOf, idOf } = await school();
    await ok(ctx, 'cases.assign', { caseIds: [caseOf(a.id)], to: idOf('liu') });
    const chen = await login('chen', 'class-pass-1');
    expect((await fails(chen, 'cases.assign', { caseIds: [caseOf(a.id)], to: idOf('admin') })).code).toBe(
      'forbidden',
    );
    expect((await fails(chen, 'cases.responsibleCandidates', {})).code).toBe('forbidden');
    const list = await ok(chen, 'cases.worklist', { programme: 'school' });
    expect(list.map((i) => [i.name, i.responsible])).toEqual([
      ['张三', '刘老师'],
      ['李四', null],
    ]);
    expect((await ok(ctx, 'cases.get', { id: caseOf(a.id) })).responsible).toBe('刘老师');
  }, 60_000);
});

describe('dated case records', () => {
  test('an interview and a safety check keep the day they took place; a future day or one before the case is refused with its own code', async () => {
    const { ctx, a, caseOf } = await school();
    const caseId = caseOf(a.id);
    const today = todayIso();
    const yesterday = addDays(today, -1);
    // Opened today: yesterday is before the case; tomorrow is in the future.
    let error = await fails(ctx, 'cases.interview', { caseId, summary: '面谈', confirmedLevel: 'orange', reason: '无计划', heldOn: addDays(today, 1) }); // prettier-ignore
    expect(error).toMatchObject({ code: 'invalid_input', detail: { reason: 'cases.event_date_future', params: { date: addDays(today, 1) } } }); // prettier-ignore
    error = await fails(ctx, 'cases.safetyCheck', { caseId, talked: true, riskAssessed: true, familyContacted: false, plan: 'monitor', outcome: '安全', heldOn: yesterday }); // prettier-ignore
    expect(error).toMatchObject({ detail: { reason: 'cases.event_date_before_opened', params: { date: yesterday, openedOn: today } } }); // prettier-ignore

    // A case opened three days ago takes a check held two days ago, dated then.
    const threeDaysAgo = new Date(Date.now() - 3 * 86_400_000).toISOString();
    ctx.db!.prepare('UPDATE cases SET opened_at = ? WHERE id = ?').run(threeDaysAgo, caseId);
    const twoDaysAgo = addDays(today, -2);
    let c = await ok(ctx, 'cases.safetyCheck', { caseId, talked: true, riskAssessed: true, familyContacted: false, plan: 'monitor', outcome: '安全', heldOn: twoDaysAgo }); // prettier-ignore
    expect(c.events[0]).toMatchObject({ kind: 'safety_check', detail: { heldOn: twoDaysAgo } });
    c = await ok(ctx, 'cases.interview', { caseId, summary: '面谈', confirmedLevel: 'orange', reason: '无计划', heldOn: yesterday }); // prettier-ignore
    expect(c.events[0]).toMatchObject({ kind: 'interview', detail: { heldOn: yesterday } });
    // The next follow-up counts from the day of the interview (orange: every 14 days).
    expect(c.openTasks).toEqual([
      expect.objectContaining({ kind: 'follow_up', dueOn: addDays(yesterday, 14) }),
    ]);
    // Without a date, today.
    c = await ok(ctx, 'cases.interview', {
      caseId,
      summary: '再谈',
      confirmedLevel: 'orange',
      reason: '稳定',
    });
    expect(c.events[0]!.detail.heldOn).toBe(today);
  }, 60_000);
});

describe('重新开放: a lifted warning reopens', () => {
  test('the case is open again at its level with a reopened event and a follow-up; the register level comes back', async () => {
    const { ctx, a, caseOf } = await school();
    const caseId = caseOf(a.id);
    const level = async () =>
      (await ok(ctx, 'people.list', { kind: 'student' })).items.find((p) => p.id === a.id)!.level;
    await ok(ctx, 'cases.interview', { caseId, summary: '面谈', confirmedLevel: 'orange', reason: '无计划' });
    expect(await level()).toBe('orange');
    await ok(ctx, 'cases.lift', { caseId, reason: '情绪稳定' });
    // A lifted warning is not shown again.
    expect(await level()).toBe(null);
    expect(
      (await fails(ctx, 'cases.reopen', { caseId, reason: 'x', nextOn: addDays(todayIso(), -1) })).detail,
    ).toMatchObject({ reason: 'cases.next_on_past' });

    const c = await ok(ctx, 'cases.reopen', { caseId, reason: '家长反映又不愿上学' });
    expect(c).toMatchObject({ status: 'open', level: 'orange', confirmedLevel: 'orange' });
    // Orange: first contact within 3 days.
    expect(c.openTasks.map((t) => [t.kind, t.dueOn])).toEqual([['follow_up', addDays(todayIso(), 3)]]);
    expect(c.events.slice(0, 2).map((e) => [e.kind, e.levelBefore, e.levelAfter, e.by])).toEqual([
      ['reopened', null, 'orange', '王老师'],
      ['lifted', 'orange', null, '王老师'],
    ]);
    expect(c.events[0]!.detail).toEqual({ reason: '家长反映又不愿上学', nextOn: addDays(todayIso(), 3) });
    expect(await level()).toBe('orange');
    const list = await ok(ctx, 'cases.worklist', { programme: 'school' });
    expect(list.find((i) => i.caseId === caseId)).toMatchObject({
      level: 'orange',
      nextTask: { kind: 'follow_up', dueOn: addDays(todayIso(), 3) },
    });
    expect((await ok(ctx, 'audit.list', { action: 'case.reopen' })).items.map((e) => e.subject)).toEqual([
      String(caseId),
    ]);
    // An open case does not reopen; neither does one whose person has another open case.
    expect((await fails(ctx, 'cases.reopen', { caseId, reason: 'x' })).detail).toMatchObject({
      reason: 'cases.not_lifted',
    });
    await ok(ctx, 'cases.lift', { caseId, reason: '再次稳定' });
    await screen(ctx, a.id, YELLOW);
    const [fresh] = (await ok(ctx, 'cases.worklist', { programme: 'school' })).filter(
      (i) => i.personId === a.id,
    );
    expect(fresh!.caseId).not.toBe(caseId);
    expect((await fails(ctx, 'cases.reopen', { caseId, reason: 'x' })).detail).toMatchObject({
      reason: 'cases.other_open',
      params: { caseId: fresh!.caseId },
    });
  }, 60_000);
});
