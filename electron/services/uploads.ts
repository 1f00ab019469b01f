import type { UploadedFile } from '../../shared/api/instruments';
import { readSheetBytes, type Sheet } from './spreadsheet';

/** An uploaded spreadsheet is parsed in memory; health data never lands in a temp file. */
export async function readUpload(file: UploadedFile): Promise<Sheet[]> {
  return (await readSheetBytes(file.fileName, Buffer.from(file.contentBase64, 'base64'))).sheets;
}
