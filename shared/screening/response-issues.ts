import { z } from 'zod';
import type { ResponseReasonCode } from '../api/responses';
import {
  type IssueLanguage,
  type IssueParams,
  LIST_SEPARATOR,
  fillTemplate,
  issueParamsSchema,
  wordParams,
} from '../issues';

/**
 * The words of the response import (问卷星/腾讯问卷 exports), by code, in both languages: the
 * renderer's i18n `responseImport.reasons|modes|unparsable` are these tables, and the service words
 * the CLI's `reason` with `wordResponseReason` — one home for each sentence.
 */
export const responseReasonWords: Record<IssueLanguage, Record<ResponseReasonCode, string>> = {
  zh: {
    matched: '匹配成功',
    no_number: '缺少学籍号（或保健手册编号、身份证号）',
    number_not_listed: '{{field}}不在本次测评名单中',
    in_register_not_listed: '此人在名册中（{{name}}），但不在本次测评名单中',
    same_name: '同名且无法按班级区分',
    name_not_listed: '姓名不在本次测评名单中',
    imported_before: '这一行此前已导入（答案与提交时间相同），不会重复导入',
    earlier_row: '同一人在第{{row}}行已有答卷',
    out_of_dates: '提交日期 {{day}} 不在测评日期 {{from}} 至 {{to}} 内',
    declined: '此人已登记“不参加”本次测评',
    in_progress: '此人有一份未提交的答卷（{{mode}}）',
    submitted: '此人已有本次测评的答卷（{{mode}}）',
  },
  en: {
    matched: 'Matched',
    no_number: 'No student number (or handbook or ID number)',
    number_not_listed: '{{field}} is not on this campaign’s list',
    in_register_not_listed: 'In the register ({{name}}) but not on this campaign’s list',
    same_name: 'Several people share this name and the class does not tell them apart',
    name_not_listed: 'Name not on this campaign’s list',
    imported_before: 'This row was imported before (same answers and time); it is not imported again',
    earlier_row: 'The same person already answered in row {{row}}',
    out_of_dates: 'Submitted on {{day}}, outside the campaign’s dates {{from}} to {{to}}',
    declined: 'This person is recorded as declining this campaign',
    in_progress: 'This person has an unsubmitted sheet ({{mode}})',
    submitted: 'This person already has a sheet in this campaign ({{mode}})',
  },
};

/** The channel a conflicting sheet came from. */
export const screeningModeWords = {
  zh: { kiosk: '本机考试模式', station: '局域网测评站', paper: '纸质录入', import: '此前导入' },
  en: { kiosk: 'kiosk', station: 'LAN station', paper: 'paper entry', import: 'earlier import' },
} as const satisfies Record<IssueLanguage, Record<string, string>>;

/** The identity numbers a row may carry, as its reasons name them. */
export const responseNumberWords = {
  zh: { studentNo: '学籍号', handbookNo: '保健手册编号', idNumber: '身份证号' },
  en: { studentNo: 'Student no.', handbookNo: 'Handbook no.', idNumber: 'ID number' },
} as const satisfies Record<IssueLanguage, Record<string, string>>;

/** Why one answer cell cannot be read; params: `max` (options), `options` (both languages). */
export const unparsableCodes = [
  'position_out_of_range',
  'text_in_number_column',
  'number_in_text_column',
  'not_an_option',
] as const;
export type UnparsableCode = (typeof unparsableCodes)[number];
export const unparsableCodeSchema = z.enum(unparsableCodes);
export { issueParamsSchema as unparsableParamsSchema };

export const unparsableWords: Record<IssueLanguage, Record<UnparsableCode | 'column', string>> = {
  zh: {
    column: '{{letter}}列“{{header}}”',
    position_out_of_range: '选项序号应为 1–{{max}}',
    text_in_number_column: '此列按选项序号读取，但这里是文字：若此列是选项文字，请把读法改为“按选项文字”',
    number_in_text_column: '此列按选项文字读取，但这里是数字：若此列是选项序号，请把读法改为“按选项序号”',
    not_an_option: '不是此题的选项（应为：{{options}}）',
  },
  en: {
    column: 'column {{letter}} “{{header}}”',
    position_out_of_range: 'The option number should be 1–{{max}}',
    text_in_number_column:
      'This column is read as option numbers, but this is text: if the column holds option texts, change its reading to “by option text”',
    number_in_text_column:
      'This column is read as option texts, but this is a number: if the column holds option numbers, change its reading to “by option number”',
    not_an_option: 'Not an option of this item (expected: {{options}})',
  },
};

const NO_HEADER: Record<IssueLanguage, string> = { zh: '（无表头）', en: '(no header)' };

/** "B列“第1题”" / "column B “第1题”": the header is the file's own text. */
export function wordColumn(letter: string, header: string, language: IssueLanguage = 'zh'): string {
  return fillTemplate(unparsableWords[language].column, { letter, header: header || NO_HEADER[language] });
}

const label = (language: IssueLanguage) => (field: string) =>
  Object.hasOwn(responseNumberWords[language], field)
    ? responseNumberWords[language][field as keyof (typeof responseNumberWords)['zh']]
    : field;

/** The parameters of a row's reason in one language: its number field and channel named. */
export function responseReasonValues(params: IssueParams, language: IssueLanguage) {
  const values = wordParams(params, language, label(language));
  const mode = params.mode;
  if (typeof mode === 'string' && Object.hasOwn(screeningModeWords[language], mode)) {
    values.mode = screeningModeWords[language][mode as keyof (typeof screeningModeWords)['zh']];
  }
  return values;
}

