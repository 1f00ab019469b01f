// The case loop over a real database: each step's task effects (shared/cases/tasks.ts) with
// concrete before/after, 结案 reasons checked against her state, colour decisions in the timeline,
// and the specialist's conclusion as a choice that suggestions and 确诊 read.
import { describe, expect, test } from 'vitest';
import type { Case } from '../../shared/api/cases';
import { addDays, todayIso } from '../../shared/people';
import type { AppContext } from '../../electron/services/context';
import { dashboardView } from '../../electron/services/cases/dashboard-view';
import { fails, ok, setUpApp } from '../helpers/app';
import { useTempDirs } from '../helpers/temp';

const tempDir = useTempDirs();
const today = todayIso();

const tasks = (c: Case) => c.openTasks.map((t) => [t.kind, t.dueOn]);

/** A maternal service with one woman per row: LMP (so her weeks) and delivery date as given. */
async function maternal(rows: { name: string; id: string; lmp: string; delivery?: string }[]) {
  const { ctx } = await setUpApp(tempDir(), 'maternal');
  const csv =
    '姓名,身份证号,末次月经,分娩日期\n' +
    rows.map((r) => `${r.name},${r.id},${r.lmp},${r.delivery ?? ''}`).join('\n') +
    '\n';
  await ok(ctx, 'people.importCommit', {
    kind: 'woman',
    file: { fileName: 'w.csv', contentBase64: Buffer.from(csv).toString('base64') },
  });
  const people = (await ok(ctx, 'people.list', { kind: 'woman', sort: 'name' })).items;
  return { ctx, people };
}

/** An EPDS sheet; returns the woman's open case. */
async function epds(ctx: AppContext, personId: number, values: number[]): Promise<Case> {
  const s = await ok(ctx, 'screening.start', { personId, mode: 'kiosk', battery: ['EPDS'] });
  for (const [i, v] of values.entries())
    await ok(ctx, 'screening.saveAnswer', { screeningId: s.screeningId, instrumentId: 'EPDS', itemId: `q${i + 1}`, value: v }); // prettier-ignore
  await ok(ctx, 'screening.submit', { screeningId: s.screeningId });
  const [item] = (await ok(ctx, 'cases.worklist', { programme: 'perinatal' })).filter(
    (w) => w.personId === personId,
  );
  return ok(ctx, 'cases.get', { id: item!.caseId });
}

const POSITIVE = [2, 2, 2, 2, 1, 2, 1, 1, 1, 0];
const CRITICAL = [2, 2, 2, 2, 1, 2, 1, 1, 1, 2];
const CHECK = { talked: true, riskAssessed: true, familyContacted: true, outcome: '已面谈，风险可控' };
const weeksAgo = (weeks: number) => addDays(today, -weeks * 7);

