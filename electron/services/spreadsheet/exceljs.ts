import type ExcelJS from 'exceljs';

/**
 * exceljs is only needed to write workbooks, and loading it costs about a third of a second: every
 * command and the app's start-up would pay that (an import reads with the streaming reader instead).
 */
export async function loadExcelJs(): Promise<typeof ExcelJS> {
  return (await import('exceljs')).default;
}
