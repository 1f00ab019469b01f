import { useTranslation } from 'react-i18next';
import type { OrgType } from '../../../../shared/api/auth';
import { FieldError } from '../../ui/Field';
import { Icon } from '../../ui/Icon';
import styles from './OrgTypeCards.module.css';

const orgTypes: OrgType[] = ['school', 'maternal'];

/** School or maternal health, chosen once at setup: two radio cards that say what each means. */
export function OrgTypeCards({
  value,
  onChange,
  error,
}: {
  value: OrgType | '';
  onChange(type: OrgType): void;
  error: string | null | undefined;
}) {
  const { t } = useTranslation();
  return (
    <>
      <div
        className={error ? `${styles.cards} ${styles.invalid}` : styles.cards}
        role="radiogroup"
        aria-label={t('fields.orgType')}
        aria-required="true"
      >
        {orgTypes.map((type) => (
          <label key={type} className={value === type ? `${styles.card} ${styles.selected}` : styles.card}>
            <input
              type="radio"
              name="orgType"
              value={type}
              checked={value === type}
              onChange={() => onChange(type)}
              aria-invalid={Boolean(error)}
              className={styles.input}
            />
            <span className={styles.icon}>
              <Icon name={type} size={26} />
            </span>
            <span className={styles.text}>
              <span className={styles.title}>{t(`orgType.${type}`)}</span>
              <span className={styles.hint}>{t(`orgTypeHint.${type}`)}</span>
            </span>
            <span className={styles.check} aria-hidden="true">
              <Icon name="check" size={14} />
            </span>
          </label>
        ))}
      </div>
      {error ? <FieldError>{error}</FieldError> : null}
    </>
  );
}
