import type { Writable } from 'node:stream';
import { zipWriter, type ZipEntryWriter } from './zip-writer';

/**
 * Large workbooks, written row by row straight from the OOXML spec (ECMA-376 Part 1, SpreadsheetML):
 * each sheet's XML goes to the zip as its rows arrive, so memory stays flat however many rows follow.
 *
 * Why not exceljs here: its streaming WorkbookWriter builds a Row and Cell object per cell (several
 * times the cost of the writing itself) and ignores the zip's back-pressure (120 MB of XML piled up
 * for 150,000 rows). The writer used to work around both by writing rows into exceljs 4.4's private
 * fields (its sheet stream, row counter, style table and archiver), which any exceljs release could
 * break silently. The parts an export needs are few and fixed — cells with inline strings, numbers
 * and dates, a style table, widths, frozen panes, merges, a filter and print setup — so they are
 * written here from the spec instead, with no private field of anything. exceljs stays for the small
 * in-memory workbooks (templates, write-sheets.ts) through its public API, and the tests read what
 * this writes back with exceljs (and LibreOffice converts it), cell by cell.
 */

/** Excel's hard limits: a sheet with more rows or a longer cell does not open. */
export const EXCEL_MAX_ROWS = 1_048_576;
export const EXCEL_MAX_CELL_CHARS = 32_767;

export type StreamCellValue = string | number | Date | null | undefined;

export interface CellStyle {
  bold?: boolean;
  size?: number;
  /** Font colour, '#RRGGBB'. */
  colour?: string;
  /** Solid background, '#RRGGBB'. */
  fill?: string;
  numFmt?: string;
  wrap?: boolean;
  align?: 'left' | 'center' | 'right';
  valign?: 'top' | 'middle';
  border?: boolean;
}

declare const styleBrand: unique symbol;
/** A style made once by `StreamWorkbook.style` and shared by every cell that uses it. */
export type StyleRef = { readonly [styleBrand]: true };

export interface StreamSheetOptions {
  name: string;
  /** Column widths in Excel character units. */
  widths: readonly number[];
  /** Rows kept in view while scrolling (the header). */
  frozenRows?: number;
  /** The header row that gets filter buttons over every column. */
  autoFilterRow?: number;
  print?: {
    landscape?: boolean;
    /** Rows repeated on every printed page, e.g. '1:1'. */
    titleRows?: string;
    /** A short report sheet fitted on one page, not only one page wide. */
    onePage?: boolean;
    /** Page header and footer text (Excel header codes allowed: &P page, &N pages). */
    header?: string;
    footer?: string;
  };
}

export interface StreamSheet {
  readonly name: string;
  /** Rows written so far. */
  readonly rowCount: number;
  /**
   * Writes one row and forgets it. Returns a promise when the zip stream has fallen behind:
   * awaiting it lets the stream drain, so memory stays flat however many rows follow.
   * `mergeAcross` merges the row's first cell over columns 1 to that column (a title line).
   */
  addRow(
    values: readonly StreamCellValue[],
    styles?: StyleRef | readonly (StyleRef | undefined)[],
    options?: { height?: number; mergeAcross?: number },
  ): Promise<void> | undefined;
  commit(): void;
}

export interface StreamWorkbook {
  style(spec: CellStyle): StyleRef;
  addSheet(options: StreamSheetOptions): StreamSheet;
  /** Finishes the file; the output stream has ended when this resolves. */
  commit(): Promise<void>;
  /** Stops after a failure: nothing more is written, and the caller discards the output. */
  abort(): void;
}

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

// ---------------------------------------------------------------------------------------------
// Text and references

/** Text longer than a cell holds is cut with a visible mark rather than breaking the file. */
function fit(value: string): string {
  return value.length > EXCEL_MAX_CELL_CHARS
    ? `${value.slice(0, EXCEL_MAX_CELL_CHARS - 6)}…（已截断）`
    : value;
}

