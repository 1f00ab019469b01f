// Plain constants and a function, no zod: the LAN station page bundles this file.
import type { Language } from '../instruments/languages';

type Programme = 'school' | 'perinatal';

/**
 * Each programme's own consent text, used when a campaign is created without one (every CLI
 * campaign) and shown in the respondent's language. A school speaks to a student (你, 学校, 老师);
 * a maternal service speaks to a woman (您, her doctor and her maternity care) and never of school.
 * The create dialog offers the same words (screening.create.consentSchool/-Perinatal; a test keeps
 * them equal).
 */
export const DEFAULT_CONSENT: Record<Programme, Record<Language, string>> = {
  school: {
    zh: '本次心理健康测评用于了解你最近的情绪状态，以便学校及时提供帮助。你的回答将严格保密，只有负责心理健康工作的老师可以查看，不会用于评优或成绩。你可以选择不参加。',
    en: 'This screening helps us understand how you have been feeling lately, so the school can offer help in time. Your answers are kept strictly confidential: only the staff responsible for mental health can see them, and they are never used for grades or awards. You may choose not to take part.',
  },
  perinatal: {
    zh: '本次心理健康筛查用于了解您近期的情绪状况，以便医生及时为您提供帮助。您的回答将严格保密，仅用于您的孕产期保健服务。您可以选择不参加，这不会影响您接受的任何医疗服务。',
    en: 'This screening helps us understand how you have been feeling lately, so your doctor can offer help in time. Your answers are kept strictly confidential and used only for your maternity care. You may choose not to take part; this will not affect any care you receive.',
  },
};

const DEFAULTS = new Set(Object.values(DEFAULT_CONSENT).flatMap((byLanguage) => Object.values(byLanguage)));

/**
 * The consent a respondent reads. A campaign that kept a default text (in either language, of
 * either programme) reads its own programme's default in the respondent's language: perinatal
 * campaigns made before each programme had its own default stored the school's words.
 */
export function consentFor(
  programme: Programme,
  stored: string | null | undefined,
  language: Language,
): string {
  const text = stored?.trim() ?? '';
  return text === '' || DEFAULTS.has(text) ? DEFAULT_CONSENT[programme][language] : text;
}
