import { formatPath } from '../errors';
import type { InstrumentDefinitionInput } from '../schema';
import { checkDefinition } from './check';
import { parsePath } from './source-map';
import type { DefinitionImport } from './types';

export const JSON_SHEET = 'JSON';

class JsonScanError extends Error {
  constructor(readonly line: number) {
    super(`JSON syntax error on line ${line}`);
  }
}

const LITERAL = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;

/**
 * Walks JSON text and records the line each value starts on, keyed by its path
 * (`scales[0].items[2]`); an object member is placed on the line of its key. Throws
 * JsonScanError at the first thing that is not JSON, because JSON.parse's messages do
 * not always say where the problem is.
 */
export function jsonLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  let i = 0;
  let line = 1;
  const fail = (): never => {
    throw new JsonScanError(line);
  };
  const skipSpace = () => {
    while (/[ \t\r\n]/.test(text[i] ?? '')) {
      if (text[i] === '\n') line += 1;
      i += 1;
    }
  };
  const expect = (char: string) => {
    skipSpace();
    if (text[i] !== char) fail();
    i += 1;
  };
  // JSON strings cannot hold a raw line break, so a string never changes the line.
  const readString = (): string => {
    const start = i;
    if (text[i] !== '"') fail();
    for (i += 1; text[i] !== '"'; i += 1) {
      if (i >= text.length || text[i] === '\n') fail();
      if (text[i] === '\\') i += 1;
    }
    i += 1;
    try {
      const value: unknown = JSON.parse(text.slice(start, i));
      return typeof value === 'string' ? value : fail();
    } catch {
      return fail();
    }
  };
  const members = (close: string, member: (index: number) => void) => {
    i += 1;
    skipSpace();
    if (text[i] === close) {
      i += 1;
      return;
    }
    for (let index = 0; ; index += 1) {
      member(index);
      skipSpace();
      if (text[i] !== ',') return expect(close);
      i += 1;
    }
  };
  const value = (path: (string | number)[]): void => {
    skipSpace();
    const key = formatPath(path);
    if (!lines.has(key)) lines.set(key, line);
    if (text[i] === '{') {
      return members('}', () => {
        skipSpace();
        const name = readString();
        lines.set(formatPath([...path, name]), line);
        expect(':');
        value([...path, name]);
      });
    }
    if (text[i] === '[') return members(']', (index) => value([...path, index]));
    if (text[i] === '"') return void readString();
    LITERAL.lastIndex = i;
    if (!LITERAL.test(text)) fail();
    i = LITERAL.lastIndex;
  };
  value([]);
  skipSpace();
  if (i < text.length) fail();
  return lines;
}

/** The line of the first syntax error, for a text JSON.parse refused. */
function syntaxErrorLine(text: string): number {
  try {
    jsonLines(text);
  } catch (error) {
    if (error instanceof JsonScanError) return error.line;
    throw error;
  }
  return 1;
}

/**
 * A definition given as JSON (the schema's own shape), with the same result and error shape
 * as a workbook: sheet 'JSON', row = line, field = the path in the definition. Imports are
 * custom definitions, whatever the file says about `builtin`.
 */
export function definitionFromJson(text: string): DefinitionImport {
  const source = text.replace(/^\uFEFF/, '');
  let input: unknown;
  try {
    input = JSON.parse(source);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      errors: [{ sheet: JSON_SHEET, row: syntaxErrorLine(source), code: 'json_syntax', params: { message } }],
    };
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return {
      ok: false,
      errors: [{ sheet: JSON_SHEET, row: 1, code: 'json_not_object', params: {} }],
    };
  }
  const lines = jsonLines(source);
  const lineOf = (path: (string | number)[]): number => {
    for (let end = path.length; end >= 0; end -= 1) {
      const line = lines.get(formatPath(path.slice(0, end)));
      if (line !== undefined) return line;
    }
    return 1;
  };
  return checkDefinition({ ...(input as InstrumentDefinitionInput), builtin: false }, [], (path) => ({
    sheet: JSON_SHEET,
    row: lineOf(parsePath(path)),
    field: path,
  }));
}
