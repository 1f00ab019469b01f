import type { ReactNode } from 'react';
import styles from './Table.module.css';
import { SortHeader } from './SortHeader';

export interface Column<Row, K extends string = string> {
  /** Stable id; also the sort key when `sortable`. */
  key: K;
  header: string;
  cell(row: Row): ReactNode;
  /** How the cell reads: `strong` (the row's name), `num` (right-aligned figures), `id` (numbers). */
  kind?: 'text' | 'strong' | 'num' | 'id' | 'wrap';
  sortable?: boolean;
}

const cellClass = { text: '', strong: styles.strong, num: styles.num, id: styles.id, wrap: styles.wrapText };

/**
 * A list as a table: columns describe header and cell once, so pages stop repeating
 * `<table><thead>…` and every list sorts, aligns numbers and scrolls the same way.
 */
export function Table<Row, K extends string = string>({
  columns,
  rows,
  rowKey,
  label,
  sort,
  onSort,
  onRowClick,
  rowClassName,
  dense = false,
  empty,
  testId,
  rowTestId,
  rowData,
}: {
  columns: readonly Column<Row, K>[];
  rows: readonly Row[];
  rowKey(row: Row): string | number;
  /** The table's accessible name. */
  label: string;
  sort?: { key: K | null; descending: boolean };
  onSort?(key: K, descending: boolean): void;
  onRowClick?(row: Row): void;
  /** A class for some rows (an inactive account drawn muted). */
  rowClassName?(row: Row): string | undefined;
  /** Tighter cells, for small summary tables inside a card. */
  dense?: boolean;
  /** Shown instead of the table when there are no rows. */
  empty?: ReactNode;
  testId?: string;
  rowTestId?: string;
  /** Data attributes per row (`{ outcome: 'matched' }` → data-outcome), for styles and tests. */
  rowData?(row: Row): Record<string, string | number>;
}) {
  if (rows.length === 0 && empty) return <>{empty}</>;
  return (
    <div className={styles.wrap}>
      <table
        className={dense ? `${styles.table} ${styles.dense}` : styles.table}
        aria-label={label}
        data-testid={testId}
      >
        <thead>
          <tr>
            {columns.map((column) =>
              sort && onSort && column.sortable ? (
                <SortHeader
                  key={column.key}
                  header={column.header}
                  sortKey={column.key}
                  sort={sort.key}
                  descending={sort.descending}
                  onSort={onSort}
                />
              ) : (
                <th key={column.key} scope="col" className={column.kind === 'num' ? styles.num : undefined}>
                  {column.header}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr
              key={rowKey(row)}
              className={
                [onRowClick ? styles.clickable : '', rowClassName?.(row) ?? ''].filter(Boolean).join(' ') ||
                undefined
              }
              onClick={onRowClick ? () => onRowClick(row) : undefined}
              data-testid={rowTestId}
              {...dataAttributes(rowData?.(row))}
            >
              {columns.map((column) => (
                <td key={column.key} className={cellClass[column.kind ?? 'text'] || undefined}>
                  {column.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function dataAttributes(data: Record<string, string | number> | undefined): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(data ?? {})) out[`data-${name}`] = value;
  return out;
}
