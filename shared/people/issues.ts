import { z } from 'zod';
import { type IssueLanguage, type IssueParams, fillTemplate, issueParamsSchema, wordParams } from '../issues';
import { studentFields, womanFields } from './fields';

/**
 * Why a roster row cannot be imported as it stands (or, as a warning, what looks wrong in it).
 * `field` is the field key the issue is reported under; params name what the words need:
 * `other` (another field key), `value` (an excerpt of the cell), `max`, `row`, `days`, `columns`.
 */
export const rowIssueCodes = [
  'required',
  'unrecognised',
  'too_long',
  'excel_number',
  'out_of_range',
  'incomplete_date',
  'id_format',
  'id_region',
  'id_birth_date',
  'id_checksum',
  'id_sex_mismatch',
  'id_birth_mismatch',
  'implausible',
  'id_male',
  'above',
  'no_pregnancy_dates',
  'after_today',
  'edd_off_lmp',
  'before_lmp',
  'duplicate_of_row',
  'repeats_row',
  'id_taken',
  'missing_columns',
] as const;
export type RowIssueCode = (typeof rowIssueCodes)[number];

export const rowIssueSchema = z.object({
  field: z.string(),
  code: z.enum(rowIssueCodes),
  params: issueParamsSchema,
});
/** Shown next to the row; its value excerpt quotes the cell, so it must never be logged. */
export type RowIssue = z.infer<typeof rowIssueSchema>;

/**
 * The words for each code. `{{field}}` and `{{other}}` are field labels; the Chinese is the
 * wording the importer has always used. The renderer's i18n `importer.issues` is this table.
 */
export const rowIssueWords: Record<IssueLanguage, Record<RowIssueCode, string>> = {
  zh: {
    required: '缺少{{field}}',
    unrecognised: '{{field}}无法识别：{{value}}',
    too_long: '{{field}}过长（最多{{max}}个字符）',
    excel_number: '{{field}}被Excel存成了数字，末几位已丢失：请把该列设为文本后重新填写',
    out_of_range: '{{field}}超出范围（{{value}}）',
    incomplete_date: '{{field}}不完整，需要年、月、日',
    id_format: '{{field}}格式错误（应为18位）',
    id_region: '{{field}}地区码无效',
    id_birth_date: '{{field}}中的出生日期无效',
    id_checksum: '{{field}}校验位错误',
    id_sex_mismatch:
      '{{field}}与{{other}}不一致：{{field}}第{{position}}位是{{digit}}，按身份证号规则（该位奇数为男、偶数为女）应为{{sex}}',
    id_birth_mismatch: '{{field}}与{{other}}不一致：{{field}}第{{from}}–{{to}}位的出生日期是{{date}}',
    implausible: '{{other}}不在合理范围',
    id_male: '{{field}}显示为男性',
    above: '{{field}}不能大于{{other}}',
    no_pregnancy_dates: '缺少末次月经、预产期和分娩日期，无法推算孕周或产后天数',
    after_today: '{{field}}晚于今天',
    edd_off_lmp: '{{field}}与{{other}}推算相差{{days}}天',
    before_lmp: '{{field}}早于{{other}}',
    duplicate_of_row: '与第{{row}}行{{field}}重复',
    repeats_row: '{{field}}与第{{row}}行重复',
    id_taken: '{{field}}已属于系统中的另一人',
    missing_columns: '缺少必填列：{{columns}}',
  },
  en: {
    required: '{{field}} is missing',
    unrecognised: '{{field}} is not recognised: {{value}}',
    too_long: '{{field}} is too long (at most {{max}} characters)',
    excel_number:
      '{{field}} was saved by Excel as a number and its last digits are lost: format the column as Text and type it again',
    out_of_range: '{{field}} is out of range ({{value}})',
    incomplete_date: '{{field}} is incomplete: year, month and day are needed',
    id_format: '{{field}} has the wrong format (18 characters expected)',
    id_region: '{{field}} has an invalid region code',
    id_birth_date: 'The date of birth in {{field}} is invalid',
    id_checksum: 'The check digit of {{field}} is wrong',
    id_sex_mismatch:
      '{{field}} does not agree with {{other}}: character {{position}} of {{field}} is {{digit}}, and by the ID number rule (odd for male, even for female) that means {{sex}}',
    id_birth_mismatch:
      '{{field}} does not agree with {{other}}: characters {{from}}–{{to}} of {{field}} give the date of birth {{date}}',
    implausible: '{{other}} is not within a plausible range',
    id_male: '{{field}} belongs to a man',
    above: '{{field}} cannot be greater than {{other}}',
    no_pregnancy_dates:
      'No last menstrual period, due date or delivery date: weeks of pregnancy and days after birth cannot be worked out',
    after_today: '{{field}} is later than today',
    edd_off_lmp: '{{field}} is {{days}} days off the date worked out from {{other}}',
    before_lmp: '{{field}} is earlier than {{other}}',
    duplicate_of_row: 'Same {{field}} as row {{row}}',
    repeats_row: '{{field}} repeats row {{row}}',
    id_taken: '{{field}} already belongs to another person in Anxin',
    missing_columns: 'Required columns are missing: {{columns}}',
  },
};

type RosterField = keyof typeof studentFields | keyof typeof womanFields;
const FIELD_SPECS: Record<RosterField, { label: string; en: string }> = { ...studentFields, ...womanFields };
const labelsIn = (language: IssueLanguage) =>
  Object.fromEntries(
    Object.entries(FIELD_SPECS).map(([field, spec]) => [field, language === 'zh' ? spec.label : spec.en]),
  ) as Record<RosterField, string>;

/** Every roster field's label in each language; the renderer's i18n `fields` include these. */
export const rosterFieldLabels: Record<IssueLanguage, Record<RosterField, string>> = {
  zh: labelsIn('zh'),
  en: labelsIn('en'),
};

/** A roster field's label in Chinese or English; an unknown key is shown as it is. */
export function rosterFieldLabel(field: string, language: IssueLanguage = 'zh'): string {
  const labels: Record<string, string> = rosterFieldLabels[language];
  return Object.hasOwn(labels, field) ? labels[field]! : field;
}

/**
 * The note an import leaves on each person it changed: "名册导入：<file>". Stored as it always was
 * (an import is undone by its note, and older rows hold it); readers word it with `importNoteFile`.
 */
export const IMPORT_NOTE_PREFIX = '名册导入：';
export const importNote = (fileName: string): string => `${IMPORT_NOTE_PREFIX}${fileName}`;
/** The file an import note names, or null when the text is not one. */
export const importNoteFile = (text: string): string | null =>
  text.startsWith(IMPORT_NOTE_PREFIX) ? text.slice(IMPORT_NOTE_PREFIX.length) : null;

/** The parameters a row issue's words are filled with, its field among them. */
export function rowIssueValues(
  issue: Pick<RowIssue, 'field' | 'params'>,
  language: IssueLanguage,
  label: (field: string) => string = (field) => rosterFieldLabel(field, language),
): Record<string, string | number> {
  const params: IssueParams = { field: issue.field, ...issue.params };
  return wordParams(params, language, label);
}

/** One row issue as a sentence, in Chinese unless asked (CLI output, downloaded files). */
export function wordRowIssue(
  issue: Pick<RowIssue, 'field' | 'code' | 'params'>,
  language: IssueLanguage = 'zh',
) {
  return fillTemplate(rowIssueWords[language][issue.code], rowIssueValues(issue, language));
}
