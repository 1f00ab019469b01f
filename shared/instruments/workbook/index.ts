// Custom instrument import: a workbook (or JSON) in, a checked definition or located errors out.
export { definitionFromSheets } from './import';
export { definitionFromJson, JSON_SHEET } from './json';
export { exampleInstrument } from './example';
export { instrumentTemplate, type TemplateColumn, type TemplateSheet } from './template';
export { dataSheets, INSTRUCTIONS_SHEET, infoKeys } from './layout';
export type { DefinitionImport, ImportIssue, Location, WorkbookSheet } from './types';
export {
  wordWorkbookIssue,
  workbookIssueWords,
  workbookIssueValues,
  type WorkbookIssueCode,
} from './messages';
