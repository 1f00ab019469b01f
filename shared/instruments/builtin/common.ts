import type { InstrumentDefinitionInput, ItemInput, LocalizedText, OptionSetInput } from '../schema';

/** Items q1…qN numbered in listed order, all scored with the default option set. */
export function numberedItems(texts: readonly LocalizedText[]): ItemInput[] {
  return texts.map((text, i) => ({ id: `q${i + 1}`, number: i + 1, text }));
}

/** The PHQ and GAD families share one answer scale, stem, period, population and licence line. */
const frequencyOptions = {
  id: 'frequency',
  options: [
    { value: 0, label: { en: 'Not at all', zh: '完全不会' } },
    { value: 1, label: { en: 'Several days', zh: '好几天' } },
    { value: 2, label: { en: 'More than half the days', zh: '一半以上的天数' } },
    { value: 3, label: { en: 'Nearly every day', zh: '几乎每天' } },
  ],
} satisfies OptionSetInput;

export const phqGadShared = {
  version: '1.0',
  builtin: true,
  instructions: {
    en: 'Over the last 2 weeks, how often have you been bothered by any of the following problems?',
    zh: '在过去两个星期，有多少时候您受到以下任何问题所困扰？',
  },
  timeFrame: { en: 'Over the last 2 weeks', zh: '在过去两个星期' },
  optionSets: [frequencyOptions],
  defaultOptionSet: frequencyOptions.id,
  population: { programmes: ['school', 'perinatal'], respondent: 'self' },
  licence: {
    holder: 'Pfizer Inc.',
    terms: 'No permission required to reproduce, translate, display or distribute.',
    attribution: {
      en: 'Developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, with an educational grant from Pfizer Inc. No permission required to reproduce, translate, display or distribute.',
      zh: '由 Robert L. Spitzer、Janet B.W. Williams、Kurt Kroenke 博士及其同事在辉瑞公司教育基金资助下编制。复制、翻译、展示或分发无需许可。',
    },
    requiresPermission: false,
  },
  mainScale: 'total',
} satisfies Partial<InstrumentDefinitionInput>;

interface TwoItemPreScreen {
  id: string;
  names: LocalizedText;
  citation: string;
  /** The full instrument whose first two items these are. */
  full: { id: string; itemTexts: readonly LocalizedText[] };
}

/** PHQ-2 and GAD-2: the full form's first two items, total 0–6, positive at 3, leading to the full form. */
export function twoItemPreScreen(spec: TwoItemPreScreen): InstrumentDefinitionInput {
  const items = numberedItems(spec.full.itemTexts.slice(0, 2));
  return {
    ...phqGadShared,
    id: spec.id,
    names: spec.names,
    citation: spec.citation,
    items,
    scales: [
      {
        id: 'total',
        name: { en: `${spec.id} total`, zh: `${spec.id} 总分` },
        method: 'sum',
        items: items.map((item) => item.id),
        bands: [
          { id: 'negative', min: 0, max: 2, label: { en: 'Negative screen', zh: '筛查阴性' } },
          {
            id: 'positive',
            min: 3,
            max: 6,
            label: { en: 'Positive screen', zh: '筛查阳性' },
            advice: { en: `Complete the full ${spec.full.id}`, zh: `建议完成完整的 ${spec.full.id}` },
          },
        ],
        cutoff: { min: 3, source: spec.citation },
      },
    ],
  };
}
