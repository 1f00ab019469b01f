import type { FormEvent, ReactNode, RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Button } from '../../ui/Button';
import { Icon, Logo, type IconName } from '../../ui/Icon';
import { LanguageSwitch } from '../../ui/LanguageSwitch';
import styles from './AuthLayout.module.css';

const points: { icon: IconName; key: 'offline' | 'encrypted' | 'scoped' }[] = [
  { icon: 'offline', key: 'offline' },
  { icon: 'lock', key: 'encrypted' },
  { icon: 'shield', key: 'scoped' },
];

/** Setup, login and recovery share one frame: the product on the left, the task on the right. */
export function AuthLayout({ children, wide = false }: { children: ReactNode; wide?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className={styles.auth}>
      <aside className={styles.brand}>
        <div className={styles.brandHead}>
          <Logo size={44} />
          <div>
            <p className={styles.brandName}>{t('app.name')}</p>
            <p className={styles.brandTagline}>{t('app.tagline')}</p>
          </div>
        </div>
        <ul className={styles.points}>
          {points.map((p) => (
            <li key={p.key}>
              <span className={styles.pointIcon}>
                <Icon name={p.icon} size={18} />
              </span>
              {t(`brand.points.${p.key}`)}
            </li>
          ))}
        </ul>
        <p className={styles.brandFoot}>{t('app.offline')}</p>
      </aside>
      <main className={styles.main}>
        <div className={styles.topbar}>
          <LanguageSwitch />
        </div>
        <div className={wide ? `${styles.card} ${styles.wide}` : styles.card}>{children}</div>
      </main>
    </div>
  );
}

/**
 * The form of each sign-in screen: fields, the failure above one full-width submit button
 * (busy while the call runs). The browser's own validation is off; the screens check and focus.
 */
export function AuthForm({
  formRef,
  onSubmit,
  testId,
  error,
  submit,
  busy,
  disabled = false,
  children,
}: {
  formRef?: RefObject<HTMLFormElement | null>;
  onSubmit(): Promise<void>;
  testId: string;
  /** The failure, already worded (an `<Alert>`), or nothing. */
  error: ReactNode;
  submit: ReactNode;
  busy: boolean;
  disabled?: boolean;
  children: ReactNode;
}) {
  return (
    <form
      ref={formRef}
      className="form"
      noValidate
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        void onSubmit();
      }}
      data-testid={testId}
    >
      {children}
      {error}
      <Button variant="primary" size="lg" block type="submit" busy={busy} disabled={disabled}>
        {submit}
      </Button>
    </form>
  );
}

/** The one link under a sign-in form (forgot password, back to log-in). */
export function AuthAltLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <p className={styles.alt}>
      <Link to={to} className="link">
        {children}
      </Link>
    </p>
  );
}
