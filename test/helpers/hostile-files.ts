import { crc32 } from 'node:zlib';
import { encodeGbk } from './gbk';
import { handXlsx, zipBytes } from './xlsx-build';

/**
 * Malformed and hostile spreadsheets, each with the refusal the import must end in: the typed
 * reason (`error.detail.reason`) and, for a limit, which one. Built in memory so no test depends on
 * files outside the repository. Sizes are chosen to reach each limit, not to be as large as possible.
 */
export interface HostileFile {
  name: string;
  bytes: () => Buffer;
  reason: string;
  limit?: string;
}

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const sheet = (xml: string) => handXlsx([{ name: '名册', xml }]);
const inline = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
const HEADER = `<row r="1">${inline('A1', '学籍号')}${inline('B1', '姓名')}${inline('C1', '性别')}</row>`;
const ROSTER_CSV = '学籍号,姓名,性别,出生日期,学校,年级,班级\nG001,张三,男,2013-03-05,城关小学,四年级,1班\n';

/** A real compound-file (OLE2) header: a legacy .xls, or an .xlsx Excel saved with a password. */
const ole2 = () => Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(1024, 0)]);

/** Rows without r, each one cell: `count` of them. */
const tinyRows = (count: number, withRef: boolean) => {
  const parts: string[] = [];
  for (let i = 1; i <= count; i++)
    parts.push(withRef ? `<row r="${i}"><c r="A${i}"><v>${i}</v></c></row>` : '<row><c><v>1</v></c></row>');
  return `<sheetData>${parts.join('')}</sheetData>`;
};

