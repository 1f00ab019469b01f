import { describe, expect, test } from 'vitest';
import {
  defaultScreeningWindows,
  formatGestationalAge,
  gestationalAge,
  perinatalStage,
  pregnancyStart,
  screeningSchedule,
  screeningWindowsSchema,
  timePointOn,
  timePointStates,
  windowProblems,
} from '../../shared/people/perinatal';
import { addDays } from '../../shared/people/date';

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

describe('time point states: screenings complete their windows', () => {
  // LMP 2026-01-01: early to 2026-04-08, mid 2026-04-09 … 2026-07-15, late from 2026-07-16, EDD 2026-10-08.
  const dates = { lmp };
  const states = (s: ReturnType<typeof timePointStates>) => s?.points.map((p) => `${p.point}:${p.state}`);

  test('a screening inside the mid window makes it done with its date; she is no longer due', () => {
    const s = timePointStates(dates, ['2026-05-20'], '2026-06-01');
    expect(s?.points[1]).toMatchObject({
      point: 'mid',
      state: 'done',
      doneOn: '2026-05-20',
      status: 'current',
    });
    expect(states(s)).toEqual(['early:missed', 'mid:done', 'late:upcoming', 'postpartum42:upcoming']);
    expect(s?.nextDue?.point).toBe('late');
    expect(s?.points.some((p) => p.state === 'due')).toBe(false);
  });

  test('a screening outside the window leaves it due; the first one inside is the date kept', () => {
    // 2026-04-01 is in the early window, so it completes early, not mid.
    const s = timePointStates(dates, ['2026-04-01'], '2026-06-01');
    expect(states(s)).toEqual(['early:done', 'mid:due', 'late:upcoming', 'postpartum42:upcoming']);
    expect(s?.points[0]?.doneOn).toBe('2026-04-01');
    expect(s?.nextDue).toMatchObject({ point: 'mid', state: 'due' });
    expect(timePointStates(dates, ['2026-05-30', '2026-04-20'], '2026-06-01')?.points[1]?.doneOn).toBe(
      '2026-04-20',
    );
    // A screening after the day asked for does not count yet.
    expect(timePointStates(dates, ['2026-06-02'], '2026-06-01')?.points[1]?.state).toBe('due');
  });

  test('past 42 weeks with no delivery: flagged, the 42-day point estimated from the EDD', () => {
    // 2026-11-01 is 43+3 weeks (304 days), 24 days past the EDD.
    const s = timePointStates(dates, [], '2026-11-01');
    expect(s).toMatchObject({ deliveryNeeded: true, daysPastDue: 24 });
    expect(s?.points[3]).toMatchObject({
      point: 'postpartum42',
      start: '2026-11-05',
      end: '2026-12-03',
      estimated: true,
      state: 'upcoming',
    });
    // 41+6 weeks is not yet flagged; 42+0 is.
    expect(timePointStates(dates, [], '2026-10-21')?.deliveryNeeded).toBe(false);
    expect(timePointStates(dates, [], '2026-10-22')?.deliveryNeeded).toBe(true);
  });

  test('once the delivery date is entered, the 42-day point runs from it and is not estimated', () => {
    const s = timePointStates({ ...dates, deliveryDate: '2026-10-20' }, [], '2026-11-01');
    expect(s?.deliveryNeeded).toBe(false);
    expect(s?.daysPastDue).toBeNull();
    // 产后42天 is due at delivery + 42 days (2026-12-01), inside its window 2026-11-17 … 2026-12-15.
    expect(addDays('2026-10-20', 42)).toBe('2026-12-01');
    expect(s?.points[3]).toMatchObject({
      start: '2026-11-17',
      end: '2026-12-15',
      estimated: false,
      state: 'upcoming',
    });
    const at42 = timePointStates({ ...dates, deliveryDate: '2026-10-20' }, [], '2026-12-01');
    expect(at42?.nextDue).toMatchObject({ point: 'postpartum42', state: 'due' });
    const screened = timePointStates({ ...dates, deliveryDate: '2026-10-20' }, ['2026-12-01'], '2026-12-02');
    expect(screened?.points[3]).toMatchObject({ state: 'done', doneOn: '2026-12-01' });
    expect(screened?.nextDue).toBeNull();
  });

  test('with an EDD only, the 42-day point is estimated; a screening in it counts for it, not for late', () => {
    const s = timePointStates({ edd }, ['2026-11-20'], '2026-11-21');
    expect(s?.points[3]).toMatchObject({ estimated: true, state: 'done', doneOn: '2026-11-20' });
    expect(s?.points[2]?.state).toBe('due');
  });

  test('the windows passed in are the ones used', () => {
    const windows = { ...defaultScreeningWindows, mid: { from: 16 * 7, to: 24 * 7 + 6 } };
    // 2026-04-15 is 14+6 weeks: mid by default, between windows under 16–24 weeks.
    expect(timePointStates(dates, ['2026-04-15'], '2026-05-01')?.points[1]?.state).toBe('done');
    expect(timePointStates(dates, ['2026-04-15'], '2026-05-01', windows)?.points[1]?.state).toBe('due');
    expect(timePointOn(dates, '2026-04-15')).toBe('mid');
    expect(timePointOn(dates, '2026-04-15', windows)).toBe('outside');
    expect(timePointOn({}, '2026-04-15')).toBe('unknown');
  });

  test('window problems are named per time point', () => {
    expect(windowProblems(defaultScreeningWindows)).toEqual([]);
    expect(
      windowProblems({
        ...defaultScreeningWindows,
        early: { from: 0, to: 120 },
        late: { from: 200, to: 190 },
        postpartum42: { from: 28, to: 400 },
      }),
    ).toEqual([
      { point: 'mid', code: 'overlaps_previous' },
      { point: 'late', code: 'end_before_start' },
      { point: 'postpartum42', code: 'beyond_postpartum' },
    ]);
    expect(windowProblems({ ...defaultScreeningWindows, late: { from: 196, to: 320 } })).toEqual([
      { point: 'late', code: 'beyond_pregnancy' },
    ]);
    expect(
      screeningWindowsSchema.safeParse({ ...defaultScreeningWindows, mid: { from: 14, to: 200 } }).success,
    ).toBe(false);
  });
});
