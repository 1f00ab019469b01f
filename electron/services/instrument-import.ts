import { extname } from 'node:path';
import type { InstrumentSummary, UploadedFile } from '../../shared/api/instruments';
import { AppError } from '../../shared/api/errors';
import {
  definitionFromJson,
  definitionFromSheets,
  type DefinitionImport,
} from '../../shared/instruments/workbook';
import { wordWorkbookIssue } from '../../shared/instruments/workbook/messages';
import type { Db } from '../db/database';
import { saveCustomInstrument } from './instruments';
import { INSTRUMENT_TEMPLATE_FILE_NAME, instrumentTemplateBytes } from './spreadsheet/instrument-template';
import { fileError } from './spreadsheet/limits';
import { readUpload } from './uploads';

const MAX_JSON_BYTES = 2 * 1024 * 1024;

/** A custom definition from an Excel workbook or JSON: all of it, or nothing with every error located. */
export async function importInstrument(
  db: Db,
  userId: number,
  file: UploadedFile,
): Promise<InstrumentSummary> {
  let parsed: DefinitionImport;
  if (extname(file.fileName).toLowerCase() === '.json') {
    const bytes = Buffer.from(file.contentBase64, 'base64');
    if (bytes.length > MAX_JSON_BYTES) {
      const cap = MAX_JSON_BYTES / 1024 / 1024;
      throw fileError('too_large', `文件超过 ${cap} MB，无法导入。`, { cap });
    }
    parsed = definitionFromJson(bytes.toString('utf8'));
  } else {
    parsed = definitionFromSheets(await readUpload(file, {}));
  }
  if (!parsed.ok) {
    throw new AppError('invalid_input', `量表定义有 ${parsed.errors.length} 处错误，未导入任何内容。`, {
      issues: parsed.errors.map((e) => ({
        path: `${e.sheet}!${e.column ?? ''}${e.row}${e.field ? ` ${e.field}` : ''}`,
        message: wordWorkbookIssue(e),
        code: e.code,
        params: { ...e.params, ...(e.field ? { field: e.field } : {}) },
      })),
      detail: { reason: 'instrument.invalid', params: { count: parsed.errors.length } },
    });
  }
  return saveCustomInstrument(db, userId, parsed.definition);
}

export async function instrumentTemplate(): Promise<{ fileName: string; contentBase64: string }> {
  return {
    fileName: INSTRUMENT_TEMPLATE_FILE_NAME,
    contentBase64: (await instrumentTemplateBytes()).toString('base64'),
  };
}
