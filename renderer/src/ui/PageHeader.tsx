import type { ReactNode } from 'react';
import styles from './PageHeader.module.css';

/** A page's title, one line saying what it is for, and its main actions on the right. */
export function PageHeader({
  title,
  subtitle,
  actions,
  before,
  testId,
}: {
  title: ReactNode;
  subtitle?: ReactNode;
  actions?: ReactNode;
  /** Above the title: a back link or breadcrumb. */
  before?: ReactNode;
  testId?: string;
}) {
  return (
    <header className={styles.header} data-testid={testId} data-page-header="">
      <div>
        {before}
        <h1 className={styles.title}>{title}</h1>
        {subtitle ? <p className={styles.subtitle}>{subtitle}</p> : null}
      </div>
      {actions ? <div className={styles.actions}>{actions}</div> : null}
    </header>
  );
}
