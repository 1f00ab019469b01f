/**
 * Words for the codes services return instead of sentences: tier reasons (a kind plus its numbers)
 * and error reasons (`detail.reason`). Kept apart from the feature sections because every feature
 * shows them.
 */
export const tierReasonsZh = {
  item_positive: '{{instrument}} 第{{item}}题阳性（{{meaning}}）',
  item_at_least: '{{instrument}} 第{{item}}题 {{value}} 分 ≥ {{min}}',
  item_blank: '{{instrument}} 第{{item}}题未作答',
  total_at_least: '{{instrument}} 总分 {{total}} ≥ {{min}}',
  total_at_least_incomplete: '{{instrument}} 总分至少 {{total}} ≥ {{min}}（作答不完整）',
  total_band: '{{instrument}} 总分 {{total}}（{{min}}–{{max}}）',
  total_band_incomplete: '{{instrument}} 总分至少 {{total}}（{{min}}–{{max}}，作答不完整）',
  withLabel: '{{reason}}，{{label}}',
  invalid: '{{reason}}（问卷无效）',
  separator: '；',
};
