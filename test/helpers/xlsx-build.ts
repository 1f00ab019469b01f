import ExcelJS from 'exceljs';
import { crc32, deflateRawSync } from 'node:zlib';
import type { CellValue } from '../../shared/people/cell';

/**
 * A zip with the entries in exactly the given order (the order is what exceljs's streaming reader trips
 * on). `zip64` moves sizes, offsets and the entry count into the zip64 records, as some writers do.
 */
export function zipBytes(
  entries: [name: string, content: string | Buffer][],
  { deflate = true, zip64 = false } = {},
): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of entries) {
    const data = Buffer.from(content);
    const stored = deflate ? deflateRawSync(data) : data;
    const nameBytes = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(deflate ? 8 : 0, 8);
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(stored.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(45, 4);
    central.writeUInt16LE(45, 6);
    local.copy(central, 8, 6, 26);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    const extra = Buffer.alloc(zip64 ? 28 : 0);
    if (zip64) {
      central.writeUInt32LE(0xffffffff, 20);
      central.writeUInt32LE(0xffffffff, 24);
      central.writeUInt32LE(0xffffffff, 42);
      central.writeUInt16LE(extra.length, 30);
      extra.writeUInt16LE(0x0001, 0);
      extra.writeUInt16LE(24, 2);
      extra.writeBigUInt64LE(BigInt(data.length), 4);
      extra.writeBigUInt64LE(BigInt(stored.length), 12);
      extra.writeBigUInt64LE(BigInt(offset), 20);
    }
    locals.push(local, nameBytes, stored);
    centrals.push(central, nameBytes, extra);
    offset += 30 + nameBytes.length + stored.length;
  }
  const directory = Buffer.concat(centrals);
  const records: Buffer[] = [];
  if (zip64) {
    const record = Buffer.alloc(56);
    record.writeUInt32LE(0x06064b50, 0);
    record.writeBigUInt64LE(44n, 4);
    record.writeUInt16LE(45, 12);
    record.writeUInt16LE(45, 14);
    record.writeBigUInt64LE(BigInt(entries.length), 24);
    record.writeBigUInt64LE(BigInt(entries.length), 32);
    record.writeBigUInt64LE(BigInt(directory.length), 40);
    record.writeBigUInt64LE(BigInt(offset), 48);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeBigUInt64LE(BigInt(offset + directory.length), 8);
    locator.writeUInt32LE(1, 16);
    records.push(record, locator);
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(zip64 ? 0xffff : entries.length, 8);
  end.writeUInt16LE(zip64 ? 0xffff : entries.length, 10);
  end.writeUInt32LE(zip64 ? 0xffffffff : directory.length, 12);
  end.writeUInt32LE(zip64 ? 0xffffffff : offset, 16);
  return Buffer.concat([...locals, directory, ...records, end]);
}

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const xml = (body: string) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${body}`;

export interface HandSheet {
  name: string;
  /** The inside of <worksheet>: <sheetData>…</sheetData> and anything after it. */
  xml: string;
  state?: 'hidden' | 'veryHidden';
}

/**
 * A hand-written .xlsx: worksheets first, then shared strings and styles, the order Excel and exceljs
 * use. Styles: 0 general, 1 built-in date (14), 2 custom 'yyyy"年"m"月"d"日"', 3 custom '0.00"天"'.
 */
export function handXlsx(
  sheets: HandSheet[],
  { sharedStrings = [] as string[], date1904 = false, deflate = true, zip64 = false } = {},
): Buffer {
  const rels = (items: string[]) =>
    xml(
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${items.join('')}</Relationships>`,
    );
  const rel = (id: string, type: string, target: string) =>
    `<Relationship Id="${id}" Type="${REL_NS}/${type}" Target="${target}"/>`;
  return zipBytes(
    [
      ...sheets.map((sheet, i): [string, string] => [
        `xl/worksheets/sheet${i + 1}.xml`,
        xml(`<worksheet ${NS}>${sheet.xml}</worksheet>`),
      ]),
      [
        'xl/sharedStrings.xml',
        xml(`<sst ${NS} count="${sharedStrings.length}">${sharedStrings.join('')}</sst>`),
      ],
      [
        'xl/styles.xml',
        xml(
          `<styleSheet ${NS}><numFmts count="2"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/><numFmt numFmtId="177" formatCode="0.00&quot;天&quot;"/></numFmts>` +
            `<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>` +
            `<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="176"/><xf numFmtId="177"/></cellXfs></styleSheet>`,
        ),
      ],
      [
        'xl/workbook.xml',
        xml(
          `<workbook ${NS} xmlns:r="${REL_NS}"><workbookPr${date1904 ? ' date1904="1"' : ''}/><sheets>` +
            sheets
              .map(
                (s, i) =>
                  `<sheet name="${s.name}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ''} r:id="rId${i + 1}"/>`,
              )
              .join('') +
            `</sheets></workbook>`,
        ),
      ],
      [
        'xl/_rels/workbook.xml.rels',
        rels([
          ...sheets.map((_, i) => rel(`rId${i + 1}`, 'worksheet', `worksheets/sheet${i + 1}.xml`)),
          rel('rIdS', 'sharedStrings', 'sharedStrings.xml'),
          rel('rIdT', 'styles', '/xl/styles.xml'),
        ]),
      ],
      ['_rels/.rels', rels([rel('rId1', 'officeDocument', 'xl/workbook.xml')])],
    ],
    { deflate, zip64 },
  );
}

/** The rows exceljs's in-memory reader produced before the streaming reader replaced it. */
export async function exceljsRows(
  data: Buffer,
): Promise<{ name: string; hidden: boolean; rows: CellValue[][] }[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(data as unknown as Parameters<ExcelJS.Xlsx['load']>[0], {
    ignoreNodes: ['dataValidations', 'conditionalFormatting'],
  });
  return workbook.worksheets.map((worksheet) => {
    const rows: CellValue[][] = [];
    worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells: CellValue[] = [];
      row.eachCell({ includeEmpty: false }, (cell, column) => {
        if (cell.isMerged && cell.master !== cell) return;
        const value = plain(cell.value);
        if (value !== null) cells[column - 1] = value;
      });
      if (cells.length) rows[rowNumber - 1] = Array.from(cells, (value) => value ?? null);
    });
    return {
      name: worksheet.name,
      hidden: worksheet.state !== 'visible',
      rows: Array.from(rows, (row) => row ?? []),
    };
  });
}

function plain(value: ExcelJS.CellValue | undefined): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value === '' ? null : value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if ('richText' in value) return plain(value.richText.map((run) => run.text).join(''));
  if ('formula' in value || 'sharedFormula' in value) return plain(value.result as ExcelJS.CellValue);
  if ('hyperlink' in value) return plain(value.text as ExcelJS.CellValue);
  return null;
}
