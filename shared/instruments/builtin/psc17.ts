import type { InstrumentDefinitionInput, LocalizedText, ScaleInput } from '../schema';
import { numberedItems } from './common';

const citation =
  'Gardner W, Murphy JM, Childs G, et al. The PSC-17: a brief Pediatric Symptom Checklist with psychosocial problem subscales. Ambulatory Child Health 1999;5:225–236.';

/** Official PSC-17 form order; the subscale of each item follows the form's I/A/E columns. */
const itemTexts: readonly LocalizedText[] = [
  { en: 'Fidgety, unable to sit still', zh: '坐立不安，无法安静坐着' },
  { en: 'Feels sad, unhappy', zh: '感到难过、不开心' },
  { en: 'Daydreams too much', zh: '过多地做白日梦' },
  { en: 'Refuses to share', zh: '拒绝与人分享' },
  { en: 'Does not understand other people’s feelings', zh: '不理解别人的感受' },
  { en: 'Feels hopeless', zh: '感到没有希望' },
  { en: 'Has trouble concentrating', zh: '难以集中注意力' },
  { en: 'Fights with other children', zh: '与其他孩子打架' },
  { en: 'Is down on him or herself', zh: '对自己评价很低' },
  { en: 'Blames others for his or her troubles', zh: '把自己的麻烦归咎于别人' },
  { en: 'Seems to be having less fun', zh: '似乎不像以前那样快乐' },
  { en: 'Does not listen to rules', zh: '不听从规则' },
  { en: 'Acts as if driven by a motor', zh: '像装了马达一样动个不停' },
  { en: 'Teases others', zh: '取笑、捉弄别人' },
  { en: 'Worries a lot', zh: '常常担心' },
  { en: 'Takes things that do not belong to him or her', zh: '拿不属于自己的东西' },
  { en: 'Distracted easily', zh: '容易分心' },
];

const items = numberedItems(itemTexts);

const ids = (numbers: readonly number[]) => numbers.map((n) => `q${n}`);

function subscale(id: string, name: LocalizedText, numbers: readonly number[], min: number): ScaleInput {
  return { id, name, method: 'sum', items: ids(numbers), cutoff: { min, source: 'Gardner et al. 1999' } };
}

export const psc17: InstrumentDefinitionInput = {
  id: 'PSC-17',
  version: '1.0',
  builtin: true,
  names: { en: 'Pediatric Symptom Checklist-17 (PSC-17)', zh: '儿童症状检查表-17（PSC-17）' },
  instructions: {
    en: 'Emotional and physical health go together in children. Because parents are often the first to notice a problem with their child’s behavior, emotions, or learning, you may help your child get the best care possible by answering these questions. Please mark under the heading that best fits your child.',
    zh: '儿童的情绪健康与身体健康密不可分。家长往往最先注意到孩子在行为、情绪或学习上的问题，回答以下问题可以帮助孩子得到最合适的照顾。请为每一项选择最符合您孩子情况的答案。',
  },
  citation,
  optionSets: [
    {
      id: 'frequency',
      options: [
        { value: 0, label: { en: 'Never', zh: '从不' } },
        { value: 1, label: { en: 'Sometimes', zh: '有时' } },
        { value: 2, label: { en: 'Often', zh: '经常' } },
      ],
    },
  ],
  defaultOptionSet: 'frequency',
  items,
  scales: [
    {
      id: 'total',
      name: { en: 'PSC-17 total', zh: 'PSC-17 总分' },
      method: 'sum',
      items: items.map((item) => item.id),
      bands: [
        { id: 'negative', min: 0, max: 14, label: { en: 'Negative screen', zh: '筛查阴性' } },
        {
          id: 'positive',
          min: 15,
          max: 34,
          label: { en: 'Positive screen', zh: '筛查阳性' },
          advice: { en: 'Further assessment recommended', zh: '建议进一步评估' },
        },
      ],
      cutoff: { min: 15, source: 'Gardner et al. 1999' },
    },
    subscale('internalizing', { en: 'Internalizing', zh: '内化问题' }, [2, 6, 9, 11, 15], 5),
    subscale('attention', { en: 'Attention', zh: '注意问题' }, [1, 3, 7, 13, 17], 7),
    subscale('externalizing', { en: 'Externalizing', zh: '外化问题' }, [4, 5, 8, 10, 12, 14, 16], 7),
  ],
  mainScale: 'total',
  population: { programmes: ['school'], respondent: 'parent' },
  licence: {
    holder:
      'M. Jellinek & J.M. Murphy, Massachusetts General Hospital (17-item version: W. Gardner & K. Kelleher)',
    terms: 'PSC-17 may be freely reproduced.',
    attribution: {
      en: `PSC-17 may be freely reproduced. ${citation}`,
      zh: `PSC-17 可自由复制使用。${citation}`,
    },
    requiresPermission: false,
  },
};
