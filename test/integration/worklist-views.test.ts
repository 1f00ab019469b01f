import { describe, expect, test } from 'vitest';
import { createContext, type AppContext } from '../../electron/services/context';
import { addDays, todayIso } from '../../shared/people';
import { fails, ok, setUpApp } from '../helpers/app';
import { answerSheet } from '../helpers/screening';
import { useTempDirs } from '../helpers/temp';

const tempDir = useTempDirs();

const phq9 = (ctx: AppContext, personId: number, values: number[]) =>
  answerSheet(ctx, personId, { battery: ['PHQ-9'] }, { 'PHQ-9': values });

/** 张三 (七年级 1班, red), 李四 (七年级 2班, yellow), 王五 (八年级 1班, orange). */
async function school() {
  const dir = tempDir();
  const { ctx } = await setUpApp(dir);
  const add = (studentNo: string, name: string, grade: string, className: string) =>
    ok(ctx, 'students.add', { studentNo, name, sex: 'M', birthDate: '2011-03-05', grade, className });
  const zhang = await add('1', '张三', '七年级', '1班');
  const li = await add('2', '李四', '七年级', '2班');
  const wang = await add('3', '王五', '八年级', '1班');
  await phq9(ctx, zhang.id, [1, 1, 1, 1, 1, 1, 1, 1, 1]);
  await phq9(ctx, li.id, [2, 2, 1, 1, 1, 1, 1, 1, 0]);
  await phq9(ctx, wang.id, [2, 2, 2, 2, 2, 2, 2, 1, 0]);
  return { dir, ctx, zhang, li, wang };
}

const names = (items: { name: string }[]) => items.map((i) => i.name);