/** A zip with one worksheet part whose inflated size is what the header says (no lie), for bombs. */
function bomb(inflated: Buffer): Buffer {
  return zipBytes([
    ['xl/worksheets/sheet1.xml', inflated],
    [
      'xl/workbook.xml',
      `<workbook ${NS} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="s" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ],
    [
      'xl/_rels/workbook.xml.rels',
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    ],
  ]);
}

/** The same minimal package with its workbook part replaced (entities, no sheets…). */
const withWorkbook = (workbook: string, extra: [string, string][] = []) =>
  zipBytes([
    ['xl/workbook.xml', workbook],
    ['xl/worksheets/sheet1.xml', `<worksheet ${NS}><sheetData>${HEADER}</sheetData></worksheet>`],
    [
      'xl/_rels/workbook.xml.rels',
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    ],
    ...extra,
  ]);

const centralHeaderAt = (zip: Buffer) => zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));

export function hostileFiles(): HostileFile[] {
  return [
    // The three from the findings.
    {
      name: 'row-4000000000.xlsx',
      bytes: () =>
        sheet(`<sheetData>${HEADER}<row r="4000000000">${inline('A4000000000', 'x')}</row></sheetData>`),
      reason: 'file.limit',
      limit: 'excelRows',
    },
    {
      // ~2.2 MB of tiny rows: once over 4.4 GB of memory.
      name: 'tiny-rows-2mb.xlsx',
      bytes: () => sheet(tinyRows(300_000, true)),
      reason: 'file.limit',
      limit: 'rows',
    },
    {
      // 200,000 rows, then 60,000 merged ranges each down the whole sheet: once 90 s of CPU.
      name: 'merges-60000x200000.xlsx',
      bytes: () => {
        const merges = Array.from({ length: 60_000 }, (_, i) => `<mergeCell ref="A${i + 1}:B200000"/>`);
        return sheet(`${tinyRows(200_000, false)}<mergeCells count="60000">${merges.join('')}</mergeCells>`);
      },
      reason: 'file.limit',
      limit: 'mergedRanges',
    },
    {
      name: 'merges-area.xlsx',
      bytes: () => {
        const merges = Array.from({ length: 9_000 }, (_, i) => `<mergeCell ref="C${i + 1}:D200000"/>`);
        return sheet(`${tinyRows(200_000, false)}<mergeCells count="9000">${merges.join('')}</mergeCells>`);
      },
      reason: 'file.limit',
      limit: 'mergedArea',
    },
    // Zip-level.
    {
      name: 'zip-bomb-200mb.xlsx',
      bytes: () => bomb(Buffer.alloc(200 * 1024 * 1024, 0x20)),
      reason: 'file.limit',
      limit: 'partBytes',
    },
    {
      name: 'zip-bomb-ratio.xlsx',
      bytes: () =>
        bomb(
          Buffer.concat([
            Buffer.from(`<worksheet ${NS}><sheetData>`),
            Buffer.alloc(60 * 1024 * 1024, 0x20),
            Buffer.from('</sheetData></worksheet>'),
          ]),
        ),
      reason: 'file.limit',
      limit: 'compressionRatio',
    },
    {
      // The header says 100 bytes; it inflates to far more (a bomb hiding its size).
      name: 'zip-bomb-lying.xlsx',
      bytes: () => {
        const zip = sheet(tinyRows(50_000, false));
        zip.writeUInt32LE(100, centralHeaderAt(zip) + 24);
        return zip;
      },
      reason: 'file.corrupt',
    },
    {
      name: 'zip-too-many-entries.xlsx',
      bytes: () =>
        zipBytes(
          Array.from({ length: 10_001 }, (_, i): [string, string] => [`x/${i}.xml`, '<a/>']),
          { deflate: false },
        ),
      reason: 'file.limit',
      limit: 'zipEntries',
    },
    {
      name: 'zip-fake-entry-count.xlsx',
      bytes: () => {
        const zip = sheet(HEADER);
        zip.writeUInt16LE(0xfffe, zip.length - 12);
        return zip;
      },
      reason: 'file.limit',
      limit: 'zipEntries',
    },
    {
      name: 'truncated.xlsx',
      bytes: () => sheet(`<sheetData>${HEADER}</sheetData>`).subarray(0, 400),
      reason: 'file.corrupt',
    },
    {
      name: 'wrong-crc.xlsx',
      bytes: () => {
        const zip = handXlsx([{ name: 's', xml: `<sheetData>${HEADER}</sheetData>` }], { deflate: false });
        const at = zip.indexOf('学籍号');
        zip.writeUInt8(zip.readUInt8(at) ^ 1, at);
        return zip;
      },
      reason: 'file.corrupt',
    },
    {
      name: 'encrypted-entry.xlsx',
      bytes: () => {
        const zip = sheet(`<sheetData>${HEADER}</sheetData>`);
        const at = centralHeaderAt(zip);
        zip.writeUInt16LE(zip.readUInt16LE(at + 8) | 1, at + 8);
        return zip;
      },
      reason: 'file.encrypted',
    },
    {
      name: 'bzip2-method.xlsx',
      bytes: () => {
        const zip = sheet(`<sheetData>${HEADER}</sheetData>`);
        zip.writeUInt16LE(12, centralHeaderAt(zip) + 10);
        return zip;
      },
      reason: 'file.corrupt',
    },
    // Not an .xlsx at all.
    { name: 'legacy.xls', bytes: ole2, reason: 'file.xls' },
    { name: 'password-protected.xlsx', bytes: ole2, reason: 'file.encrypted' },
    { name: 'empty.xlsx', bytes: () => Buffer.alloc(0), reason: 'file.empty' },
    { name: 'empty.csv', bytes: () => Buffer.alloc(0), reason: 'file.empty' },
    {
      name: 'garbage.xlsx',
      bytes: () => Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 251)),
      reason: 'file.unsupported_type',
    },
    {
      name: 'html-table.xls',
      bytes: () => Buffer.from('<table><tr><td>学籍号</td><td>姓名</td></tr></table>'),
      reason: 'file.unsupported_type',
    },
    { name: 'too-large.csv', bytes: () => Buffer.alloc(51 * 1024 * 1024, 'a,b\n'), reason: 'file.too_large' },
    // XML tricks.
    {
      name: 'deep-nesting.xlsx',
      bytes: () => sheet(`<sheetData>${'<row>'.repeat(100_000)}</sheetData>`),
      reason: 'file.limit',
      limit: 'xmlDepth',
    },
    {
      name: 'billion-laughs.xlsx',
      bytes: () =>
        zipBytes([
          [
            'xl/worksheets/sheet1.xml',
            `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><worksheet ${NS}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>`,
          ],
          ...withWorkbookParts(),
        ]),
      reason: 'file.doctype',
    },
    {
      name: 'xxe-workbook.xlsx',
      bytes: () =>
        withWorkbook(
          `<?xml version="1.0"?><!DOCTYPE w [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><workbook ${NS} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="&xxe;" sheetId="1" r:id="rId1"/></sheets></workbook>`,
        ),
      reason: 'file.doctype',
    },
    { name: 'not-xml.xlsx', bytes: () => bomb(Buffer.from('<<<this is not xml>>>')), reason: 'file.corrupt' },
    {
      name: 'unclosed-tags.xlsx',
      bytes: () => bomb(Buffer.from(`<worksheet ${NS}><sheetData><row><c><v>1`)),
      reason: 'file.corrupt',
    },
    {
      name: 'huge-shared-string.xlsx',
      bytes: () =>
        handXlsx(
          [{ name: 's', xml: '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData>' }],
          { sharedStrings: [`<si><t>${'长'.repeat(40_000)}</t></si>`] },
        ),
      reason: 'file.limit',
      limit: 'cellChars',
    },
    {
      name: 'huge-inline-string.xlsx',
      bytes: () => sheet(`<sheetData><row r="1">${inline('A1', 'x'.repeat(40_000))}</row></sheetData>`),
      reason: 'file.limit',
      limit: 'cellChars',
    },
    {
      name: 'too-many-shared-strings.xlsx',
      bytes: () =>
        handXlsx([{ name: 's', xml: `<sheetData>${HEADER}</sheetData>` }], {
          sharedStrings: Array.from({ length: 1_000_001 }, () => '<si><t>a</t></si>'),
        }),
      reason: 'file.limit',
      limit: 'sharedStrings',
    },
    // References outside the grid.
    {
      name: 'row-negative.xlsx',
      bytes: () => sheet(`<sheetData><row r="-1">${inline('A1', 'x')}</row></sheetData>`),
      reason: 'file.bad_reference',
    },
    {
      name: 'row-zero.xlsx',
      bytes: () => sheet(`<sheetData><row r="0">${inline('A1', 'x')}</row></sheetData>`),
      reason: 'file.bad_reference',
    },
    {
      name: 'row-letters.xlsx',
      bytes: () => sheet(`<sheetData><row r="abc">${inline('A1', 'x')}</row></sheetData>`),
      reason: 'file.bad_reference',
    },
    {
      name: 'row-fraction.xlsx',
      bytes: () => sheet(`<sheetData><row r="1.5">${inline('A1', 'x')}</row></sheetData>`),
      reason: 'file.bad_reference',
    },
    {
      name: 'row-1048577.xlsx',
      bytes: () => sheet(`<sheetData><row r="1048577">${inline('A1048577', 'x')}</row></sheetData>`),
      reason: 'file.limit',
      limit: 'excelRows',
    },
    {
      name: 'row-200001.xlsx',
      bytes: () => sheet(`<sheetData>${HEADER}<row r="200001">${inline('A200001', 'x')}</row></sheetData>`),
      reason: 'file.limit',
      limit: 'rows',
    },
    {
      name: 'column-XFE.xlsx',
      bytes: () => sheet(`<sheetData><row r="1">${inline('XFE1', 'x')}</row></sheetData>`),
      reason: 'file.limit',
      limit: 'excelColumns',
    },
    {
      name: 'column-letters-overflow.xlsx',
      bytes: () => sheet(`<sheetData><row r="1">${inline('ZZZZZZZZZZZZZZ1', 'x')}</row></sheetData>`),
      reason: 'file.limit',
      limit: 'excelColumns',
    },
    {
      name: 'dimension-A1-XFD1048576.xlsx',
      bytes: () => sheet(`<dimension ref="A1:XFD1048576"/><sheetData>${HEADER}</sheetData>`),
      reason: 'file.limit',
      limit: 'rows',
    },
    {
      name: 'columns-100000.xlsx',
      bytes: () => sheet(`<sheetData><row r="1">${'<c><v>1</v></c>'.repeat(100_000)}</row></sheetData>`),
      reason: 'file.limit',
      limit: 'excelColumns',
    },
    { name: 'rows-200001-no-ref.xlsx', bytes: () => sheet(tinyRows(200_001, false)), reason: 'file.limit' },
    // Readable, but nothing to import.
    {
      name: 'formula-only.xlsx',
      bytes: () =>
        sheet('<sheetData><row r="1"><c r="A1"><f>1+1</f></c><c r="B1"><f>A1*2</f></c></row></sheetData>'),
      reason: 'file.empty',
    },
    {
      name: 'no-sheets.xlsx',
      bytes: () => withWorkbook(`<workbook ${NS}><sheets/></workbook>`),
      reason: 'file.no_sheets',
    },
    {
      name: 'missing-workbook.xlsx',
      bytes: () =>
        zipBytes([
          ['xl/worksheets/sheet1.xml', `<worksheet ${NS}><sheetData>${HEADER}</sheetData></worksheet>`],
        ]),
      reason: 'file.corrupt',
    },
    {
      name: 'images-only.xlsx',
      bytes: () => {
        const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
        const base = handXlsx([
          {
            name: 's',
            xml: '<sheetData/><drawing r:id="rId1" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/>',
          },
        ]);
        // The image is an extra part; the reader never looks at it.
        return zipWithExtra(base, ['xl/media/image1.png', png]);
      },
      reason: 'file.empty',
    },
    { name: 'numbers-only.csv', bytes: () => Buffer.from('1,2,3\n4,5,6\n'), reason: 'file.no_header' },
    {
      name: 'no-header.xlsx',
      bytes: () =>
        sheet(`<sheetData><row r="1">${inline('A1', '备注')}${inline('B1', '说明')}</row></sheetData>`),
      reason: 'file.no_header',
    },
    // Text files.
    {
      name: 'line-1mb.csv',
      bytes: () => Buffer.from(`学籍号,姓名\n${'x'.repeat(1024 * 1024)}\n`),
      reason: 'file.limit',
      limit: 'csvLineChars',
    },
    {
      name: 'nul-bytes.csv',
      bytes: () =>
        Buffer.concat([Buffer.from('学籍号,姓名\n'), Buffer.from([0, 0, 0]), Buffer.from('G1,张三\n')]),
      reason: 'file.binary',
    },
    {
      name: 'garbage.csv',
      bytes: () => Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 251)),
      reason: 'file.binary',
    },
    {
      name: 'bad-utf8-byte.csv',
      bytes: () =>
        Buffer.concat([
          Buffer.from(ROSTER_CSV),
          Buffer.from('G002,李'),
          Buffer.from([0xff]),
          Buffer.from('四,女,2013-04-01,城关小学,四年级,1班\n'),
        ]),
      reason: 'file.bad_encoding',
    },
    {
      // A UTF-8 byte order mark in front of GBK text: the file says UTF-8 and is not.
      name: 'gbk-declared-utf8.csv',
      bytes: () => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), encodeGbk(ROSTER_CSV)]),
      reason: 'file.bad_encoding',
    },
    {
      name: 'columns-20000.csv',
      bytes: () => Buffer.from(`${'a,'.repeat(20_000)}a\n`),
      reason: 'file.limit',
      limit: 'csvColumns',
    },
    {
      // 49 MB of commas: once 49 million empty fields and 1.2 GB.
      name: 'commas-49mb.csv',
      bytes: () => Buffer.from(`${','.repeat(16_000)}\n`.repeat(3_200)),
      reason: 'file.limit',
      limit: 'csvFields',
    },
    {
      name: 'rows-200001.csv',
      bytes: () => Buffer.from(`学籍号,姓名\n${'G,x\n'.repeat(200_001)}`),
      reason: 'file.limit',
      limit: 'rows',
    },
    {
      name: 'huge-field.csv',
      bytes: () => Buffer.from(`学籍号,姓名\nG1,"${'长'.repeat(40_000)}"\n`),
      reason: 'file.limit',
      limit: 'cellChars',
    },
  ];
}

function withWorkbookParts(): [string, string][] {
  return [
    [
      'xl/workbook.xml',
      `<workbook ${NS} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="s" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ],
    [
      'xl/_rels/workbook.xml.rels',
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    ],
  ];
}

/** Appends one stored entry to a finished zip by rebuilding its directory. */
function zipWithExtra(zip: Buffer, [name, content]: [string, Buffer]): Buffer {
  const directoryAt = centralHeaderAt(zip);
  const eocdAt = zip.length - 22;
  const count = zip.readUInt16LE(eocdAt + 10);
  const nameBytes = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(crc32(content), 14);
  local.writeUInt32LE(content.length, 18);
  local.writeUInt32LE(content.length, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  local.copy(central, 8, 6, 26);
  central.writeUInt16LE(nameBytes.length, 28);
  central.writeUInt32LE(directoryAt, 42);
  const oldDirectory = zip.subarray(directoryAt, eocdAt);
  const directory = Buffer.concat([oldDirectory, central, nameBytes]);
  const end = Buffer.from(zip.subarray(eocdAt));
  const localsLength = directoryAt + 30 + nameBytes.length + content.length;
  end.writeUInt16LE(count + 1, 8);
  end.writeUInt16LE(count + 1, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(localsLength, 16);
  return Buffer.concat([zip.subarray(0, directoryAt), local, nameBytes, content, directory, end]);
}
