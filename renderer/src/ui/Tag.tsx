import type { ReactNode } from 'react';
import styles from './Tag.module.css';

export type TagTone = 'primary' | 'muted' | 'accent' | 'warning' | 'danger' | 'success';

/** A short label in a pill: a status, a count, a kind. Warning levels use `LevelTag` (people). */
export function Tag({
  tone = 'primary',
  dot = false,
  children,
  title,
  testId,
}: {
  tone?: TagTone;
  /** A coloured dot before the text, for states (在读, 已结案). */
  dot?: boolean;
  children: ReactNode;
  title?: string;
  testId?: string;
}) {
  const classes = [styles.tag, tone === 'primary' ? '' : styles[tone], dot ? styles.dot : ''];
  return (
    <span className={classes.filter(Boolean).join(' ')} title={title} data-testid={testId}>
      {children}
    </span>
  );
}
