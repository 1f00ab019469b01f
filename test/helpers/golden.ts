import { readFileSync } from 'node:fs';
import path from 'node:path';

// The golden vectors, copied from the published scoring rules (see test/fixtures/README.md).
const goldenDir = path.resolve(__dirname, '../fixtures/golden');

/** One CSV line: quoted fields may hold commas and doubled quotes (no golden field spans lines). */
function parseLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted && ch === '"' && line[i + 1] === '"') {
      field += '"';
      i++;
    } else if (ch === '"') {
      quoted = !quoted;
    } else if (ch === ',' && !quoted) {
      fields.push(field);
      field = '';
    } else {
      field += ch;
    }
  }
  fields.push(field);
  return fields;
}

export function readGoldenCsv(name: string): Record<string, string>[] {
  const text = readFileSync(path.join(goldenDir, name), 'utf8').replace(/^\uFEFF/, '');
  const [header, ...body] = text
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .map(parseLine);
  if (!header) throw new Error(`${name} is empty`);
  return body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}