describe('each step closes or creates exactly the tasks it implies', () => {
  test('a safety check ends 首次联系 and plans the first follow-up; 随访率 with two follow-ups is not 0 %', async () => {
    const { ctx, people } = await maternal([{ name: '李梅', id: '110101199001010023', lmp: weeksAgo(30) }]);
    let c = await epds(ctx, people[0]!.id, CRITICAL);
    // Critical: safety check and first contact both due today.
    expect(tasks(c)).toEqual([
      ['safety_check', today],
      ['first_contact', today],
    ]);
    c = await ok(ctx, 'cases.safetyCheck', { caseId: c.id, ...CHECK, plan: 'monitor' });
    // critical: first 0, then 7 days.
    expect(tasks(c)).toEqual([['follow_up', addDays(today, 7)]]);
    c = await ok(ctx, 'cases.followUp', { caseId: c.id, heldOn: today, method: 'phone', content: '情绪平稳', riskChange: 'same', nextOn: addDays(today, 3) }); // prettier-ignore
    expect(tasks(c)).toEqual([['follow_up', addDays(today, 3)]]);
    c = await ok(ctx, 'cases.followUp', { caseId: c.id, method: 'in_person', content: '按时复诊', riskChange: 'lower' }); // prettier-ignore
    expect(tasks(c)).toEqual([['follow_up', addDays(today, 7)]]);
    // Seen five days on: the first contact (today) and the follow-up planned for day 3 fell due,
    // and both were made — the safety check ended the first contact.
    const user = { id: 1, role: 'admin' } as Parameters<typeof dashboardView>[1];
    const view = dashboardView(ctx.db!, user, 'perinatal', weeksAgo(4), addDays(today, 5), addDays(today, 5));
    expect([view.followUpsDue, view.followUpsDone]).toEqual([2, 2]);
  });

  test('转介就医 with where to makes the referral and its 核实到位 task; without, a 办理转介 task due today', async () => {
    const { ctx, people } = await maternal([
      { name: '李梅', id: '110101199001010023', lmp: weeksAgo(30) },
      { name: '王芳', id: '11010119900101004X', lmp: weeksAgo(20) },
    ]);
    let li = await epds(ctx, people[0]!.id, CRITICAL);
    li = await ok(ctx, 'cases.safetyCheck', { caseId: li.id, ...CHECK, plan: 'referral', referral: { institution: '县人民医院', department: '精神科', consent: true } }); // prettier-ignore
    expect(li.referrals).toEqual([
      expect.objectContaining({
        institution: '县人民医院',
        department: '精神科',
        referredOn: today,
        status: 'referred',
      }),
    ]);
    expect(tasks(li)).toEqual([
      ['follow_up', addDays(today, 7)],
      ['referral_check', addDays(today, 14)],
    ]);
    expect(li.events.map((e) => e.kind).slice(0, 2)).toEqual(['referral', 'safety_check']);

    let wang = await epds(ctx, people[1]!.id, CRITICAL);
    wang = await ok(ctx, 'cases.safetyCheck', { caseId: wang.id, ...CHECK, plan: 'referral' });
    expect(tasks(wang)).toEqual([
      ['make_referral', today],
      ['follow_up', addDays(today, 7)],
    ]);
    wang = await ok(ctx, 'cases.refer', { caseId: wang.id, institution: '市妇幼保健院', referredOn: today, consent: true }); // prettier-ignore
    expect(tasks(wang)).toEqual([
      ['follow_up', addDays(today, 7)],
      ['referral_check', addDays(today, 14)],
    ]);
    // A safety check that reached nobody is not one: refused, its task stays.
    const refused = await fails(ctx, 'cases.safetyCheck', { caseId: wang.id, ...CHECK, talked: false, plan: 'monitor' }); // prettier-ignore
    expect(refused.detail?.reason).toBe('cases.safety_check_incomplete');
  });

  test('a follow-up ending in 转诊 makes the referral; attending one referral ends only its own check', async () => {
    const { ctx, people } = await maternal([{ name: '李梅', id: '110101199001010023', lmp: weeksAgo(30) }]);
    let c = await epds(ctx, people[0]!.id, POSITIVE);
    expect(tasks(c)).toEqual([['first_contact', addDays(today, 3)]]);
    c = await ok(ctx, 'cases.followUp', { caseId: c.id, heldOn: addDays(today, -1), method: 'phone', content: '建议专科就诊', riskChange: 'same', referral: { institution: '县人民医院', consent: true } }); // prettier-ignore
    expect(c.referrals).toEqual([expect.objectContaining({ institution: '县人民医院', referredOn: addDays(today, -1) })]); // prettier-ignore
    // positive: then 14 days after the follow-up; the referral checked 14 days after its date.
    expect(tasks(c)).toEqual([
      ['follow_up', addDays(today, 13)],
      ['referral_check', addDays(today, 13)],
    ]);
    c = await ok(ctx, 'cases.refer', { caseId: c.id, institution: '市精神卫生中心', referredOn: today, consent: true }); // prettier-ignore
    const [first, second] = c.referrals;
    c = await ok(ctx, 'cases.updateReferral', {
      referralId: second!.id,
      status: 'attended',
      attendedOn: today,
    });
    expect(tasks(c)).toEqual([
      ['follow_up', addDays(today, 13)],
      ['referral_check', addDays(today, 13)],
    ]);
    // Its result without attending (未就诊) ends the first referral's own check.
    c = await ok(ctx, 'cases.updateReferral', {
      referralId: first!.id,
      status: 'closed',
      outcome: '未就诊，拒绝',
    });
    expect(tasks(c)).toEqual([['follow_up', addDays(today, 13)]]);
    // A guardian contact and a colour change no task.
    c = await ok(ctx, 'cases.assignColour', {
      caseId: c.id,
      colour: 'yellow',
      purple: false,
      reason: '观察',
    });
    expect(tasks(c)).toEqual([['follow_up', addDays(today, 13)]]);
    // Closing ends every open task as cancelled.
    c = await ok(ctx, 'cases.close', { caseId: c.id, reason: 'transferred' });
    expect(c.openTasks).toEqual([]);
  });
});

