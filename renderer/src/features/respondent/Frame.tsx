import { useId, type InputHTMLAttributes, type ReactNode, type Ref } from 'react';
import styles from './Frame.module.css';
import { fieldStyles } from './kit';

/** The respondent's page: a quiet header and one centred column, from a phone to a lab monitor. */
export function RespondentFrame({
  title,
  subtitle,
  aside,
  children,
  testId,
}: {
  title: ReactNode;
  subtitle?: ReactNode;
  aside?: ReactNode;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <div className={styles.frame} data-testid={testId}>
      <header className={styles.header}>
        <div className={styles.brand}>
          <svg width={34} height={34} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
            <rect width="32" height="32" rx="8" fill="#0f766e" />
            <path
              d="M7 15.5a9 9 0 0 1 18 0"
              fill="none"
              stroke="#ccfbf1"
              strokeWidth="2.2"
              strokeLinecap="round"
            />
            <path
              d="M16 25.5s-6-3.6-6-7.6a3.2 3.2 0 0 1 6-1.6 3.2 3.2 0 0 1 6 1.6c0 4-6 7.6-6 7.6z"
              fill="#ffffff"
            />
          </svg>
          <div className={styles.brandText}>
            <p className={styles.brandTitle}>{title}</p>
            {subtitle ? <p className={styles.brandSubtitle}>{subtitle}</p> : null}
          </div>
        </div>
        {aside ? <div className={styles.aside}>{aside}</div> : null}
      </header>
      <main className={styles.main}>{children}</main>
    </div>
  );
}

/** A large labelled input for respondents: big type, big touch target, the error right under it. */
export function BigField({
  label,
  hint,
  error,
  ref,
  ...input
}: {
  label: string;
  hint?: string;
  error?: string | null;
  ref?: Ref<HTMLInputElement>;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'className'>) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className={error ? `${fieldStyles.field} ${fieldStyles.invalid}` : fieldStyles.field}>
      <label className={fieldStyles.label} htmlFor={id}>
        {label}
      </label>
      <input
        {...input}
        ref={ref}
        id={id}
        className={fieldStyles.input}
        aria-invalid={Boolean(error)}
        aria-describedby={[errorId, hintId].filter(Boolean).join(' ') || undefined}
      />
      {error ? (
        <p className={fieldStyles.error} id={errorId}>
          {error}
        </p>
      ) : hint ? (
        <p className={fieldStyles.hint} id={hintId}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}
