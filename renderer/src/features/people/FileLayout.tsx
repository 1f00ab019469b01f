import type { ReactNode } from 'react';
import styles from './FileLayout.module.css';

/** A person's initial in a circle, before the name in a file's or a case's header. */
export function Avatar({ name }: { name: string }) {
  return (
    <span className={styles.avatar} aria-hidden="true">
      {Array.from(name)[0] ?? '·'}
    </span>
  );
}

/** The file's two columns: facts on the left, the record on the right. */
export function FileGrid({ left, right }: { left: ReactNode; right: ReactNode }) {
  return (
    <div className={styles.grid}>
      <div className={styles.col}>{left}</div>
      <div className={styles.col}>{right}</div>
    </div>
  );
}

/** A card of the file: a heading (when given) and, beside it, a note or tag. */
export function FileCard({
  title,
  aside,
  children,
  className,
  testId,
}: {
  title?: string;
  aside?: ReactNode;
  children: ReactNode;
  className?: string;
  testId?: string;
}) {
  return (
    <section className={[`card ${styles.card}`, className].filter(Boolean).join(' ')} data-testid={testId}>
      {title ? (
        <header className="card-head">
          <h2 className="card-title">{title}</h2>
          {aside}
        </header>
      ) : null}
      {children}
    </section>
  );
}

/** A fact's label, value and, where a test reads it, its test id. */
export type FactRow = readonly [string, ReactNode, string?];

/** Label–value rows; an empty value shows as a dash. */
export function Facts({ rows }: { rows: readonly FactRow[] }) {
  return (
    <dl className={styles.facts}>
      {rows.map(([label, value, testId]) => (
        <div key={label} className={styles.fact} data-testid={testId}>
          <dt>{label}</dt>
          <dd>{value === null || value === undefined || value === '' ? '—' : value}</dd>
        </div>
      ))}
    </dl>
  );
}
