import { DefinitionError } from '../errors';
import {
  type InstrumentDefinition,
  type InstrumentDefinitionInput,
  parseInstrumentDefinition,
} from '../schema';
import { keyOf } from './cells';
import { dataSheets } from './layout';
import { translateMessage } from './messages';
import type { DefinitionImport, ImportIssue, Location } from './types';

const cellKey = (at: Location) => `${at.sheet}\u0000${at.row}\u0000${at.column ?? ''}`;

function sheetOrder(sheet: string): number {
  const key = keyOf(sheet);
  const index = dataSheets.findIndex((s) => [s.name, ...s.aliases].some((name) => keyOf(name) === key));
  return index < 0 ? dataSheets.length : index;
}

/** Sheets in format order, then rows and columns (B before AA); exact repeats dropped. */
export function sortIssues(issues: readonly ImportIssue[]): ImportIssue[] {
  const seen = new Set<string>();
  const column = (letter = '') => letter.padStart(3, ' ');
  return issues
    .filter((issue) => {
      const key = `${cellKey(issue)}\u0000${issue.code}\u0000${JSON.stringify(issue.params)}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort(
      (a, b) =>
        sheetOrder(a.sheet) - sheetOrder(b.sheet) ||
        a.row - b.row ||
        column(a.column).localeCompare(column(b.column)),
    );
}

/**
 * Runs the definition through the same schema and cross-checks as the built-ins. Issues are
 * placed by `locate` and translated; one on a cell already reported as unreadable is dropped,
 * since it only echoes the placeholder that stood in for the cell.
 */
export function checkDefinition(
  input: InstrumentDefinitionInput,
  earlier: readonly ImportIssue[],
  locate: (path: string, message: string) => Location,
): DefinitionImport {
  let definition: InstrumentDefinition | undefined;
  const schema: ImportIssue[] = [];
  try {
    definition = parseInstrumentDefinition(input);
  } catch (error) {
    if (!(error instanceof DefinitionError)) throw error;
    for (const issue of error.issues)
      schema.push({ ...locate(issue.path, issue.message), ...translateMessage(issue.message) });
  }
  const reported = new Set(earlier.map(cellKey));
  const errors = sortIssues([...earlier, ...schema.filter((issue) => !reported.has(cellKey(issue)))]);
  return definition && errors.length === 0 ? { ok: true, definition } : { ok: false, errors };
}
