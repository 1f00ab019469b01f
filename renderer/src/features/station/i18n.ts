import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { screeningEn } from '../screening/i18n.en';
import { screeningZhCN } from '../screening/i18n.zh';

// Only the screening texts: the station page never shows the staff app's words.
export type StationLanguage = 'zh-CN' | 'en';
const STORAGE_KEY = 'anxin.station.language';

function stored(): StationLanguage {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

export function initStationI18n(): void {
  const language = stored();
  document.documentElement.lang = language;
  void i18next.use(initReactI18next).init({
    resources: {
      'zh-CN': { translation: { screening: screeningZhCN } },
      en: { translation: { screening: screeningEn } },
    },
    lng: language,
    fallbackLng: 'zh-CN',
    supportedLngs: ['zh-CN', 'en'],
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });
}

export function setStationLanguage(language: StationLanguage): void {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // The choice then lasts for this page only.
  }
  document.documentElement.lang = language;
  void i18next.changeLanguage(language);
}
