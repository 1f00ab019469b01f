import type { InstrumentDefinitionInput } from '../schema';
import { twoItemPreScreen } from './common';
import { gad7ItemTexts } from './gad7';

export const gad2: InstrumentDefinitionInput = twoItemPreScreen({
  id: 'GAD-2',
  names: { en: 'Generalized Anxiety Disorder 2-item scale (GAD-2)', zh: '广泛性焦虑量表简版（GAD-2）' },
  citation:
    'Kroenke K, Spitzer RL, Williams JBW, Monahan PO, Löwe B. Anxiety disorders in primary care: prevalence, impairment, comorbidity, and detection. Ann Intern Med 2007;146(5):317–325.',
  full: { id: 'GAD-7', itemTexts: gad7ItemTexts },
});
