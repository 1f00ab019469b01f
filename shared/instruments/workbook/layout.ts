/**
 * The workbook format, in one place: the importer reads by these names and the template is
 * written from them, so the two cannot drift apart. Chinese names are canonical; the aliases
 * let a sheet typed in English or with small variations still import.
 */

export interface ColumnSpec<F extends string = string> {
  field: F;
  header: string;
  aliases: readonly string[];
  /** The column must be present for the sheet to be read at all. */
  required?: boolean;
  /** Stored as text in the template, so Excel cannot turn "1-6" into a date or "1.0" into 1. */
  text?: boolean;
  /** Offered as a drop-down in the template. */
  choices?: readonly string[];
  width: number;
  hint: string;
}

export interface SheetSpec<F extends string = string> {
  name: string;
  aliases: readonly string[];
  required: boolean;
  purpose: string;
  columns: readonly ColumnSpec<F>[];
}

function column<F extends string>(
  field: F,
  header: string,
  aliases: readonly string[],
  hint: string,
  extra: Partial<Pick<ColumnSpec, 'required' | 'text' | 'choices' | 'width'>> = {},
): ColumnSpec<F> {
  return { field, header, aliases, hint, width: 14, ...extra };
}

export const YES_NO = ['是', '否'] as const;
export const METHOD_CHOICES = ['求和', '平均'] as const;
export const BASIS_CHOICES = ['得分', '标准分'] as const;
export const SEX_CHOICES = ['男', '女'] as const;
export const RULE_KIND_CHOICES = ['维度', '缺答'] as const;

/** Words accepted for each coded value, compared lower-case and half-width. */
export const vocabularies = {
  method: {
    sum: ['求和', '总和', '合计', '加总', 'sum', 'total'],
    mean: ['平均', '平均分', '均分', '均值', 'mean', 'average'],
  },
  basis: {
    score: ['得分', '原始分', '分数', '维度分', '粗分', 'score', 'raw'],
    standard: ['标准分', '常模分', 'standard'],
  },
  ruleKind: {
    scale: ['维度', '量表', '分量表', '测谎', '测谎量表', 'scale', 'lie'],
    missing: ['缺答', '缺失', '漏答', '未答', 'missing'],
  },
  programme: {
    school: ['学校', '中小学', '学生', 'school'],
    perinatal: ['孕产', '孕产妇', '妇幼', '围产', 'perinatal'],
  },
  respondent: {
    self: ['本人', '自评', '学生本人', 'self'],
    parent: ['家长', '家长评', '他评', '监护人', 'parent'],
  },
} as const;

export type Vocabulary<V extends string = string> = Readonly<Record<V, readonly string[]>>;

const TEXT_HINT_EN = '留空时使用中文。';

export const infoSheet = {
  name: '基本信息',
  aliases: ['info', 'instrument', 'settings', '信息', '量表信息'],
  required: true,
  purpose: '量表的整体信息：每行一个项目，在“内容”列填写。',
  columns: [
    column('key', '项目', ['字段', 'field', 'key', 'name'], '项目名称，请勿修改。', {
      required: true,
      width: 16,
    }),
    column('value', '内容', ['值', 'value'], '在此填写。', { required: true, text: true, width: 60 }),
    column('note', '填写说明', ['说明', 'note', 'hint'], '仅供参考，导入时忽略。', { width: 60 }),
  ],
} as const satisfies SheetSpec;

export interface InfoKey<K extends string = string> {
  key: K;
  label: string;
  aliases: readonly string[];
  required: boolean;
  hint: string;
}

function infoKey<K extends string>(
  key: K,
  label: string,
  aliases: readonly string[],
  hint: string,
  required = false,
): InfoKey<K> {
  return { key, label, aliases, required, hint };
}

