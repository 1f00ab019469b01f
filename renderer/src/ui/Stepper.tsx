import { useTranslation } from 'react-i18next';
import { Icon } from './Icon';
import styles from './Stepper.module.css';

/** The numbered steps of a wizard (the import pages): done ones ticked, the current one marked. */
export function Stepper<S extends string>({
  steps,
  step,
  label,
}: {
  steps: readonly S[];
  step: S;
  /** Each step's words, e.g. `(s) => t(\`importer.step.${s}\`)`. */
  label(step: S): string;
}) {
  const { t } = useTranslation();
  const current = steps.indexOf(step);
  return (
    <ol className={styles.stepper} aria-label={t('importer.steps')}>
      {steps.map((s, i) => (
        <li
          key={s}
          className={i < current ? styles.done : i === current ? styles.current : undefined}
          aria-current={i === current ? 'step' : undefined}
        >
          <span className={styles.num}>{i < current ? <Icon name="check" size={13} /> : i + 1}</span>
          {label(s)}
        </li>
      ))}
    </ol>
  );
}
