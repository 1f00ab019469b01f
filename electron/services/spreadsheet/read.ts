import { readFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { AppError } from '../../../shared/api/errors';
import { decodeText, parseCsv } from './csv';
import { fileError } from './limits';
import type { Sheet } from './types';
import { readXlsx } from './xlsx';

/** Rosters are a few thousand rows; anything far larger is a wrong file and would exhaust memory. */
export const MAX_SPREADSHEET_BYTES = 50 * 1024 * 1024;

const ZIP = [0x50, 0x4b, 0x03, 0x04];
// OLE2 compound file: a legacy .xls, or an .xlsx that Excel/WPS saved with a password.
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0];

const SAVE_AS_XLSX =
  'Open it in Excel or WPS and save it as .xlsx (文件 → 另存为 → Excel 工作簿 .xlsx), then import that file.';

// The CLI prints the message as it is, so these are bilingual; the UI words `detail` in its language.
const refuse = fileError;

const startsWith = (head: Uint8Array, magic: number[]): boolean => magic.every((byte, i) => head[i] === byte);

/**
 * Every sheet of an .xlsx, or the one table of a .csv, as rows of plain cell values.
 * The file is read into memory and its worksheets inflated and parsed as streams from there: nothing
 * may reach a temp folder (exceljs's streaming reader spills plaintext worksheet XML into one).
 */
export async function readSheetRows(
  file: string,
  { maxBytes = MAX_SPREADSHEET_BYTES } = {},
): Promise<{ sheets: Sheet[] }> {
  // The size is checked before anything is loaded.
  if ((await stat(file)).size > maxBytes) throw tooLarge(maxBytes);
  return readSheetBytes(basename(file), await readFile(file), { maxBytes });
}

/** The same for a file that arrived as bytes (an upload from the UI); nothing touches the disk. */
export async function readSheetBytes(
  fileName: string,
  data: Buffer,
  { maxBytes = MAX_SPREADSHEET_BYTES } = {},
): Promise<{ sheets: Sheet[] }> {
  const extension = extname(fileName).toLowerCase();
  const head = data.subarray(0, 4);
  if (data.length === 0)
    throw refuse('empty', '文件是空的（0 字节），请确认选择了正确的文件。The file is empty.');
  if (startsWith(head, OLE2)) {
    throw extension === '.xls'
      ? refuse(
          'xls',
          `这是旧版 .xls 文件，无法读取：请另存为 .xlsx 后再导入。Old-format .xls files cannot be read. ${SAVE_AS_XLSX}`,
        )
      : refuse(
          'encrypted',
          '文件设置了密码，或是旧版 .xls 格式：请在 Excel 或 WPS 中取消密码并另存为 .xlsx 后再导入。This file is password-protected or in the old .xls format. Remove the password and save it as .xlsx in Excel or WPS, then import that file.',
        );
  }
  if (data.length > maxBytes) throw tooLarge(maxBytes);
  // Sniffed rather than trusted: exports are often renamed, and an .xls may really be an .xlsx.
  if (startsWith(head, ZIP)) {
    try {
      return { sheets: await readXlsx(data) };
    } catch (error) {
      // A limit passed, an encrypted part, a DOCTYPE: the reader's own sentence says which.
      if (error instanceof AppError) throw error;
      throw refuse(
        'corrupt',
        `无法作为 Excel 工作簿读取这个文件（文件可能已损坏或不完整）：请另存为 .xlsx 后再导入。The file could not be read as an Excel workbook. ${SAVE_AS_XLSX}`,
      );
    }
  }
  if (extension === '.csv' || extension === '.txt') {
    const rows = parseCsv(decodeText(data)).map((row) => row.map((cell) => (cell === '' ? null : cell)));
    return { sheets: [{ name: basename(fileName, extname(fileName)), hidden: false, rows }] };
  }
  // Many school systems write an HTML table and call it .xls.
  throw refuse(
    'unsupported_type',
    `无法导入这种文件，请使用 .xlsx 或 .csv。This file type cannot be imported; use .xlsx or .csv. ${SAVE_AS_XLSX}`,
  );
}

const tooLarge = (maxBytes: number) => {
  const megabytes = Math.round(maxBytes / 1024 / 1024);
  return refuse('too_large', `文件超过 ${megabytes} MB，无法导入。The file is larger than ${megabytes} MB.`, {
    cap: megabytes,
  });
};