/** Rows of the 基本信息 sheet, in the order the template lists them. */
export const infoKeys = [
  infoKey(
    'id',
    '编号',
    ['id', '量表编号', '代码'],
    '量表的唯一编号，如 SCHOOL-STRESS；只用字母、数字和 - _ .',
    true,
  ),
  infoKey(
    'version',
    '版本',
    ['version', '版本号'],
    '如 1.0；修改计分规则后请改版本号，已保存的结果会注明所用版本。',
    true,
  ),
  infoKey('nameZh', '中文名称', ['名称', '量表名称', 'name_zh', 'name (zh)'], '如：学习压力自评量表。', true),
  infoKey('nameEn', '英文名称', ['name_en', 'name (en)', 'name'], TEXT_HINT_EN),
  infoKey(
    'instructionsZh',
    '指导语（中文）',
    ['指导语', '中文指导语', 'instructions_zh'],
    '作答前显示给作答者的说明。',
    true,
  ),
  infoKey(
    'instructionsEn',
    '指导语（英文）',
    ['英文指导语', 'instructions_en', 'instructions'],
    TEXT_HINT_EN,
  ),
  infoKey(
    'timeFrameZh',
    '时间范围（中文）',
    ['时间范围', 'timeframe_zh'],
    '如：最近一周；量表不限时间可留空。',
  ),
  infoKey('timeFrameEn', '时间范围（英文）', ['timeframe_en', 'time frame'], TEXT_HINT_EN),
  infoKey(
    'citation',
    '引用',
    ['出处', '参考文献', '文献', 'citation'],
    '量表的出处（作者、年份、期刊或书名）。',
    true,
  ),
  infoKey(
    'programmes',
    '适用人群',
    ['适用项目', '适用对象', 'programmes', 'programme'],
    '学校 或 孕产；两者都适用写“学校、孕产”。',
    true,
  ),
  infoKey(
    'respondent',
    '作答者',
    ['填写人', '评定者', 'respondent'],
    '本人（自评）或 家长（家长代评）；留空视为本人。',
  ),
  infoKey('grades', '适用年级', ['年级', 'grades'], '如 7-9（七至九年级）或 初一-初三；可留空。'),
  infoKey('ages', '适用年龄', ['年龄', 'ages'], '如 12-18（岁）；可留空。'),
  infoKey(
    'holder',
    '版权方',
    ['版权', '版权所有', 'licence holder', 'holder'],
    '量表版权或授权方；不清楚请如实填写“不详”。',
    true,
  ),
  infoKey(
    'terms',
    '使用条款',
    ['授权条款', '使用许可', 'terms'],
    '版权方允许的使用方式，或本单位取得的授权情况。',
    true,
  ),
  infoKey(
    'attributionZh',
    '署名（中文）',
    ['署名', 'attribution_zh'],
    '凡显示量表处都会显示的署名或版权声明。',
    true,
  ),
  infoKey('attributionEn', '署名（英文）', ['attribution_en', 'attribution'], TEXT_HINT_EN),
  infoKey(
    'requiresPermission',
    '需书面授权',
    ['需授权', '需要授权', 'requires permission'],
    '是 或 否：使用前是否必须持有版权方的书面授权。',
    true,
  ),
  infoKey(
    'defaultOptionSet',
    '默认选项组',
    ['默认选项', 'default option set'],
    '题目未填选项组时使用的选项组；只有一个选项组时可留空。',
  ),
] as const;

export type InfoField = (typeof infoKeys)[number]['key'];

const en = (header: string, aliases: readonly string[], width = 30) =>
  ({ header, aliases, hint: TEXT_HINT_EN, width }) as const;

export const itemsSheet = {
  name: '题目',
  aliases: ['items', 'questions', 'survey', '条目'],
  required: true,
  purpose: '每行一道题，按题号从小到大排列。',
  columns: [
    column('number', '题号', ['number', 'no', 'no.', '#', '序号'], '印在问卷上的题号：1、2、3……', {
      required: true,
      width: 8,
    }),
    column('id', '编号', ['id', '题目编号', '代码'], '可留空，留空时为 q加题号（第 3 题为 q3）。', {
      text: true,
      width: 10,
    }),
    column('textZh', '题目（中文）', ['题目', '中文题目', '题目内容', 'text_zh', 'text (zh)'], '题目文字。', {
      required: true,
      width: 50,
    }),
    column('textEn', '题目（英文）', ['英文题目', 'text_en', 'text (en)', 'text'], TEXT_HINT_EN, {
      width: 40,
    }),
    column(
      'optionSet',
      '选项组',
      ['选项', 'option set', 'options'],
      '该题使用的选项组（见“选项”表）；留空时用默认选项组。',
      { text: true },
    ),
    column('scored', '计分', ['是否计分', 'scored'], '是 或 否；留空为是。只问不计分的题填否。', {
      choices: YES_NO,
      width: 8,
    }),
  ],
} as const satisfies SheetSpec;

