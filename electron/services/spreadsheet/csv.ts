import { fileError, LIMITS, limitError } from './limits';

const SAVE_AS_UTF8 = '请在 Excel 或 WPS 中打开，另存为“CSV UTF-8（逗号分隔）”或 .xlsx 后再导入。';

/** The 1-based line of the first invalid UTF-8 byte (U+FFFD where the non-fatal decoder replaced it). */
function lineOfFirstBadByte(text: string): number {
  const at = text.indexOf('\uFFFD');
  return text.slice(0, Math.max(at, 0)).split(/\r\n|\r|\n/).length;
}

/**
 * Text files from Excel and Chinese school systems come as UTF-8 (with or without BOM), GBK, or
 * UTF-16 ("Unicode text"). Invalid UTF-8 is the usual sign of GBK; GB18030 decodes all GBK bytes.
 * But a file that is mostly valid UTF-8 Chinese with a stray bad byte, or that starts with a UTF-8
 * BOM, is UTF-8 that got damaged: decoding it as GBK would garble every header ("找不到表头行"),
 * so it is refused naming the line.
 */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  // (UTF-16, above, is full of zero bytes; in any 8-bit text they mean a binary file.)
  if (bytes.includes(0)) {
    throw fileError('binary', '文件中含有二进制内容（NUL 字节），不是文本 CSV 文件。' + SAVE_AS_UTF8);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const loose = new TextDecoder('utf-8').decode(bytes);
    const bad = loose.match(/\uFFFD/g)?.length ?? 0;
    const han = loose.match(/\p{Script=Han}/gu)?.length ?? 0;
    const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
    if (bom || han > bad) {
      const row = lineOfFirstBadByte(loose);
      throw fileError(
        'bad_encoding',
        `第 ${row} 行含有无法识别的字符（文件不是有效的 UTF-8 编码）。${SAVE_AS_UTF8}`,
        { row },
      );
    }
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/** The separator used most in the first line: comma, or tab / semicolon from other exports. */
function sniffDelimiter(text: string): string {
  const firstLine = text.slice(0, text.search(/\r|\n|$/)).replace(/"[^"]*"/g, '');
  const counts = [',', '\t', ';'].map((d) => [d, firstLine.split(d).length] as const);
  return counts.reduce((best, next) => (next[1] > best[1] ? next : best))[0];
}

// Exporters write ="0123" so Excel keeps leading zeros; the value meant is 0123.
const unwrapExcelText = (field: string): string => /^="(.*)"$/s.exec(field)?.[1] ?? field;

/** RFC 4180, leniently: quoted fields may hold separators, "" and line breaks; CRLF, LF or CR end a row. */
export function parseCsv(text: string, delimiter = sniffDelimiter(text)): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  // Where the current row started, for the line-length limit (a 1 MB line is no roster).
  let rowStart = 0;
  let fields = 0;
  const endField = () => {
    if (field.length > LIMITS.cellChars) throw limitError('cellChars', field.length, rows.length + 1);
    if (++fields > LIMITS.csvFields) throw limitError('csvFields', fields, rows.length + 1);
    row.push(unwrapExcelText(field));
    field = '';
    if (row.length > LIMITS.excelColumns) throw limitError('csvColumns', row.length, rows.length + 1);
  };
  const endRow = () => {
    endField();
    rows.push(row);
    row = [];
    rowStart = i;
    if (rows.length > LIMITS.rows) throw limitError('rows', rows.length);
  };
  while (i < text.length) {
    const c = text[i]!;
    i += 1;
    if (i - rowStart > LIMITS.csvLineChars) throw limitError('csvLineChars', i - rowStart, rows.length + 1);
    if (quoted) {
      if (c !== '"') field += c;
      else if (text[i] !== '"') quoted = false;
      else {
        field += '"';
        i += 1;
      }
    } else if (c === '"' && field === '') quoted = true;
    else if (c === delimiter) endField();
    else if (c === '\r' || c === '\n') {
      if (c === '\r' && text[i] === '\n') i += 1;
      endRow();
    } else field += c;
  }
  if (field !== '' || row.length) endRow();
  return rows;
}
