import { type CellValue, type Parsed, cellText, failed, parsed } from './cell';
import { cleanText } from './text';

/** A calendar date as 'YYYY-MM-DD'; arithmetic below runs in UTC so no time zone can shift a day. */
export type IsoDate = string;

export type DateFailure = 'empty' | 'unrecognised' | 'invalid_date' | 'incomplete';

const DAY_MS = 86_400_000;
// Serial 25569 is 1970-01-01 in Excel's 1900 date system.
const EXCEL_UNIX_EPOCH = 25_569;
// Serial 60 is 1900-02-29, a day that never existed: Excel kept Lotus 1-2-3's leap-year bug.
const EXCEL_FAKE_LEAP_DAY = 60;
const EXCEL_MAX_SERIAL = 2_958_465; // 9999-12-31

const dayNumber = (iso: IsoDate): number =>
  Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS;
const fromDayNumber = (day: number): IsoDate => new Date(day * DAY_MS).toISOString().slice(0, 10);

export const addDays = (iso: IsoDate, days: number): IsoDate => fromDayNumber(dayNumber(iso) + days);
/** Whole days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: IsoDate, to: IsoDate): number => dayNumber(to) - dayNumber(from);

/** Today on the user's wall calendar, which is what every "is it in the future" check means. */
export function todayIso(now: Date = new Date()): IsoDate {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Null unless year, month and day name a real calendar day. */
export function isoFromParts(year: number, month: number, day: number): IsoDate | null {
  if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1 || day > 31) return null;
  const iso = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return fromDayNumber(dayNumber(iso)) === iso ? iso : null;
}

const ISO_SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `value` is exactly 'YYYY-MM-DD' naming a real calendar day (2023-02-30 is not one). */
export function isIsoDate(value: string): boolean {
  const match = ISO_SHAPE.exec(value);
  return match !== null && isoFromParts(Number(match[1]), Number(match[2]), Number(match[3])) === value;
}

export function excelSerialToIso(serial: number): Parsed<IsoDate, 'invalid_date'> {
  const whole = Math.floor(serial);
  if (!Number.isFinite(serial) || whole < 1 || whole > EXCEL_MAX_SERIAL || whole === EXCEL_FAKE_LEAP_DAY) {
    return failed('invalid_date');
  }
  const shift = whole < EXCEL_FAKE_LEAP_DAY ? 1 : 0;
  return parsed(fromDayNumber(whole - EXCEL_UNIX_EPOCH + shift));
}

function fromDate(date: Date): Parsed<IsoDate, DateFailure> {
  const ms = date.getTime();
  if (Number.isNaN(ms)) return failed('invalid_date');
  // exceljs converts serials with floating point; a date can arrive a few ms before its midnight.
  return parsed(new Date(Math.round(ms / 1000) * 1000).toISOString().slice(0, 10));
}

function fromParts(y: string, m: string, d: string): Parsed<IsoDate, DateFailure> {
  const iso = isoFromParts(Number(y), Number(m), Number(d));
  return iso ? parsed(iso) : failed('invalid_date');
}

function fromNumber(n: number): Parsed<IsoDate, DateFailure> {
  // 20130305 typed into a number cell is far beyond any serial a birth date could have.
  if (Number.isInteger(n) && n >= 1000_01_01 && n <= 9999_12_31) {
    const s = String(n);
    return fromParts(s.slice(0, 4), s.slice(4, 6), s.slice(6, 8));
  }
  return excelSerialToIso(n);
}

const TIME = String.raw`(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?`;
const PATTERNS: readonly RegExp[] = [
  /^(\d{4}) ?年 ?(\d{1,2}) ?月 ?(\d{1,2}) ?[日号]?$/u,
  new RegExp(String.raw`^(\d{4}) ?([-./]) ?(\d{1,2}) ?\2 ?(\d{1,2})${TIME}$`),
  /^(\d{4})(\d{2})(\d{2})$/,
];
const INCOMPLETE = /^(?:\d{4} ?年 ?\d{1,2} ?月?|\d{4} ?[-./] ?\d{1,2}|\d{6})$/u;
// Excel writes a date column it did not recognise into CSV as its serial number.
const SERIAL_TEXT = /^\d{5}(?:\.\d+)?$/;

function fromText(raw: string): Parsed<IsoDate, DateFailure> {
  const text = cleanText(raw);
  if (!text) return failed('empty');
  for (const pattern of PATTERNS) {
    const match = pattern.exec(text);
    if (!match) continue;
    const parts = match.slice(1).filter((part) => /^\d+$/.test(part));
    return fromParts(parts[0]!, parts[1]!, parts[2]!);
  }
  if (SERIAL_TEXT.test(text)) return excelSerialToIso(Number(text));
  return failed(INCOMPLETE.test(text) ? 'incomplete' : 'unrecognised');
}

/** Any date a roster may hold (Excel date or serial, 2013年3月5日, 2013.3.5, 20130305 …) as 'YYYY-MM-DD'. */
export function parseDate(value: CellValue | undefined): Parsed<IsoDate, DateFailure> {
  if (value === null || value === undefined) return failed('empty');
  if (value instanceof Date) return fromDate(value);
  if (typeof value === 'number') return fromNumber(value);
  return fromText(cellText(value));
}

/**
 * A date a person types into a form (a respondent's birth date on a lab PC or a phone): the written
 * forms parseDate reads (2011-03-05, 2011/3/5, 2011.3.5, 20110305, 2011年3月5日), never a spreadsheet
 * serial, since five typed digits are a mistake rather than a day. Null when it names no real day.
 */
export function parseTypedDate(raw: string): IsoDate | null {
  const text = cleanText(raw.normalize('NFKC'));
  if (SERIAL_TEXT.test(text)) return null;
  const result = fromText(text);
  return result.ok ? result.value : null;
}

/** Completed years from `birth` to `on`, as birthdays count them. */
export function ageOn(birth: IsoDate, on: IsoDate): number {
  const years = Number(on.slice(0, 4)) - Number(birth.slice(0, 4));
  return on.slice(5) < birth.slice(5) ? years - 1 : years;
}
