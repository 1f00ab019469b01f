import { type IssueLanguage, type IssueParams, fillTemplate, wordParams } from '../../issues';
import type { ImportIssue } from './types';

/**
 * Every problem an instrument workbook (or JSON) import reports, as a code; `{{field}}` is the
 * column header or 基本信息 item the problem is in — the workbook's own (Chinese) words, quoted
 * as they stand in the file — and the other parameters are values from the file or the checks.
 * The renderer's i18n `library.issues` is this table; `wordWorkbookIssue` words it for the CLI.
 */
const zhWords = {
  // A cell that cannot be read as what its column holds.
  date_not_number: '{{field}}：是日期，不是数字（可将该列设为“文本”后重新输入）',
  not_number: '{{field}}：“{{value}}”不是数字',
  integer_min: '{{field}}：“{{value}}”应为不小于 {{min}} 的整数',
  yes_no: '{{field}}：“{{value}}”应为“是”或“否”',
  unknown_word: '{{field}}：“{{value}}”无法识别，应为{{choices}}',
  range_reversed: '{{field}}：范围“{{value}}”的起点大于终点',
  range_too_large: '{{field}}：范围“{{value}}”太大',
  not_grade: '{{field}}：“{{value}}”不是年级（七年级填 7 或 初一，高一填 10）',
  grades_missing: '{{field}}：请填写年级（七年级填 7 或 初一，高一填 10）',
  number_range: '{{field}}：“{{value}}”应写成“最小-最大”，如 12-18',
  not_item_range: '{{field}}：“{{value}}”不是题号或题号范围',
  items_not_found: '{{field}}：找不到{{missing}}',
  sex_word: '{{field}}：“{{value}}”应为“男”或“女”，不限请留空',
  order_partial: '{{field}}：同一选项组要么每个选项都填，要么都不填',
  order_repeated: '{{field}}：位置 {{value}} 重复',
  one_item: '{{field}}：每行只填一道题',
  main_many: '{{field}}：只能有一个维度标为“是”',
  main_none: '{{field}}：请把一个维度标为“是”，它的结果作为整份问卷的结果',
  unknown_scale_ref: '{{field}}：找不到编号为“{{value}}”的维度',
  required: '请填写“{{field}}”',
  unknown_info_item: '无法识别的项目“{{value}}”',
  duplicate_info_item: '项目“{{value}}”重复',
  // The sheets and their headers.
  missing_sheet: '缺少工作表“{{value}}”',
  missing_column: '缺少“{{field}}”列',
  no_header: '找不到表头：第一行应包含 {{headers}} 等列名',
  json_syntax: 'JSON 格式有误：{{message}}',
  json_not_object: '文件内容不是量表定义（应为一个 JSON 对象）',
  // The schema's and the cross-checks' findings (shared/instruments/validate.ts).
  duplicate: '{{what}}“{{value}}”重复',
  max_below_min: '上限 {{max}} 小于下限 {{min}}',
  band_overlap:
    '{{min}}–{{max}} 与上一行的 {{prevMin}}–{{prevMax}} 重叠或顺序颠倒；请从低到高排列，且不要重叠',
  band_empty: '{{min}}–{{max}} 之间没有可能出现的得分（可能的得分为 {{low}}–{{high}}）',
  band_beyond: '{{min}}–{{max}} 超出了可能的得分范围 {{low}}–{{high}}，请检查是否填错',
  band_gap: '得分 {{scores}} 不在任何一段内：分段之间留有空档',
  item_number_repeated: '题号 {{number}} 重复',
  item_order: '题号须从小到大排列：第 {{number}} 题排在第 {{previous}} 题之后',
  unknown_option_set: '找不到选项组“{{id}}”',
  item_no_options: '题目 {{id}} 没有选项：请填写选项组，或在基本信息中填写默认选项组',
  item_no_scale: '题目 {{id}} 计分但不属于任何维度；只问不计分的题请在“计分”列填“否”',
  label_reused: '选项文字“{{label}}”已用于分值 {{value}}；同一选项组中一个文字只能对应一个分值',
  order_incomplete: '显示顺序须把每个选项各排一次',
  unknown_scale: '找不到维度“{{id}}”',
  unknown_item: '找不到题目“{{id}}”',
  unknown_norm_table: '找不到常模表“{{id}}”',
  unscored_in_scale: '题目 {{id}} 不计分，不能放在维度中',
  reversed_not_in_scale: '反向计分题 {{id}} 不在本维度的题目中',
  standard_needs_norms: '按标准分划界时必须填写常模表',
  too_many_scores: '可能的得分组合太多，无法检查分段和常模；请简化分值',
  threshold_never: '阈值 {{min}} 高于可能的最高分 {{high}}，永远不会触发',
  threshold_always: '阈值 {{min}} 不高于可能的最低分 {{low}}，每份都会触发',
  missing_never: '共 {{items}} 道计分题，缺答不可能超过 {{max}} 题',
  norm_table_unused: '常模表“{{id}}”没有被任何维度使用',
  catch_all_last: '不限年级、性别和年龄的常模行适用于所有人，须放在该常模表的最后',
  bad_id: '编号只能使用字母、数字和 - _ .，以字母或数字开头，最多 64 个字符',
  not_integer: '应为整数',
  too_long: '最多 {{max}} 个字符',
  empty: '不能为空',
  definition: '定义有误：{{message}}',
};

