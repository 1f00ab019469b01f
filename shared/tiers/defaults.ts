import { parseTierRuleSet, type TierRuleSetInput } from './schema';

const selfHarm = { zh: '自伤念头', en: 'self-harm thoughts' };

/**
 * A positive PHQ-2 or GAD-2 (≥ 3, Kroenke 2003/2007) is not a result in itself: it says the full
 * form is due. Version 1.0 had no rule for them, so PHQ-2 = 6 was 筛查阳性 yet 绿色. Appended after
 * the 1.0 rules so the rule indexes stored with earlier results keep naming the same rules.
 */
const preScreens = (level: string) =>
  (
    [
      ['PHQ-2', 'PHQ-9'],
      ['GAD-2', 'GAD-7'],
    ] as const
  ).map(([instrument, full]) => ({
    level,
    when: {
      kind: 'total' as const,
      instrument,
      min: 3,
      label: { zh: `建议完成完整量表（${full}）`, en: `complete the full ${full}` },
    },
  }));

/**
 * School warning levels (预警). There is no national standard: this is the preset from
 * workflows.md, and every part of it is a setting a school may change.
 */
export const defaultSchoolRules = parseTierRuleSet({
  id: 'school-default',
  // 1.1 added the PHQ-2/GAD-2 rules. A database that never saved its own rules is judged by the
  // shipped default (version 0 in tier-rules.ts), so it takes them up on upgrade; a saved (edited)
  // rule set is the school's own decision and stays as it is.
  version: '1.1',
  programme: 'school',
  name: { zh: '学校默认预警规则', en: 'Default school warning levels' },
  levels: [
    { id: 'red', name: { zh: '红色预警（一级）', en: 'Red (level 1)' }, colour: '#D32F2F' },
    { id: 'orange', name: { zh: '橙色预警（二级）', en: 'Orange (level 2)' }, colour: '#F57C00' },
    { id: 'yellow', name: { zh: '黄色预警（三级）', en: 'Yellow (level 3)' }, colour: '#FBC02D' },
    { id: 'green', name: { zh: '绿色（无预警）', en: 'Green (no warning)' }, colour: '#388E3C' },
  ],
  rules: [
    { level: 'red', when: { kind: 'critical' } },
    { level: 'red', when: { kind: 'total', instrument: 'PHQ-9', min: 20 } },
    { level: 'orange', when: { kind: 'total', instrument: 'PHQ-9', min: 15, max: 19 } },
    { level: 'orange', when: { kind: 'total', instrument: 'GAD-7', min: 15 } },
    { level: 'yellow', when: { kind: 'total', instrument: 'PHQ-9', min: 10, max: 14 } },
    { level: 'yellow', when: { kind: 'total', instrument: 'GAD-7', min: 10, max: 14 } },
    ...preScreens('yellow'),
  ],
} satisfies TierRuleSetInput);

/** Perinatal screening result, per 《孕产妇心理健康管理专家共识（2019年）》 as workflows.md states it. */
export const defaultPerinatalRules = parseTierRuleSet({
  id: 'perinatal-default',
  version: '1.1',
  programme: 'perinatal',
  name: { zh: '孕产期筛查默认结果规则', en: 'Default perinatal screening results' },
  levels: [
    {
      id: 'critical',
      name: { zh: '危急（当日评估）', en: 'Critical (same-day assessment)' },
      colour: '#B71C1C',
    },
    {
      id: 'positive',
      name: { zh: '筛查阳性（建议进一步评估）', en: 'Positive (refer for further assessment)' },
      colour: '#E65100',
    },
    {
      id: 'watch',
      name: { zh: '需关注（2–4 周内复筛）', en: 'Watch (repeat within 2–4 weeks)' },
      colour: '#F9A825',
    },
    { id: 'negative', name: { zh: '筛查阴性', en: 'Negative' }, colour: '#2E7D32' },
  ],
  rules: [
    { level: 'critical', when: { kind: 'item', instrument: 'EPDS', item: 'q10', min: 1, label: selfHarm } },
    { level: 'critical', when: { kind: 'item', instrument: 'PHQ-9', item: 'q9', min: 1, label: selfHarm } },
    { level: 'positive', when: { kind: 'total', instrument: 'EPDS', min: 13 } },
    { level: 'positive', when: { kind: 'total', instrument: 'PHQ-9', min: 15 } },
    { level: 'positive', when: { kind: 'total', instrument: 'GAD-7', min: 15 } },
    { level: 'watch', when: { kind: 'total', instrument: 'EPDS', min: 10, max: 12 } },
    { level: 'watch', when: { kind: 'total', instrument: 'PHQ-9', min: 10, max: 14 } },
    { level: 'watch', when: { kind: 'total', instrument: 'GAD-7', min: 10, max: 14 } },
    ...preScreens('watch'),
  ],
} satisfies TierRuleSetInput);