describe('worklist filters', () => {
  test('by level, by class or whole grade, by responsible person, overdue only', async () => {
    const { ctx } = await school();
    const all = await ok(ctx, 'cases.worklist', { programme: 'school' });
    expect(all.map((i) => [i.name, i.level, i.group])).toEqual([
      ['张三', 'red', '七年级 1班'],
      ['王五', 'orange', '八年级 1班'],
      ['李四', 'yellow', '七年级 2班'],
    ]);
    expect(names(await ok(ctx, 'cases.worklist', { programme: 'school', level: 'orange' }))).toEqual([
      '王五',
    ]);
    expect(names(await ok(ctx, 'cases.worklist', { programme: 'school', group: '七年级' }))).toEqual([
      '张三',
      '李四',
    ]);
    expect(names(await ok(ctx, 'cases.worklist', { programme: 'school', group: '七年级 2班' }))).toEqual([
      '李四',
    ]);
    // Nobody is responsible until the interview names the interviewer.
    expect(await ok(ctx, 'cases.worklist', { programme: 'school', responsible: '王老师' })).toEqual([]);
    await ok(ctx, 'cases.interview', {
      caseId: all[1]!.caseId,
      summary: '复核约谈',
      confirmedLevel: 'orange',
      reason: '维持橙色',
    });
    const mine = await ok(ctx, 'cases.worklist', { programme: 'school', responsible: '王老师' });
    expect(mine.map((i) => [i.name, i.responsible])).toEqual([['王五', '王老师']]);
    // In four days: 张三's same-day tasks and 王五's (re-scheduled in 14 days) differ.
    const later = await ok(ctx, 'cases.worklist', {
      programme: 'school',
      overdueOnly: true,
      today: addDays(todayIso(), 4),
    });
    expect(later.map((i) => [i.name, i.nextTask?.kind, i.escalated])).toEqual([
      ['张三', 'safety_check', true],
    ]);
  });

  test('the re-screen is due next semester and becomes the next action when it comes first', async () => {
    const { ctx } = await school();
    const [red] = await ok(ctx, 'cases.worklist', { programme: 'school', level: 'red' });
    const c = await ok(ctx, 'cases.get', { id: red!.caseId });
    expect(c).toMatchObject({
      rescreenOn: addDays(todayIso(), 120),
      reasons: [
        {
          kind: 'item_positive',
          instrument: 'PHQ-9',
          item: 9,
          meaning: { zh: '自伤念头', en: 'self-harm thoughts' },
        },
      ],
      responsible: null,
      plan: null,
    });
    // Follow-ups every week: the next one stays earlier than the re-screen.
    await ok(ctx, 'cases.safetyCheck', {
      caseId: c.id,
      talked: true,
      riskAssessed: true,
      familyContacted: true,
      plan: 'monitor',
      outcome: '已面谈',
    });
    expect(
      (
        await fails(ctx, 'cases.followUp', {
          caseId: c.id,
          heldOn: addDays(todayIso(), 1),
          method: 'in_person',
          content: '情绪稳定',
          riskChange: 'same',
        })
      ).code,
    ).toBe('invalid_input');
    // Held two days ago: the default next date counts from then (a week for red).
    const held = await ok(ctx, 'cases.followUp', {
      caseId: c.id,
      heldOn: addDays(todayIso(), -2),
      method: 'in_person',
      content: '情绪稳定',
      riskChange: 'same',
    });
    expect(held.openTasks).toEqual([
      expect.objectContaining({ kind: 'follow_up', dueOn: addDays(todayIso(), 5) }),
    ]);
    expect(held.events[0]!.detail).toMatchObject({ heldOn: addDays(todayIso(), -2), method: 'in_person' });
    await ok(ctx, 'cases.followUp', {
      caseId: c.id,
      method: 'phone',
      content: '情绪稳定',
      riskChange: 'same',
      nextOn: addDays(todayIso(), 150),
    });
    const [item] = await ok(ctx, 'cases.worklist', { programme: 'school', level: 'red' });
    expect(item!.nextTask).toEqual({ id: null, kind: 'rescreen', dueOn: addDays(todayIso(), 120) });
    const overdue = await ok(ctx, 'cases.worklist', {
      programme: 'school',
      level: 'red',
      overdueOnly: true,
      today: addDays(todayIso(), 121),
    });
    expect(names(overdue)).toEqual(['张三']);
  });

  test('perinatal: women under 专案管理 by colour, with the plan and the clinician responsible', async () => {
    const { ctx } = await setUpApp(tempDir(), 'maternal');
    const csv =
      '姓名,身份证号,末次月经\n李梅,110101199001010023,2026-06-01\n王芳,11010119900101004X,2026-06-01\n';
    await ok(ctx, 'people.importCommit', {
      kind: 'woman',
      file: { fileName: 'w.csv', contentBase64: Buffer.from(csv).toString('base64') },
    });
    const women = (await ok(ctx, 'people.list', { kind: 'woman', sort: 'name' })).items;
    for (const w of women) {
      const s = await ok(ctx, 'screening.start', { personId: w.id, mode: 'kiosk', battery: ['EPDS'] });
      for (const [i, v] of [2, 2, 2, 2, 1, 2, 1, 1, 1, 0].entries())
        await ok(ctx, 'screening.saveAnswer', {
          screeningId: s.screeningId,
          instrumentId: 'EPDS',
          itemId: `q${i + 1}`,
          value: v,
        });
      await ok(ctx, 'screening.submit', { screeningId: s.screeningId });
    }
    const list = await ok(ctx, 'cases.worklist', { programme: 'perinatal' });
    expect(list.map((i) => [i.level, i.managed])).toEqual([
      ['positive', false],
      ['positive', false],
    ]);
    const li = list.find((i) => i.name === '李梅')!;
    const wang = list.find((i) => i.name === '王芳')!;
    const c = await ok(ctx, 'cases.assignColour', {
      caseId: li.caseId,
      colour: 'red',
      purple: false,
      reason: '确诊伴自杀观念',
      plan: '每周电话随访，两周门诊复诊',
    });
    expect(c).toMatchObject({ plan: '每周电话随访，两周门诊复诊', responsible: '王老师' });
    await ok(ctx, 'cases.assignColour', {
      caseId: wang.caseId,
      colour: 'yellow',
      purple: true,
      reason: '乙肝',
    });
    const managed = (managed: 'any' | 'orange' | 'red' | 'purple') =>
      ok(ctx, 'cases.worklist', { programme: 'perinatal', managed }).then(names);
    expect(await managed('any')).toEqual(['李梅', '王芳']);
    expect(await managed('red')).toEqual(['李梅']);
    expect(await managed('orange')).toEqual([]);
    expect(await managed('purple')).toEqual(['王芳']);
    expect(list.find((i) => i.name === '李梅')!.nextTask).toMatchObject({ kind: 'first_contact' });
    // A later colour without a plan keeps the plan on record.
    const renewed = await ok(ctx, 'cases.assignColour', {
      caseId: li.caseId,
      colour: 'orange',
      purple: false,
      reason: '自杀观念消失',
    });
    expect(renewed).toMatchObject({ colour: 'orange', plan: '每周电话随访，两周门诊复诊' });
  });
});