export const optionsSheet = {
  name: '选项',
  aliases: ['options', 'choices', '选项组'],
  required: true,
  purpose:
    '每行一个选项。同一选项组的各行选项组名称相同（或只在第一行填写）。每个选项都要写明自己的分值，分值不由排列位置决定。',
  columns: [
    column(
      'set',
      '选项组',
      ['option set', 'list_name', 'set'],
      '选项组名称，如 likert5；只用字母、数字和 - _ .',
      { required: true, text: true },
    ),
    column('value', '分值', ['value', '分数', '得分'], '选择该项时得到的分数，必须是数字。', {
      required: true,
      width: 8,
    }),
    column('labelZh', '选项（中文）', ['中文选项', '选项内容', 'label_zh', 'label (zh)'], '选项文字。', {
      required: true,
      width: 24,
    }),
    column('labelEn', '选项（英文）', ['英文选项', 'label_en', 'label (en)', 'label'], TEXT_HINT_EN, {
      width: 24,
    }),
    column(
      'orderZh',
      '中文顺序',
      ['中文排列', 'order_zh'],
      '中文问卷上的显示位置 1、2、3……；留空按本表顺序。',
      { width: 10 },
    ),
    column('orderEn', '英文顺序', ['英文排列', 'order_en'], '英文问卷上的显示位置；留空按本表顺序。', {
      width: 10,
    }),
  ],
} as const satisfies SheetSpec;

export const scalesSheet = {
  name: '维度',
  aliases: ['scales', '因子', '分量表', '量表'],
  required: true,
  purpose: '每行一个维度（因子、分量表或总分）。必须有一个维度标为主量表。',
  columns: [
    column('id', '编号', ['id', '维度编号'], '维度编号，如 total、F1；只用字母、数字和 - _ .', {
      required: true,
      text: true,
      width: 10,
    }),
    column('nameZh', '名称（中文）', ['名称', '维度名称', 'name_zh', 'name (zh)'], '如：学习压力。', {
      required: true,
      width: 16,
    }),
    { field: 'nameEn', ...en('名称（英文）', ['name_en', 'name (en)', 'name'], 16) },
    column('method', '计分方式', ['method', '计分'], '求和 或 平均（平均 = 已答题目的平均分）。', {
      required: true,
      choices: METHOD_CHOICES,
      width: 10,
    }),
    column(
      'items',
      '题目',
      ['items', '包含题目', '题号'],
      '题号列表，如 1-6, 9, 12；也可写题目编号，如 q1, q2。',
      { required: true, text: true, width: 24 },
    ),
    column(
      'reversed',
      '反向计分题',
      ['reversed', '反向题', '反向计分'],
      '写法同“题目”；反向题得分 = 最低分 + 最高分 − 所选分值。',
      { text: true, width: 14 },
    ),
    column('norms', '常模表', ['norms', '常模'], '换算标准分所用的常模表名称（见“常模”表）；可留空。', {
      text: true,
      width: 12,
    }),
    column('cutoff', '划界分', ['cutoff', '临界分', '阳性标准'], '达到或超过此分即为筛查阳性；可留空。', {
      width: 8,
    }),
    column(
      'basis',
      '划界依据',
      ['basis', '依据'],
      '得分（维度的总分或平均分）或 标准分（按常模换算）；留空为得分。',
      { choices: BASIS_CHOICES, width: 10 },
    ),
    column('source', '来源', ['source', '划界来源'], '划界分的出处；留空时使用基本信息中的引用。', {
      width: 24,
    }),
    column(
      'main',
      '主量表',
      ['main', '总分'],
      '是 或 否；主量表的结果作为整份问卷的结果。只有一个维度时可留空。',
      { choices: YES_NO, width: 8 },
    ),
  ],
} as const satisfies SheetSpec;

export const bandsSheet = {
  name: '分段',
  aliases: ['bands', '结果分段', '等级'],
  required: false,
  purpose: '维度得分的结果分段（如 正常 / 轻度 / 需关注）。同一维度的分段从低到高排列，不重叠、不留空档。',
  columns: [
    column('scale', '维度', ['scale', '维度编号'], '维度编号；与上一行相同时可留空。', {
      required: true,
      text: true,
      width: 10,
    }),
    column('id', '编号', ['id', '分段编号'], '可留空，留空时为 band1、band2……', { text: true, width: 10 }),
    column('min', '下限', ['min', '最低分'], '本段最低分（含）。', { required: true, width: 8 }),
    column('max', '上限', ['max', '最高分'], '本段最高分（含）。平均分维度注意小数，如 1-1.99、2-5。', {
      required: true,
      width: 8,
    }),
    column(
      'labelZh',
      '名称（中文）',
      ['名称', '结果', 'label_zh', 'label (zh)'],
      '如：需关注。请用“筛查阳性”“建议进一步评估”，不要写“诊断”。',
      { required: true, width: 16 },
    ),
    { field: 'labelEn', ...en('名称（英文）', ['label_en', 'label (en)', 'label'], 16) },
    column('adviceZh', '建议（中文）', ['建议', 'advice_zh'], '可留空。', { width: 30 }),
    { field: 'adviceEn', ...en('建议（英文）', ['advice_en', 'advice']) },
  ],
} as const satisfies SheetSpec;

