import { type CellValue, cellText } from '../../people/cell';
import { parseYesNo } from '../../people/normalise';
import { parseGrade } from '../../people/school';
import { cleanText } from '../../people/text';
import type { Vocabulary } from './layout';

export type CellResult<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): CellResult<T> => ({ ok: true, value });
const bad = (message: string): CellResult<never> => ({ ok: false, message });

/** Free text as typed: only the surrounding space goes, so Chinese punctuation stays full-width. */
export function cellString(value: CellValue | undefined): string {
  return cellText(value).trim();
}

/** The comparable form of a header, item name or code word: half-width, no spaces, lower case. */
export function keyOf(text: string): string {
  return cleanText(text)
    .replace(/\s+/g, '')
    .replace(/^\*+|\*+$/g, '')
    .replace(/:$/, '')
    .toLowerCase();
}

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)分?$/;

/** Numbers typed as text, with full-width digits, a minus sign or a trailing 分, are numbers too. */
export function parseNumber(value: CellValue): CellResult<number> {
  if (typeof value === 'number') return ok(value);
  if (value instanceof Date) return bad('是日期，不是数字（可将该列设为“文本”后重新输入）');
  const text = cleanText(cellText(value)).replace(/[−－]/g, '-').replace(/\s+/g, '');
  return NUMBER.test(text) ? ok(Number.parseFloat(text)) : bad(`“${cellString(value)}”不是数字`);
}

export function parseInteger(value: CellValue, min: number): CellResult<number> {
  const parsed = parseNumber(value);
  if (!parsed.ok) return parsed;
  return Number.isInteger(parsed.value) && parsed.value >= min
    ? parsed
    : bad(`“${cellString(value)}”应为不小于 ${min} 的整数`);
}

export function parseYes(value: CellValue): CellResult<boolean> {
  const yes = parseYesNo(value);
  return yes === null ? bad(`“${cellString(value)}”应为“是”或“否”`) : ok(yes);
}

export function parseWord<V extends string>(vocabulary: Vocabulary<V>, value: CellValue): CellResult<V> {
  const key = keyOf(cellText(value));
  const entries = Object.entries(vocabulary) as [V, readonly string[]][];
  const found = entries.find(([, words]) => words.some((word) => keyOf(word) === key));
  if (found) return ok(found[0]);
  const choices = entries.map(([, words]) => `“${words[0]}”`).join('或');
  return bad(`“${cellString(value)}”无法识别，应为${choices}`);
}

const RANGE_SEPARATOR = /\s*[-–—~至到]\s*/gu;

/**
 * The entries of a list cell such as "1-6, 9、12". Excel turns a typed "1-6" into 6 January
 * unless the cell is text, so a date in a list cell is read back as the month-day it came from.
 */
export function splitList(value: CellValue): string[] {
  const text =
    value instanceof Date ? `${value.getUTCMonth() + 1}-${value.getUTCDate()}` : cleanText(cellText(value));
  return text
    .replace(RANGE_SEPARATOR, (separator) => separator.trim())
    .split(/[,，、;；\s]+/u)
    .filter((token) => token !== '');
}

/** A range token "3-7" (any dash, ~, 至 or 到) as its two ends, or null when the token is not one. */
export function splitRange(token: string): [string, string] | null {
  const parts = token.split(/[-–—~至到]/u);
  return parts.length === 2 && parts[0] && parts[1] ? [parts[0], parts[1]] : null;
}

/** Ranges longer than this are typos (1-600 for 1-60), not lists. */
export const MAX_RANGE = 1000;

/** Expands "a-b" between integers, or says why it cannot. */
export function expandRange(from: number, to: number, token: string): CellResult<number[]> {
  if (from > to) return bad(`范围“${token}”的起点大于终点`);
  if (to - from >= MAX_RANGE) return bad(`范围“${token}”太大`);
  return ok(Array.from({ length: to - from + 1 }, (_, i) => from + i));
}

const GRADE_HINT = '（七年级填 7 或 初一，高一填 10）';

/** Grades as 1–12 from "7-9", "7, 8", "初一-初三" or "七年级". */
export function parseGrades(value: CellValue): CellResult<number[]> {
  const grades: number[] = [];
  for (const token of splitList(value)) {
    const ends = splitRange(token) ?? [token, token];
    const [from, to] = ends.map((end) => parseGrade(end)?.ordinal);
    if (from === undefined || to === undefined) return bad(`“${token}”不是年级${GRADE_HINT}`);
    const range = expandRange(from, to, token);
    if (!range.ok) return range;
    grades.push(...range.value);
  }
  return grades.length ? ok([...new Set(grades)].sort((a, b) => a - b)) : bad(`请填写年级${GRADE_HINT}`);
}

/** "12-18" or a single "12" as its two ends. */
export function parseNumberRange(value: CellValue): CellResult<{ min: number; max: number }> {
  const tokens = splitList(value);
  const ends = tokens.length === 1 ? (splitRange(tokens[0]!) ?? [tokens[0]!, tokens[0]!]) : null;
  if (!ends) return bad(`“${cellString(value)}”应写成“最小-最大”，如 12-18`);
  const [min, max] = ends.map((end) => parseNumber(end));
  if (!min?.ok || !max?.ok) return bad(`“${cellString(value)}”应写成“最小-最大”，如 12-18`);
  return ok({ min: min.value, max: max.value });
}