describe('saved views', () => {
  test('are kept per user and page; saving a name again replaces it', async () => {
    const { dir, ctx } = await school();
    const page = 'worklist.school' as const;
    expect(await ok(ctx, 'views.list', { page })).toEqual([]);
    await ok(ctx, 'views.save', {
      page,
      view: { name: '七年级逾期', filters: { group: '七年级', overdueOnly: true } },
    });
    const saved = await ok(ctx, 'views.save', { page, view: { name: '红色', filters: { level: 'red' } } });
    expect(saved.map((v) => v.name)).toEqual(['红色', '七年级逾期']);
    await ok(ctx, 'views.save', { page, view: { name: '红色', filters: { level: 'orange' } } });
    expect(await ok(ctx, 'views.list', { page })).toEqual([
      { name: '红色', filters: { level: 'orange' } },
      { name: '七年级逾期', filters: { group: '七年级', overdueOnly: true } },
    ]);
    expect(await ok(ctx, 'views.list', { page: 'worklist.perinatal' })).toEqual([]);
    expect(await ok(ctx, 'views.delete', { page, name: '红色' })).toEqual([
      { name: '七年级逾期', filters: { group: '七年级', overdueOnly: true } },
    ]);
    expect((await fails(ctx, 'views.save', { page, view: { name: ' ', filters: {} } })).code).toBe(
      'invalid_input',
    );

    await ok(ctx, 'users.create', {
      username: 'chen',
      displayName: '陈老师',
      role: 'class_teacher',
      password: 'class-pass-1',
      classes: [{ grade: '七年级', className: '1班' }],
    });
    const teacher = createContext(dir, 'http');
    await ok(teacher, 'auth.login', { username: 'chen', password: 'class-pass-1' });
    expect(await ok(teacher, 'views.list', { page })).toEqual([]);
    await ok(teacher, 'views.save', { page, view: { name: '本班', filters: {} } });
    expect((await ok(ctx, 'views.list', { page })).map((v) => v.name)).toEqual(['七年级逾期']);
  });
});

describe("the person's file", () => {
  test('carries the cases for full-file roles only', async () => {
    const { dir, ctx, zhang } = await school();
    const file = await ok(ctx, 'people.get', { id: zhang.id });
    expect(file.cases.map((c) => [c.status, c.level, c.events.map((e) => e.kind)])).toEqual([
      ['open', 'red', ['flagged']],
    ]);
    await ok(ctx, 'users.create', {
      username: 'chen',
      displayName: '陈老师',
      role: 'class_teacher',
      password: 'class-pass-1',
      classes: [{ grade: '七年级', className: '1班' }],
    });
    const teacher = createContext(dir, 'http');
    await ok(teacher, 'auth.login', { username: 'chen', password: 'class-pass-1' });
    expect((await ok(teacher, 'people.get', { id: zhang.id })).cases).toEqual([]);
  });
});
