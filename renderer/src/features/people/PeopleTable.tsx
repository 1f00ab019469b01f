import { useEffect, useLayoutEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PersonListItem } from '../../../../shared/api/people';
import { SortHeader } from '../../ui/SortHeader';
import { useWindow } from '../../lib/useWindow';
import type { PeopleSort } from '../../store/ui';
import type { PeoplePages } from './usePeoplePages';
import tableStyles from '../../ui/Table.module.css';
import styles from './PeopleTable.module.css';

export const ROW_HEIGHT = 44;

export interface Column {
  key: string;
  header: string;
  /** CSS width, e.g. "120px" or "18%". */
  width: string;
  sort?: PeopleSort;
  /** How the cell reads: the row's name, figures, numbers, or the grade/class shown once per group. */
  kind?: 'strong' | 'num' | 'id' | 'group';
  render(item: PersonListItem, index: number): ReactNode;
}

/** A row's mark: where a class group starts or continues, or a woman due for screening now. */
export type RowTone = 'groupStart' | 'groupCont' | 'due' | '';

const cellClass = {
  strong: tableStyles.strong,
  num: tableStyles.num,
  id: tableStyles.id,
  group: styles.group,
};

const rowClass = (tone: RowTone) => (tone ? `${styles.row} ${styles[tone]}` : styles.row);

/** A person's name in a register row: a link to the file (the row itself opens it on click). */
export function PersonLink({ item }: { item: PersonListItem }) {
  return (
    <Link
      to={`/app/people/${item.id}`}
      className={styles.name}
      onClick={(e) => e.stopPropagation()}
      tabIndex={-1}
    >
      {item.name}
    </Link>
  );
}

/**
 * The register as a windowed table: a fixed row height, only the rows on screen rendered,
 * pages fetched as they scroll into view.
 */
export function PeopleTable({
  columns,
  pages,
  sort,
  descending,
  onSort,
  onOpen,
  rowTone,
  initialScroll,
  onScrollChange,
  label,
  testId,
  rowTestId,
}: {
  columns: readonly Column[];
  pages: PeoplePages;
  sort: PeopleSort;
  descending: boolean;
  onSort(sort: PeopleSort, descending: boolean): void;
  onOpen(item: PersonListItem): void;
  rowTone?(item: PersonListItem, index: number): RowTone;
  initialScroll: number;
  onScrollChange(top: number): void;
  label: string;
  testId: string;
  rowTestId: string;
}) {
  const { t } = useTranslation();
  const scroller = useRef<HTMLDivElement>(null);
  const count = pages.total ?? 0;
  const { start, end } = useWindow(scroller, count, ROW_HEIGHT);
  const restored = useRef(false);
  const { ensure } = pages;

  useEffect(() => {
    ensure(start, end);
  }, [ensure, start, end]);

  // Back from a person's file: land on the row the user left.
  useLayoutEffect(() => {
    if (restored.current || pages.total === null || !scroller.current) return;
    restored.current = true;
    scroller.current.scrollTop = initialScroll;
  }, [pages.total, initialScroll]);

  const rows: ReactNode[] = [];
  for (let index = start; index < end; index++) {
    const item = pages.at(index);
    if (!item) {
      rows.push(
        <tr key={`skeleton-${index}`} className={styles.skeleton} aria-rowindex={index + 2}>
          {columns.map((c) => (
            <td key={c.key}>
              <span className="skeleton" />
            </td>
          ))}
        </tr>,
      );
      continue;
    }
    rows.push(
      <tr
        key={item.id}
        className={rowClass(rowTone?.(item, index) ?? '')}
        aria-rowindex={index + 2}
        tabIndex={0}
        onClick={() => onOpen(item)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' || e.key === ' ') {
            e.preventDefault();
            onOpen(item);
          }
        }}
        data-testid={rowTestId}
      >
        {columns.map((c) => (
          <td key={c.key} className={c.kind ? cellClass[c.kind] : undefined}>
            {c.render(item, index)}
          </td>
        ))}
      </tr>,
    );
  }

  return (
    <div
      className={styles.scroll}
      ref={scroller}
      onScroll={(e) => onScrollChange(e.currentTarget.scrollTop)}
      data-testid={`${testId}-scroll`}
    >
      <table
        className={`${tableStyles.table} ${styles.table}`}
        aria-label={label}
        aria-rowcount={count + 1}
        data-testid={testId}
      >
        <colgroup>
          {columns.map((c) => (
            <col key={c.key} style={{ width: c.width }} />
          ))}
        </colgroup>
        <thead>
          <tr aria-rowindex={1}>
            {columns.map((c) => (
              <SortHeader
                key={c.key}
                header={c.header}
                sortKey={c.sort}
                sort={sort}
                descending={descending}
                onSort={onSort}
              />
            ))}
          </tr>
        </thead>
        <tbody>
          {start > 0 ? (
            <tr className={styles.spacer} aria-hidden="true" style={{ height: start * ROW_HEIGHT }}>
              <td colSpan={columns.length} />
            </tr>
          ) : null}
          {rows}
          {end < count ? (
            <tr className={styles.spacer} aria-hidden="true" style={{ height: (count - end) * ROW_HEIGHT }}>
              <td colSpan={columns.length} />
            </tr>
          ) : null}
        </tbody>
      </table>
      {pages.loading && pages.total !== null ? <p className={styles.loading}>{t('common.loading')}</p> : null}
    </div>
  );
}
