import { describe, expect, test } from 'vitest';
import {
  defaultScreeningWindows,
  formatGestationalAge,
  gestationalAge,
  perinatalStage,
  pregnancyStart,
  screeningSchedule,
  screeningWindowsSchema,
} from '../../shared/people/perinatal';

// LMP 2026-01-01 → 14w0d on 04-09, 28w0d on 07-16, EDD 10-08.
const lmp = '2026-01-01';
const edd = '2026-10-08';

describe('gestational age', () => {
  test.each([
    ['2026-01-01', 0, 0],
    ['2026-04-08', 13, 6],
    ['2026-04-09', 14, 0],
    ['2026-07-15', 27, 6],
    ['2026-07-16', 28, 0],
    ['2026-10-08', 40, 0],
  ])('on %s: %iw%id', (at, weeks, days) => {
    expect(gestationalAge({ lmp }, at)).toMatchObject({ weeks, days });
    // From the EDD alone the same, since EDD = LMP + 280 days.
    expect(gestationalAge({ edd }, at)).toMatchObject({ weeks, days });
  });

  test('the EDD wins over the LMP, as clinicians correct it after the dating scan', () => {
    expect(pregnancyStart({ lmp, edd: '2026-10-15' })).toBe('2026-01-08');
    expect(gestationalAge({ lmp, edd: '2026-10-15' }, '2026-04-09')).toEqual({
      weeks: 13,
      days: 0,
      totalDays: 91,
    });
  });

  test('unknown without dates or before the pregnancy', () => {
    expect(gestationalAge({}, '2026-04-09')).toBeNull();
    expect(gestationalAge({ lmp }, '2025-12-31')).toBeNull();
  });

  test('written the way records write it', () => {
    expect(formatGestationalAge({ weeks: 13, days: 6 })).toBe('孕13+6周');
  });
});

describe('stage', () => {
  test.each([
    ['2026-04-08', 'early', '孕早期'],
    ['2026-04-09', 'mid', '孕中期'],
    ['2026-07-15', 'mid', '孕中期'],
    ['2026-07-16', 'late', '孕晚期'],
    ['2026-10-04', 'late', '孕晚期'],
  ])('on %s: %s', (at, trimester, label) => {
    expect(perinatalStage({ lmp, deliveryDate: '2026-10-05' }, at)).toMatchObject({
      kind: 'pregnant',
      trimester,
      label,
    });
  });

  test.each([
    ['2026-10-05', 0],
    ['2026-11-16', 42],
  ])('after delivery on 10-05, %s is 产后%i天', (at, days) => {
    expect(perinatalStage({ lmp, deliveryDate: '2026-10-05' }, at)).toEqual({
      kind: 'postpartum',
      days,
      label: `产后${days}天`,
    });
  });

  test('a delivery only counts once it has happened, so past days read as pregnancy', () => {
    expect(perinatalStage({ edd, deliveryDate: '2026-10-05' }, '2026-09-01')).toMatchObject({
      trimester: 'late',
    });
  });

  test('only a delivery date still gives postpartum days', () => {
    expect(perinatalStage({ deliveryDate: '2026-10-05' }, '2026-10-10')).toMatchObject({ days: 5 });
    expect(perinatalStage({}, '2026-10-10')).toBeNull();
  });
});

describe('screening schedule', () => {
  const statuses = (schedule: ReturnType<typeof screeningSchedule>) =>
    schedule?.points.map((p) => `${p.point}:${p.status}`);

  test('windows follow the 2019 consensus by default', () => {
    const schedule = screeningSchedule({ lmp }, '2026-04-08');
    expect(schedule?.points).toEqual([
      {
        point: 'early',
        label: '孕早期',
        start: '2026-01-01',
        end: '2026-04-08',
        estimated: false,
        status: 'current',
      },
      {
        point: 'mid',
        label: '孕中期',
        start: '2026-04-09',
        end: '2026-07-15',
        estimated: false,
        status: 'upcoming',
      },
      {
        point: 'late',
        label: '孕晚期',
        start: '2026-07-16',
        end: null,
        estimated: false,
        status: 'upcoming',
      },
      {
        point: 'postpartum42',
        label: '产后42天',
        start: '2026-11-05',
        end: '2026-12-03',
        estimated: true,
        status: 'upcoming',
      },
    ]);
    expect(schedule?.nextDue?.point).toBe('early');
  });

  test('at each boundary', () => {
    expect(statuses(screeningSchedule({ lmp }, '2026-04-09'))).toEqual([
      'early:past',
      'mid:current',
      'late:upcoming',
      'postpartum42:upcoming',
    ]);
    expect(statuses(screeningSchedule({ lmp }, '2026-07-16'))).toEqual([
      'early:past',
      'mid:past',
      'late:current',
      'postpartum42:upcoming',
    ]);
  });

  test('delivery closes the late window and places the 42-day window', () => {
    const delivered = { edd, deliveryDate: '2026-10-05' };
    const onDeliveryDay = screeningSchedule(delivered, '2026-10-05');
    expect(onDeliveryDay?.points[2]).toMatchObject({ end: '2026-10-04', status: 'past' });
    expect(onDeliveryDay?.points[3]).toMatchObject({
      start: '2026-11-02',
      end: '2026-11-30',
      estimated: false,
      status: 'upcoming',
    });
    expect(onDeliveryDay?.nextDue?.point).toBe('postpartum42');
    expect(statuses(screeningSchedule(delivered, '2026-11-01'))?.[3]).toBe('postpartum42:upcoming');
    expect(statuses(screeningSchedule(delivered, '2026-11-02'))?.[3]).toBe('postpartum42:current');
    expect(statuses(screeningSchedule(delivered, '2026-11-16'))?.[3]).toBe('postpartum42:current');
    expect(statuses(screeningSchedule(delivered, '2026-11-30'))?.[3]).toBe('postpartum42:current');
    const after = screeningSchedule(delivered, '2026-12-01');
    expect(statuses(after)?.[3]).toBe('postpartum42:past');
    expect(after?.nextDue).toBeNull();
  });

  test('a baby born before 28 weeks skips the late window', () => {
    const schedule = screeningSchedule({ lmp, deliveryDate: '2026-07-01' }, '2026-07-02');
    expect(schedule?.points[1]).toMatchObject({ end: '2026-06-30', status: 'past' });
    expect(schedule?.points[2]).toMatchObject({ status: 'skipped' });
  });

  test('completed points are not due again', () => {
    expect(screeningSchedule({ lmp }, '2026-04-08', { completed: ['early'] })?.nextDue?.point).toBe('mid');
  });

  test('windows are a setting (Beijing screens mid-pregnancy at 16–24 weeks)', () => {
    const windows = { ...defaultScreeningWindows, mid: { from: 16 * 7, to: 24 * 7 + 6 } };
    expect(screeningWindowsSchema.parse(windows)).toEqual(windows);
    const schedule = screeningSchedule({ lmp }, '2026-04-09', { windows });
    expect(schedule?.points[1]).toMatchObject({ start: '2026-04-23', end: '2026-06-24', status: 'upcoming' });
    expect(screeningWindowsSchema.safeParse({ ...windows, mid: { from: 10, to: 5 } }).success).toBe(false);
  });

  test('only a delivery date: pregnancy points are past, the 42-day visit is placed', () => {
    const schedule = screeningSchedule({ deliveryDate: '2026-10-05' }, '2026-10-10');
    expect(statuses(schedule)).toEqual(['early:past', 'mid:past', 'late:past', 'postpartum42:upcoming']);
    expect(screeningSchedule({}, '2026-10-10')).toBeNull();
  });
});
