import { basename } from 'node:path';
import { AppError, refusal } from '../../shared/api/errors';
import type { ImportFile } from '../../shared/api/instruments';
import type { AppContext } from './context';
import { readSheetBytes, readSheetRows, type Sheet } from './spreadsheet';

/** The name a file to import goes by (previews and the audit show it). */
export function uploadName(file: ImportFile): string {
  return 'path' in file ? basename(file.path) : file.fileName;
}

/**
 * An uploaded spreadsheet is parsed in memory; health data never lands in a temp file. A file
 * named by path is read only for the command line (`ctx.commandLine`): a page or a loopback
 * client must not make the app open a file of its choosing.
 */
export async function readUpload(file: ImportFile, ctx: Pick<AppContext, 'commandLine'>): Promise<Sheet[]> {
  if ('path' in file) {
    if (!ctx.commandLine)
      throw new AppError('forbidden', 'Only the command line may name files on this machine.');
    try {
      return (await readSheetRows(file.path)).sheets;
    } catch (error) {
      const code = (error as { code?: string } | null)?.code;
      if (code === 'ENOENT' || code === 'EISDIR' || code === 'EACCES')
        throw refusal('not_found', 'files.unreadable', `Cannot read the file ${file.path}.`, {
          path: file.path,
        });
      throw error;
    }
  }
  return (await readSheetBytes(file.fileName, Buffer.from(file.contentBase64, 'base64'))).sheets;
}
