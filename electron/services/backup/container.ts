import { createHash } from 'node:crypto';
import { closeSync, fstatSync, fsyncSync, openSync, readSync, writeSync } from 'node:fs';
import { AppError } from '../../../shared/api/errors';

/**
 * The backup file is a plain POSIX tar (ustar) archive, so any `tar` can list and unpack it:
 * `manifest.json` first, then the parts it names in order (the encrypted database, the keyring
 * files). Nothing is compressed: the database is encrypted, so it would not shrink, and a plain
 * layout keeps the format easy to check by hand.
 */
const BLOCK = 512;
const CHUNK = 1 << 20;
/** ustar's 11 octal digits of size. */
const MAX_PART_BYTES = 8 ** 11 - 1;
const MAX_MANIFEST_BYTES = 1 << 20;
export const PART_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

export interface PartSource {
  name: string;
  /** A file to copy in, or bytes; bytes may be made from the hashes of the parts before it (the manifest). */
  file?: string;
  bytes?: Buffer | ((hashes: Record<string, string>) => Buffer);
}

export interface TarEntry {
  name: string;
  offset: number;
  size: number;
}

function octal(value: number, width: number): string {
  return value.toString(8).padStart(width - 1, '0') + '\0';
}

function header(name: string, size: number, mtime: number): Buffer {
  if (!PART_NAME.test(name)) throw new Error(`bad part name ${name}`);
  if (size > MAX_PART_BYTES) throw new AppError('backup_failed', `The part ${name} is larger than 8 GiB.`);
  const block = Buffer.alloc(BLOCK);
  block.write(name, 0, 100, 'utf8');
  block.write(octal(0o600, 8), 100, 'ascii');
  block.write(octal(0, 8), 108, 'ascii');
  block.write(octal(0, 8), 116, 'ascii');
  block.write(octal(size, 12), 124, 'ascii');
  block.write(octal(Math.floor(mtime / 1000), 12), 136, 'ascii');
  block.write('        ', 148, 'ascii');
  block.write('0', 156, 'ascii');
  block.write('ustar\0', 257, 'ascii');
  block.write('00', 263, 'ascii');
  block.write(octal(checksum(block), 7) + ' ', 148, 'ascii');
  return block;
}

/** The ustar checksum: the sum of the header's bytes with the checksum field read as spaces. */
function checksum(block: Buffer): number {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : block[i]!;
  return sum;
}

const padding = (size: number) => (BLOCK - (size % BLOCK)) % BLOCK;

/** Streams a file through sha256 (and optionally into `fd`), in 1 MB reads. */
export function hashFile(file: string, copyTo?: number, onBytes?: (n: number) => void): string {
  const hash = createHash('sha256');
  const fd = openSync(file, 'r');
  const buffer = Buffer.allocUnsafe(CHUNK);
  try {
    for (;;) {
      const n = readSync(fd, buffer, 0, CHUNK, null);
      if (n === 0) break;
      const chunk = buffer.subarray(0, n);
      hash.update(chunk);
      if (copyTo !== undefined) writeSync(copyTo, chunk);
      onBytes?.(n);
    }
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

export const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/**
 * Writes the archive to `path` (a temporary name the caller renames) and syncs it to disk.
 * Returns each part's sha256 as written, computed in the same pass that copies it.
 */
export function writeTar(
  path: string,
  parts: PartSource[],
  onBytes?: (n: number) => void,
  mtime = Date.now(),
): Record<string, string> {
  const fd = openSync(path, 'wx', 0o600);
  const written: Record<string, string> = {};
  try {
    for (const part of parts) {
      const bytes = typeof part.bytes === 'function' ? part.bytes(written) : part.bytes;
      const size = bytes ? bytes.length : fstatSizeOf(part.file!);
      writeSync(fd, header(part.name, size, mtime));
      if (bytes) {
        writeSync(fd, bytes);
        written[part.name] = sha256(bytes);
      } else {
        written[part.name] = hashFile(part.file!, fd, onBytes);
      }
      const pad = padding(size);
      if (pad) writeSync(fd, Buffer.alloc(pad));
    }
    writeSync(fd, Buffer.alloc(BLOCK * 2));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return written;
}

function fstatSizeOf(file: string): number {
  const fd = openSync(file, 'r');
  try {
    return fstatSync(fd).size;
  } finally {
    closeSync(fd);
  }
}

const damaged = (detail: string) =>
  new AppError('backup_damaged', `This is not a readable Anxin backup file: ${detail}.`, {
    part: 'container',
  });

/** Lists the archive's entries without reading their contents. */
export function listTar(fd: number): TarEntry[] {
  const total = fstatSync(fd).size;
  const entries: TarEntry[] = [];
  const block = Buffer.alloc(BLOCK);
  let offset = 0;
  for (;;) {
    if (offset + BLOCK > total) throw damaged('the file ends early (cut short?)');
    readSync(fd, block, 0, BLOCK, offset);
    if (block.every((b) => b === 0)) break;
    const stored = parseInt(block.toString('ascii', 148, 156).replace(/[\0 ]+$/, ''), 8);
    if (block.toString('ascii', 257, 262) !== 'ustar' || stored !== checksum(block))
      throw damaged(`a damaged header at byte ${offset}`);
    const name = block.toString('utf8', 0, 100).replace(/\0.*$/s, '');
    const size = parseInt(block.toString('ascii', 124, 136).replace(/[\0 ]+$/, ''), 8);
    if (!PART_NAME.test(name) || !Number.isSafeInteger(size))
      throw damaged(`an unexpected entry at byte ${offset}`);
    if (offset + BLOCK + size > total) throw damaged(`the part ${name} is cut short`);
    entries.push({ name, offset: offset + BLOCK, size });
    offset += BLOCK + size + padding(size);
  }
  return entries;
}

export function readEntry(fd: number, entry: TarEntry, limit = MAX_MANIFEST_BYTES): Buffer {
  if (entry.size > limit) throw damaged(`the part ${entry.name} is too large`);
  const bytes = Buffer.alloc(entry.size);
  readSync(fd, bytes, 0, entry.size, entry.offset);
  return bytes;
}

/** Hashes an entry in place, optionally copying it out to `copyTo`. */
export function hashEntry(fd: number, entry: TarEntry, copyTo?: number): string {
  const hash = createHash('sha256');
  const buffer = Buffer.allocUnsafe(CHUNK);
  let done = 0;
  while (done < entry.size) {
    const n = readSync(fd, buffer, 0, Math.min(CHUNK, entry.size - done), entry.offset + done);
    if (n === 0) throw damaged(`the part ${entry.name} is cut short`);
    const chunk = buffer.subarray(0, n);
    hash.update(chunk);
    if (copyTo !== undefined) writeSync(copyTo, chunk);
    done += n;
  }
  return hash.digest('hex');
}
