import type { ReactNode } from 'react';
import styles from './EmptyState.module.css';
import { Icon, type IconName } from './Icon';

export function EmptyState({
  icon = 'inbox',
  title,
  body,
  action,
  compact = false,
  testId,
}: {
  icon?: IconName;
  title: string;
  body?: string;
  action?: ReactNode;
  /** Less padding, for an empty section inside a card rather than an empty page. */
  compact?: boolean;
  testId?: string;
}) {
  return (
    <div
      className={compact ? `${styles.state} ${styles.compact}` : styles.state}
      data-empty-state=""
      data-testid={testId}
    >
      <div className={styles.icon} data-empty-icon="">
        <Icon name={icon} size={28} />
      </div>
      <p className={styles.title}>{title}</p>
      {body ? <p className={styles.body}>{body}</p> : null}
      {action}
    </div>
  );
}