export type WorkbookIssueCode = keyof typeof zhWords;

export const workbookIssueWords: Record<IssueLanguage, Record<WorkbookIssueCode, string>> = {
  zh: zhWords,
  en: {
    date_not_number: '{{field}}: this is a date, not a number (format the column as Text and type it again)',
    not_number: '{{field}}: “{{value}}” is not a number',
    integer_min: '{{field}}: “{{value}}” should be a whole number of at least {{min}}',
    yes_no: '{{field}}: “{{value}}” should be “是” (yes) or “否” (no)',
    unknown_word: '{{field}}: “{{value}}” is not recognised; expected {{choices}}',
    range_reversed: '{{field}}: the range “{{value}}” starts after it ends',
    range_too_large: '{{field}}: the range “{{value}}” is too large',
    not_grade: '{{field}}: “{{value}}” is not a grade (grade 7 is 7, senior 1 is 10)',
    grades_missing: '{{field}}: enter the grades (grade 7 is 7, senior 1 is 10)',
    number_range: '{{field}}: write “{{value}}” as “min-max”, e.g. 12-18',
    not_item_range: '{{field}}: “{{value}}” is not an item number or a range of them',
    items_not_found: '{{field}}: not found: {{missing}}',
    sex_word: '{{field}}: “{{value}}” should be “男” (male) or “女” (female); leave it blank for both',
    order_partial: '{{field}}: fill it in for every option of the set, or for none',
    order_repeated: '{{field}}: position {{value}} appears twice',
    one_item: '{{field}}: one item per row',
    main_many: '{{field}}: only one scale may be marked “是” (yes)',
    main_none:
      '{{field}}: mark one scale “是” (yes); its result becomes the result of the whole questionnaire',
    unknown_scale_ref: '{{field}}: there is no scale with the id “{{value}}”',
    required: 'Please fill in “{{field}}”',
    unknown_info_item: 'Unknown entry “{{value}}”',
    duplicate_info_item: 'The entry “{{value}}” appears twice',
    missing_sheet: 'The sheet “{{value}}” is missing',
    missing_column: 'The column “{{field}}” is missing',
    no_header: 'No header found: the first row should name the columns {{headers}}',
    json_syntax: 'The JSON is malformed: {{message}}',
    json_not_object: 'The file is not an instrument definition (a JSON object is expected)',
    duplicate: '{{what}} “{{value}}” appears twice',
    max_below_min: 'The maximum {{max}} is below the minimum {{min}}',
    band_overlap:
      '{{min}}–{{max}} overlaps or comes before {{prevMin}}–{{prevMax}} on the row above; list the bands from low to high without overlaps',
    band_empty: 'No possible score lies within {{min}}–{{max}} (possible scores: {{low}}–{{high}})',
    band_beyond: '{{min}}–{{max}} reaches past the possible scores {{low}}–{{high}}; check for a typo',
    band_gap: 'The score {{scores}} falls in no band: there is a gap between bands',
    item_number_repeated: 'Item number {{number}} appears twice',
    item_order: 'Item numbers must increase: item {{number}} comes after item {{previous}}',
    unknown_option_set: 'There is no option set “{{id}}”',
    item_no_options:
      'Item {{id}} has no options: fill in its option set, or a default option set in the basic information',
    item_no_scale:
      'Item {{id}} is scored but belongs to no scale; for an item asked but not scored, put “否” (no) in the scored column',
    label_reused:
      'The option text “{{label}}” already stands for the value {{value}}; within a set one text stands for one value',
    order_incomplete: 'The display order must list each option once',
    unknown_scale: 'There is no scale “{{id}}”',
    unknown_item: 'There is no item “{{id}}”',
    unknown_norm_table: 'There is no norm table “{{id}}”',
    unscored_in_scale: 'Item {{id}} is not scored and cannot be in a scale',
    reversed_not_in_scale: 'The reversed item {{id}} is not among this scale’s items',
    standard_needs_norms: 'A cut-off on standard scores needs a norm table',
    too_many_scores: 'Too many possible score combinations to check the bands and norms; simplify the values',
    threshold_never: 'The threshold {{min}} is above the highest possible score {{high}} and can never apply',
    threshold_always:
      'The threshold {{min}} is at or below the lowest possible score {{low}} and applies to every sheet',
    missing_never: 'With {{items}} scored items, more than {{max}} missing answers is impossible',
    norm_table_unused: 'No scale uses the norm table “{{id}}”',
    catch_all_last:
      'A norm row without grade, sex or age applies to everyone and must be the last row of its norm table',
    bad_id:
      'Ids use only letters, digits and - _ ., start with a letter or digit, and have at most 64 characters',
    not_integer: 'Should be a whole number',
    too_long: 'At most {{max}} characters',
    empty: 'Cannot be empty',
    definition: 'The definition has an error: {{message}}',
  },
};

