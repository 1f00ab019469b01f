import { z } from 'zod';
import { localizedTextSchema, type LocalizedText } from '../instruments/schema';

/** Scores print as integers, or with at most two decimals for means. */
export function formatScore(x: number): string {
  return Number.isInteger(x) ? String(x) : String(Math.round(x * 100) / 100);
}

const about = {
  /** The instrument's id (PHQ-9), shown as is in every language. */
  instrument: z.string(),
  /** The sheet was voided; the rule still fired. */
  invalid: z.boolean().optional(),
};

/**
 * Why a level was given, as data: the kind of finding plus its numbers. Services store and return
 * this; each place that shows it words it in its own language (the UI through i18n, the Chinese
 * export and the CLI through `reasonWords`). Labels and meanings come from the instrument or rule
 * definition, which carries both languages itself.
 */
export const reasonFactSchema = z.discriminatedUnion('kind', [
  /** A critical item (or an item rule with a label) fired: "PHQ-9 第9题阳性（自伤念头）". */
  z.object({
    kind: z.literal('item_positive'),
    ...about,
    item: z.number().int(),
    meaning: localizedTextSchema,
  }),
  /** An item rule without a label: "EPDS 第10题 2 分 ≥ 1". */
  z.object({
    kind: z.literal('item_at_least'),
    ...about,
    item: z.number().int(),
    value: z.number(),
    min: z.number(),
  }),
  /** A total at or above a cut-off: "GAD-7 总分 16 ≥ 15"; incomplete sheets give their lowest total. */
  z.object({
    kind: z.literal('total_at_least'),
    ...about,
    total: z.number(),
    min: z.number(),
    complete: z.boolean(),
    label: localizedTextSchema.optional(),
  }),
  /** A total within a band: "PHQ-9 总分 12（10–14）". */
  z.object({
    kind: z.literal('total_band'),
    ...about,
    total: z.number(),
    min: z.number(),
    max: z.number(),
    complete: z.boolean(),
    label: localizedTextSchema.optional(),
  }),
  /** A critical item left blank: "PHQ-9 第9题未作答" (a case to confirm in person). */
  z.object({ kind: z.literal('item_blank'), ...about, item: z.number().int() }),
  /** A sentence stored before reasons were data that could not be read back into one (kept as is). */
  z.object({ kind: z.literal('text'), text: localizedTextSchema }),
]);
export type ReasonFact = z.infer<typeof reasonFactSchema>;

export function itemPositiveReason(instrument: string, item: number, meaning: LocalizedText): ReasonFact {
  return { kind: 'item_positive', instrument, item, meaning };
}

export function itemValueReason(instrument: string, item: number, value: number, min: number): ReasonFact {
  return { kind: 'item_at_least', instrument, item, value, min };
}

/** A total rule that fired; an incomplete sheet reports the lowest total a full answer could have. */
export function totalReason(
  instrument: string,
  total: number,
  min: number,
  max: number | undefined,
  complete: boolean,
  label?: LocalizedText,
): ReasonFact {
  const withLabel = label ? { label } : {};
  return max === undefined
    ? { kind: 'total_at_least', instrument, total, min, complete, ...withLabel }
    : { kind: 'total_band', instrument, total, min, max, complete, ...withLabel };
}

export function blankItemReason(instrument: string, item: number): ReasonFact {
  return { kind: 'item_blank', instrument, item };
}

export function invalidSheetReason(reason: ReasonFact): ReasonFact {
  return reason.kind === 'text' ? reason : { ...reason, invalid: true };
}

export type ReasonLanguage = 'zh' | 'en';

/**
 * A reason in words, for output that has a fixed language: the Chinese export and printed
 * reports, the CLI. The UI words reasons itself through i18n (`tierReasons.*`), in the same shape.
 */
export function reasonWords(reason: ReasonFact, lang: ReasonLanguage): string {
  if (reason.kind === 'text') return reason.text[lang];
  const zh = lang === 'zh';
  let words: string;
  switch (reason.kind) {
    case 'item_positive':
      words = zh
        ? `${reason.instrument} 第${reason.item}题阳性（${reason.meaning.zh}）`
        : `${reason.instrument} item ${reason.item} positive (${reason.meaning.en})`;
      break;
    case 'item_at_least':
      words = zh
        ? `${reason.instrument} 第${reason.item}题 ${formatScore(reason.value)} 分 ≥ ${formatScore(reason.min)}`
        : `${reason.instrument} item ${reason.item} = ${formatScore(reason.value)} ≥ ${formatScore(reason.min)}`;
      break;
    case 'item_blank':
      words = zh
        ? `${reason.instrument} 第${reason.item}题未作答`
        : `${reason.instrument} item ${reason.item} not answered`;
      break;
    case 'total_at_least':
    case 'total_band': {
      const band =
        reason.kind === 'total_band' ? `${formatScore(reason.min)}–${formatScore(reason.max)}` : null;
      if (zh) {
        const value = reason.complete ? ` ${formatScore(reason.total)}` : `至少 ${formatScore(reason.total)}`;
        words = band
          ? `${reason.instrument} 总分${value}（${band}${reason.complete ? '' : '，作答不完整'}）`
          : `${reason.instrument} 总分${value} ≥ ${formatScore(reason.min)}${reason.complete ? '' : '（作答不完整）'}`;
      } else {
        const value = reason.complete ? formatScore(reason.total) : `at least ${formatScore(reason.total)}`;
        words = band
          ? `${reason.instrument} total ${value} (${band}${reason.complete ? '' : ', incomplete'})`
          : `${reason.instrument} total ${value} ≥ ${formatScore(reason.min)}${reason.complete ? '' : ' (incomplete)'}`;
      }
      if (reason.label) words += zh ? `，${reason.label.zh}` : `: ${reason.label.en}`;
      break;
    }
  }
  if (reason.invalid) words += zh ? '（问卷无效）' : ' (sheet invalid)';
  return words;
}

/** One line of reasons ("…；…" in Chinese, "…; …" in English). */
export const reasonList = (reasons: readonly ReasonFact[], lang: ReasonLanguage): string =>
  reasons.map((r) => reasonWords(r, lang)).join(lang === 'zh' ? '；' : '; ');

/** The same finding (whatever level or rule gave it): reasons merged from two sources are not repeated. */
export const sameReason = (a: ReasonFact, b: ReasonFact): boolean =>
  reasonWords(a, 'en') === reasonWords(b, 'en');

/** Only the finding, without the level and rule a TierReason adds (what a case stores). */
export const reasonFact = (reason: ReasonFact & { level?: string; rule?: number }): ReasonFact =>
  reasonFactSchema.parse(reason);
