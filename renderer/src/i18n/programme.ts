import i18next from 'i18next';
import type { OrgType } from '../../../shared/api/auth';
import type { Programme } from '../../../shared/instruments/schema';
import { en } from './en';
import { languages, type Language } from './index';
import type { Messages } from './messages';
import { SAME } from './overrides';
import { perinatalEn } from './perinatal.en';
import { perinatalZh } from './perinatal.zh';
import { zhCN } from './zh-CN';

/**
 * The programme's vocabulary (学生/孕产妇, 老师/医生, 班级/乡镇, 应测/应筛, 转介/转诊, 考试模式…).
 *
 * Messages are written once, in the school's words, in zh-CN.ts / en.ts and the feature files.
 * A maternal service reads them through the perinatal overrides in perinatal.zh.ts /
 * perinatal.en.ts: the same keys, the clinic's words. The overrides are laid over the base
 * messages of each language when the organisation's programme is known (`setProgramme`, called by
 * the session store from `app.status`), so every `t()` and `i18n.t()` call — in components,
 * hooks and plain functions alike — speaks the programme's language without naming it.
 *
 * The overrides are typed: a key that is not a message, or an override given in one language
 * only, fails type checking (test/renderer/programme-terms.test.ts also checks that an override
 * keeps its message's {{placeholders}}). A text that differs by programme therefore needs no
 * second key and no `perinatal ? … : …` at its call site.
 */

type Tree = { [key: string]: string | Tree };
type Layer = { [key: string]: string | typeof SAME | Layer };

export { SAME, type Overrides, type SameKeys } from './overrides';

/** Programme overrides by language; the school speaks the base messages. */
const overrides: Record<Programme, Record<Language, Layer>> = {
  school: { 'zh-CN': {}, en: {} },
  perinatal: { 'zh-CN': perinatalZh, en: perinatalEn },
};

const base: Record<Language, Messages> = { 'zh-CN': zhCN, en };

/** `messages` with `over`'s leaves in place of its own (a new tree; the base stays as it is). */
function overlay(messages: Tree, over: Layer): Tree {
  const out: Tree = { ...messages };
  for (const [key, value] of Object.entries(over)) {
    const under = out[key];
    if (value === SAME) continue;
    if (typeof value === 'string') out[key] = value;
    else if (typeof under === 'object') out[key] = overlay(under, value);
  }
  return out;
}

/** The messages of one language as one programme reads them. */
export function messagesFor(programme: Programme, language: Language): Messages {
  // Both sides are plain string trees; the types above keep their keys in step.
  return overlay(base[language] as Tree, overrides[programme][language]) as Messages;
}

/** The programme an organisation runs: a maternal service screens the perinatal programme. */
export function programmeOf(orgType: OrgType | undefined | null): Programme {
  return orgType === 'maternal' ? 'perinatal' : 'school';
}

let current: Programme = 'school';

export function currentProgramme(): Programme {
  return current;
}

/**
 * Speaks `programme`'s vocabulary from now on. Re-announces the language so every mounted
 * `useTranslation` renders again with the new words.
 */
export function setProgramme(programme: Programme): void {
  if (programme === current) return;
  current = programme;
  // Whole top-level sections replaced (not deep-merged): a deep merge would write the overrides
  // into the base message objects the store was initialised with.
  for (const language of languages)
    i18next.addResourceBundle(language, 'translation', messagesFor(programme, language), false, true);
  if (i18next.isInitialized) void i18next.changeLanguage(i18next.language);
}
