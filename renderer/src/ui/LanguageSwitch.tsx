import { useTranslation } from 'react-i18next';
import { languages } from '../i18n';
import { useUi } from '../store/ui';
import { Icon } from './Icon';
import styles from './LanguageSwitch.module.css';

const labelKey = { 'zh-CN': 'language.zh', en: 'language.en' } as const;

export function LanguageSwitch() {
  const { t } = useTranslation();
  const language = useUi((s) => s.language);
  const setLanguage = useUi((s) => s.setLanguage);
  return (
    <div className={styles.switch} role="group" aria-label={t('language.label')}>
      <Icon name="globe" size={15} />
      {languages.map((lng) => (
        <button
          key={lng}
          type="button"
          lang={lng}
          className={styles.option}
          aria-pressed={language === lng}
          onClick={() => setLanguage(lng)}
        >
          {t(labelKey[lng])}
        </button>
      ))}
    </div>
  );
}
