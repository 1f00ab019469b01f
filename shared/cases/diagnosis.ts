import { z } from 'zod';
import type { LocalizedText } from '../instruments/schema';

/**
 * The specialist's conclusion on a referral, as a choice: 确诊 / 排除 / 待定. Suggestions and
 * figures read this choice only, never the free text (which may say 排除抑郁症 or "No depression").
 */
export const diagnosisConclusionSchema = z.enum(['confirmed', 'excluded', 'pending']);
export type DiagnosisConclusion = z.infer<typeof diagnosisConclusionSchema>;

/** The short ICD-10 list offered with a conclusion: the diagnoses screening refers for. */
export const ICD10_CODES = {
  F32: { zh: '抑郁发作', en: 'Depressive episode' },
  F33: { zh: '复发性抑郁障碍', en: 'Recurrent depressive disorder' },
  'F34.1': { zh: '恶劣心境', en: 'Dysthymia' },
  F31: { zh: '双相情感障碍', en: 'Bipolar affective disorder' },
  'F41.0': { zh: '惊恐障碍', en: 'Panic disorder' },
  'F41.1': { zh: '广泛性焦虑障碍', en: 'Generalized anxiety disorder' },
  'F41.2': { zh: '混合性焦虑和抑郁障碍', en: 'Mixed anxiety and depressive disorder' },
  'F43.1': { zh: '创伤后应激障碍', en: 'Post-traumatic stress disorder' },
  'F43.2': { zh: '适应障碍', en: 'Adjustment disorder' },
  'F53.0': { zh: '产后抑郁', en: 'Postnatal depression' },
} as const satisfies Record<string, LocalizedText>;
export const icd10CodeSchema = z.enum(Object.keys(ICD10_CODES) as [keyof typeof ICD10_CODES]);
export type Icd10Code = z.infer<typeof icd10CodeSchema>;

/** An ICD-10 code names a diagnosis made or still considered; an excluded one takes none. */
export const conclusionTakesCode = (conclusion: DiagnosisConclusion): boolean => conclusion !== 'excluded';

/** Words for a conclusion in the printed and exported record, where no UI language applies. */
export const CONCLUSION_WORDS: Record<DiagnosisConclusion, LocalizedText> = {
  confirmed: { zh: '确诊', en: 'Confirmed' },
  excluded: { zh: '排除', en: 'Excluded' },
  pending: { zh: '待定', en: 'Pending' },
};

/** "确诊 F53.0 产后抑郁": the conclusion word, then the code and its name when there is one. */
export function conclusionText(
  conclusion: DiagnosisConclusion,
  icd10: Icd10Code | null,
  lang: keyof LocalizedText,
): string {
  const words = CONCLUSION_WORDS[conclusion][lang];
  return icd10 ? `${words} ${icd10} ${ICD10_CODES[icd10][lang]}` : words;
}
