import type { CellValue } from '../../../shared/people/cell';

export type { CellValue };

export interface Sheet {
  name: string;
  /** Hidden sheets usually hold lookup lists, not the roster. */
  hidden: boolean;
  /** Row i is the file's row i + 1; trailing empty cells and rows are dropped. */
  rows: CellValue[][];
}

export interface TemplateColumn {
  header: string;
  example: string;
  /** Offered as a drop-down on the data rows. */
  list?: readonly string[];
  /** In Excel character widths. */
  width?: number;
}
