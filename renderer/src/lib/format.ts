import { useTranslation } from 'react-i18next';
import { i18n } from '../i18n';

const pad = (n: number) => String(n).padStart(2, '0');

/** "2026-11-23 10:13" in local time; the ISO timestamps the API sends are UTC. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function formatDate(iso: string | null | undefined): string {
  return formatDateTime(iso).slice(0, 10);
}

/** "10–14", or "≥ 20" for an open range. */
export function formatRange(min: number, max?: number | null): string {
  if (max === undefined || max === null) return `≥ ${min}`;
  if (max === min) return String(min);
  return `${min}–${max}`;
}

/** The UI language as the instrument texts name it. */
export function contentLanguage(): 'zh' | 'en' {
  return i18n.language === 'en' ? 'en' : 'zh';
}

export function localized(
  text: { zh: string; en: string } | undefined | null,
  lang = contentLanguage(),
): string {
  return text ? text[lang] : '';
}

/** contentLanguage() as a hook, so a component re-renders when the UI language changes. */
export function useContentLanguage(): 'zh' | 'en' {
  const { i18n: instance } = useTranslation();
  return instance.language === 'en' ? 'en' : 'zh';
}
