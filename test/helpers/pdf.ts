import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { inflateSync } from 'node:zlib';

/**
 * Just enough of PDF (ISO 32000-1) to check a print in a test: how many pages, how large, and at
 * what size the text is drawn. No PDF library is installed (nor poppler), and a printed page's
 * readability is exactly these numbers: the size each text run ends up at on paper is its font size
 * (Tf) scaled by the text matrix (Tm) and every transform (cm) around it.
 */
export interface PdfFacts {
  pages: number;
  /** Each page's MediaBox [width, height] in points (A4 landscape is about [842, 595]). */
  pageSizes: [number, number][];
  /** The size in points every text-showing operator draws at, as on paper. */
  textSizes: number[];
}

type Matrix = [number, number, number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];
const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[1] * n[2],
  m[0] * n[1] + m[1] * n[3],
  m[2] * n[0] + m[3] * n[2],
  m[2] * n[1] + m[3] * n[3],
  m[4] * n[0] + m[5] * n[2] + n[4],
  m[4] * n[1] + m[5] * n[3] + n[5],
];

/** The decoded content of every stream in the file (Flate-compressed or plain). */
function streams(pdf: Buffer): Buffer[] {
  const found: Buffer[] = [];
  const text = pdf.toString('latin1');
  const pattern = /<<((?:[^<>]|<<(?:[^<>]|<<[^<>]*>>)*>>|<[^<>]*>)*)>>\s*stream\r?\n/g;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const start = match.index + match[0].length;
    const end = text.indexOf('endstream', start);
    if (end < 0) break;
    const raw = pdf.subarray(start, end);
    const dict = match[1]!;
    if (/\/Subtype\s*\/(Image|Type1C|CIDFontType0C|OpenType)|\/Length1|\/Length2/.test(dict)) continue;
    try {
      found.push(/\/FlateDecode/.test(dict) ? inflateSync(raw) : raw);
    } catch {
      // A stream this reader cannot decode (an image, a font) holds no text operators.
    }
    pattern.lastIndex = end;
  }
  return found;
}

/** The operators of a content stream with their operands; strings and arrays stand in as tokens. */
function* operators(content: string): Generator<{ op: string; args: string[] }> {
  const token =
    /\s*(%[^\r\n]*|\((?:\\.|[^\\)])*\)|<<|>>|<[0-9A-Fa-f\s]*>|\[|\]|\/[^\s/[\]()<>{}%]*|[^\s/[\]()<>{}%]+)/gy;
  let args: string[] = [];
  let depth = 0;
  for (let m = token.exec(content); m; m = token.exec(content)) {
    const t = m[1]!;
    if (t.startsWith('%')) continue;
    if (t === '[' || t === '<<') depth++;
    else if (t === ']' || t === '>>') depth--;
    else if (depth === 0 && /^[A-Za-z'"*]+\*?$/.test(t) && !/^(true|false|null)$/.test(t)) {
      yield { op: t, args };
      args = [];
      continue;
    }
    if (depth === 0 || t === '[') args.push(t);
  }
}

const MEDIA_BOX = /\/MediaBox\s*\[\s*([\d.-]+)\s+([\d.-]+)\s+([\d.-]+)\s+([\d.-]+)\s*\]/;

export function readPdf(file: string): PdfFacts {
  const pdf = readFileSync(file);
  const text = pdf.toString('latin1');
  const pageSizes: [number, number][] = [];
  const pageDict = /\/Type\s*\/Page(?![s\w])/g;
  for (let m = pageDict.exec(text); m; m = pageDict.exec(text)) {
    // The MediaBox is in the page object's own dictionary, or inherited from the page tree.
    const start = text.lastIndexOf(' obj', m.index);
    const end = text.indexOf('endobj', m.index);
    const own = MEDIA_BOX.exec(text.slice(start, end < 0 ? undefined : end));
    const b = own ?? new RegExp(`/Type\\s*/Pages[\\s\\S]*?${MEDIA_BOX.source}`).exec(text);
    pageSizes.push(b ? [Number(b[3]) - Number(b[1]), Number(b[4]) - Number(b[2])] : [Number.NaN, Number.NaN]);
  }
  const textSizes: number[] = [];
  for (const stream of streams(pdf)) {
    const content = stream.toString('latin1');
    if (!/\bBT\b/.test(content)) continue;
    let ctm: Matrix = IDENTITY;
    const stack: Matrix[] = [];
    let tm: Matrix = IDENTITY;
    let size = 0;
    for (const { op, args } of operators(content)) {
      const n = args.map(Number);
      switch (op) {
        case 'q':
          stack.push(ctm);
          break;
        case 'Q':
          ctm = stack.pop() ?? IDENTITY;
          break;
        case 'cm':
          ctm = multiply(n.slice(-6) as Matrix, ctm);
          break;
        case 'BT':
          tm = IDENTITY;
          break;
        case 'Tm':
          tm = n.slice(-6) as Matrix;
          break;
        case 'Tf':
          size = n.at(-1) ?? 0;
          break;
        case 'Tj':
        case 'TJ':
        case "'":
        case '"': {
          const m = multiply(tm, ctm);
          // The vertical scale of the combined matrix: what a glyph's height is multiplied by.
          textSizes.push(Math.abs(size) * Math.hypot(m[2], m[3]));
          break;
        }
      }
    }
  }
  return { pages: pageSizes.length, pageSizes, textSizes };
}

/** LibreOffice, if the machine has it (CI installs it); tests skip with a message otherwise. */
export const soffice = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((path) => existsSync(path));

/**
 * Converts a document to PDF with LibreOffice headless, in a private profile folder (two
 * conversions sharing the user's profile block each other), under a time limit. Returns the PDF path.
 */
export function convertToPdf(file: string, outDir: string, profileDir: string): string {
  if (!soffice) throw new Error('LibreOffice is not installed');
  mkdirSync(outDir, { recursive: true });
  const run = spawnSync(
    soffice,
    [
      `-env:UserInstallation=file://${profileDir}`,
      '--headless',
      '--convert-to',
      'pdf',
      '--outdir',
      outDir,
      file,
    ],
    { encoding: 'utf8', timeout: 180_000 },
  );
  const pdf = join(outDir, basename(file).replace(/\.[^.]+$/, '.pdf'));
  if (run.status !== 0 || !existsSync(pdf))
    throw new Error(
      `LibreOffice did not convert ${basename(file)}: ${run.error ?? ''} ${run.stdout} ${run.stderr}`,
    );
  return pdf;
}
