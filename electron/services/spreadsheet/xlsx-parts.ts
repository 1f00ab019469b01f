import { LIMITS, limitError } from './limits';
import { parseXml } from './xml';
import { entryBytes, zipEntries, type ZipEntry } from './zip';

/** An .xlsx opened in memory: the zip bytes and their entries. */
export interface XlsxPackage {
  data: Buffer;
  entries: Map<string, ZipEntry>;
}

export interface WorkbookSheet {
  name: string;
  hidden: boolean;
  /** The worksheet part, e.g. xl/worksheets/sheet1.xml. */
  path: string;
}

export interface Workbook {
  /** In the workbook's tab order; chart sheets and the like are left out. */
  sheets: WorkbookSheet[];
  /** Mac Excel's 1904 date system shifts every date serial by 1,462 days. */
  date1904: boolean;
  sharedStringsPath: string | null;
  stylesPath: string | null;
}

const RELATIONSHIP = {
  officeDocument: '/officeDocument',
  worksheet: '/worksheet',
  sharedStrings: '/sharedStrings',
  styles: '/styles',
};

export function openPackage(data: Buffer): XlsxPackage {
  return { data, entries: zipEntries(data) };
}

export function packageEntry(pkg: XlsxPackage, path: string): ZipEntry | undefined {
  return pkg.entries.get(path.toLowerCase());
}

function partBytes(pkg: XlsxPackage, path: string): Buffer | null {
  const entry = packageEntry(pkg, path);
  return entry ? entryBytes(pkg.data, entry) : null;
}

/** A relationship target as a package path: relative to the source part's folder, or absolute. */
export function resolveTarget(sourcePart: string, target: string): string {
  const segments = target.startsWith('/') ? [] : sourcePart.split('/').slice(0, -1);
  for (const segment of target.split('/')) {
    if (segment === '..') segments.pop();
    else if (segment && segment !== '.') segments.push(segment);
  }
  return segments.join('/');
}

/** The part's relationships as [type suffix, package path, id]; external links are not parts. */
function relationships(pkg: XlsxPackage, part: string): { type: string; path: string; id: string }[] {
  const slash = part.lastIndexOf('/');
  const bytes = partBytes(pkg, `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`);
  const found: { type: string; path: string; id: string }[] = [];
  if (!bytes) return found;
  parseXml(bytes, {
    open(name, { Id, Type, Target, TargetMode }) {
      if (name !== 'Relationship' || !Target || TargetMode === 'External') return;
      found.push({ type: Type ?? '', path: resolveTarget(part, Target), id: Id ?? '' });
    },
  });
  return found;
}

const ofType = (rels: { type: string; path: string }[], suffix: string): string | null =>
  rels.find((rel) => rel.type.endsWith(suffix))?.path ?? null;

export function readWorkbook(pkg: XlsxPackage): Workbook {
  const workbookPath = ofType(relationships(pkg, ''), RELATIONSHIP.officeDocument) ?? 'xl/workbook.xml';
  const bytes = partBytes(pkg, workbookPath);
  // Reported as a workbook that cannot be read (see read.ts).
  if (!bytes) throw new Error('xlsx: no workbook part');
  const listed: { name: string; hidden: boolean; id: string }[] = [];
  let date1904 = false;
  parseXml(bytes, {
    open(name, attributes) {
      if (name === 'workbookPr') date1904 = attributes.date1904 === '1' || attributes.date1904 === 'true';
      if (name !== 'sheet') return;
      // The relationship id is r:id, whatever prefix the writer bound to the relationships namespace.
      const id = Object.entries(attributes).find(([key]) => key.endsWith(':id'))?.[1] ?? '';
      const state = attributes.state ?? 'visible';
      listed.push({ name: attributes.name ?? '', hidden: state !== 'visible', id });
    },
  });
  const rels = relationships(pkg, workbookPath);
  const worksheets = new Map(
    rels.filter((rel) => rel.type.endsWith(RELATIONSHIP.worksheet)).map((rel) => [rel.id, rel.path]),
  );
  return {
    sheets: listed.flatMap(({ name, hidden, id }) => {
      const path = worksheets.get(id);
      return path ? [{ name, hidden, path }] : [];
    }),
    date1904,
    sharedStringsPath: ofType(rels, RELATIONSHIP.sharedStrings),
    stylesPath: ofType(rels, RELATIONSHIP.styles),
  };
}

/** Excel escapes characters XML cannot hold (a carriage return is _x000D_). */
export const unescapeText = (text: string): string =>
  text.replace(/_x([0-9A-F]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

/** The shared string table; rich-text runs are joined and phonetic guides (rPh) left out. */
export function readSharedStrings(pkg: XlsxPackage, path: string | null): string[] {
  const bytes = path ? partBytes(pkg, path) : null;
  const strings: string[] = [];
  if (!bytes) return strings;
  let current = '';
  let inText = false;
  let phonetic = 0;
  let chars = 0;
  parseXml(bytes, {
    open(name, attributes) {
      // A table declaring more strings than allowed is refused before a million of them are parsed.
      if (name === 'sst') {
        const declared = Number(attributes.uniqueCount ?? attributes.count ?? 0);
        if (declared > LIMITS.sharedStrings) throw limitError('sharedStrings', declared);
      }
      if (name === 'si') {
        current = '';
        if (strings.length >= LIMITS.sharedStrings) throw limitError('sharedStrings', strings.length + 1);
      } else if (name === 'rPh') phonetic++;
      else if (name === 't') inText = phonetic === 0;
    },
    text(text) {
      if (!inText) return;
      current += text;
      chars += text.length;
      if (current.length > LIMITS.cellChars) throw limitError('cellChars', current.length);
      if (chars > LIMITS.sharedStringChars) throw limitError('sharedStringChars', chars);
    },
    close(name) {
      if (name === 't') inText = false;
      else if (name === 'rPh') phonetic--;
      else if (name === 'si') strings.push(unescapeText(current));
    },
  });
  return strings;
}

// Built-in number formats that show a date or time (ECMA-376 18.8.30); the locale-dependent ones
// (27–36, 50–58) are left out, as exceljs did, and such cells stay serial numbers for the importer.
const BUILT_IN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

/** A format shows a date if, outside quoted text and [brackets], it has a date or time code. */
export const isDateFormat = (code: string): boolean =>
  /[ymdhMsb]/.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));

/** For each cell style index (the `s` of a cell), whether its number format shows a date. */
export function readDateStyles(pkg: XlsxPackage, path: string | null): boolean[] {
  const bytes = path ? partBytes(pkg, path) : null;
  if (!bytes) return [];
  const custom = new Map<number, string>();
  const formats: number[] = [];
  let inCellXfs = false;
  parseXml(bytes, {
    open(name, attributes) {
      if (name === 'numFmt') custom.set(Number(attributes.numFmtId), attributes.formatCode ?? '');
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) formats.push(Number(attributes.numFmtId ?? 0));
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
  });
  return formats.map((id) => {
    const code = custom.get(id);
    return code === undefined ? BUILT_IN_DATE_FORMATS.has(id) : isDateFormat(code);
  });
}
