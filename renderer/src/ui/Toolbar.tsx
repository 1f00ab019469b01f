import type { ReactNode } from 'react';
import styles from './Toolbar.module.css';
import { Icon } from './Icon';

/** The filter row above a list: search, selects, a clear button, and the count on the right. */
export function Toolbar({
  children,
  count,
  search = false,
  label,
  testId,
}: {
  children: ReactNode;
  /** Shown at the right end ("共 42 人"), announced when it changes. */
  count?: ReactNode;
  /** The row filters a list (role="search"). */
  search?: boolean;
  label?: string;
  testId?: string;
}) {
  return (
    <div
      className={styles.toolbar}
      role={search ? 'search' : undefined}
      aria-label={label}
      data-testid={testId}
    >
      {children}
      {count !== undefined ? (
        <p className={styles.count} aria-live="polite">
          {count}
        </p>
      ) : null}
    </div>
  );
}

/** A search box with its magnifier, for a toolbar. */
export function SearchInput({
  value,
  onValue,
  placeholder,
  label,
  testId,
  maxLength,
  size = 'md',
}: {
  value: string;
  onValue(value: string): void;
  placeholder: string;
  label: string;
  testId?: string;
  maxLength?: number;
  /** `lg` for a list searched by several kinds of number; `sm` beside other wide filters. */
  size?: 'sm' | 'md' | 'lg';
}) {
  return (
    <div className={size === 'md' ? styles.search : `${styles.search} ${styles[size]}`}>
      <span className={styles.searchIcon}>
        <Icon name="search" size={16} />
      </span>
      <input
        type="search"
        className={`input ${styles.searchInput}`}
        value={value}
        onChange={(e) => onValue(e.target.value)}
        placeholder={placeholder}
        aria-label={label}
        maxLength={maxLength}
        data-testid={testId}
      />
    </div>
  );
}
