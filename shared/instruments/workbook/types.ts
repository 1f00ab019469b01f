import type { CellValue } from '../../people/cell';
import type { IssueParams } from '../../issues';
import type { InstrumentDefinition } from '../schema';
import type { WorkbookIssueCode } from './messages';

export type { CellValue };

/** One sheet as the spreadsheet reader gives it: row i is Excel row i + 1. */
export interface WorkbookSheet {
  name: string;
  rows: readonly (readonly CellValue[])[];
}

/** Where something came from, in the terms the user sees in Excel. */
export interface Location {
  sheet: string;
  /** 1-based Excel row. */
  row: number;
  /** Excel column letter; absent when the problem concerns a whole row or sheet. */
  column?: string;
  /** The column header or 基本信息 item the problem concerns. */
  field?: string;
}

/** A problem, as a code the reader words in its language (`wordWorkbookIssue`, i18n `library.issues`). */
export interface ImportIssue extends Location {
  code: WorkbookIssueCode;
  params: IssueParams;
}

/** All or nothing: either a definition that passed every check, or every problem found. */
export type DefinitionImport =
  { ok: true; definition: InstrumentDefinition } | { ok: false; errors: ImportIssue[] };