// The five XML specials escaped; control characters XML 1.0 cannot carry at all are dropped.
// eslint-disable-next-line no-control-regex -- these are exactly the characters to find
const XML_SPECIAL = /[<>&'"\x7F\x00-\x08\x0B-\x0C\x0E-\x1F\uFFFE\uFFFF]/;
// eslint-disable-next-line no-control-regex -- as above
const XML_SPECIALS = /[<>&'"\x7F\x00-\x08\x0B-\x0C\x0E-\x1F\uFFFE\uFFFF]/g;
const XML_ESCAPES: Record<string, string> = {
  '<': '&lt;',
  '>': '&gt;',
  '&': '&amp;',
  "'": '&apos;',
  '"': '&quot;',
};
const xmlText = (text: string) =>
  XML_SPECIAL.test(text) ? text.replace(XML_SPECIALS, (c) => XML_ESCAPES[c] ?? '') : text;

/** Spaces at either end or line breaks would be dropped by a reader unless the text says to keep them. */
const KEEP_SPACE = /^\s|\s$|[\n\t]/;

/** 'A', 'B', … 'Z', 'AA' …: the column part of a cell reference, 1-based. */
function columnLetters(n: number): string {
  let letters = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26))
    letters = String.fromCharCode(65 + ((k - 1) % 26)) + letters;
  return letters;
}

/** A sheet name inside a formula or defined name: always quoted, a quote in it doubled. */
const quotedSheet = (name: string) => `'${name.replace(/'/g, "''")}'`;

// Dates are serials in the 1900 date system: days since 1899-12-30 (ECMA-376 Part 1, 18.17.4.1).
const DAY_MS = 86_400_000;
const EXCEL_EPOCH_DAYS = 25_569;

// ---------------------------------------------------------------------------------------------
// Styles (styles.xml, ECMA-376 Part 1, 18.8)

const DEFAULT_FONT_SIZE = 11;
/**
 * Arial, not Calibri: column widths are counted in the default font's digits, and LibreOffice has no
 * Calibri. Where its look-alike (Carlito) is missing it falls back to DejaVu Sans, whose digits are
 * a quarter wider, so every column widened and a roster fitted one page wide printed at 6 pt.
 * Arial's metric twin (Liberation Sans) ships with LibreOffice, so widths and print scale come out
 * alike in Excel, WPS and LibreOffice. Chinese text takes the system's CJK font in all of them.
 */
export const WORKBOOK_FONT = 'Arial';
const FONT = `<name val="${WORKBOOK_FONT}"/><family val="2"/>`;
/** Cell borders: thin and light grey, so a printed roster reads as a table without heavy lines. */
const BORDER_COLOUR = 'FFBFBFBF';
/** A date written into a cell whose style has no number format still reads as a date. */
const DEFAULT_DATE_FORMAT = 'yyyy-mm-dd';
/** Formats Excel knows by number (18.8.30); any other is declared in styles.xml from id 164. */
const BUILT_IN_FORMATS: Record<string, number> = {
  General: 0,
  '0': 1,
  '0.00': 2,
  '0%': 9,
  '0.00%': 10,
  '@': 49,
};
const FIRST_CUSTOM_FORMAT = 164;

/** '#RRGGBB' → the ARGB Excel stores ('FFRRGGBB', opaque). */
const argb = (hex: string) => `FF${hex.slice(1).toUpperCase()}`;

/** One style as the workbook holds it: the cell-format index for text/numbers and for dates. */
class Style {
  /** Index into cellXfs for any value but a date. */
  readonly attr: string;
  /** For a date: the same style, with a date format if the style has none. */
  dateAttr: string | null = null;
  constructor(
    readonly spec: CellStyle,
    readonly id: number,
  ) {
    this.attr = id ? ` s="${id}"` : '';
  }
}

/** The workbook's style table: fonts, fills, borders, number formats and the cell formats over them. */
class StyleTable {
  private readonly fonts = new Map<string, number>([[this.fontXml({}), 0]]);
  // The first two fills are reserved by the spec (none and gray125).
  private readonly fills = new Map<string, number>([
    ['<fill><patternFill patternType="none"/></fill>', 0],
    ['<fill><patternFill patternType="gray125"/></fill>', 1],
  ]);
  private readonly borders = new Map<string, number>([
    ['<border><left/><right/><top/><bottom/><diagonal/></border>', 0],
  ]);
  private readonly formats = new Map<string, number>();
  private readonly xfs = new Map<string, number>([['0|0|0|0|', 0]]);
  private readonly plain = new Style({}, 0);

