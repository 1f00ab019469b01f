import { open, readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { AppError } from '../../../shared/api/errors';
import { decodeText, parseCsv } from './csv';
import type { Sheet } from './types';
import { readXlsx } from './xlsx';

/** Rosters are a few thousand rows; anything far larger is a wrong file and would exhaust memory. */
export const MAX_SPREADSHEET_BYTES = 50 * 1024 * 1024;

const ZIP = [0x50, 0x4b, 0x03, 0x04];
// OLE2 compound file: a legacy .xls, or an .xlsx that Excel/WPS saved with a password.
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0];

const SAVE_AS_XLSX =
  'Open it in Excel or WPS and save it as .xlsx (文件 → 另存为 → Excel 工作簿 .xlsx), then import that file.';

const refuse = (message: string): AppError =>
  new AppError('invalid_input', message, { issues: [{ path: 'file', message }] });

/** The first bytes say what the file really is; the size is checked before anything is loaded. */
async function inspect(file: string): Promise<{ head: Buffer; size: number }> {
  const handle = await open(file, 'r');
  try {
    const { bytesRead, buffer } = await handle.read(Buffer.alloc(4), 0, 4, 0);
    return { head: buffer.subarray(0, bytesRead), size: (await handle.stat()).size };
  } finally {
    await handle.close();
  }
}

const startsWith = (head: Buffer, magic: number[]): boolean => magic.every((byte, i) => head[i] === byte);

/**
 * Every sheet of an .xlsx, or the one table of a .csv, as rows of plain cell values.
 * The whole file is read into memory on purpose: exceljs's streaming reader spills plaintext
 * worksheet XML into the system temp folder, which must never happen with health data.
 */
export async function readSheetRows(
  file: string,
  { maxBytes = MAX_SPREADSHEET_BYTES } = {},
): Promise<{ sheets: Sheet[] }> {
  const extension = extname(file).toLowerCase();
  const { head, size } = await inspect(file);
  if (startsWith(head, OLE2)) {
    throw refuse(
      extension === '.xls'
        ? `Old-format .xls files cannot be read. ${SAVE_AS_XLSX}`
        : `This file is password-protected or in the old .xls format. Remove the password and save it as .xlsx in Excel or WPS, then import that file.`,
    );
  }
  if (size > maxBytes) throw refuse(`The file is larger than ${Math.round(maxBytes / 1024 / 1024)} MB.`);
  const data = await readFile(file);
  // Sniffed rather than trusted: exports are often renamed, and an .xls may really be an .xlsx.
  if (startsWith(head, ZIP)) {
    try {
      return { sheets: await readXlsx(data) };
    } catch {
      throw refuse(`The file could not be read as an Excel workbook. ${SAVE_AS_XLSX}`);
    }
  }
  if (extension === '.csv' || extension === '.txt') {
    const rows = parseCsv(decodeText(data)).map((row) => row.map((cell) => (cell === '' ? null : cell)));
    return { sheets: [{ name: basename(file, extname(file)), hidden: false, rows }] };
  }
  // Many school systems write an HTML table and call it .xls.
  throw refuse(`This file type cannot be imported; use .xlsx or .csv. ${SAVE_AS_XLSX}`);
}
