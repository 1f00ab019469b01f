import type { CellValue } from '../../people/cell';
import { cellString, keyOf } from './cells';
import type { ColumnSpec, FieldOf, SheetSpec } from './layout';
import type { ImportIssue, Location, WorkbookSheet } from './types';

/** Excel's column letter for a 0-based column index: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  const n = index + 1;
  return (
    (n > 26 ? columnLetter(Math.floor((n - 1) / 26) - 1) : '') + String.fromCharCode(65 + ((n - 1) % 26))
  );
}

export interface Cell {
  value: CellValue;
  at: Location;
}

export class TableRow<F extends string> {
  constructor(
    private readonly table: Table<F>,
    readonly number: number,
    private readonly cells: readonly CellValue[],
  ) {}

  get at(): Location {
    return { sheet: this.table.name, row: this.number };
  }

  cell(field: F): Cell {
    const index = this.table.columns.get(field);
    const header = this.table.header(field);
    const at: Location = { sheet: this.table.name, row: this.number, field: header };
    if (index === undefined) return { value: null, at };
    return { value: this.cells[index] ?? null, at: { ...at, column: columnLetter(index) } };
  }

  /** Blank rows between entries are layout, not data. */
  get empty(): boolean {
    return this.cells.every((c) => cellString(c) === '');
  }

  blank(field: F): boolean {
    return cellString(this.cell(field).value) === '';
  }
}

export class Table<F extends string> {
  readonly rows: TableRow<F>[];

  constructor(
    readonly spec: SheetSpec<F>,
    readonly name: string,
    /** 1-based Excel row of the header. */
    readonly headerRow: number,
    readonly columns: ReadonlyMap<F, number>,
    dataRows: readonly (readonly CellValue[])[],
  ) {
    this.rows = dataRows
      .map((cells, i) => new TableRow(this, headerRow + 1 + i, cells))
      .filter((row) => !row.empty);
  }

  header(field: F): string {
    return this.spec.columns.find((c) => c.field === field)?.header ?? field;
  }

  /** The header cell of a column, for problems that concern the column as a whole. */
  headerAt(field: F): Location {
    const index = this.columns.get(field);
    return {
      sheet: this.name,
      row: this.headerRow,
      ...(index === undefined ? {} : { column: columnLetter(index) }),
      field: this.header(field),
    };
  }
}

const HEADER_SCAN_ROWS = 10;

function columnIndex<F extends string>(spec: SheetSpec<F>): Map<string, F> {
  const index = new Map<string, F>();
  for (const c of spec.columns as readonly ColumnSpec<F>[]) {
    for (const name of [c.header, ...c.aliases]) if (!index.has(keyOf(name))) index.set(keyOf(name), c.field);
  }
  return index;
}

export function findSheet(sheets: readonly WorkbookSheet[], spec: SheetSpec): WorkbookSheet | undefined {
  const names = new Set([spec.name, ...spec.aliases].map(keyOf));
  return sheets.find((sheet) => names.has(keyOf(sheet.name)));
}

/**
 * Reads a sheet as a table: the header is the first row (of the first few, so a title row
 * above it is fine) naming at least two known columns; unknown columns are ignored.
 */
export function readTable<S extends SheetSpec>(
  sheet: WorkbookSheet,
  spec: S,
  issues: ImportIssue[],
): Table<FieldOf<S>> | undefined {
  type F = FieldOf<S>;
  const index = columnIndex(spec as SheetSpec<F>);
  const minMatches = Math.min(2, spec.columns.length);
  for (const [i, row] of sheet.rows.slice(0, HEADER_SCAN_ROWS).entries()) {
    const columns = new Map<F, number>();
    row.forEach((cell, column) => {
      const field = index.get(keyOf(cellString(cell)));
      if (field !== undefined && !columns.has(field)) columns.set(field, column);
    });
    if (columns.size < minMatches) continue;
    const missing = spec.columns.filter((c) => c.required && !columns.has(c.field));
    for (const c of missing) {
      issues.push({ sheet: sheet.name, row: i + 1, field: c.header, code: 'missing_column', params: {} });
    }
    return missing.length
      ? undefined
      : new Table(spec as SheetSpec<F>, sheet.name, i + 1, columns, sheet.rows.slice(i + 1));
  }
  const headers = spec.columns.filter((c) => c.required).map((c) => `“${c.header}”`);
  issues.push({
    sheet: sheet.name,
    row: 1,
    code: 'no_header',
    params: { headers: { zh: headers.join('、'), en: headers.join(', ') } },
  });
  return undefined;
}
