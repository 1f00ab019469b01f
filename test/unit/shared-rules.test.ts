import { describe, expect, test } from 'vitest';
import { MANAGED_COLOURS, isUnderManagement, managedFilterSchema } from '../../shared/api/cases';
import {
  CASE_NEXT,
  REFERRAL_NEXT,
  canCaseBecome,
  canReopen,
  canReferralBecome,
  isCaseOpen,
} from '../../shared/cases/transitions';
import { PRESETS, campaignTerm, presetPeriod } from '../../shared/figures/periods';
import { percentOf, percentText, percentValue, ratio } from '../../shared/figures/rates';
import { warningCount, warningLevels } from '../../shared/figures/warning';
import { isIsoDate, parseTypedDate, todayIso } from '../../shared/people/date';
import { maskName } from '../../shared/people/mask';
import { TIME_POINTS, dueDateOf } from '../../shared/people/perinatal';
import { compareClasses, compareGrades, gradeNames } from '../../shared/people/school';
import { formatSlipCode, normaliseCode } from '../../shared/station/codes';
import { defaultPerinatalRules, defaultSchoolRules } from '../../shared/tiers';

describe('grades and classes sort in school order', () => {
  test('一年级 … 九年级, 高一 … 高三; 初一 sorts as 七年级; unknown names last', () => {
    const shuffled = ['高一', '实验班', '初二', '二年级', '十年级', '九年级', '七年级', '高三', '一年级'];
    // 初二 reads as 八年级; 十年级 as grade 10, beside 高一; 实验班 reads as no grade and comes last.
    expect([...shuffled].sort(compareGrades)).toEqual([
      '一年级',
      '二年级',
      '七年级',
      '初二',
      '九年级',
      '高一',
      '十年级',
      '高三',
      '实验班',
    ]);
    // 初一 and 七年级 are the same grade: both before 高一, then by their characters.
    expect(['高一', '七年级', '初一'].sort(compareGrades)).toEqual(['初一', '七年级', '高一']);
    expect(compareGrades('实验班', '高三')).toBeGreaterThan(0);
    expect(gradeNames).toHaveLength(12);
    expect([...gradeNames].reverse().sort(compareGrades)).toEqual(gradeNames);
  });

  test('classes in natural order: 2班 before 10班', () => {
    expect(['10班', '2班', '1班'].sort(compareClasses)).toEqual(['1班', '2班', '10班']);
  });
});

describe('dates', () => {
  test.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2023-02-30', false],
    ['2023-13-01', false],
    ['2023-1-05', false],
    ['2023-01-05 ', false],
    ['0999-01-01', false],
    ['2013-03-05', true],
  ])('isIsoDate(%j) → %s', (value, expected) => {
    expect(isIsoDate(value)).toBe(expected);
  });

  test.each([
    ['2011-03-05', '2011-03-05'],
    ['2011/3/5', '2011-03-05'],
    ['2011.3.5', '2011-03-05'],
    ['20110305', '2011-03-05'],
    ['2011年3月5日', '2011-03-05'],
    ['２０１１年３月５日', '2011-03-05'], // full-width digits from a Chinese IME
    [' 2011-3-5 ', '2011-03-05'],
    ['2011-02-30', null],
    ['40000', null], // an Excel serial is a spreadsheet's, never a typed date
    ['2011-03', null],
    ['', null],
  ])('parseTypedDate(%j) → %s', (raw, expected) => {
    expect(parseTypedDate(raw)).toBe(expected);
  });

  test('todayIso is the wall-calendar day', () => {
    expect(todayIso(new Date(2026, 0, 9, 23, 59))).toBe('2026-01-09');
  });
});

describe('maskName', () => {
  test.each([
    ['张三', '张*'],
    ['张小三', '张*三'],
    ['欧阳小明', '欧**明'],
    ['阿依古丽·买买提', '阿******提'],
    ['李', '*'],
    ['  王五 ', '王*'],
    ['', '*'],
  ])('%j → %j', (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });
});

describe('referral and case transitions', () => {
  test('a referral goes referred → attended → diagnosed, and closes from any of them', () => {
    expect(REFERRAL_NEXT).toEqual({
      referred: ['attended', 'closed'],
      attended: ['diagnosed', 'closed'],
      diagnosed: ['closed'],
      closed: [],
    });
    expect(canReferralBecome('referred', 'attended')).toBe(true);
    expect(canReferralBecome('referred', 'diagnosed')).toBe(false);
    expect(canReferralBecome('diagnosed', 'attended')).toBe(false);
    expect(canReferralBecome('closed', 'closed')).toBe(false);
  });

  test('only an open case is lifted or closed, and only an open case takes actions', () => {
    expect(CASE_NEXT).toEqual({ open: ['lifted', 'closed'], lifted: ['open'], closed: [] });
    expect(canCaseBecome('open', 'lifted')).toBe(true);
    expect(canCaseBecome('lifted', 'closed')).toBe(false);
    expect(canCaseBecome('closed', 'open')).toBe(false);
    expect([canReopen('open'), canReopen('lifted'), canReopen('closed')]).toEqual([false, true, false]);
    expect([isCaseOpen('open'), isCaseOpen('lifted'), isCaseOpen('closed')]).toEqual([true, false, false]);
  });
});