/** A row's reason as a sentence, in Chinese unless asked (the CLI's `reason`). */
export function wordResponseReason(
  code: ResponseReasonCode,
  params: IssueParams,
  language: IssueLanguage = 'zh',
): string {
  return fillTemplate(responseReasonWords[language][code], responseReasonValues(params, language));
}

/** Why an answer cannot be read, as a sentence (the CLI's `reason`). */
export function wordUnparsable(code: UnparsableCode, params: IssueParams, language: IssueLanguage = 'zh') {
  return fillTemplate(unparsableWords[language][code], unparsableValues(params, language));
}

/** The parameters of an unreadable answer in one language (the options in that language). */
export function unparsableValues(params: IssueParams, language: IssueLanguage) {
  return wordParams(params, language, (text) => text);
}

/**
 * Why a response file or a choice made on it is refused as a whole (AppError `detail.reason`
 * `responses.<code>`): each names the column, row or items and the fix. The renderer's
 * `responseImport.errors` is this table; the service's Chinese message is `wordResponseError`.
 */
const zhErrors = {
  no_sheet: '文件中没有数据：请导出含答卷的工作表。',
  no_header:
    '在文件的前20行中找不到“学籍号”“保健手册编号”“身份证号”或“姓名”列：请导出时包含填写者的编号或姓名题。',
  no_column: '第{{number}}列（{{letter}}列）在表头行中不存在：请只对文件中的列设置对应关系。',
  not_an_item:
    '{{letter}}列“{{header}}”：{{instrumentId}} {{itemId}} 不是本次测评的题目，请改选本次量表中的题目或“不导入”。',
  item_taken:
    '{{letter}}列“{{header}}”：{{instrumentId}} 第{{itemNumber}}题已对应到另一列，每题只能对应一列。',
  reading_not_item: '第{{number}}列（{{letter}}列）不是题目列，不能设置读法：请先把它对应到一道题。',
  no_row: '第{{row}}行：文件中没有这一行答卷，请重新预览后再选择。',
  action_not_allowed: '第{{row}}行（{{reason}}）不能选择“{{action}}”，可选：{{actions}}。',
  person_not_found: '第{{row}}行：所选的人（编号 {{personId}}）不存在或不是{{kind}}，请重新查找后选择。',
  missing_items: '有题目没有对应的列：{{items}}。请在对应关系中为这些题选择列后再导入。',
};

export type ResponseErrorCode = keyof typeof zhErrors;

export const responseErrorWords: Record<IssueLanguage, Record<ResponseErrorCode, string>> = {
  zh: zhErrors,
  en: {
    no_sheet: 'The file holds no data: export the sheet with the answers.',
    no_header:
      'None of the first 20 rows names a student number, handbook number, ID number or name column: include the respondent’s number or name question in the export.',
    no_column: 'Column {{number}} ({{letter}}) is not in the header row: map only columns of the file.',
    not_an_item:
      'Column {{letter}} “{{header}}”: {{instrumentId}} {{itemId}} is not an item of this campaign; choose an item of its instruments or “Do not import”.',
    item_taken:
      'Column {{letter}} “{{header}}”: {{instrumentId}} item {{itemNumber}} is already mapped to another column; each item takes one column.',
    reading_not_item:
      'Column {{number}} ({{letter}}) is not an item column, so it has no reading: map it to an item first.',
    no_row: 'Row {{row}}: the file has no answers in this row; preview again, then choose.',
    action_not_allowed: 'Row {{row}} ({{reason}}) cannot be set to “{{action}}”; allowed: {{actions}}.',
    person_not_found:
      'Row {{row}}: the chosen person (no. {{personId}}) does not exist or is not a {{kind}}; search again, then choose.',
    missing_items: 'Some items have no column: {{items}}. Choose a column for each of them, then import.',
  },
};

/** The person kinds and item references these errors name. */
const PERSON_KIND = {
  zh: { student: '学生', woman: '孕产妇' },
  en: { student: 'student', woman: 'woman' },
} as const;

/**
 * The parameters of a refusal in one language: `reasonCode` (+ its params), `kind` and the
 * `items` list ("PHQ-9:9,GAD-7:2") are worded; the rest are shown as they are.
 */
export function responseErrorValues(
  params: Record<string, string | number>,
  language: IssueLanguage,
): Record<string, string | number> {
  const values: Record<string, string | number> = { ...params };
  const { reasonCode, kind, items } = params;
  if (params.header === '') values.header = NO_HEADER[language];
  if (typeof reasonCode === 'string' && Object.hasOwn(responseReasonWords[language], reasonCode)) {
    const reasonParams = Object.fromEntries(
      Object.entries(params)
        .filter(([key]) => key.startsWith('reason.'))
        .map(([k, v]) => [k.slice(7), v]),
    );
    values.reason = wordResponseReason(reasonCode as ResponseReasonCode, reasonParams, language);
  }
  if (kind === 'student' || kind === 'woman') values.kind = PERSON_KIND[language][kind];
  if (typeof items === 'string') {
    values.items = items
      .split(',')
      .map((entry) => {
        const [instrument, number] = entry.split(':');
        return language === 'zh' ? `${instrument} 第${number}题` : `${instrument} item ${number}`;
      })
      .join(LIST_SEPARATOR[language]);
  }
  if (typeof params.actions === 'string')
    values.actions = params.actions.split(',').join(LIST_SEPARATOR[language]);
  return values;
}

/** A refusal as its Chinese message (the API's `message`, the CLI). */
export function wordResponseError(
  code: ResponseErrorCode,
  params: Record<string, string | number> = {},
  language: IssueLanguage = 'zh',
): string {
  return fillTemplate(responseErrorWords[language][code], responseErrorValues(params, language));
}
