import type { InstrumentDefinitionInput, LocalizedText } from '../schema';
import { numberedItems, phqGadShared } from './common';

/** PHQ-9 item texts in printed order; PHQ-2 reuses the first two. */
export const phq9ItemTexts: readonly LocalizedText[] = [
  { en: 'Little interest or pleasure in doing things', zh: '做事时提不起劲或没有兴趣' },
  { en: 'Feeling down, depressed, or hopeless', zh: '感到心情低落、沮丧或绝望' },
  { en: 'Trouble falling or staying asleep, or sleeping too much', zh: '入睡困难、睡不安稳或睡眠过多' },
  { en: 'Feeling tired or having little energy', zh: '感觉疲倦或没有活力' },
  { en: 'Poor appetite or overeating', zh: '食欲不振或吃太多' },
  {
    en: 'Feeling bad about yourself — or that you are a failure or have let yourself or your family down',
    zh: '觉得自己很糟——或觉得自己很失败，或让自己或家人失望',
  },
  {
    en: 'Trouble concentrating on things, such as reading the newspaper or watching television',
    zh: '对事物专注有困难，例如阅读报纸或看电视时',
  },
  {
    en: 'Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety or restless that you have been moving around a lot more than usual',
    zh: '动作或说话速度缓慢到别人已经觉察？或正好相反——烦躁或坐立不安、动来动去的情况更胜于平常',
  },
  {
    en: 'Thoughts that you would be better off dead or of hurting yourself in some way',
    zh: '有不如死掉或用某种方式伤害自己的念头',
  },
];

const scoredItems = numberedItems(phq9ItemTexts);

export const phq9: InstrumentDefinitionInput = {
  ...phqGadShared,
  id: 'PHQ-9',
  names: { en: 'Patient Health Questionnaire-9 (PHQ-9)', zh: '患者健康问卷抑郁量表（PHQ-9）' },
  citation:
    'Kroenke K, Spitzer RL, Williams JBW. The PHQ-9: validity of a brief depression severity measure. J Gen Intern Med 2001;16(9):606–613.',
  items: [
    ...scoredItems,
    {
      id: 'difficulty',
      number: 10,
      scored: false,
      // The form asks it only of someone who checked off a problem.
      askIf: 'any_problem',
      text: {
        en: 'If you checked off any problems, how difficult have these problems made it for you to do your work, take care of things at home, or get along with other people?',
        zh: '如果您检查出有任何问题，这些问题在您工作、处理家庭事务，或与他人相处上造成了多大的困难？',
      },
      optionSet: {
        options: [
          { value: 0, label: { en: 'Not difficult at all', zh: '毫无困难' } },
          { value: 1, label: { en: 'Somewhat difficult', zh: '有点困难' } },
          { value: 2, label: { en: 'Very difficult', zh: '非常困难' } },
          { value: 3, label: { en: 'Extremely difficult', zh: '极度困难' } },
        ],
      },
    },
  ],
  scales: [
    {
      id: 'total',
      name: { en: 'PHQ-9 total', zh: 'PHQ-9 总分' },
      method: 'sum',
      items: scoredItems.map((item) => item.id),
      bands: [
        { id: 'minimal', min: 0, max: 4, label: { en: 'Minimal', zh: '无' } },
        { id: 'mild', min: 5, max: 9, label: { en: 'Mild', zh: '轻度' } },
        { id: 'moderate', min: 10, max: 14, label: { en: 'Moderate', zh: '中度' } },
        { id: 'moderately_severe', min: 15, max: 19, label: { en: 'Moderately severe', zh: '中重度' } },
        { id: 'severe', min: 20, max: 27, label: { en: 'Severe', zh: '重度' } },
      ],
      cutoff: {
        min: 10,
        source: 'Kroenke, Spitzer, Williams 2001',
        alternatives: [
          { min: 11, source: 'Adolescents: Richardson LP et al. 2010, Pediatrics 126(6):1117–1123' },
          { min: 15, source: '《孕产妇心理健康管理专家共识（2019年）》: > 14 prompts attention or referral' },
        ],
      },
    },
  ],
  criticalItems: [{ item: 'q9', min: 1, reason: { en: 'self-harm thoughts', zh: '自伤念头' } }],
};
