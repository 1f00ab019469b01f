// The one place that knows exceljs exists, so the library can be replaced without touching callers.
export { MAX_SPREADSHEET_BYTES, readSheetRows } from './read';
export { writeRosterTemplate } from './template';
export type { CellValue, Sheet, TemplateColumn } from './types';
