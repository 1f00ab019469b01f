import { formatScore, type ReasonFact } from '../../../shared/tiers/reasons';
import { i18n } from '.';

const lang = (): 'zh' | 'en' => (i18n.language === 'en' ? 'en' : 'zh');

/**
 * A tier reason in the UI language: services send the finding as data (kind, instrument, item,
 * total, threshold) and every page words it here, so the English UI never shows a Chinese reason.
 * Meanings and labels come from the instrument or rule definition, which carries both languages.
 */
export function reasonText(reason: ReasonFact): string {
  if (reason.kind === 'text') return reason.text[lang()];
  const base = { instrument: reason.instrument };
  let words: string;
  switch (reason.kind) {
    case 'item_positive':
      words = i18n.t('tierReasons.item_positive', {
        ...base,
        item: reason.item,
        meaning: reason.meaning[lang()],
      });
      break;
    case 'item_at_least':
      words = i18n.t('tierReasons.item_at_least', {
        ...base,
        item: reason.item,
        value: formatScore(reason.value),
        min: formatScore(reason.min),
      });
      break;
    case 'item_blank':
      words = i18n.t('tierReasons.item_blank', { ...base, item: reason.item });
      break;
    case 'total_at_least':
    case 'total_band': {
      const numbers = {
        ...base,
        total: formatScore(reason.total),
        min: formatScore(reason.min),
        max: reason.kind === 'total_band' ? formatScore(reason.max) : '',
      };
      words = reason.complete
        ? i18n.t(`tierReasons.${reason.kind}`, numbers)
        : i18n.t(`tierReasons.${reason.kind}_incomplete`, numbers);
      if (reason.label)
        words = i18n.t('tierReasons.withLabel', { reason: words, label: reason.label[lang()] });
      break;
    }
  }
  return reason.invalid ? i18n.t('tierReasons.invalid', { reason: words }) : words;
}

/** Reasons on one line, with the language's separator. */
export const reasonsText = (reasons: readonly ReasonFact[]): string =>
  reasons.map(reasonText).join(i18n.t('tierReasons.separator'));
