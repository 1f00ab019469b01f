// A read-only view of a zip archive held in memory (an .xlsx is one). Entries are inflated in memory or
// streamed chunk by chunk; nothing is ever written to disk, unlike exceljs's streaming reader.
import { crc32, createInflateRaw, inflateRawSync } from 'node:zlib';
import { fileError, LIMITS, limitError } from './limits';

/** One file in the archive, as its central directory describes it. */
export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

const EOCD = 0x06054b50;
const ZIP64_EOCD_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL_HEADER = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;
const ENCRYPTED = 0x1;
const CHUNK = 64 * 1024;
/** Below this a high compression ratio is harmless (an empty sheet's XML compresses very well). */
const RATIO_FLOOR_BYTES = 1024 * 1024;

const fail = (message: string): never => {
  throw new Error(`zip: ${message}`);
};

function findEndOfCentralDirectory(data: Buffer): number {
  if (data.length < 22) fail('too short');
  // The record is 22 bytes followed by a comment of at most 65,535.
  const stop = Math.max(0, data.length - 22 - 0xffff);
  for (let at = data.length - 22; at >= stop; at--) {
    if (data.readUInt32LE(at) === EOCD) return at;
  }
  return fail('no zip end-of-central-directory record');
}

/** A zip64 archive keeps the real count and offset in the records its locator points to. */
function centralDirectory(data: Buffer): { offset: number; count: number } {
  const eocd = findEndOfCentralDirectory(data);
  if (eocd >= 20 && data.readUInt32LE(eocd - 20) === ZIP64_EOCD_LOCATOR) {
    const record = Number(data.readBigUInt64LE(eocd - 12));
    if (record + 56 > data.length || data.readUInt32LE(record) !== ZIP64_EOCD) fail('bad zip64 record');
    return {
      count: Number(data.readBigUInt64LE(record + 32)),
      offset: Number(data.readBigUInt64LE(record + 48)),
    };
  }
  return { count: data.readUInt16LE(eocd + 10), offset: data.readUInt32LE(eocd + 16) };
}

function applyZip64Extra(data: Buffer, start: number, end: number, entry: ZipEntry): void {
  for (let at = start; at + 4 <= end;) {
    const id = data.readUInt16LE(at);
    const length = data.readUInt16LE(at + 2);
    if (id === 0x0001) {
      let field = at + 4;
      const next = () => {
        const value = Number(data.readBigUInt64LE(field));
        field += 8;
        return value;
      };
      if (entry.size === 0xffffffff) entry.size = next();
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = next();
      if (entry.localHeaderOffset === 0xffffffff) entry.localHeaderOffset = next();
      return;
    }
    at += 4 + length;
  }
}

/** Every entry by its lower-cased name: writers disagree on the case of part names. */
export function zipEntries(data: Buffer): Map<string, ZipEntry> {
  const { offset, count } = centralDirectory(data);
  if (count > LIMITS.zipEntries) throw limitError('zipEntries', count);
  const entries = new Map<string, ZipEntry>();
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > data.length || data.readUInt32LE(at) !== CENTRAL_HEADER) fail('bad central directory');
    const nameLength = data.readUInt16LE(at + 28);
    const extraLength = data.readUInt16LE(at + 30);
    const commentLength = data.readUInt16LE(at + 32);
    const entry: ZipEntry = {
      name: data.toString('utf8', at + 46, at + 46 + nameLength).replace(/\\/g, '/'),
      flags: data.readUInt16LE(at + 8),
      method: data.readUInt16LE(at + 10),
      crc: data.readUInt32LE(at + 16),
      compressedSize: data.readUInt32LE(at + 20),
      size: data.readUInt32LE(at + 24),
      localHeaderOffset: data.readUInt32LE(at + 42),
    };
    const extraStart = at + 46 + nameLength;
    applyZip64Extra(data, extraStart, extraStart + extraLength, entry);
    entries.set(entry.name.toLowerCase(), entry);
    at = extraStart + extraLength + commentLength;
  }
  return entries;
}

/**
 * A part inflating beyond the cap is refused before inflating starts (a small file can unpack to
 * gigabytes: a zip bomb); the streams below also stop at the declared size, so a lying header is caught.
 */
function compressedBytes(data: Buffer, entry: ZipEntry, cap: number = LIMITS.partBytes): Buffer {
  if (entry.flags & ENCRYPTED) {
    throw fileError(
      'encrypted',
      '文件已加密（设置了密码）。请在 Excel 或 WPS 中取消密码后另存为 .xlsx 再导入。',
    );
  }
  if (entry.size > cap)
    throw limitError(cap === LIMITS.partBytes ? 'partBytes' : 'smallPartBytes', entry.size);
  const ratio = Math.floor(entry.size / Math.max(entry.compressedSize, 1));
  if (entry.size > RATIO_FLOOR_BYTES && ratio > LIMITS.compressionRatio)
    throw limitError('compressionRatio', ratio);
  if (entry.method !== STORED && entry.method !== DEFLATED) fail(`${entry.name}: method ${entry.method}`);
  const at = entry.localHeaderOffset;
  if (at + 30 > data.length || data.readUInt32LE(at) !== LOCAL_HEADER) fail('bad local header');
  const start = at + 30 + data.readUInt16LE(at + 26) + data.readUInt16LE(at + 28);
  if (start + entry.compressedSize > data.length) fail(`${entry.name} is truncated`);
  return data.subarray(start, start + entry.compressedSize);
}

function verify(entry: ZipEntry, size: number, crc: number): void {
  if (size !== entry.size || crc >>> 0 !== entry.crc) fail(`${entry.name} is corrupt`);
}

/** A whole entry in memory: for the small parts (workbook, shared strings, styles). */
export function entryBytes(data: Buffer, entry: ZipEntry): Buffer {
  const compressed = compressedBytes(data, entry, LIMITS.smallPartBytes);
  const bytes =
    entry.method === STORED
      ? compressed
      : inflateRawSync(compressed, { maxOutputLength: Math.max(entry.size, 1) });
  verify(entry, bytes.length, crc32(bytes));
  return bytes;
}

/** An entry inflated chunk by chunk, so a large worksheet never exists whole in memory. */
export async function* entryChunks(data: Buffer, entry: ZipEntry): AsyncGenerator<Buffer> {
  const compressed = compressedBytes(data, entry);
  let size = 0;
  let crc = 0;
  const source =
    entry.method === STORED ? chunksOf(compressed) : createInflateRaw({ chunkSize: CHUNK }).end(compressed);
  for await (const chunk of source as AsyncIterable<Buffer>) {
    size += chunk.length;
    // A declared size that is exceeded means a lying header or a zip bomb: stop inflating.
    if (size > entry.size) fail(`${entry.name} is larger than declared`);
    crc = crc32(chunk, crc);
    yield chunk;
  }
  verify(entry, size, crc);
}

function* chunksOf(bytes: Buffer): Generator<Buffer> {
  for (let at = 0; at < bytes.length; at += CHUNK) yield bytes.subarray(at, at + CHUNK);
}