/** The parameters of a workbook issue in one language; `field` is the file's own header. */
export function workbookIssueValues(
  issue: Pick<ImportIssue, 'field' | 'params'>,
  language: IssueLanguage,
): Record<string, string | number> {
  return { field: issue.field ?? '', ...wordParams(issue.params, language, (text) => text) };
}

/** One issue as a sentence, in Chinese unless asked (the API's `message`, the CLI). */
export function wordWorkbookIssue(
  issue: Pick<ImportIssue, 'field' | 'code' | 'params'>,
  language: IssueLanguage = 'zh',
): string {
  return fillTemplate(workbookIssueWords[language][issue.code], workbookIssueValues(issue, language));
}

/** What a duplicate is of, in both languages. */
const DUPLICATE_WHAT: Record<string, { zh: string; en: string }> = {
  'item id': { zh: '题目编号', en: 'Item id' },
  'option set id': { zh: '选项组', en: 'Option set' },
  'option value': { zh: '分值', en: 'Option value' },
  item: { zh: '题目', en: 'Item' },
  'scale id': { zh: '维度编号', en: 'Scale id' },
  'band id': { zh: '分段编号', en: 'Band id' },
  'validity rule id': { zh: '效度规则编号', en: 'Validity rule id' },
  'norm table id': { zh: '常模表', en: 'Norm table' },
};

const unquote = (value: string) => value.replace(/^"|"$/g, '');

type Finding = { code: WorkbookIssueCode; params: IssueParams };
type Translation = readonly [RegExp, (...groups: string[]) => Finding];
const is = (code: WorkbookIssueCode, params: IssueParams = {}): Finding => ({ code, params });

