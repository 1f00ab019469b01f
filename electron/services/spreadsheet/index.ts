// The one place that knows exceljs exists, so the library can be replaced without touching callers.
export { MAX_SPREADSHEET_BYTES, readSheetBytes, readSheetRows } from './read';
export { rosterTemplateBytes, writeRosterTemplate } from './template';
export type { CellValue, Sheet, TemplateColumn } from './types';