describe('结案 reasons are checked against her state', () => {
  test('产后42天 is refused at 30 weeks pregnant with a referral unattended; 转出 is allowed', async () => {
    const { ctx, people } = await maternal([
      { name: '李梅', id: '110101199001010023', lmp: addDays(weeksAgo(30), -2) },
      { name: '王芳', id: '11010119900101004X', lmp: weeksAgo(46), delivery: addDays(today, -50) },
      { name: '张丽', id: '110101199001010066', lmp: weeksAgo(44), delivery: addDays(today, -20) },
    ]);
    let li = await epds(ctx, people.find((p) => p.name === '李梅')!.id, POSITIVE);
    li = await ok(ctx, 'cases.refer', {
      caseId: li.id,
      institution: '县人民医院',
      referredOn: today,
      consent: true,
    });
    const unattended = await fails(ctx, 'cases.close', { caseId: li.id, reason: 'postpartum42' });
    expect(unattended).toMatchObject({ code: 'conflict', detail: { reason: 'cases.close_referral_unattended', params: { referredOn: today } } }); // prettier-ignore
    // Its result recorded, the referral no longer blocks; her pregnancy still does.
    li = await ok(ctx, 'cases.updateReferral', {
      referralId: li.referrals[0]!.id,
      status: 'closed',
      outcome: '未就诊',
    });
    expect(await fails(ctx, 'cases.close', { caseId: li.id, reason: 'postpartum42' })).toMatchObject({
      detail: { reason: 'cases.close_still_pregnant', params: { weeks: 30, days: 2 } },
    });
    expect((await fails(ctx, 'cases.close', { caseId: li.id, reason: 'recovered' })).detail?.reason).toBe('cases.close_no_contact'); // prettier-ignore
    expect((await fails(ctx, 'cases.close', { caseId: li.id, reason: 'referred' })).detail?.reason).toBe('cases.close_not_referred'); // prettier-ignore
    expect(await ok(ctx, 'cases.close', { caseId: li.id, reason: 'transferred' })).toMatchObject({
      status: 'closed',
    });

    const zhang = await epds(ctx, people.find((p) => p.name === '张丽')!.id, POSITIVE);
    expect(await fails(ctx, 'cases.close', { caseId: zhang.id, reason: 'postpartum42' })).toMatchObject({
      detail: { reason: 'cases.close_postpartum_early', params: { days: 20 } },
    });
    const wang = await epds(ctx, people.find((p) => p.name === '王芳')!.id, POSITIVE);
    expect(await ok(ctx, 'cases.close', { caseId: wang.id, reason: 'postpartum42' })).toMatchObject({ status: 'closed' }); // prettier-ignore
  });

  test('a same-day safety check still open blocks every reason but 转出', async () => {
    const { ctx, people } = await maternal([{ name: '王芳', id: '11010119900101004X', lmp: weeksAgo(48), delivery: addDays(today, -45) }]); // prettier-ignore
    const c = await epds(ctx, people[0]!.id, CRITICAL);
    expect((await fails(ctx, 'cases.close', { caseId: c.id, reason: 'postpartum42' })).detail?.reason).toBe('cases.close_urgent_open'); // prettier-ignore
    expect((await fails(ctx, 'cases.close', { caseId: c.id, reason: 'other', note: '其他' })).detail?.reason).toBe('cases.close_urgent_open'); // prettier-ignore
  });
});