export const normsSheet = {
  name: '常模',
  aliases: ['norms', '常模表'],
  required: false,
  purpose:
    '原始分换算标准分的常模。每行一段：某常模表、某年级、性别、年龄组内，原始分在下限到上限之间时的标准分。年级、性别、年龄留空表示不限；请逐行填写，不要合并单元格。',
  columns: [
    column(
      'table',
      '常模表',
      ['norm table', 'table', '名称'],
      '常模表名称，在“维度”表中引用；与上一行相同时可留空。',
      { required: true, text: true, width: 12 },
    ),
    column('grades', '年级', ['grades', 'grade'], '如 7-9 或 7, 8 或 初一-初三；留空为不限。', {
      text: true,
      width: 10,
    }),
    column('sex', '性别', ['sex', 'gender'], '男 或 女；留空为不限。', { choices: SEX_CHOICES, width: 8 }),
    column('minAge', '最小年龄', ['min age', '年龄下限'], '留空为不限。', { width: 10 }),
    column('maxAge', '最大年龄', ['max age', '年龄上限'], '留空为不限。', { width: 10 }),
    column(
      'min',
      '原始分下限',
      ['raw min', '原始分最低'],
      '维度得分（求和为总分，平均为平均分）的下限（含）。',
      { required: true, width: 12 },
    ),
    column('max', '原始分上限', ['raw max', '原始分最高'], '上限（含）。', { required: true, width: 12 }),
    column('standard', '标准分', ['standard', '标准分数'], '换算后的标准分。', { required: true, width: 10 }),
    column('source', '来源', ['source', '常模来源'], '常模出处；留空时使用基本信息中的引用。', { width: 24 }),
  ],
} as const satisfies SheetSpec;

export const validitySheet = {
  name: '效度',
  aliases: ['validity', '效度规则', '无效规则'],
  required: false,
  purpose: '使整份问卷无效的规则：测谎维度达到阈值，或缺答题数超过阈值。',
  columns: [
    column('id', '编号', ['id', '规则编号'], '可留空，留空时为 rule1、rule2……', { text: true, width: 10 }),
    column(
      'kind',
      '类型',
      ['kind', 'type'],
      '维度（该维度得分 ≥ 阈值时无效，如测谎量表）或 缺答（缺答题数 > 阈值时无效）。',
      { required: true, choices: RULE_KIND_CHOICES, width: 8 },
    ),
    column('scale', '维度', ['scale', '维度编号'], '类型为“维度”时填写维度编号。', { text: true, width: 10 }),
    column('threshold', '阈值', ['threshold', 'min', 'max'], '数字。', { required: true, width: 8 }),
    column('reasonZh', '说明（中文）', ['说明', 'reason_zh'], '如：测谎分 ≥ 7，本份问卷无效。', {
      required: true,
      width: 30,
    }),
    { field: 'reasonEn', ...en('说明（英文）', ['reason_en', 'reason']) },
  ],
} as const satisfies SheetSpec;

export const criticalSheet = {
  name: '危机条目',
  aliases: ['critical', 'critical items', '危机题', '高危条目'],
  required: false,
  purpose: '无论总分多少，只要作答达到阈值就立即提示的题目（如自伤、自杀念头）。',
  columns: [
    column('item', '题号', ['编号', '题目', 'item', 'number'], '题号或题目编号。', {
      required: true,
      text: true,
      width: 8,
    }),
    column('threshold', '阈值', ['threshold', 'min'], '所选分值达到或超过此值即提示。', {
      required: true,
      width: 8,
    }),
    column('reasonZh', '说明（中文）', ['说明', 'reason_zh'], '如：自伤念头。', {
      required: true,
      width: 24,
    }),
    { field: 'reasonEn', ...en('说明（英文）', ['reason_en', 'reason'], 24) },
  ],
} as const satisfies SheetSpec;

/** Data sheets in reading order; errors are sorted in this order too. */
export const dataSheets = [
  infoSheet,
  itemsSheet,
  optionsSheet,
  scalesSheet,
  bandsSheet,
  normsSheet,
  validitySheet,
  criticalSheet,
] as const;

export const INSTRUCTIONS_SHEET = '说明';

export type FieldOf<S extends SheetSpec> = S['columns'][number]['field'];
