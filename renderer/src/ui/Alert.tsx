import type { ReactNode } from 'react';
import styles from './Alert.module.css';
import { Icon } from './Icon';

export type AlertKind = 'error' | 'warning' | 'info';

export function Alert({
  kind = 'error',
  title,
  children,
  testId,
}: {
  kind?: AlertKind;
  title?: ReactNode;
  children?: ReactNode;
  testId?: string;
}) {
  return (
    <div
      className={`${styles.alert} ${styles[kind]}`}
      role={kind === 'error' ? 'alert' : 'note'}
      // A stable hook for tests and the splash layout: module class names are hashed.
      data-alert={kind}
      data-testid={testId}
    >
      <Icon name={kind === 'info' ? 'info' : 'alert'} size={18} className={styles.icon} />
      <div className={styles.body}>
        {title ? <p className={styles.title}>{title}</p> : null}
        {children ? <div>{children}</div> : null}
      </div>
    </div>
  );
}
