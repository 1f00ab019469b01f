import type { InstrumentDefinitionInput, ItemInput } from '../schema';

const citation =
  'Cox JL, Holden JM, Sagovsky R. Detection of postnatal depression. Br J Psychiatry 1987;150:782–786';

/** [value, English label, Chinese label]; the value is the score, whatever the printed position. */
type OptionRow = readonly [number, string, string];

/**
 * One EPDS item. Options are listed mild-first (value 0 upward), the order the mainland
 * Chinese form prints; `englishSevereFirst` marks the items the English form prints 3, 2, 1, 0.
 */
function item(
  number: number,
  en: string,
  zh: string,
  englishSevereFirst: boolean,
  rows: readonly OptionRow[],
): ItemInput {
  return {
    id: `q${number}`,
    number,
    text: { en, zh },
    optionSet: {
      options: rows.map(([value, enLabel, zhLabel]) => ({ value, label: { en: enLabel, zh: zhLabel } })),
      ...(englishSevereFirst ? { displayOrder: { en: rows.map(([value]) => value).reverse() } } : {}),
    },
  };
}

export const epds: InstrumentDefinitionInput = {
  id: 'EPDS',
  version: '1.0',
  builtin: true,
  names: { en: 'Edinburgh Postnatal Depression Scale (EPDS)', zh: '爱丁堡产后抑郁量表（EPDS）' },
  instructions: {
    en: 'As you are pregnant or have recently had a baby, we would like to know how you are feeling. Please check the answer that comes closest to how you have felt IN THE PAST 7 DAYS, not just how you feel today.',
    zh: '您正在怀孕或刚生完孩子，我们想了解您的感受。请选择最接近您过去7天感受的答案，而不只是您今天的感受。',
  },
  timeFrame: { en: 'In the past 7 days', zh: '过去7天' },
  citation,
  items: [
    item(
      1,
      'I have been able to laugh and see the funny side of things',
      '我能看到事物有趣的一面，并笑得开心',
      false,
      [
        [0, 'As much as I always could', '同以前一样'],
        [1, 'Not quite so much now', '没有以前那么多'],
        [2, 'Definitely not so much now', '肯定比以前少'],
        [3, 'Not at all', '完全不能'],
      ],
    ),
    item(2, 'I have looked forward with enjoyment to things', '我欣然期待未来的一切', false, [
      [0, 'As much as I ever did', '同以前一样'],
      [1, 'Rather less than I used to', '没有以前那么多'],
      [2, 'Definitely less than I used to', '肯定比以前少'],
      [3, 'Hardly at all', '完全不能'],
    ]),
    item(
      3,
      'I have blamed myself unnecessarily when things went wrong',
      '当事情出错时，我会不必要地责备自己',
      true,
      [
        [0, 'No, never', '没有这样'],
        [1, 'Not very often', '不经常这样'],
        [2, 'Yes, some of the time', '有时会这样'],
        [3, 'Yes, most of the time', '大部分时候会这样'],
      ],
    ),
    item(4, 'I have been anxious or worried for no good reason', '我无缘无故感到焦虑和担心', false, [
      [0, 'No, not at all', '一点也没有'],
      [1, 'Hardly ever', '极少这样'],
      [2, 'Yes, sometimes', '有时候这样'],
      [3, 'Yes, very often', '经常这样'],
    ]),
    item(5, 'I have felt scared or panicky for no very good reason', '我无缘无故感到害怕和惊慌', true, [
      [0, 'No, not at all', '一点也没有'],
      [1, 'No, not much', '不经常这样'],
      [2, 'Yes, sometimes', '有时候这样'],
      [3, 'Yes, quite a lot', '相当多时候这样'],
    ]),
    item(6, 'Things have been getting on top of me', '很多事情冲着我来，使我透不过气', true, [
      [0, 'No, I have been coping as well as ever', '我一直像平时那样应付得好'],
      [1, 'No, most of the time I have coped quite well', '大部分时候我都能像平时那样应付得好'],
      [2, "Yes, sometimes I haven't been coping as well as usual", '有时候我不能像平时那样应付得好'],
      [3, "Yes, most of the time I haven't been able to cope at all", '大多数时候我都不能应付'],
    ]),
    item(7, 'I have been so unhappy that I have had difficulty sleeping', '我很不开心，以至失眠', true, [
      [0, 'No, not at all', '一点也没有'],
      [1, 'Not very often', '不经常这样'],
      [2, 'Yes, sometimes', '有时候这样'],
      [3, 'Yes, most of the time', '大部分时间这样'],
    ]),
    item(8, 'I have felt sad or miserable', '我感到难过和悲伤', true, [
      [0, 'No, not at all', '一点也没有'],
      [1, 'Not very often', '不经常这样'],
      [2, 'Yes, quite often', '相当多时候这样'],
      [3, 'Yes, most of the time', '大部分时候这样'],
    ]),
    item(9, 'I have been so unhappy that I have been crying', '我不开心到哭', true, [
      [0, 'No, never', '一点也没有'],
      [1, 'Only occasionally', '不经常这样'],
      [2, 'Yes, quite often', '有时候这样'],
      [3, 'Yes, most of the time', '大部分时间这样'],
    ]),
    item(10, 'The thought of harming myself has occurred to me', '我想过要伤害自己', true, [
      [0, 'Never', '没有这样'],
      [1, 'Hardly ever', '很少这样'],
      [2, 'Sometimes', '有时候这样'],
      [3, 'Yes, quite often', '相当多时候这样'],
    ]),
  ],
  scales: [
    {
      id: 'total',
      name: { en: 'EPDS total', zh: 'EPDS 总分' },
      method: 'sum',
      items: ['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7', 'q8', 'q9', 'q10'],
      bands: [
        { id: 'unlikely', min: 0, max: 9, label: { en: 'Depression unlikely', zh: '抑郁可能性小' } },
        {
          id: 'possible',
          min: 10,
          max: 12,
          label: { en: 'Possible depression', zh: '可能存在抑郁' },
          advice: { en: 'Repeat the EPDS within 2–4 weeks', zh: '建议 2–4 周内复查 EPDS' },
        },
        {
          id: 'probable',
          min: 13,
          max: 30,
          label: { en: 'Probable depression', zh: '抑郁可能性大' },
          advice: { en: 'Positive screen: further assessment recommended', zh: '筛查阳性，建议进一步评估' },
        },
      ],
      cutoff: {
        min: 13,
        source: 'Cox 1987; 《孕产妇心理健康管理专家共识（2019年）》',
        alternatives: [
          { min: 10, source: 'Hong Kong 9/10: Lee DTS et al. 1998, Br J Psychiatry 172:433–437' },
          { min: 14, source: 'Beijing 42-day postnatal visit: 12–13 可疑高危, > 13 抑郁可能性大' },
        ],
      },
    },
    {
      id: 'anxiety3a',
      name: { en: 'EPDS-3A anxiety subscale', zh: 'EPDS-3A 焦虑分量表' },
      method: 'sum',
      items: ['q3', 'q4', 'q5'],
    },
  ],
  mainScale: 'total',
  criticalItems: [{ item: 'q10', min: 1, reason: { en: 'self-harm thoughts', zh: '自伤念头' } }],
  population: { programmes: ['perinatal'], respondent: 'self' },
  licence: {
    holder: 'Royal College of Psychiatrists',
    terms:
      'Cite the source wherever the scale is shown. The 2013 wording asks for written permission from the Royal College of Psychiatrists to distribute the scale in any medium.',
    attribution: {
      en: `© Royal College of Psychiatrists. ${citation}.`,
      zh: `© 英国皇家精神科医学院（Royal College of Psychiatrists）。${citation}.`,
    },
    requiresPermission: true,
  },
};
