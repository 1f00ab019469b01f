import { instrumentTemplate } from '../../../shared/instruments/workbook';
import { sheetsToXlsx, writeSheets } from './write-sheets';

/** The name offered when the template is downloaded. */
export const INSTRUMENT_TEMPLATE_FILE_NAME = '自定义量表导入模板.xlsx';

/** The custom-instrument template as .xlsx bytes, for a download that never touches the disk. */
export function instrumentTemplateBytes(): Promise<Buffer> {
  return sheetsToXlsx(instrumentTemplate());
}

/** Writes the template (说明 sheet, every data sheet, the worked example) to `file`, atomically. */
export function writeInstrumentTemplate(file: string): Promise<void> {
  return writeSheets(file, instrumentTemplate());
}
