import { useTranslation } from 'react-i18next';
import { PASSWORD_MIN } from '../../../shared/api/auth';
import { Icon } from './Icon';
import styles from './PasswordRules.module.css';

/** Shown next to new-password fields so the rule is known before the first failed submit. */
export function PasswordRules({ password, confirm }: { password: string; confirm: string }) {
  const { t } = useTranslation();
  const rules = [
    { key: 'length', ok: password.length >= PASSWORD_MIN, text: t('password.ruleLength') },
    { key: 'match', ok: password.length > 0 && password === confirm, text: t('password.ruleMatch') },
  ];
  return (
    <ul className={styles.rules} aria-label={t('password.rules')} data-testid="password-rules">
      {rules.map((r) => (
        <li key={r.key} className={r.ok ? styles.ok : undefined}>
          <Icon name={r.ok ? 'check' : 'circle'} size={14} />
          {r.text}
        </li>
      ))}
    </ul>
  );
}
