import { describe, expect, test } from 'vitest';
import { closeReasonsNow, closeRefusal, type CloseState } from '../../shared/cases/close';
import { conclusionText } from '../../shared/cases/diagnosis';
import {
  caseActions,
  safetyCheckActions,
  followUpActions,
  taskChange,
  TASK_RULES,
} from '../../shared/cases/tasks';
import { referralSteps } from '../../shared/cases/transitions';

const ctx = { today: '2026-12-03', interval: { first: 3, then: 14 } };

describe('the task table: what each step ends and creates', () => {
  test('every step has a row, and only lifting and closing cancel', () => {
    expect(Object.keys(TASK_RULES).sort()).toEqual([...caseActions].sort());
    expect(caseActions.filter((a) => TASK_RULES[a].cancelAll)).toEqual(['lifted', 'closed']);
  });

  test.each([
    // [step, open before, ends, creates]
    ['case_opened', [], [], [['first_contact', '2026-12-06']]],
    ['critical_item', [], [], [['safety_check', '2026-12-03']]],
    ['critical_item', ['safety_check'], [], []],
    ['critical_blank', ['confirm_in_person'], [], []],
    // Any contact ends 首次联系; the first follow-up is planned with it.
    [
      'safety_check',
      ['safety_check', 'first_contact'],
      ['safety_check', 'first_contact'],
      [['follow_up', '2026-12-17']],
    ],
    [
      'safety_check',
      ['safety_check', 'confirm_in_person', 'follow_up'],
      ['safety_check', 'confirm_in_person'],
      [],
    ],
    ['confirmed_denied', ['confirm_in_person'], ['confirm_in_person'], []],
    [
      'confirmed_reported',
      ['confirm_in_person', 'first_contact'],
      ['confirm_in_person', 'first_contact'],
      [
        ['safety_check', '2026-12-03'],
        ['follow_up', '2026-12-17'],
      ],
    ],
    [
      'interview',
      ['first_contact', 'follow_up'],
      ['first_contact', 'follow_up'],
      [['follow_up', '2026-12-17']],
    ],
    ['follow_up', ['follow_up', 'referral_check'], ['follow_up'], [['follow_up', '2026-12-17']]],
    ['guardian_contact', ['first_contact'], [], []],
    ['referral_decided', [], [], [['make_referral', '2026-12-03']]],
    ['referral_made', ['make_referral'], ['make_referral'], [['referral_check', '2026-12-17']]],
    ['referral_attended', ['referral_check', 'follow_up'], ['referral_check'], []],
    ['referral_diagnosed', ['follow_up'], [], []],
    ['referral_closed', ['referral_check'], ['referral_check'], []],
    ['colour', ['follow_up'], [], []],
  ] as const)('%s with %j open ends %j and creates %j', (action, open, done, create) => {
    const change = taskChange(action, open, ctx);
    expect(change.done).toEqual(done);
    expect(change.create.map((c) => [c.kind, c.dueOn])).toEqual(create);
    expect(change.cancelAll).toBe(false);
  });

  test('a follow-up held earlier plans from its date, or on the date chosen', () => {
    expect(taskChange('follow_up', [], { ...ctx, heldOn: '2026-12-01' }).create).toEqual([{ kind: 'follow_up', dueOn: '2026-12-15' }]); // prettier-ignore
    expect(taskChange('follow_up', [], { ...ctx, nextOn: '2026-12-10' }).create).toEqual([{ kind: 'follow_up', dueOn: '2026-12-10' }]); // prettier-ignore
    expect(taskChange('referral_made', [], { ...ctx, referredOn: '2026-12-01' }).create).toEqual([{ kind: 'referral_check', dueOn: '2026-12-15' }]); // prettier-ignore
  });

  test('转介就医 is a referral made now (with where to) or to make today', () => {
    expect(safetyCheckActions('referral', true)).toEqual(['safety_check', 'referral_made']);
    expect(safetyCheckActions('referral', false)).toEqual(['safety_check', 'referral_decided']);
    expect(safetyCheckActions('emergency', true)).toEqual(['safety_check']);
    expect(followUpActions(true)).toEqual(['follow_up', 'referral_made']);
    expect(followUpActions(false)).toEqual(['follow_up']);
  });
});

describe('结案 reasons against her state', () => {
  const base: CloseState = {
    today: '2026-12-03',
    dates: { lmp: '2026-04-28' }, // 31+2 weeks
    referrals: [],
    openTasks: [],
    contacted: true,
  };
  test('30 weeks pregnant with an unattended referral: only 转出', () => {
    const state: CloseState = { ...base, dates: { lmp: '2026-05-07' }, referrals: [{ status: 'referred', referredOn: '2026-11-20', attendedOn: null }] }; // prettier-ignore
    expect(closeReasonsNow(state)).toEqual(['transferred']);
    expect(closeRefusal('postpartum42', state)).toEqual({ reason: 'cases.close_referral_unattended', params: { referredOn: '2026-11-20' } }); // prettier-ignore
    expect(closeRefusal('postpartum42', { ...state, referrals: [] })).toEqual({ reason: 'cases.close_still_pregnant', params: { weeks: 30, days: 0 } }); // prettier-ignore
  });
  test('产后42天 needs a delivery 42 days ago; 转诊 an attended referral; 康复 a contact', () => {
    expect(closeRefusal('postpartum42', { ...base, dates: { lmp: '2026-01-01', deliveryDate: '2026-10-22' } })).toBeNull(); // prettier-ignore
    expect(closeRefusal('postpartum42', { ...base, dates: { lmp: '2026-01-01', deliveryDate: '2026-10-23' } })).toEqual({ reason: 'cases.close_postpartum_early', params: { days: 41 } }); // prettier-ignore
    expect(closeRefusal('postpartum42', { ...base, dates: null })).toEqual({
      reason: 'cases.close_delivery_unknown',
    });
    expect(closeRefusal('referred', base)).toEqual({ reason: 'cases.close_not_referred' });
    expect(closeRefusal('referred', { ...base, referrals: [{ status: 'closed', referredOn: '2026-11-01', attendedOn: '2026-11-03' }] })).toBeNull(); // prettier-ignore
    expect(closeRefusal('recovered', { ...base, contacted: false })).toEqual({
      reason: 'cases.close_no_contact',
    });
    expect(closeReasonsNow({ ...base, openTasks: ['safety_check'] })).toEqual(['transferred']);
    expect(closeReasonsNow(base)).toEqual(['recovered', 'transferred', 'other']);
  });
});

describe('the specialist conclusion', () => {
  test('is worded with its ICD-10 code; a pending one can be decided later', () => {
    expect(conclusionText('confirmed', 'F53.0', 'zh')).toBe('确诊 F53.0 产后抑郁');
    expect(conclusionText('confirmed', 'F41.2', 'en')).toBe(
      'Confirmed F41.2 Mixed anxiety and depressive disorder',
    );
    expect(conclusionText('excluded', null, 'zh')).toBe('排除');
    expect(referralSteps({ status: 'diagnosed', conclusion: 'pending' })).toEqual(['diagnosed', 'closed']);
    expect(referralSteps({ status: 'diagnosed', conclusion: 'confirmed' })).toEqual(['closed']);
  });
});
