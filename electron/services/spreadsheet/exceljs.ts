import type ExcelJS from 'exceljs';

/**
 * exceljs is only needed to write workbooks, and loading it costs about a third of a second: every
 * command and the app's start-up would pay that (an import reads with the streaming reader instead).
 */
export async function loadExcelJs(): Promise<typeof ExcelJS> {
  return (await import('exceljs')).default;
}

/**
 * How every sheet built with exceljs prints, as the streamed export does (stream-writer.ts): A4
 * landscape, one page wide and as many down as the rows need, the header row on every page. The
 * header row's cells wrap (see `wrapHeader`), so a narrow column keeps its whole header.
 */
export const PRINTABLE_SHEET: Partial<
  ExcelJS.WorksheetProperties & { pageSetup: Partial<ExcelJS.PageSetup> }
> = {
  pageSetup: {
    paperSize: 9,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: '1:1',
    margins: { left: 0.25, right: 0.25, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  },
};

/** The header row bold and wrapping, centred over its column. */
export function wrapHeader(row: ExcelJS.Row): void {
  row.font = { bold: true };
  row.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
}
