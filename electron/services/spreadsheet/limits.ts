import { AppError } from '../../../shared/api/errors';

/**
 * Hard limits checked while a spreadsheet is read, so a crafted 2 KB file can neither exhaust memory
 * (`<row r="4000000000">` once grew an array to 5 GB) nor hold the CPU for minutes. Each is far above
 * what a school roster or a clinic register needs (a few thousand rows, a few dozen columns).
 */
export const LIMITS = {
  /** Parts in the zip; an .xlsx has a dozen or so, a few hundred with many sheets and images. */
  zipEntries: 10_000,
  /** Bytes one part may inflate to: 200,000 rows of a roster are ~100 MB of XML. */
  partBytes: 160 * 1024 * 1024,
  /** Bytes of a part read whole (workbook, relationships, styles, shared strings). */
  smallPartBytes: 64 * 1024 * 1024,
  /** Inflated / compressed, for parts past 1 MB: XML compresses ~10–50×, zip bombs by 1,000× and more. */
  compressionRatio: 1_000,
  /** Excel's own grid. */
  excelRows: 1_048_576,
  excelColumns: 16_384,
  /** Rows an import reads; a whole county's roster is under 100,000. */
  rows: 200_000,
  /** Cells holding a value, over all sheets. */
  cells: 2_000_000,
  mergedRanges: 10_000,
  /** Row-cells a merge clears, summed over all merges (each merged range is visited row by row). */
  mergedArea: 2_000_000,
  sharedStrings: 1_000_000,
  /** Characters over all shared strings. */
  sharedStringChars: 64 * 1024 * 1024,
  /** Excel's limit for the text of one cell. */
  cellChars: 32_767,
  /** SpreadsheetML nests about eight deep. */
  xmlDepth: 64,
  /** A CSV line; a roster line is a few hundred characters. */
  csvLineChars: 100_000,
  /**
   * Fields of a CSV, empty ones included (a CSV has no sparse rows): 50 MB of commas was 49 million
   * of them, 1.2 GB of memory.
   */
  csvFields: 5_000_000,
} as const;

export type FileReason =
  | 'limit'
  | 'xls'
  | 'encrypted'
  | 'empty'
  | 'not_xlsx'
  | 'corrupt'
  | 'unsupported_type'
  | 'too_large'
  | 'no_sheets'
  | 'bad_reference'
  | 'doctype'
  | 'binary'
  | 'bad_encoding'
  | 'no_header'
  | 'out_of_memory';

/** A file that cannot be read, worded for the user; `detail` lets the UI word it in English too. */
export function fileError(
  reason: FileReason,
  message: string,
  params: Record<string, string | number> = {},
): AppError {
  return new AppError('invalid_input', message, {
    issues: [{ path: 'file', message }],
    detail: { reason: `file.${reason}`, params },
  });
}

const LIMIT_WORDS: Record<string, string> = {
  zipEntries: '压缩包中的文件数',
  partBytes: '解压后的大小（字节）',
  smallPartBytes: '解压后的大小（字节）',
  compressionRatio: '压缩比',
  excelRows: '行号',
  excelColumns: '列号',
  rows: '行数',
  cells: '单元格数',
  mergedRanges: '合并单元格数',
  mergedArea: '合并单元格的总面积',
  sharedStrings: '文本条目数',
  sharedStringChars: '文本总字符数',
  cellChars: '单元格字符数',
  xmlDepth: 'XML 嵌套层数',
  csvLineChars: '一行的字符数',
  csvFields: '字段数',
  csvColumns: '列数',
};

/**
 * A limit passed: which one, the value seen and the cap. `row` names the sheet row when known
 * (第 N 行超出允许的最大行数 200000).
 */
export function limitError(limit: keyof typeof LIMITS | 'csvColumns', value: number, row?: number): AppError {
  const cap = limit === 'csvColumns' ? LIMITS.excelColumns : LIMITS[limit];
  const where = row === undefined ? '' : `第 ${row} 行`;
  const message =
    limit === 'rows' || limit === 'excelRows'
      ? `第 ${value} 行超出允许的最大行数 ${cap}。请只保留名单所在的行后另存为新文件再导入。`
      : `${where}${LIMIT_WORDS[limit]}超出上限：${value}，最多 ${cap}。这个文件无法导入，请检查是否选错了文件。`;
  return fileError('limit', message, { limit, value, cap, ...(row === undefined ? {} : { row }) });
}
