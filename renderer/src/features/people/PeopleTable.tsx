import { useEffect, useLayoutEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PersonListItem } from '../../../../shared/api/people';
import { SortHeader } from '../../ui/SortHeader';
import { useWindow } from '../../lib/useWindow';
import type { PeopleSort } from '../../store/ui';
import type { PeoplePages } from './usePeoplePages';

export const ROW_HEIGHT = 44;

export interface Column {
  key: string;
  header: string;
  /** CSS width, e.g. "120px" or "18%". */
  width: string;
  sort?: PeopleSort;
  className?: string;
  render(item: PersonListItem, index: number): ReactNode;
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
  rowClassName,
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
  rowClassName?(item: PersonListItem, index: number): string;
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
        <tr key={`skeleton-${index}`} className="row-skeleton" aria-rowindex={index + 2}>
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
        className={`row-link ${rowClassName?.(item, index) ?? ''}`}
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
          <td key={c.key} className={c.className}>
            {c.render(item, index)}
          </td>
        ))}
      </tr>,
    );
  }

  return (
    <div
      className="vt-scroll"
      ref={scroller}
      onScroll={(e) => onScrollChange(e.currentTarget.scrollTop)}
      data-testid={`${testId}-scroll`}
    >
      <table className="table vt-table" aria-label={label} aria-rowcount={count + 1} data-testid={testId}>
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
            <tr className="vt-spacer" aria-hidden="true" style={{ height: start * ROW_HEIGHT }}>
              <td colSpan={columns.length} />
            </tr>
          ) : null}
          {rows}
          {end < count ? (
            <tr className="vt-spacer" aria-hidden="true" style={{ height: (count - end) * ROW_HEIGHT }}>
              <td colSpan={columns.length} />
            </tr>
          ) : null}
        </tbody>
      </table>
      {pages.loading && pages.total !== null ? <p className="vt-loading">{t('common.loading')}</p> : null}
    </div>
  );
}
