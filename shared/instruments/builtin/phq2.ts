import type { InstrumentDefinitionInput } from '../schema';
import { twoItemPreScreen } from './common';
import { phq9ItemTexts } from './phq9';

export const phq2: InstrumentDefinitionInput = twoItemPreScreen({
  id: 'PHQ-2',
  names: { en: 'Patient Health Questionnaire-2 (PHQ-2)', zh: '患者健康问卷抑郁量表简版（PHQ-2）' },
  citation:
    'Kroenke K, Spitzer RL, Williams JBW. The Patient Health Questionnaire-2: validity of a two-item depression screener. Med Care 2003;41(11):1284–1292.',
  full: { id: 'PHQ-9', itemTexts: phq9ItemTexts },
});
