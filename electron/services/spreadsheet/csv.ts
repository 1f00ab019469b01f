/**
 * Text files from Excel and Chinese school systems come as UTF-8 (with or without BOM), GBK, or
 * UTF-16 ("Unicode text"). Invalid UTF-8 is the reliable sign of GBK; GB18030 decodes all GBK bytes.
 */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
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
  const endField = () => {
    row.push(unwrapExcelText(field));
    field = '';
  };
  const endRow = () => {
    endField();
    rows.push(row);
    row = [];
  };
  while (i < text.length) {
    const c = text[i]!;
    i += 1;
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
