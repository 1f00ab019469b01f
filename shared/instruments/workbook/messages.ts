/**
 * The schema and its cross-checks speak English to developers; the person importing a
 * workbook gets Chinese. Matched on the checks' own wording (shared/instruments/validate.ts),
 * so a reworded check still reaches the user, in English, rather than being lost.
 */
const DUPLICATE_WHAT: Record<string, string> = {
  'item id': '题目编号',
  'option set id': '选项组',
  'option value': '分值',
  item: '题目',
  'scale id': '维度编号',
  'band id': '分段编号',
  'validity rule id': '效度规则编号',
  'norm table id': '常模表',
};

const unquote = (value: string) => value.replace(/^"|"$/g, '');

type Translation = readonly [RegExp, (...groups: string[]) => string];

const translations: readonly Translation[] = [
  [
    /^duplicate (.+?) ("[^"]*"|\S+)$/,
    (what, value) => `${DUPLICATE_WHAT[what] ?? what}“${unquote(value)}”重复`,
  ],
  [/max (\S+) is below min (\S+)$/, (max, min) => `上限 ${max} 小于下限 ${min}`],
  [/^maximum (\S+) is below minimum (\S+)$/, (max, min) => `上限 ${max} 小于下限 ${min}`],
  [
    /\((\S+)–(\S+)\) overlaps or precedes .*\((\S+)–(\S+)\); list them/,
    (min, max, pMin, pMax) =>
      `${min}–${max} 与上一行的 ${pMin}–${pMax} 重叠或顺序颠倒；请从低到高排列，且不要重叠`,
  ],
  [
    /\((\S+)–(\S+)\) holds no possible score \(possible: (\S+)–(\S+)\)/,
    (min, max, low, high) => `${min}–${max} 之间没有可能出现的得分（可能的得分为 ${low}–${high}）`,
  ],
  [
    /\((\S+)–(\S+)\) reaches past the possible scores (\S+)–(\S+)/,
    (min, max, low, high) => `${min}–${max} 超出了可能的得分范围 ${low}–${high}，请检查是否填错`,
  ],
  [
    /^possible scores? (.+?) falls? in no range$/,
    (scores) => `得分 ${scores} 不在任何一段内：分段之间留有空档`,
  ],
  [
    /^item numbers must increase in listed order: (\S+) follows (\S+)$/,
    (n, previous) =>
      n === previous ? `题号 ${n} 重复` : `题号须从小到大排列：第 ${n} 题排在第 ${previous} 题之后`,
  ],
  [/^unknown option set "(.*)"$/, (id) => `找不到选项组“${id}”`],
  [/^item "(.*)" has no options/, (id) => `题目 ${id} 没有选项：请填写选项组，或在基本信息中填写默认选项组`],
  [
    /^scored item "(.*)" belongs to no scale$/,
    (id) => `题目 ${id} 计分但不属于任何维度；只问不计分的题请在“计分”列填“否”`,
  ],
  [
    /^label "(.*)" already stands for value (\S+)$/,
    (label, value) => `选项文字“${label}”已用于分值 ${value}；同一选项组中一个文字只能对应一个分值`,
  ],
  [/^must list each option value once/, () => '显示顺序须把每个选项各排一次'],
  [/^unknown scale "(.*)"$/, (id) => `找不到维度“${id}”`],
  [/^unknown item "(.*)"$/, (id) => `找不到题目“${id}”`],
  [/^unknown norm table "(.*)"$/, (id) => `找不到常模表“${id}”`],
  [/^item "(.*)" is unscored and cannot count in a scale$/, (id) => `题目 ${id} 不计分，不能放在维度中`],
  [/^reversed item "(.*)" is not in this scale$/, (id) => `反向计分题 ${id} 不在本维度的题目中`],
  [/^a cut-off on standard scores needs a norm table$/, () => '按标准分划界时必须填写常模表'],
  [/^too many distinct possible scores/, () => '可能的得分组合太多，无法检查分段和常模；请简化分值'],
  [
    /^(\S+) is above the highest possible score ([^\s,]+)/,
    (min, high) => `阈值 ${min} 高于可能的最高分 ${high}，永远不会触发`,
  ],
  [
    /^(\S+) is at or below the lowest possible score ([^\s,]+)/,
    (min, low) => `阈值 ${min} 不高于可能的最低分 ${low}，每份都会触发`,
  ],
  [
    /^(\d+) missing answers can never be exceeded \((\d+) scored items\)$/,
    (max, n) => `共 ${n} 道计分题，缺答不可能超过 ${max} 题`,
  ],
  [/^norm table "(.*)" is used by no scale$/, (id) => `常模表“${id}”没有被任何维度使用`],
  [
    /^a group without criteria matches everyone/,
    () => '不限年级、性别和年龄的常模行适用于所有人，须放在该常模表的最后',
  ],
  [/^use letters, digits/, () => '编号只能使用字母、数字和 - _ .，以字母或数字开头，最多 64 个字符'],
  [/expected int/, () => '应为整数'],
  [/^Too big: expected string to have <=(\d+) characters$/, (n) => `最多 ${n} 个字符`],
  [/^Too small: expected (?:string|array) to have >=1 /, () => '不能为空'],
];

export function translateMessage(message: string): string {
  for (const [pattern, translate] of translations) {
    const match = pattern.exec(message);
    if (match) return translate(...match.slice(1).map((group) => group ?? ''));
  }
  return `定义有误：${message}`;
}
