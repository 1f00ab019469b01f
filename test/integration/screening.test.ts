import { describe, expect, test } from 'vitest';
import { defaultSchoolRules } from '../../shared/tiers';
import { fails, ok, setUpApp } from '../helpers/app';
import { useTempDirs } from '../helpers/temp';
import { reasonWords } from '../../shared/tiers';

const tempDir = useTempDirs();

async function schoolWithStudents() {
  const { ctx } = await setUpApp(tempDir());
  const add = (studentNo: string, name: string, grade: string, className: string) =>
    ok(ctx, 'students.add', { studentNo, name, sex: 'M', birthDate: '2011-03-05', grade, className });
  const a = await add('1', '张三', '七年级', '1班');
  const b = await add('2', '李四', '七年级', '2班');
  const c = await add('3', '王五', '八年级', '1班');
  return { ctx, a, b, c };
}

const PHQ9 = ['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7', 'q8', 'q9'];

describe('screening day services', () => {
  test('a campaign targets grades with their battery and tracks progress per class', async () => {
    const { ctx, a, b } = await schoolWithStudents();
    const campaign = await ok(ctx, 'campaigns.create', {
      name: '2026秋季心理普测',
      programme: 'school',
      startsOn: '2026-11-23',
      endsOn: '2026-11-30',
      targets: [{ grades: ['七年级'], battery: ['PHQ-9', 'GAD-7'] }],
    });
    expect(campaign).toMatchObject({ participants: 2, showResult: false, status: 'open' });
    expect(campaign.consentText).toContain('可以选择不参加');
    const session = await ok(ctx, 'screening.start', {
      campaignId: campaign.id,
      personId: a.id,
      mode: 'kiosk',
    });
    expect(session.battery).toEqual(['PHQ-9', 'GAD-7']);
    await ok(ctx, 'campaigns.markAbsent', { campaignId: campaign.id, personId: b.id });
    const progress = await ok(ctx, 'campaigns.progress', { id: campaign.id });
    expect(progress.overall).toEqual({ total: 2, due: 0, in_progress: 1, done: 0, declined: 0, absent: 1 });
    expect(progress.groups.map((g) => [g.group, g.in_progress, g.absent])).toEqual([
      ['七年级 1班', 1, 0],
      ['七年级 2班', 0, 1],
    ]);
  });

  test('answers are saved as given, a critical answer raises an alert at once, and the sheet resumes', async () => {
    const { ctx, a } = await schoolWithStudents();
    const { id } = await ok(ctx, 'campaigns.create', {
      name: 't',
      programme: 'school',
      startsOn: '2026-11-23',
      endsOn: '2026-11-30',
      targets: [{ battery: ['PHQ-9'] }],
    });
    const s = await ok(ctx, 'screening.start', {
      campaignId: id,
      personId: a.id,
      mode: 'station',
      seat: 'A-12',
    });
    for (const item of PHQ9.slice(0, 8))
      await ok(ctx, 'screening.saveAnswer', {
        screeningId: s.screeningId,
        instrumentId: 'PHQ-9',
        itemId: item,
        value: 0,
      });
    expect(await ok(ctx, 'alerts.list', {})).toEqual([]);
    await ok(ctx, 'screening.saveAnswer', {
      screeningId: s.screeningId,
      instrumentId: 'PHQ-9',
      itemId: 'q9',
      value: 2,
    });
    const [alert] = await ok(ctx, 'alerts.list', {});
    expect(alert).toMatchObject({
      name: '张三',
      group: '七年级 1班',
      seat: 'A-12',
      campaignId: id,
      source: 'station',
      live: true,
      submitted: false,
      critical: { instrumentId: 'PHQ-9', itemNumber: 9, value: 2 },
      arrivedAt: null,
      resolvedAt: null,
    });
    // A reloaded station page resumes the same sheet with every answer.
    const resumed = await ok(ctx, 'screening.start', {
      campaignId: id,
      personId: a.id,
      mode: 'station',
      seat: 'A-13',
    });
    expect(resumed.screeningId).toBe(s.screeningId);
    expect(Object.keys(resumed.answers['PHQ-9']!)).toHaveLength(9);
    const out = await ok(ctx, 'screening.submit', { screeningId: s.screeningId });
    expect(out).toMatchObject({
      level: 'red',
      results: [{ instrumentId: 'PHQ-9', total: 2, band: 'minimal', critical: true }],
    });
    expect(out.reasons.map((r) => reasonWords(r, 'zh'))).toEqual(['PHQ-9 第9题阳性（自伤念头）']);
    // 我已到场 records who went; the alert stays open until the safety check is recorded.
    const arrived = await ok(ctx, 'alerts.arrive', { id: alert!.id });
    expect(arrived.arrivedAt).not.toBeNull();
    expect((await ok(ctx, 'alerts.list', {})).map((a) => a.id)).toEqual([alert!.id]);
    await ok(ctx, 'cases.safetyCheck', {
      caseId: arrived.caseId!,
      talked: true,
      riskAssessed: true,
      familyContacted: true,
      plan: 'referral',
      outcome: '已联系家长',
    });
    expect(await ok(ctx, 'alerts.list', {})).toEqual([]);
    expect(
      (
        await fails(ctx, 'screening.saveAnswer', {
          screeningId: s.screeningId,
          instrumentId: 'PHQ-9',
          itemId: 'q1',
          value: 1,
        })
      ).code,
    ).toBe('conflict');
  });

  test('a screen cannot be submitted with an item unanswered; invalid answers are refused', async () => {
    const { ctx, a } = await schoolWithStudents();
    const s = await ok(ctx, 'screening.start', { personId: a.id, mode: 'kiosk', battery: ['GAD-7'] });
    await ok(ctx, 'screening.saveAnswer', {
      screeningId: s.screeningId,
      instrumentId: 'GAD-7',
      itemId: 'q1',
      value: 3,
    });
    expect(await fails(ctx, 'screening.submit', { screeningId: s.screeningId })).toMatchObject({
      code: 'invalid_input',
      detail: { reason: 'screening.unanswered', params: { items: 'GAD-7 6' } },
    });
    expect(
      (await fails(ctx, 'screening.submit', { screeningId: s.screeningId, allowIncomplete: true })).code,
    ).toBe('invalid_input');
    expect(
      (
        await fails(ctx, 'screening.saveAnswer', {
          screeningId: s.screeningId,
          instrumentId: 'GAD-7',
          itemId: 'q1',
          value: 7,
        })
      ).code,
    ).toBe('invalid_input');
    expect(
      (
        await fails(ctx, 'screening.saveAnswer', {
          screeningId: s.screeningId,
          instrumentId: 'PHQ-9',
          itemId: 'q1',
          value: 1,
        })
      ).code,
    ).toBe('invalid_input');
    const paper = await ok(ctx, 'screening.start', { personId: a.id, mode: 'paper', battery: ['GAD-7'] });
    for (const [i, v] of [3, 3, 3, 3, 3].entries())
      await ok(ctx, 'screening.saveAnswer', {
        screeningId: paper.screeningId,
        instrumentId: 'GAD-7',
        itemId: `q${i + 1}`,
        value: v,
      });
    const out = await ok(ctx, 'screening.submit', { screeningId: paper.screeningId, allowIncomplete: true });
    // 15 from five items is already certain: orange, even with two gaps.
    expect(out).toMatchObject({ level: 'orange', results: [{ total: 15, complete: false }] });
  });

  test('a decline is recorded; results keep the rule version they were judged by', async () => {
    const { ctx, a, b } = await schoolWithStudents();
    const { id } = await ok(ctx, 'campaigns.create', {
      name: 't',
      programme: 'school',
      startsOn: '2026-11-23',
      endsOn: '2026-11-30',
      targets: [{ battery: ['GAD-7'] }],
    });
    const declined = await ok(ctx, 'screening.start', { campaignId: id, personId: b.id, mode: 'kiosk' });
    await ok(ctx, 'screening.decline', { screeningId: declined.screeningId });
    const s = await ok(ctx, 'screening.start', { campaignId: id, personId: a.id, mode: 'kiosk' });
    for (const item of ['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7'])
      await ok(ctx, 'screening.saveAnswer', {
        screeningId: s.screeningId,
        instrumentId: 'GAD-7',
        itemId: item,
        value: 1,
      });
    await ok(ctx, 'screening.submit', { screeningId: s.screeningId });
    await ok(ctx, 'tiers.save', {
      programme: 'school',
      ruleSet: {
        ...defaultSchoolRules,
        rules: defaultSchoolRules.rules.map((r) =>
          r.level === 'yellow' && r.when.kind === 'total' && r.when.instrument === 'GAD-7'
            ? { ...r, when: { ...r.when, min: 5 } }
            : r,
        ),
      },
    });
    const [history] = await ok(ctx, 'screening.forPerson', { personId: a.id });
    expect(history).toMatchObject({
      level: 'green',
      ruleSet: 'school-default@1.1',
      mode: 'kiosk',
      campaignName: 't',
      screener: '王老师',
    });
    expect((await ok(ctx, 'campaigns.progress', { id })).overall).toMatchObject({
      done: 1,
      declined: 1,
      due: 1,
    });
    expect(
      (await fails(ctx, 'screening.start', { campaignId: id, personId: a.id, mode: 'kiosk' })).code,
    ).toBe('conflict');
  });
});

