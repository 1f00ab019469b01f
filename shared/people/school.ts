import { type CellValue, cellText } from './cell';
import { parseSmallNumber } from './numerals';
import { cleanText } from './text';

export interface Grade {
  /** The canonical name stored and shown: 一年级 … 九年级, 高一 … 高三. */
  name: string;
  /** 1–12, so grades sort in school order rather than by their characters. */
  ordinal: number;
}

const CN = ['一', '二', '三', '四', '五', '六', '七', '八', '九'];
export const gradeNames: readonly string[] = [...CN.map((n) => `${n}年级`), '高一', '高二', '高三'];

// Each pattern yields a number within its stage; the offset places that stage among grades 1–12.
const GRADE_PATTERNS: readonly { pattern: RegExp; offset: number; max: number }[] = [
  { pattern: /^初中?([一二三123])(?:年级)?$/u, offset: 6, max: 3 },
  { pattern: /^高中?([一二三123])(?:年级)?$/u, offset: 9, max: 3 },
  { pattern: /^小学(.{1,2})年级$/u, offset: 0, max: 6 },
  { pattern: /^(.{1,2})年级$/u, offset: 0, max: 12 },
  { pattern: /^(?:grade|g|year|y)?(\d{1,2})$/, offset: 0, max: 12 },
];

export function parseGrade(value: CellValue | undefined): Grade | null {
  const text = cleanText(cellText(value)).replace(/ /g, '').toLowerCase();
  for (const { pattern, offset, max } of GRADE_PATTERNS) {
    const match = pattern.exec(text);
    const n = match ? parseSmallNumber(match[1]!) : null;
    if (n === null) continue;
    if (n < 1 || n > max) return null;
    return { name: gradeNames[n + offset - 1]!, ordinal: n + offset };
  }
  return null;
}

const collator = new Intl.Collator('zh-CN', { numeric: true });

/**
 * Grades in school order (一年级 → 九年级 → 高一 → 高三; 初一 sorts as 七年级), the order the server
 * keeps in grade_ordinal; names that read as no grade follow, in natural order.
 */
export function compareGrades(a: string, b: string): number {
  const rank = (grade: string) => parseGrade(grade)?.ordinal ?? gradeNames.length + 1;
  return rank(a) - rank(b) || collator.compare(a, b);
}

/** Classes in natural order, so 2班 comes before 10班. */
export function compareClasses(a: string, b: string): number {
  return collator.compare(a, b);
}

/**
 * Numbered classes (1班, 一班, (1)班, 01) become '1班' so one class is never split in two;
 * other names (实验班) are kept as typed, since schools name classes freely.
 */
export function parseClassName(value: CellValue | undefined): string | null {
  const text = cleanText(cellText(value));
  if (!text) return null;
  const match = /^\(? ?(\d{1,3}|[〇零一二两三四五六七八九十]{1,3}) ?\)? ?班?$/u.exec(text);
  const n = match ? parseSmallNumber(match[1]!) : null;
  return n !== null && n > 0 ? `${n}班` : text;
}

/**
 * A class as people write it in one piece — 七年级1班, 七年级 1班, 初一/3班, 高二(4)班 — split into
 * the roster's grade and class, so a class teacher's classes match the imported rows; null when
 * no grade can be read from it.
 */
export function parseClassLabel(text: string): { grade: string; className: string } | null {
  const match = /^(.*?年级|[初高]中?[一二三123])\s*[/／\-\s]?\s*(.+)$/u.exec(text.trim());
  if (!match) return null;
  const grade = parseGrade(match[1]);
  const className = parseClassName(match[2]);
  return grade && className ? { grade: grade.name, className } : null;
}