  private index(table: Map<string, number>, key: string): number {
    let id = table.get(key);
    if (id === undefined) table.set(key, (id = table.size));
    return id;
  }

  private fontXml(spec: CellStyle): string {
    const colour = spec.colour ? `<color rgb="${argb(spec.colour)}"/>` : '';
    return `<font>${spec.bold ? '<b/>' : ''}<sz val="${spec.size ?? DEFAULT_FONT_SIZE}"/>${colour}${FONT}</font>`;
  }

  private formatId(format: string | undefined): number {
    if (!format) return 0;
    const builtIn = BUILT_IN_FORMATS[format];
    if (builtIn !== undefined) return builtIn;
    let id = this.formats.get(format);
    if (id === undefined) this.formats.set(format, (id = FIRST_CUSTOM_FORMAT + this.formats.size));
    return id;
  }

  private xfId(spec: CellStyle): number {
    const font = this.index(this.fonts, this.fontXml(spec));
    const fill = spec.fill
      ? this.index(
          this.fills,
          `<fill><patternFill patternType="solid"><fgColor rgb="${argb(spec.fill)}"/><bgColor indexed="64"/></patternFill></fill>`,
        )
      : 0;
    const side = (name: string) => `<${name} style="thin"><color rgb="${BORDER_COLOUR}"/></${name}>`;
    const border = spec.border
      ? this.index(
          this.borders,
          `<border>${side('left')}${side('right')}${side('top')}${side('bottom')}<diagonal/></border>`,
        )
      : 0;
    const format = this.formatId(spec.numFmt);
    // The spec's vertical alignment calls the middle "center".
    const alignment =
      spec.wrap || spec.align || spec.valign
        ? `<alignment${spec.align ? ` horizontal="${spec.align}"` : ''}${spec.valign ? ` vertical="${spec.valign === 'middle' ? 'center' : 'top'}"` : ''}${spec.wrap ? ' wrapText="1"' : ''}/>`
        : '';
    return this.index(this.xfs, `${format}|${font}|${fill}|${border}|${alignment}`);
  }

  make(spec: CellStyle): Style {
    return new Style(spec, this.xfId(spec));
  }

  /** The attribute a cell holding a date gets: its style, with a date format when it has none. */
  dateAttr(style: Style | undefined): string {
    const s = style ?? this.plain;
    if (s.dateAttr === null) {
      const id = s.spec.numFmt ? s.id : this.xfId({ ...s.spec, numFmt: DEFAULT_DATE_FORMAT });
      s.dateAttr = id ? ` s="${id}"` : '';
    }
    return s.dateAttr;
  }

