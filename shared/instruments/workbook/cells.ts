import { type CellValue, cellText } from '../../people/cell';
import { parseYesNo } from '../../people/normalise';
import { parseGrade } from '../../people/school';
import { cleanText } from '../../people/text';
import type { IssueParams } from '../../issues';
import type { Vocabulary } from './layout';
import type { WorkbookIssueCode } from './messages';

/** A cell read as T, or why not: a code whose words name the cell's column first. */
export type CellResult<T> =
  { ok: true; value: T } | { ok: false; code: WorkbookIssueCode; params: IssueParams };

const ok = <T>(value: T): CellResult<T> => ({ ok: true, value });
const bad = (code: WorkbookIssueCode, params: IssueParams = {}): CellResult<never> => ({
  ok: false,
  code,
  params,
});

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
  if (value instanceof Date) return bad('date_not_number');
  const text = cleanText(cellText(value)).replace(/[−－]/g, '-').replace(/\s+/g, '');
  return NUMBER.test(text) ? ok(Number.parseFloat(text)) : bad('not_number', { value: cellString(value) });
}

export function parseInteger(value: CellValue, min: number): CellResult<number> {
  const parsed = parseNumber(value);
  if (!parsed.ok) return parsed;
  return Number.isInteger(parsed.value) && parsed.value >= min
    ? parsed
    : bad('integer_min', { value: cellString(value), min });
}

export function parseYes(value: CellValue): CellResult<boolean> {
  const yes = parseYesNo(value);
  return yes === null ? bad('yes_no', { value: cellString(value) }) : ok(yes);
}

export function parseWord<V extends string>(vocabulary: Vocabulary<V>, value: CellValue): CellResult<V> {
  const key = keyOf(cellText(value));
  const entries = Object.entries(vocabulary) as [V, readonly string[]][];
  const found = entries.find(([, words]) => words.some((word) => keyOf(word) === key));
  if (found) return ok(found[0]);
  const quoted = entries.map(([, words]) => `“${words[0]}”`);
  const choices = { zh: quoted.join('或'), en: quoted.join(' or ') };
  return bad('unknown_word', { value: cellString(value), choices });
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
  if (from > to) return bad('range_reversed', { value: token });
  if (to - from >= MAX_RANGE) return bad('range_too_large', { value: token });
  return ok(Array.from({ length: to - from + 1 }, (_, i) => from + i));
}

/** Grades as 1–12 from "7-9", "7, 8", "初一-初三" or "七年级". */
export function parseGrades(value: CellValue): CellResult<number[]> {
  const grades: number[] = [];
  for (const token of splitList(value)) {
    const ends = splitRange(token) ?? [token, token];
    const [from, to] = ends.map((end) => parseGrade(end)?.ordinal);
    if (from === undefined || to === undefined) return bad('not_grade', { value: token });
    const range = expandRange(from, to, token);
    if (!range.ok) return range;
    grades.push(...range.value);
  }
  return grades.length ? ok([...new Set(grades)].sort((a, b) => a - b)) : bad('grades_missing');
}

/** "12-18" or a single "12" as its two ends. */
export function parseNumberRange(value: CellValue): CellResult<{ min: number; max: number }> {
  const tokens = splitList(value);
  const ends = tokens.length === 1 ? (splitRange(tokens[0]!) ?? [tokens[0]!, tokens[0]!]) : null;
  if (!ends) return bad('number_range', { value: cellString(value) });
  const [min, max] = ends.map((end) => parseNumber(end));
  if (!min?.ok || !max?.ok) return bad('number_range', { value: cellString(value) });
  return ok({ min: min.value, max: max.value });
}
