// Grade names are free text; these are the usual ones, in school order, so filters and
// suggestions read 一年级 → 高三 instead of in code-point order.
export const COMMON_GRADES = [
  '一年级',
  '二年级',
  '三年级',
  '四年级',
  '五年级',
  '六年级',
  '七年级',
  '八年级',
  '九年级',
  '高一',
  '高二',
  '高三',
] as const;

const aliases: Record<string, string> = { 初一: '七年级', 初二: '八年级', 初三: '九年级' };

function rank(grade: string): number {
  const index = (COMMON_GRADES as readonly string[]).indexOf(aliases[grade] ?? grade);
  return index === -1 ? COMMON_GRADES.length : index;
}

const collator = new Intl.Collator('zh-CN', { numeric: true });

export function compareGrades(a: string, b: string): number {
  return rank(a) - rank(b) || collator.compare(a, b);
}

/** Natural order, so 2班 comes before 10班. */
export function compareClasses(a: string, b: string): number {
  return collator.compare(a, b);
}