/**
 * The schema and its cross-checks speak English to developers; the person importing gets a code.
 * Matched on the checks' own wording (shared/instruments/validate.ts), so a reworded check still
 * reaches the user, as `definition` with the developer's words, rather than being lost.
 */
const translations: readonly Translation[] = [
  [
    /^duplicate (.+?) ("[^"]*"|\S+)$/,
    (what, value) =>
      is('duplicate', { what: DUPLICATE_WHAT[what] ?? { zh: what, en: what }, value: unquote(value) }),
  ],
  [/max (\S+) is below min (\S+)$/, (max, min) => is('max_below_min', { max, min })],
  [/^maximum (\S+) is below minimum (\S+)$/, (max, min) => is('max_below_min', { max, min })],
  [
    /\((\S+)–(\S+)\) overlaps or precedes .*\((\S+)–(\S+)\); list them/,
    (min, max, prevMin, prevMax) => is('band_overlap', { min, max, prevMin, prevMax }),
  ],
  [
    /\((\S+)–(\S+)\) holds no possible score \(possible: (\S+)–(\S+)\)/,
    (min, max, low, high) => is('band_empty', { min, max, low, high }),
  ],
  [
    /\((\S+)–(\S+)\) reaches past the possible scores (\S+)–(\S+)/,
    (min, max, low, high) => is('band_beyond', { min, max, low, high }),
  ],
  [/^possible scores? (.+?) falls? in no range$/, (scores) => is('band_gap', { scores })],
  [
    /^item numbers must increase in listed order: (\S+) follows (\S+)$/,
    (number, previous) =>
      number === previous ? is('item_number_repeated', { number }) : is('item_order', { number, previous }),
  ],
  [/^unknown option set "(.*)"$/, (id) => is('unknown_option_set', { id })],
  [/^item "(.*)" has no options/, (id) => is('item_no_options', { id })],
  [/^scored item "(.*)" belongs to no scale$/, (id) => is('item_no_scale', { id })],
  [/^label "(.*)" already stands for value (\S+)$/, (label, value) => is('label_reused', { label, value })],
  [/^must list each option value once/, () => is('order_incomplete')],
  [/^unknown scale "(.*)"$/, (id) => is('unknown_scale', { id })],
  [/^unknown item "(.*)"$/, (id) => is('unknown_item', { id })],
  [/^unknown norm table "(.*)"$/, (id) => is('unknown_norm_table', { id })],
  [/^item "(.*)" is unscored and cannot count in a scale$/, (id) => is('unscored_in_scale', { id })],
  [/^reversed item "(.*)" is not in this scale$/, (id) => is('reversed_not_in_scale', { id })],
  [/^a cut-off on standard scores needs a norm table$/, () => is('standard_needs_norms')],
  [/^too many distinct possible scores/, () => is('too_many_scores')],
  [
    /^(\S+) is above the highest possible score ([^\s,]+)/,
    (min, high) => is('threshold_never', { min, high }),
  ],
  [
    /^(\S+) is at or below the lowest possible score ([^\s,]+)/,
    (min, low) => is('threshold_always', { min, low }),
  ],
  [
    /^(\d+) missing answers can never be exceeded \((\d+) scored items\)$/,
    (max, items) => is('missing_never', { max, items }),
  ],
  [/^norm table "(.*)" is used by no scale$/, (id) => is('norm_table_unused', { id })],
  [/^a group without criteria matches everyone/, () => is('catch_all_last')],
  [/^use letters, digits/, () => is('bad_id')],
  [/expected int/, () => is('not_integer')],
  [/^Too big: expected string to have <=(\d+) characters$/, (max) => is('too_long', { max })],
  [/^Too small: expected (?:string|array) to have >=1 /, () => is('empty')],
];

/** A check's English message as the code the importing person is shown. */
export function translateMessage(message: string): Finding {
  for (const [pattern, translate] of translations) {
    const match = pattern.exec(message);
    if (match) return translate(...match.slice(1).map((group) => group ?? ''));
  }
  return is('definition', { message });
}
