import type { Language } from '../../../../shared/instruments/languages';
import type { InstrumentDefinition, Option } from '../../../../shared/instruments/schema';
// Imported from the module itself, not the package index, so the respondent bundle does not pull
// in every built-in definition and the zod schemas behind them.
import { displayOptions, isItemAsked } from '../../../../shared/instruments/options';

/** Answers as the API carries them: instrument id → item id → option value. */
export type Answers = Record<string, Record<string, number>>;

/** One screen of the questionnaire. */
export interface Step {
  def: InstrumentDefinition;
  /** 0-based position of the instrument in the battery (shown as 第一部分, 第二部分…). */
  part: number;
  itemId: string;
  /** The number printed on the instrument's own form. */
  itemNumber: number;
}

/** Every item of the battery in order: instruments as the campaign lists them, items by printed number. */
export function buildSteps(defs: readonly InstrumentDefinition[]): Step[] {
  return defs.flatMap((def, part) =>
    [...def.items]
      .sort((a, b) => a.number - b.number)
      .map((item) => ({ def, part, itemId: item.id, itemNumber: item.number })),
  );
}

/**
 * The steps asked given the answers so far: an item asked only after a reported problem (PHQ-9's
 * difficulty question) drops out once every scored item of its instrument is answered 0.
 */
export function askedSteps(steps: readonly Step[], answers: Answers): Step[] {
  return steps.filter((s) => isItemAsked(s.def, s.itemId, answers[s.def.id] ?? {}));
}

export function answerOf(answers: Answers, step: Step): number | undefined {
  return answers[step.def.id]?.[step.itemId];
}

export function isAnswered(answers: Answers, step: Step): boolean {
  return answerOf(answers, step) !== undefined;
}

export function answeredCount(answers: Answers, steps: readonly Step[]): number {
  return steps.filter((s) => isAnswered(answers, s)).length;
}

/** Where a resumed sheet continues: the first unanswered item, or -1 when every item has an answer. */
export function firstUnanswered(answers: Answers, steps: readonly Step[]): number {
  return steps.findIndex((s) => !isAnswered(answers, s));
}

export function withAnswer(answers: Answers, step: Step, value: number): Answers {
  return { ...answers, [step.def.id]: { ...answers[step.def.id], [step.itemId]: value } };
}

export function optionsFor(step: Step, lang: Language): Option[] {
  return displayOptions(step.def, step.itemId, lang);
}

export function itemText(step: Step, lang: Language): string {
  return step.def.items.find((i) => i.id === step.itemId)?.text[lang] ?? '';
}

/** The language instrument texts are printed in, from the UI language ('zh-CN' | 'en'). */
export function textLanguage(uiLanguage: string | undefined): Language {
  return uiLanguage?.startsWith('en') ? 'en' : 'zh';
}
