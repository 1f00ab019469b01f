import { useTranslation } from 'react-i18next';
import { hubEn } from './i18n.en';
import { hubZh, type HubWords } from './i18n.zh';

/** The hub's words in the page's language (the language switch changes i18next's language). */
export function useHubWords(): { w: HubWords; en: boolean } {
  const { i18n } = useTranslation();
  const en = i18n.language === 'en';
  return { w: en ? hubEn : hubZh, en };
}

/** Fills `{{name}}` marks in a sentence. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (mark, key: string) =>
    Object.hasOwn(values, key) ? String(values[key]) : mark,
  );
}

/** A rate (0…1) as a percentage with one decimal, or the dash when nobody was due. */
export function percent(w: HubWords, rate: number | null): string {
  return rate === null ? w.common.none : fill(w.common.percent, { value: (rate * 100).toFixed(1) });
}
