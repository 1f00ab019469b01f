import { describe, expect, test } from 'vitest';
import { addDays, todayIso } from '../../shared/people';
import type { AppContext } from '../../electron/services/context';
import { fails, ok, setUpApp } from '../helpers/app';
import { answerSheet } from '../helpers/screening';
import { useTempDirs } from '../helpers/temp';

const tempDir = useTempDirs();

const screen = (ctx: AppContext, personId: number, phq9: number[], gad7: number[]) =>
  answerSheet(ctx, personId, { battery: ['PHQ-9', 'GAD-7'] }, { 'PHQ-9': phq9, 'GAD-7': gad7 });

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
      reasons: [{ kind: 'total_band', instrument: 'PHQ-9', total: 10, min: 10, max: 14, complete: true }],
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
      // The safety check comes first on its day: it is the urgent one.
      ['safety_check', todayIso()],
      ['first_contact', todayIso()],
    ]);
    // Not closed by the end of the day: the case is escalated and stands first.
    [item] = await ok(ctx, 'cases.worklist', { programme: 'school', today: addDays(todayIso(), 1) });
    expect(item).toMatchObject({ overdue: true, escalated: true });

    await ok(ctx, 'cases.safetyCheck', {
      caseId,
      talked: true,
      riskAssessed: true,
      familyContacted: true,
      plan: 'monitor',
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
    c = await ok(ctx, 'cases.followUp', {
      caseId,
      method: 'in_person',
      content: '情绪好转',
      riskChange: 'lower',
    });
    c = await ok(ctx, 'cases.followUp', {
      caseId,
      method: 'phone',
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
      (await fails(ctx, 'cases.followUp', { caseId, method: 'in_person', content: 'x', riskChange: 'same' }))
        .code,
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

describe('referrals, colours and figures', () => {
  test('an unattended referral resurfaces; attended and diagnosed are recorded', async () => {
    const { ctx, student } = await school();
    await screen(ctx, student.id, [2, 2, 2, 2, 2, 2, 2, 2, 0], [0, 0, 0, 0, 0, 0, 0]);
    const [item] = await ok(ctx, 'cases.worklist', { programme: 'school' });
    const caseId = item!.caseId;
    await ok(ctx, 'cases.guardianContact', {
      caseId,
      contactedOn: todayIso(),
      who: '母亲',
      method: 'phone',
      response: '同意就医',
    });
    let c = await ok(ctx, 'cases.refer', {
      caseId,
      institution: '市精神卫生中心',
      department: '儿少科',
      referredOn: todayIso(),
      consent: true,
    });
    expect(c.referrals).toEqual([
      expect.objectContaining({ status: 'referred', institution: '市精神卫生中心' }),
    ]);
    const later = await ok(ctx, 'cases.worklist', { programme: 'school', today: addDays(todayIso(), 15) });
    expect(later[0]).toMatchObject({ overdue: true });
    const pending = (await ok(ctx, 'cases.get', { id: caseId })).openTasks.map((t) => t.kind);
    expect(pending).toContain('referral_check');
    const referralId = c.referrals[0]!.id;
    expect(
      (
        await fails(ctx, 'cases.updateReferral', {
          referralId,
          status: 'diagnosed',
          conclusion: 'confirmed',
          diagnosis: '抑郁发作',
          diagnosedOn: todayIso(),
        })
      ).code,
    ).toBe('conflict');
    c = await ok(ctx, 'cases.updateReferral', { referralId, status: 'attended', attendedOn: todayIso() });
    expect(c.openTasks.map((t) => t.kind)).not.toContain('referral_check');
    expect(c.events.map((e) => e.kind).slice(0, 3)).toEqual(['referral', 'referral', 'guardian_contact']);
  });

  test('perinatal: positive → referral → diagnosis → suggested orange accepted → follow-up → 结案, and the figures count it', async () => {
    const { ctx } = await setUpApp(tempDir(), 'maternal');
    const csv =
      '姓名,身份证号,末次月经\n李梅,110101199001010023,2026-06-01\n王芳,11010119900101004X,2026-06-01\n';
    await ok(ctx, 'people.importCommit', {
      kind: 'woman',
      file: { fileName: 'w.csv', contentBase64: Buffer.from(csv).toString('base64') },
    });
    const [li, wang] = (await ok(ctx, 'people.list', { kind: 'woman', sort: 'name' })).items;
    const epds = async (personId: number, values: number[]) => {
      const s = await ok(ctx, 'screening.start', { personId, mode: 'kiosk', battery: ['EPDS'] });
      for (const [i, v] of values.entries())
        await ok(ctx, 'screening.saveAnswer', {
          screeningId: s.screeningId,
          instrumentId: 'EPDS',
          itemId: `q${i + 1}`,
          value: v,
        });
      return ok(ctx, 'screening.submit', { screeningId: s.screeningId });
    };
    expect((await epds(li!.id, [2, 2, 2, 2, 1, 2, 1, 1, 1, 0])).level).toBe('positive');
    expect((await epds(wang!.id, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0])).level).toBe('negative');
    const [item] = await ok(ctx, 'cases.worklist', { programme: 'perinatal' });
    expect(item).toMatchObject({
      name: '李梅',
      level: 'positive',
      nextTask: { kind: 'first_contact', dueOn: addDays(todayIso(), 3) },
    });
    const caseId = item!.caseId;
    let c = await ok(ctx, 'cases.refer', {
      caseId,
      institution: '县人民医院',
      department: '心理科',
      referredOn: todayIso(),
      consent: true,
    });
    const referralId = c.referrals[0]!.id;
    await ok(ctx, 'cases.updateReferral', { referralId, status: 'attended', attendedOn: todayIso() });
    c = await ok(ctx, 'cases.updateReferral', {
      referralId,
      status: 'diagnosed',
      conclusion: 'confirmed',
      diagnosis: '围产期抑郁',
      diagnosedOn: todayIso(),
    });
    expect(c.suggestedColour).toBe('orange');
    c = await ok(ctx, 'cases.assignColour', {
      caseId,
      colour: 'orange',
      purple: false,
      reason: '确诊围产期抑郁，接受系统建议',
    });
    expect(c).toMatchObject({ colour: 'orange', suggestedColour: null, managedSince: expect.any(String) });
    await ok(ctx, 'cases.followUp', { caseId, method: 'phone', content: '按时服药', riskChange: 'same' });
    const before = await ok(ctx, 'dashboard.get', {
      programme: 'perinatal',
      from: todayIso(),
      to: todayIso(),
    });
    expect(before).toMatchObject({
      screened: 2,
      byLevel: { positive: 1, negative: 1 },
      criticalItems: 0,
      referred: 1,
      attended: 1,
      diagnosed: 1,
      underManagement: 1,
      managedByColour: { orange: 1 },
      followUps: 1,
      closed: 0,
    });
    c = await ok(ctx, 'cases.close', { caseId, reason: 'recovered', note: '随访评估正常' });
    expect(c).toMatchObject({ status: 'closed', openTasks: [] });
    const after = await ok(ctx, 'dashboard.get', {
      programme: 'perinatal',
      from: todayIso(),
      to: todayIso(),
    });
    expect(after).toMatchObject({ underManagement: 0, managedByColour: {}, closed: 1 });
  });
});

describe('follow-up intervals', () => {
  test('are a programme setting that new cases follow', async () => {
    const { ctx, student } = await school();
    expect(await ok(ctx, 'followUp.intervals', { programme: 'school' })).toEqual({
      red: { first: 0, then: 7, rescreen: 120 },
      orange: { first: 3, then: 14, rescreen: 120 },
      yellow: { first: 14, then: 30, rescreen: 120 },
    });
    await ok(ctx, 'followUp.saveIntervals', {
      programme: 'school',
      intervals: {
        red: { first: 0, then: 3 },
        orange: { first: 1, then: 7 },
        yellow: { first: 7, then: 14 },
      },
    });
    expect(
      (
        await fails(ctx, 'followUp.saveIntervals', {
          programme: 'school',
          intervals: { purple: { first: 1, then: 1 } },
        })
      ).code,
    ).toBe('invalid_input');
    await screen(ctx, student.id, [2, 2, 1, 1, 1, 1, 1, 1, 0], [0, 0, 0, 0, 0, 0, 0]);
    const [item] = await ok(ctx, 'cases.worklist', { programme: 'school' });
    expect(item!.nextTask).toMatchObject({ kind: 'first_contact', dueOn: addDays(todayIso(), 7) });
  });
});

describe("a person's current level in the registers", () => {
  test('follows the open case, disappears when lifted, and returns with the next screening', async () => {
    const { ctx, student, other } = await school();
    const levels = async (level?: string) =>
      (await ok(ctx, 'people.list', { kind: 'student', level })).items.map((p) => [p.name, p.level]);
    expect(await levels()).toEqual([
      ['张三', null],
      ['李四', null],
    ]);
    await screen(ctx, student.id, [1, 1, 1, 1, 1, 1, 1, 1, 1], [0, 0, 0, 0, 0, 0, 0]);
    await screen(ctx, other.id, [0, 0, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0]);
    expect(await levels()).toEqual([
      ['张三', 'red'],
      ['李四', 'green'],
    ]);
    const [item] = await ok(ctx, 'cases.worklist', { programme: 'school' });
    await ok(ctx, 'cases.interview', {
      caseId: item!.caseId,
      summary: '复核约谈',
      confirmedLevel: 'orange',
      reason: '无自伤计划',
    });
    expect(await levels('orange')).toEqual([['张三', 'orange']]);
    expect(await levels('red')).toEqual([]);
    expect((await ok(ctx, 'people.search', { query: 'zs', limit: 5 }))[0]).toMatchObject({ level: 'orange' });

    await ok(ctx, 'cases.lift', { caseId: item!.caseId, reason: '复测阴性，约谈确认风险解除' });
    expect(await levels()).toEqual([
      ['张三', null],
      ['李四', 'green'],
    ]);
    await screen(ctx, student.id, [2, 2, 1, 1, 1, 1, 1, 1, 0], [0, 0, 0, 0, 0, 0, 0]);
    expect(await levels('yellow')).toEqual([['张三', 'yellow']]);
    // The stored level (kept by triggers) is what the definition gives, for everyone.
    const stale = ctx
      .db!.prepare(
        `SELECT count(*) FROM people p JOIN person_current_level v ON v.person_id = p.id
         WHERE p.current_level IS NOT v.level`,
      )
      .pluck()
      .get();
    expect(stale).toBe(0);
  });
});