describe('kiosk identification', () => {
  test('学籍号 + birth date finds a participant; every failure says the same thing', async () => {
    const { ctx, a, c } = await schoolWithStudents();
    const { id } = await ok(ctx, 'campaigns.create', {
      name: 't',
      programme: 'school',
      startsOn: '2026-11-23',
      endsOn: '2026-11-30',
      targets: [{ grades: ['七年级'], battery: ['PHQ-9'] }],
    });
    expect(
      await ok(ctx, 'screening.identify', { campaignId: id, number: '1', birthDate: '2011-03-05' }),
    ).toEqual({ personId: a.id });
    const wrongDate = await fails(ctx, 'screening.identify', {
      campaignId: id,
      number: '1',
      birthDate: '2011-03-06',
    });
    const unknown = await fails(ctx, 'screening.identify', {
      campaignId: id,
      number: '999',
      birthDate: '2011-03-05',
    });
    const notInCampaign = await fails(ctx, 'screening.identify', {
      campaignId: id,
      number: c.studentNo,
      birthDate: '2011-03-05',
    });
    expect(wrongDate).toEqual(unknown);
    expect(notInCampaign).toEqual(unknown);
    expect(unknown.message).toBe('信息不匹配，请核对学籍号和出生日期，或向老师求助');
  });
});