describe('warning levels and counts', () => {
  test('school: all but green; perinatal: critical and positive (not watch, not negative)', () => {
    expect(warningLevels('school', defaultSchoolRules.levels).map((l) => l.id)).toEqual([
      'red',
      'orange',
      'yellow',
    ]);
    expect(warningLevels('perinatal', defaultPerinatalRules.levels).map((l) => l.id)).toEqual([
      'critical',
      'positive',
    ]);
    // A rule set of two levels keeps one as the warning, whatever the programme.
    expect(warningLevels('perinatal', [{ id: 'pos' }, { id: 'neg' }])).toEqual([{ id: 'pos' }]);
  });

  test('counts the people at warning levels, by ids or levels; absent levels add nothing', () => {
    const byLevel = { red: 1, orange: 2, yellow: 4, green: 100 };
    expect(warningCount(byLevel, ['red', 'orange', 'yellow'])).toBe(7);
    expect(warningCount(byLevel, [{ id: 'red' }, { id: 'purple' }])).toBe(1);
    expect(warningCount({}, ['red'])).toBe(0);
  });

  test('managed colours are listed most urgent first', () => {
    expect(MANAGED_COLOURS).toEqual(['red', 'orange', 'yellow', 'green', 'purple']);
  });

  test('orange, red and purple put a woman under 专案管理; green and yellow alone do not', () => {
    expect(
      [
        ['orange', false],
        ['red', false],
        ['yellow', false],
        ['green', false],
        [null, false],
        ['green', true],
        [null, true],
      ].map(([colour, purple]) => isUnderManagement(colour as string | null, purple as boolean)),
    ).toEqual([true, true, false, false, false, true, true]);
    expect(managedFilterSchema.options).toEqual(['any', 'orange', 'red', 'purple']);
  });
});

describe('rates: one rounding everywhere', () => {
  test.each<[number, number, number | null, string]>([
    [1, 3, 0.333, '33.3%'],
    [2, 3, 0.667, '66.7%'],
    [3, 3, 1, '100%'],
    [1, 8, 0.125, '12.5%'],
    [3, 40, 0.075, '7.5%'],
    [1, 2000, 0.001, '0.1%'], // half a per-mille rounds up
    [1, 3000, 0, '0%'],
    [0, 5, 0, '0%'],
    [5, 0, null, '—'], // nobody to divide by
  ])('%i of %i → %s → %s', (part, whole, share, text) => {
    expect(ratio(part, whole)).toBe(share);
    expect(percentText(ratio(part, whole))).toBe(text);
    expect(percentOf(part, whole)).toBe(text);
  });

  test('the thirds of a whole add up to 100.1% at one decimal, as printed everywhere', () => {
    expect([percentOf(1, 3), percentOf(1, 3), percentOf(1, 3)]).toEqual(['33.3%', '33.3%', '33.3%']);
    expect([percentOf(1, 3), percentOf(2, 3)]).toEqual(['33.3%', '66.7%']);
    // Progress bars take the same rounding as a number.
    expect([1, 2, 3].map((n) => percentValue(ratio(n, 3) ?? 0))).toEqual([33.3, 66.7, 100]);
  });
});

describe('school terms and report periods', () => {
  test.each([
    ['2026-10-15', { from: '2026-09-01', to: '2027-01-31' }],
    ['2027-01-20', { from: '2026-09-01', to: '2027-01-31' }],
    ['2027-03-01', { from: '2027-02-01', to: '2027-07-31' }],
    // In the August holiday the spring term just ended is still the one reported.
    ['2027-08-10', { from: '2027-02-01', to: '2027-07-31' }],
  ])('the term on %s', (today, period) => {
    expect(presetPeriod('term', today)).toEqual(period);
  });

  test('the previous term, the school year, months and the year', () => {
    expect(presetPeriod('lastTerm', '2026-10-15')).toEqual({ from: '2026-02-01', to: '2026-07-31' });
    expect(presetPeriod('lastTerm', '2027-03-01')).toEqual({ from: '2026-09-01', to: '2027-01-31' });
    expect(presetPeriod('schoolYear', '2027-03-01')).toEqual({ from: '2026-09-01', to: '2027-08-31' });
    expect(presetPeriod('schoolYear', '2026-09-01')).toEqual({ from: '2026-09-01', to: '2027-08-31' });
    expect(presetPeriod('month', '2024-02-10')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(presetPeriod('lastMonth', '2027-01-05')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(presetPeriod('year', '2027-06-30')).toEqual({ from: '2027-01-01', to: '2027-12-31' });
    expect(PRESETS.school).toContain('term');
    expect(PRESETS.perinatal).not.toContain('term');
  });

  test('a campaign planned in February–July is for the spring term; from August, the autumn term', () => {
    expect(['2027-01-31', '2027-02-01', '2027-07-31', '2027-08-01', '2027-12-01'].map(campaignTerm)).toEqual([
      'autumn',
      'spring',
      'spring',
      'autumn',
      'autumn',
    ]);
  });
});

describe('perinatal time points', () => {
  test('the four time points in order, and the due date from the EDD or LMP + 280 days', () => {
    expect(TIME_POINTS).toEqual(['early', 'mid', 'late', 'postpartum42']);
    expect(dueDateOf({ lmp: '2026-01-01' })).toBe('2026-10-08');
    expect(dueDateOf({ lmp: '2026-01-01', edd: '2026-10-20' })).toBe('2026-10-20');
    expect(dueDateOf({})).toBeNull();
  });
});

describe('slip codes', () => {
  test('compare without case, spaces or dashes; print in two halves', () => {
    expect(normaliseCode('acde-fg hj')).toBe('ACDEFGHJ');
    expect(formatSlipCode('ACDEFGHJ')).toBe('ACDE-FGHJ');
    expect(formatSlipCode('ACD')).toBe('ACD');
  });
});