  xml(): string {
    const list = (tag: string, items: Iterable<string>, count: number) =>
      `<${tag} count="${count}">${[...items].join('')}</${tag}>`;
    const formats = [...this.formats].map(
      ([code, id]) => `<numFmt numFmtId="${id}" formatCode="${xmlText(code)}"/>`,
    );
    const xfs = [...this.xfs.keys()].map((key) => {
      const [format, font, fill, border, alignment] = key.split('|') as [
        string,
        string,
        string,
        string,
        string,
      ];
      const applies =
        (format !== '0' ? ' applyNumberFormat="1"' : '') +
        (font !== '0' ? ' applyFont="1"' : '') +
        (fill !== '0' ? ' applyFill="1"' : '') +
        (border !== '0' ? ' applyBorder="1"' : '') +
        (alignment ? ' applyAlignment="1"' : '');
      const open = `<xf numFmtId="${format}" fontId="${font}" fillId="${fill}" borderId="${border}" xfId="0"${applies}`;
      return alignment ? `${open}>${alignment}</xf>` : `${open}/>`;
    });
    return (
      XML_HEAD +
      `<styleSheet xmlns="${MAIN_NS}">` +
      (formats.length ? list('numFmts', formats, formats.length) : '') +
      list('fonts', this.fonts.keys(), this.fonts.size) +
      list('fills', this.fills.keys(), this.fills.size) +
      list('borders', this.borders.keys(), this.borders.size) +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      list('cellXfs', xfs, xfs.length) +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      '</styleSheet>'
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Package parts (ECMA-376 Part 2, Open Packaging Conventions)

const SHEET_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';

function contentTypes(sheets: number): string {
  const override = (part: string, type: string) => `<Override PartName="${part}" ContentType="${type}"/>`;
  return (
    XML_HEAD +
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    override(
      '/xl/workbook.xml',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
    ) +
    Array.from({ length: sheets }, (_, i) => override(`/xl/worksheets/sheet${i + 1}.xml`, SHEET_TYPE)).join(
      '',
    ) +
    override('/xl/styles.xml', 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml') +
    override('/docProps/core.xml', 'application/vnd.openxmlformats-package.core-properties+xml') +
    override('/docProps/app.xml', 'application/vnd.openxmlformats-officedocument.extended-properties+xml') +
    '</Types>'
  );
}

const relationships = (rels: readonly [type: string, target: string][]) =>
  XML_HEAD +
  `<Relationships xmlns="${PKG_REL_NS}">` +
  rels
    .map(([type, target], i) => `<Relationship Id="rId${i + 1}" Type="${type}" Target="${target}"/>`)
    .join('') +
  '</Relationships>';

const PACKAGE_RELS = relationships([
  [`${REL_NS}/officeDocument`, 'xl/workbook.xml'],
  [
    'http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties',
    'docProps/core.xml',
  ],
  [`${REL_NS}/extended-properties`, 'docProps/app.xml'],
]);

function coreProperties(now: Date): string {
  const at = `${now.toISOString().slice(0, 19)}Z`;
  return (
    XML_HEAD +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    '<dc:creator>Anxin</dc:creator><cp:lastModifiedBy>Anxin</cp:lastModifiedBy>' +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${at}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${at}</dcterms:modified>` +
    '</cp:coreProperties>'
  );
}

const APP_PROPERTIES =
  XML_HEAD +
  '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">' +
  '<Application>Anxin</Application></Properties>';

/** What workbook.xml needs to know of a sheet once it is written. */
interface SheetEntry {
  name: string;
  titleRows?: string;
  /** The filtered range, e.g. 'A1:W4'. */
  filter?: string;
}

function workbookXml(sheets: readonly SheetEntry[]): string {
  const names: string[] = [];
  sheets.forEach((s, i) => {
    // Defined names must be listed by name, then by sheet: _xlnm._FilterDatabase before _xlnm.Print_Titles.
    if (s.filter) {
      const [from, to] = s.filter.split(':') as [string, string];
      const absolute = (ref: string) => ref.replace(/^([A-Z]+)(\d+)$/, '$$$1$$$2');
      names.push(
        `<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">${xmlText(`${quotedSheet(s.name)}!${absolute(from)}:${absolute(to)}`)}</definedName>`,
      );
    }
  });
  sheets.forEach((s, i) => {
    if (!s.titleRows) return;
    const [first, last] = s.titleRows.split(':') as [string, string];
    names.push(
      `<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${xmlText(`${quotedSheet(s.name)}!$${first}:$${last ?? first}`)}</definedName>`,
    );
  });
  return (
    XML_HEAD +
    `<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` +
    '<bookViews><workbookView/></bookViews><sheets>' +
    sheets
      .map((s, i) => `<sheet name="${xmlText(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
      .join('') +
    '</sheets>' +
    (names.length ? `<definedNames>${names.join('')}</definedNames>` : '') +
    '</workbook>'
  );
}

// ---------------------------------------------------------------------------------------------
// Sheets (ECMA-376 Part 1, 18.3: the worksheet's elements appear in the schema's order)

/**
 * Page margins in inches: narrow at the sides, so a landscape roster fits its columns on A4 at a
 * readable scale; top and bottom leave room for the page header and footer.
 */
const MARGINS = '<pageMargins left="0.25" right="0.25" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>';
const A4 = 9;

function sheetHead(options: StreamSheetOptions, first: boolean): string {
  const frozen = options.frozenRows;
  const view = frozen
    ? `<sheetView workbookViewId="0"${first ? ' tabSelected="1"' : ''}>` +
      `<pane ySplit="${frozen}" topLeftCell="A${frozen + 1}" activePane="bottomLeft" state="frozen"/>` +
      `<selection pane="bottomLeft" activeCell="A${frozen + 1}" sqref="A${frozen + 1}"/></sheetView>`
    : `<sheetView workbookViewId="0"${first ? ' tabSelected="1"' : ''}/>`;
  const cols = options.widths.length
    ? `<cols>${options.widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('')}</cols>`
    : '';
  return (
    XML_HEAD +
    `<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` +
    // Fit to one page wide (the width below), as many pages down as the rows need.
    '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' +
    `<sheetViews>${view}</sheetViews>` +
    '<sheetFormatPr defaultRowHeight="15"/>' +
    cols +
    '<sheetData>'
  );
}

function sheetTail(
  options: StreamSheetOptions,
  filter: string | undefined,
  merges: readonly string[],
): string {
  const { print } = options;
  const headerFooter =
    print?.header || print?.footer
      ? `<headerFooter>${print.header ? `<oddHeader>${xmlText(print.header)}</oddHeader>` : ''}${print.footer ? `<oddFooter>${xmlText(print.footer)}</oddFooter>` : ''}</headerFooter>`
      : '';
  return (
    '</sheetData>' +
    (filter ? `<autoFilter ref="${filter}"/>` : '') +
    (merges.length
      ? `<mergeCells count="${merges.length}">${merges.map((ref) => `<mergeCell ref="${ref}"/>`).join('')}</mergeCells>`
      : '') +
    MARGINS +
    `<pageSetup paperSize="${A4}" orientation="${print?.landscape ? 'landscape' : 'portrait'}" fitToWidth="1" fitToHeight="${print?.onePage ? 1 : 0}"/>` +
    headerFooter +
    '</worksheet>'
  );
}

/** Rows between checks of the compressor's backlog; small enough to bound memory, large enough to cost nothing. */
const CHECK_EVERY = 500;
// Row XML is gathered into chunks of about this many characters before it goes to the compressor.
const CHUNK_CHARS = 64 * 1024;

/**
 * One row's cells: a cell per value or style, an unstyled empty cell left out, strings inline
 * (no shared-string table to hold in memory), dates as serials with a date format. Returns ''
 * when the row has nothing to write.
 */
function cellsXml(
  table: StyleTable,
  letter: (i: number) => string,
  row: string,
  values: readonly StreamCellValue[],
  cells: number,
  styleOf: (i: number) => Style | undefined,
): string {
  let xml = '';
  for (let i = 0; i < cells; i++) {
    const value = values[i];
    const style = styleOf(i);
    // Empty text is an empty cell, as Excel itself stores it; a number that is not one has no cell value.
    if (
      value === null ||
      value === undefined ||
      value === '' ||
      (typeof value === 'number' && !Number.isFinite(value))
    ) {
      if (style?.id) xml += `<c r="${letter(i)}${row}"${style.attr}/>`;
    } else if (typeof value === 'string') {
      const text = xmlText(fit(value));
      xml += `<c r="${letter(i)}${row}"${style?.attr ?? ''} t="inlineStr"><is><t${KEEP_SPACE.test(text) ? ' xml:space="preserve"' : ''}>${text}</t></is></c>`;
    } else if (typeof value === 'number') {
      xml += `<c r="${letter(i)}${row}"${style?.attr ?? ''}><v>${value}</v></c>`;
    } else {
      const serial = EXCEL_EPOCH_DAYS + value.getTime() / DAY_MS;
      xml += `<c r="${letter(i)}${row}"${table.dateAttr(style)}><v>${serial}</v></c>`;
    }
  }
  return xml;
}

/** A streaming workbook onto `output`. */
export async function streamWorkbook(output: Writable): Promise<StreamWorkbook> {
  const now = new Date();
  const zip = zipWriter(output, now);
  const table = new StyleTable();
  const sheets: SheetEntry[] = [];
  let open: string | null = null;
  const letters: string[] = [];
  const letter = (i: number) => (letters[i] ??= columnLetters(i + 1));

  return {
    // The same object for every cell that uses it: the cell's attribute is worked out once.
    style: (spec) => table.make(spec) as unknown as StyleRef,

    addSheet(options) {
      // One sheet at a time: the zip holds one streamed part open, and the export writes in order.
      if (open) throw new Error(`sheet ${open} is still open; commit it before adding ${options.name}`);
      open = options.name;
      const entry: SheetEntry = {
        name: options.name,
        ...(options.print?.titleRows ? { titleRows: options.print.titleRows } : {}),
      };
      const part: ZipEntryWriter = zip.stream(`xl/worksheets/sheet${sheets.length + 1}.xml`);
      const first = sheets.length === 0;
      sheets.push(entry);
      let pending = sheetHead(options, first);
      let backlog: Promise<void> | undefined;
      const flush = () => {
        if (pending) backlog = part.write(pending) ?? backlog;
        pending = '';
      };
      const merges: string[] = [];
      let rowCount = 0;
      let widest = 1;
      return {
        name: options.name,
        get rowCount() {
          return rowCount;
        },
        addRow(values, rowStyles, rowOptions) {
          if (rowCount >= EXCEL_MAX_ROWS) throw new Error(`sheet ${options.name} is full`);
          rowCount += 1;
          const row = String(rowCount);
          widest = Math.max(widest, values.length);
          const styleList = Array.isArray(rowStyles)
            ? (rowStyles as readonly (StyleRef | undefined)[] as readonly (Style | undefined)[])
            : null;
          const single = styleList ? undefined : (rowStyles as unknown as Style | undefined);
          const styleOf = styleList ? (i: number) => styleList[i] : () => single;
          const cells = Math.max(values.length, styleList?.length ?? 0);
          const height = rowOptions?.height;
          const xml = cellsXml(table, letter, row, values, cells, styleOf);
          // A row with nothing in it is left out; its number is used up all the same.
          if (xml || height) {
            const open = `<row r="${row}"${height ? ` ht="${height}" customHeight="1"` : ''}`;
            pending += xml ? `${open}>${xml}</row>` : `${open}/>`;
          }
          const across = rowOptions?.mergeAcross;
          if (across && across > 1) merges.push(`A${row}:${letter(across - 1)}${row}`);
          if (pending.length >= CHUNK_CHARS) flush();
          if (rowCount % CHECK_EVERY !== 0) return undefined;
          flush();
          const wait = backlog;
          backlog = undefined;
          return wait;
        },
        commit() {
          // The filter covers the rows below the header, so it is set once they are all known.
          const top = options.autoFilterRow;
          const filter = top && rowCount >= top ? `A${top}:${letter(widest - 1)}${rowCount}` : undefined;
          if (filter) entry.filter = filter;
          pending += sheetTail(options, filter, merges);
          flush();
          part.end();
          open = null;
        },
      };
    },

    async commit() {
      if (open) throw new Error(`sheet ${open} was not committed`);
      zip.add('xl/styles.xml', table.xml());
      zip.add('xl/workbook.xml', workbookXml(sheets));
      zip.add(
        'xl/_rels/workbook.xml.rels',
        relationships([
          ...sheets.map((_, i): [string, string] => [`${REL_NS}/worksheet`, `worksheets/sheet${i + 1}.xml`]),
          [`${REL_NS}/styles`, 'styles.xml'],
        ]),
      );
      zip.add('docProps/core.xml', coreProperties(now));
      zip.add('docProps/app.xml', APP_PROPERTIES);
      zip.add('_rels/.rels', PACKAGE_RELS);
      zip.add('[Content_Types].xml', contentTypes(sheets.length));
      await zip.finish();
    },

    abort: () => zip.abort(),
  };
}
