import type { ReactNode } from 'react';
import styles from './Tabs.module.css';

export interface TabItem<V extends string> {
  value: V;
  label: ReactNode;
  /** A count after the label (open tasks, people in a group). */
  count?: number;
  testId?: string;
  /** The label's own language when it differs from the UI's (a language name: 中文, English). */
  lang?: string;
}

/**
 * One choice out of a few, side by side. `tabs` switches panels (role tablist, arrow keys move);
 * `toggle` filters the same list (pressed buttons), which is what most of our pages need.
 */
export function Tabs<V extends string>({
  items,
  value,
  onChange,
  label,
  mode = 'toggle',
  testId,
}: {
  items: readonly TabItem<V>[];
  value: V;
  onChange(value: V): void;
  label: string;
  mode?: 'tabs' | 'toggle';
  testId?: string;
}) {
  const tablist = mode === 'tabs';
  function onKeyDown(event: React.KeyboardEvent, index: number) {
    if (!tablist || (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft')) return;
    const step = event.key === 'ArrowRight' ? 1 : -1;
    const next = items[(index + step + items.length) % items.length];
    if (next) onChange(next.value);
  }
  return (
    <div className={styles.tabs} role={tablist ? 'tablist' : 'group'} aria-label={label} data-testid={testId}>
      {items.map((item, index) => {
        const selected = item.value === value;
        return (
          <button
            key={item.value}
            type="button"
            className={styles.tab}
            role={tablist ? 'tab' : undefined}
            aria-selected={tablist ? selected : undefined}
            aria-pressed={tablist ? undefined : selected}
            tabIndex={tablist && !selected ? -1 : undefined}
            onClick={() => onChange(item.value)}
            onKeyDown={(e) => onKeyDown(e, index)}
            data-testid={item.testId}
            lang={item.lang}
          >
            {item.label}
            {item.count !== undefined ? <span className={styles.count}>{item.count}</span> : null}
          </button>
        );
      })}
    </div>
  );
}
