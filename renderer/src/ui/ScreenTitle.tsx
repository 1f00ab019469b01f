import type { ReactNode } from 'react';
import styles from './ScreenTitle.module.css';
import { Icon, type IconName } from './Icon';

/**
 * The heading of a whole-screen task (first-run setup, log-in, recovery, the keyring and boot
 * errors, the recovery code): a badge icon, the title and one line under it.
 */
export function ScreenTitle({
  icon,
  title,
  subtitle,
  id,
  testId,
  subtitleTestId,
}: {
  icon?: IconName;
  title: ReactNode;
  subtitle?: ReactNode;
  /** For `aria-labelledby` on the section the title names. */
  id?: string;
  testId?: string;
  subtitleTestId?: string;
}) {
  return (
    <>
      {icon ? (
        <div className={styles.badge}>
          <Icon name={icon} size={22} />
        </div>
      ) : null}
      <h1 className={styles.title} id={id} data-testid={testId}>
        {title}
      </h1>
      {subtitle ? (
        <p className={styles.subtitle} data-testid={subtitleTestId}>
          {subtitle}
        </p>
      ) : null}
    </>
  );
}

/** A quieter line under a section heading in the same screens. */
export function ScreenNote({ children }: { children: ReactNode }) {
  return <p className={styles.subtitle}>{children}</p>;
}
