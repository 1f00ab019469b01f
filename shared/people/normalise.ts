import { type CellValue, type Parsed, cellText, failed, parsed } from './cell';
import { parseSmallNumber } from './numerals';
import { cleanText } from './text';

export * from './date';
export * from './school';
export { cleanName, cleanText, neutraliseFormula, toHalfWidth } from './text';

export type Sex = 'M' | 'F';

// 1/2 are the GB/T 2261.1 codes that school and health systems export; 男生/女生 is how many
// school rosters write it.
const SEXES: Record<string, Sex> = {
  男: 'M',
  男性: 'M',
  男生: 'M',
  boy: 'M',
  m: 'M',
  male: 'M',
  '1': 'M',
  女: 'F',
  女性: 'F',
  女生: 'F',
  girl: 'F',
  f: 'F',
  female: 'F',
  '2': 'F',
};

export function parseSex(value: CellValue | undefined): Sex | null {
  return SEXES[cleanText(cellText(value)).toLowerCase()] ?? null;
}

export type PhoneKind = 'mobile' | 'landline';

/** One phone number as digits only; a cell holding two numbers is refused rather than guessed at. */
export function parsePhone(
  value: CellValue | undefined,
): Parsed<{ digits: string; kind: PhoneKind }, 'empty' | 'unrecognised'> {
  const text = cleanText(cellText(value));
  if (!text) return failed('empty');
  const digits = text.replace(/[\s\-()]/g, '').replace(/^(?:\+?86|0086)(?=1\d{10}$)/, '');
  if (/^1[3-9]\d{9}$/.test(digits)) return parsed({ digits, kind: 'mobile' });
  // Area code and number (0812-1234567) or a local number without the area code.
  if (/^0\d{9,11}$/.test(digits) || /^[2-9]\d{6,7}$/.test(digits))
    return parsed({ digits, kind: 'landline' });
  return failed('unrecognised');
}

const YES = new Set(['有', '是', '阳性', 'yes', 'y', 'true', '1', '√']);
const NO = new Set(['无', '否', '没有', '阴性', 'no', 'n', 'false', '0', '×']);

/** 有/无, 是/否 and their usual stand-ins; a note after 有 (有（母亲）) still means yes. */
export function parseYesNo(value: CellValue | undefined): boolean | null {
  const text = cleanText(cellText(value)).toLowerCase();
  if (NO.has(text)) return false;
  return YES.has(text) || /^有./u.test(text) ? true : null;
}

/** A count such as 孕次: 2, '2', '2次', '二'. */
export function parseCount(value: CellValue | undefined): number | null {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 ? value : null;
  const match = /^(.+?) ?次?$/u.exec(cleanText(cellText(value)));
  return match ? parseSmallNumber(match[1]!) : null;
}