describe('the specialist conclusion is a choice; colour decisions are in the timeline', () => {
  test('"排除抑郁症" recorded as excluded suggests nothing and is not 确诊; confirmed F53.0 is, and its colour is decided in the timeline', async () => {
    const { ctx, people } = await maternal([
      { name: '李梅', id: '110101199001010023', lmp: weeksAgo(30) },
      { name: '王芳', id: '11010119900101004X', lmp: weeksAgo(20) },
    ]);
    const refer = async (c: Case) => {
      const r = await ok(ctx, 'cases.refer', { caseId: c.id, institution: '县人民医院', referredOn: today, consent: true }); // prettier-ignore
      await ok(ctx, 'cases.updateReferral', { referralId: r.referrals[0]!.id, status: 'attended', attendedOn: today }); // prettier-ignore
      return r.referrals[0]!.id;
    };
    const wang = await epds(ctx, people[1]!.id, POSITIVE);
    const wangReferral = await refer(wang);
    expect((await fails(ctx, 'cases.updateReferral', { referralId: wangReferral, status: 'diagnosed', conclusion: 'excluded', icd10: 'F32', diagnosedOn: today })).detail?.reason).toBe('cases.icd10_with_excluded'); // prettier-ignore
    const w = await ok(ctx, 'cases.updateReferral', { referralId: wangReferral, status: 'diagnosed', conclusion: 'excluded', diagnosis: '排除抑郁症', diagnosedOn: today }); // prettier-ignore
    expect(w.referrals[0]).toMatchObject({ conclusion: 'excluded', icd10: null, diagnosis: '排除抑郁症' });
    expect(w.suggestedColour).toBeNull();
    expect(w.events.filter((e) => e.kind === 'colour')).toEqual([]);

    let li = await epds(ctx, people[0]!.id, CRITICAL);
    const liReferral = await refer(li);
    // Attended: its result goes through the conclusion.
    expect((await fails(ctx, 'cases.updateReferral', { referralId: liReferral, status: 'closed', outcome: '门诊治疗' })).detail?.reason).toBe('cases.referral_conclusion_required'); // prettier-ignore
    li = await ok(ctx, 'cases.updateReferral', { referralId: liReferral, status: 'diagnosed', conclusion: 'pending', diagnosedOn: today }); // prettier-ignore
    expect(li.suggestedColour).toBeNull();
    // 待定 is decided later: 确诊 F53.0, with a text that would have fooled a pattern.
    li = await ok(ctx, 'cases.updateReferral', { referralId: liReferral, status: 'diagnosed', conclusion: 'confirmed', icd10: 'F53.0', diagnosis: 'No depression history; postnatal onset', diagnosedOn: today }); // prettier-ignore
    // Critical screen: red is suggested, with why, in the timeline.
    expect(li.suggestedColour).toBe('red');
    const suggestion = li.events.find((e) => e.kind === 'colour')!;
    expect(suggestion.detail).toMatchObject({ decision: 'suggested', colour: 'red', referralId: liReferral, why: { conclusion: 'confirmed', icd10: 'F53.0', critical: true } }); // prettier-ignore

    const noReason = await fails(ctx, 'cases.assignColour', {
      caseId: li.id,
      colour: 'orange',
      purple: false,
    });
    expect(noReason.detail).toMatchObject({
      reason: 'cases.colour_reason_required',
      params: { suggested: 'red' },
    });
    li = await ok(ctx, 'cases.assignColour', { caseId: li.id, colour: 'orange', purple: false, reason: '已住院治疗，自伤风险已控制', plan: '每周随访' }); // prettier-ignore
    expect(li).toMatchObject({ colour: 'orange', suggestedColour: null, plan: '每周随访' });
    expect(
      li.events
        .filter((e) => e.kind === 'colour')
        .map((e) => [
          e.detail.decision,
          e.detail.suggested ?? e.detail.colour,
          e.levelBefore,
          e.levelAfter,
          e.detail.reason ?? null,
        ]),
    ).toEqual([
      // prettier-ignore
      ['changed', 'red', null, 'orange', '已住院治疗，自伤风险已控制'],
      ['suggested', 'red', null, null, null],
    ]);

    const figures = await ok(ctx, 'dashboard.get', { programme: 'perinatal', from: today, to: today });
    expect(figures).toMatchObject({ referred: 2, attended: 2, diagnosed: 1 });
  });

  test('accepting the suggestion needs no reason and is recorded as accepted', async () => {
    const { ctx, people } = await maternal([{ name: '李梅', id: '110101199001010023', lmp: weeksAgo(30) }]);
    let c = await epds(ctx, people[0]!.id, POSITIVE);
    c = await ok(ctx, 'cases.refer', {
      caseId: c.id,
      institution: '县人民医院',
      referredOn: today,
      consent: true,
    });
    const referralId = c.referrals[0]!.id;
    await ok(ctx, 'cases.updateReferral', { referralId, status: 'attended', attendedOn: today });
    // The result dialog's single call: conclusion and outcome together.
    c = await ok(ctx, 'cases.updateReferral', { referralId, status: 'closed', outcome: '门诊药物治疗', finding: { conclusion: 'confirmed', icd10: 'F32', diagnosedOn: today } }); // prettier-ignore
    expect(c.referrals[0]).toMatchObject({ status: 'closed', conclusion: 'confirmed', icd10: 'F32' });
    expect(c.suggestedColour).toBe('orange');
    c = await ok(ctx, 'cases.assignColour', { caseId: c.id, colour: 'orange', purple: false });
    expect(c.events.find((e) => e.kind === 'colour')!.detail).toMatchObject({ decision: 'accepted', suggested: 'orange' }); // prettier-ignore
    expect(c.suggestedColour).toBeNull();
  });
});
