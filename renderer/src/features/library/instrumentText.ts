import type { InstrumentSummary } from '../../../../shared/api/instruments';
import { i18n } from '../../i18n';

/** "第 9 题" from an item id such as "q9"; other ids are shown as they are. */
export function itemLabel(itemId: string, number?: number): string {
  const n = number ?? Number(/^q(\d+)$/i.exec(itemId)?.[1] ?? NaN);
  return Number.isFinite(n) ? i18n.t('library.itemNumber', { number: n }) : itemId;
}

/** Who answers: 学生自评, 孕产妇自评 or 家长评定, from the population. */
export function respondentText(summary: Pick<InstrumentSummary, 'population'>): string {
  const { respondent, programmes } = summary.population;
  if (respondent === 'parent') return i18n.t('library.respondent.parent');
  if (programmes.length === 1 && programmes[0] === 'perinatal') return i18n.t('library.respondent.woman');
  if (programmes.length === 1 && programmes[0] === 'school') return i18n.t('library.respondent.student');
  return i18n.t('library.respondent.self');
}

export function gradeText(summary: Pick<InstrumentSummary, 'population'>): string | null {
  const { minGrade, maxGrade, minAge, maxAge } = summary.population;
  if (minGrade !== undefined || maxGrade !== undefined)
    return i18n.t('library.grades', { min: minGrade ?? 1, max: maxGrade ?? 12 });
  if (minAge !== undefined || maxAge !== undefined)
    return i18n.t('library.ages', { min: minAge ?? 0, max: maxAge ?? '—' });
  return null;
}