describe('the individual file', () => {
  test('shows the latest level with its reasons and every screening, newest first', async () => {
    const { ctx, a } = await schoolWithStudents();
    for (const values of [
      [0, 0, 0, 0, 0, 0, 0],
      [3, 3, 3, 3, 3, 1, 0],
    ]) {
      const s = await ok(ctx, 'screening.start', { personId: a.id, mode: 'paper', battery: ['GAD-7'] });
      for (const [i, v] of values.entries())
        await ok(ctx, 'screening.saveAnswer', {
          screeningId: s.screeningId,
          instrumentId: 'GAD-7',
          itemId: `q${i + 1}`,
          value: v,
        });
      await ok(ctx, 'screening.submit', { screeningId: s.screeningId });
    }
    const file = await ok(ctx, 'people.get', { id: a.id });
    expect(file.screenings.map((s) => [s.level, s.results[0]!.total])).toEqual([
      ['orange', 16],
      ['green', 0],
    ]);
    expect(file.current).toMatchObject({
      level: 'orange',
      reasons: [{ kind: 'total_at_least', instrument: 'GAD-7', total: 16, min: 15, complete: true }],
      mode: 'paper',
    });
  });
});

describe('kiosk mode', () => {
  test('only the respondent flow is answered while it is on, and only the PIN ends it', async () => {
    const { ctx, a } = await schoolWithStudents();
    const { id } = await ok(ctx, 'campaigns.create', {
      name: 't',
      programme: 'school',
      startsOn: '2026-11-23',
      endsOn: '2026-11-30',
      targets: [{ battery: ['GAD-7'] }],
    });
    await ok(ctx, 'kiosk.enter', { campaignId: id, pin: '2468' });
    // The kiosk's campaign comes with it, so a reloaded page can show the kiosk screen again.
    expect(await ok(ctx, 'kiosk.status', {})).toMatchObject({
      active: true,
      campaignId: id,
      pinLocked: false,
      campaign: { id, name: 't' },
    });
    expect((await fails(ctx, 'students.list', {})).code).toBe('forbidden');
    expect((await fails(ctx, 'people.get', { id: a.id })).code).toBe('forbidden');
    expect((await fails(ctx, 'auth.logout', {})).code).toBe('forbidden');
    const { personId } = await ok(ctx, 'screening.identify', {
      campaignId: id,
      number: '1',
      birthDate: '2011-03-05',
    });
    await ok(ctx, 'screening.start', { campaignId: id, personId, mode: 'kiosk' });
    expect((await fails(ctx, 'kiosk.exit', { pin: '1111' })).code).toBe('wrong_password');
    await ok(ctx, 'kiosk.exit', { pin: '2468' });
    expect((await ok(ctx, 'students.list', {})).total).toBe(3);
  });
});
