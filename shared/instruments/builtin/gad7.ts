import type { InstrumentDefinitionInput, LocalizedText } from '../schema';
import { numberedItems, phqGadShared } from './common';

/** GAD-7 item texts in printed order; GAD-2 reuses the first two. */
export const gad7ItemTexts: readonly LocalizedText[] = [
  { en: 'Feeling nervous, anxious, or on edge', zh: '感觉紧张、焦虑或急切' },
  { en: 'Not being able to stop or control worrying', zh: '不能够停止或控制担忧' },
  { en: 'Worrying too much about different things', zh: '对各种各样的事情担忧过多' },
  { en: 'Trouble relaxing', zh: '很难放松下来' },
  { en: 'Being so restless that it is hard to sit still', zh: '由于不安而无法静坐' },
  { en: 'Becoming easily annoyed or irritable', zh: '变得容易烦恼或急躁' },
  { en: 'Feeling afraid as if something awful might happen', zh: '感到似乎将有可怕的事情发生而害怕' },
];

const items = numberedItems(gad7ItemTexts);

export const gad7: InstrumentDefinitionInput = {
  ...phqGadShared,
  id: 'GAD-7',
  names: { en: 'Generalized Anxiety Disorder 7-item scale (GAD-7)', zh: '广泛性焦虑量表（GAD-7）' },
  citation:
    'Spitzer RL, Kroenke K, Williams JBW, Löwe B. A brief measure for assessing generalized anxiety disorder: the GAD-7. Arch Intern Med 2006;166(10):1092–1097.',
  items,
  scales: [
    {
      id: 'total',
      name: { en: 'GAD-7 total', zh: 'GAD-7 总分' },
      method: 'sum',
      items: items.map((item) => item.id),
      bands: [
        { id: 'minimal', min: 0, max: 4, label: { en: 'Minimal', zh: '无' } },
        { id: 'mild', min: 5, max: 9, label: { en: 'Mild', zh: '轻度' } },
        { id: 'moderate', min: 10, max: 14, label: { en: 'Moderate', zh: '中度' } },
        { id: 'severe', min: 15, max: 21, label: { en: 'Severe', zh: '重度' } },
      ],
      cutoff: {
        min: 10,
        source:
          'Spitzer et al. 2006; Chinese validation: 何筱衍等 2010,《上海精神医学》22(4) (sensitivity 86.2 %, specificity 95.5 %)',
      },
    },
  ],
};
