import { afterEach, describe, expect, test } from 'vitest';
import { addDays, ageOn, daysBetween, excelSerialToIso, parseDate, todayIso } from '../../shared/people/date';

const ok = (value: string) => ({ ok: true, value });
const no = (reason: string) => ({ ok: false, reason });

describe('date text', () => {
  test.each([
    ['2013年3月5日', '2013-03-05'],
    ['2013年03月05日', '2013-03-05'],
    ['2013 年 3 月 5 日', '2013-03-05'],
    ['2013年3月5号', '2013-03-05'],
    ['2013年3月5', '2013-03-05'],
    ['2013.3.5', '2013-03-05'],
    ['2013.03.05', '2013-03-05'],
    ['20130305', '2013-03-05'],
    ['2013/3/5', '2013-03-05'],
    ['2013-03-05', '2013-03-05'],
    ['2013-3-5', '2013-03-05'],
    ['2013-03-05 00:00:00', '2013-03-05'],
    ['2013-03-05T00:00:00.000Z', '2013-03-05'],
    ['２０１３－０３－０５', '2013-03-05'],
    ['\u3000 2013/3/5 ', '2013-03-05'],
    ['2012-02-29', '2012-02-29'],
  ])('%j → %s', (text, iso) => expect(parseDate(text)).toEqual(ok(iso)));

  test.each([
    ['2013-13-45', 'invalid_date'],
    ['2013-02-29', 'invalid_date'],
    ['2013年2月30日', 'invalid_date'],
    ['20131301', 'invalid_date'],
    ['2013.03', 'incomplete'],
    ['2013年3月', 'incomplete'],
    ['201303', 'incomplete'],
    ['2013/3-5', 'unrecognised'],
    ['05/03/2013', 'unrecognised'],
    ['13.3.5', 'unrecognised'],
    ['三月五日', 'unrecognised'],
    ['', 'empty'],
    ['   ', 'empty'],
  ])('%j fails: %s', (text, reason) => expect(parseDate(text)).toEqual(no(reason)));

  test('empty cells are empty', () => {
    expect(parseDate(null)).toEqual(no('empty'));
    expect(parseDate(undefined)).toEqual(no('empty'));
  });
});

describe('Excel serial numbers', () => {
  test.each([
    [1, '1900-01-01'],
    [59, '1900-02-28'],
    [61, '1900-03-01'],
    [25569, '1970-01-01'],
    [41338, '2013-03-05'],
    [41338.75, '2013-03-05'],
    [46349, '2026-11-23'],
    [2958465, '9999-12-31'],
  ])('%d → %s', (serial, iso) => expect(parseDate(serial)).toEqual(ok(iso)));

  test('serial 60 is the 1900-02-29 that Lotus invented and Excel kept', () => {
    expect(excelSerialToIso(60)).toEqual(no('invalid_date'));
  });

  test.each([0, -1, 2958466, Number.NaN])('%d is no date', (serial) => {
    expect(excelSerialToIso(serial)).toEqual(no('invalid_date'));
  });

  test('a serial written into CSV as text still reads', () => {
    expect(parseDate('41338')).toEqual(ok('2013-03-05'));
  });

  test('20130305 typed into a number cell reads as a date, not a serial', () => {
    expect(parseDate(20130305)).toEqual(ok('2013-03-05'));
  });
});

describe('Dates from exceljs', () => {
  const originalTz = process.env.TZ;
  afterEach(() => {
    process.env.TZ = originalTz;
  });

  // exceljs gives UTC midnight; read with local getters it is the day before west of Greenwich.
  test.each(['UTC', 'Asia/Shanghai', 'America/Los_Angeles', 'Pacific/Kiritimati'])(
    'UTC midnight is the same calendar day in %s',
    (tz) => {
      process.env.TZ = tz;
      expect(parseDate(new Date(Date.UTC(2013, 2, 5)))).toEqual(ok('2013-03-05'));
      expect(parseDate(new Date(Date.UTC(2013, 0, 1)))).toEqual(ok('2013-01-01'));
    },
  );

  test('a floating-point date a millisecond before midnight is still that day', () => {
    expect(parseDate(new Date(Date.UTC(2013, 2, 5) - 1))).toEqual(ok('2013-03-05'));
  });

  test('an invalid Date is refused', () => {
    expect(parseDate(new Date(Number.NaN))).toEqual(no('invalid_date'));
  });

  test('today is the local calendar day', () => {
    process.env.TZ = 'Asia/Shanghai';
    expect(todayIso(new Date('2026-11-23T20:00:00Z'))).toBe('2026-11-24');
  });
});

describe('arithmetic', () => {
  test('days and ages', () => {
    expect(addDays('2026-01-31', 280)).toBe('2026-11-07');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(daysBetween('2026-01-31', '2026-11-07')).toBe(280);
    expect(ageOn('2013-03-05', '2026-03-04')).toBe(12);
    expect(ageOn('2013-03-05', '2026-03-05')).toBe(13);
  });
});
