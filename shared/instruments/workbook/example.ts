import type { CellValue } from '../../people/cell';
import type {
  bandsSheet,
  criticalSheet,
  FieldOf,
  InfoField,
  itemsSheet,
  normsSheet,
  optionsSheet,
  scalesSheet,
  validitySheet,
} from './layout';

type Rows<F extends string> = Partial<Record<F, CellValue>>[];

/**
 * The worked example the template ships with: an invented six-item scale, not the items of
 * any published instrument, kept small enough to read at a glance and to score by hand.
 */
export const exampleInstrument = {
  info: {
    id: 'EXAMPLE-STUDY',
    version: '1.0',
    nameZh: '示例：学习与情绪小量表',
    nameEn: 'Example: study and mood mini-scale',
    instructionsZh: '下面是一些描述，请根据你最近两周的实际情况，选择最符合的一项。',
    instructionsEn:
      'Below are some statements. Choose the answer that best fits how you have been over the past two weeks.',
    timeFrameZh: '最近两周',
    timeFrameEn: 'Over the past two weeks',
    citation: '安心筛查模板示例：虚构量表，仅用于演示填写格式。',
    programmes: '学校',
    respondent: '本人',
    grades: '7-9',
    holder: '无（虚构示例）',
    terms: '仅用于演示模板格式，不得用于实际筛查。',
    attributionZh: '虚构示例量表，仅供演示。',
    attributionEn: 'Fictional example scale, for demonstration only.',
    requiresPermission: '否',
    defaultOptionSet: 'freq4',
  } satisfies Partial<Record<InfoField, CellValue>>,
  items: [
    [1, '我担心考试考不好', 'I worry about doing badly in tests'],
    [2, '作业多得让我喘不过气', 'I feel swamped by homework'],
    [3, '我能安排好自己的学习时间', 'I can organise my study time well'],
    [4, '我觉得心情低落', 'I feel down'],
    [5, '我容易为小事发脾气', 'I get angry over small things'],
    [6, '我有过伤害自己的想法', 'I have had thoughts of hurting myself'],
  ].map(([number, textZh, textEn]) => ({ number, textZh, textEn, scored: '是' })) satisfies Rows<
    FieldOf<typeof itemsSheet>
  >,
  options: [
    [0, '从不', 'Never'],
    [1, '有时', 'Sometimes'],
    [2, '经常', 'Often'],
    [3, '总是', 'Always'],
  ].map(([value, labelZh, labelEn]) => ({ set: 'freq4', value, labelZh, labelEn })) satisfies Rows<
    FieldOf<typeof optionsSheet>
  >,
  scales: [
    {
      id: 'total',
      nameZh: '总分',
      nameEn: 'Total',
      method: '求和',
      items: '1-6',
      reversed: '3',
      norms: 'total-norm',
      cutoff: 12,
      basis: '得分',
      main: '是',
    },
    {
      id: 'stress',
      nameZh: '学习压力',
      nameEn: 'Study stress',
      method: '平均',
      items: '1-3',
      reversed: '3',
      cutoff: 2,
      main: '否',
    },
    { id: 'mood', nameZh: '情绪', nameEn: 'Mood', method: '平均', items: '4, 5, 6', cutoff: 2, main: '否' },
  ] satisfies Rows<FieldOf<typeof scalesSheet>>,
  bands: [
    { scale: 'total', id: 'normal', min: 0, max: 5, labelZh: '未见明显问题', labelEn: 'No marked problem' },
    { scale: 'total', id: 'attention', min: 6, max: 11, labelZh: '需关注', labelEn: 'Needs attention' },
    {
      scale: 'total',
      id: 'positive',
      min: 12,
      max: 18,
      labelZh: '筛查阳性',
      labelEn: 'Positive screen',
      adviceZh: '建议进一步评估',
      adviceEn: 'Further assessment recommended',
    },
  ] satisfies Rows<FieldOf<typeof bandsSheet>>,
  norms: (
    [
      ['男', [45, 55, 65]],
      ['女', [44, 54, 64]],
    ] as const
  ).flatMap(([sex, standards]) =>
    [
      [0, 5],
      [6, 11],
      [12, 18],
    ].map(([min, max], i) => ({
      table: 'total-norm',
      grades: '7-9',
      sex,
      min,
      max,
      standard: standards[i],
      source: '虚构数据，仅演示格式',
    })),
  ) satisfies Rows<FieldOf<typeof normsSheet>>,
  validity: [
    {
      id: 'missing',
      kind: '缺答',
      threshold: 1,
      reasonZh: '缺答超过 1 题，本份问卷无效',
      reasonEn: 'More than 1 item unanswered: sheet void',
    },
  ] satisfies Rows<FieldOf<typeof validitySheet>>,
  critical: [
    { item: '6', threshold: 1, reasonZh: '自伤念头', reasonEn: 'Thoughts of self-harm' },
  ] satisfies Rows<FieldOf<typeof criticalSheet>>,
};
