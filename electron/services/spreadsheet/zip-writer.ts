// A zip archive written front to back onto a stream (an .xlsx is one), the writing half of zip.ts.
// Entries are deflated as they arrive and never held whole: a streamed entry's sizes and CRC follow
// its data in a data descriptor (APPNOTE 4.3.9), so nothing needs seeking back.
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { crc32, createDeflateRaw, deflateRawSync, type DeflateRaw, type ZlibOptions } from 'node:zlib';

const LOCAL_HEADER = 0x04034b50;
const DATA_DESCRIPTOR = 0x08074b50;
const CENTRAL_HEADER = 0x02014b50;
const EOCD = 0x06054b50;
const DEFLATED = 8;
/** Version 2.0: deflate and data descriptors, nothing newer. */
const VERSION = 20;
const FLAG_DESCRIPTOR = 0x0008;
/** Names are UTF-8 (sheet names are Chinese; the parts here are ASCII, but say so anyway). */
const FLAG_UTF8 = 0x0800;
/** Past this the archive would need zip64, which a workbook this writer makes never reaches. */
const ZIP32_MAX = 0xffff_ffff;
/**
 * Sheet XML allowed to wait for the compressor before a writer is asked to pause. The compressor
 * runs on libuv's thread pool, so some backlog lets rows be built while earlier ones are deflated.
 */
const DEFLATE_BACKLOG = 1024 * 1024;
/** Compressed output per callback from the thread pool; zlib's 16 KB default costs four times the calls. */
const DEFLATE_CHUNK = 64 * 1024;

interface Finished {
  name: Buffer;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  offset: number;
}

/** DOS date and time (local, two-second resolution), as every zip tool shows them. */
function dosDateTime(d: Date): { time: number; date: number } {
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | Math.floor(d.getSeconds() / 2),
    date: ((d.getFullYear() - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}

export interface ZipEntryWriter {
  /** Adds text or bytes; returns a promise when the compressor is behind and the caller should wait. */
  write(chunk: string | Buffer): Promise<void> | undefined;
  /** Ends the entry; the archive writes it out in order, after any entry still being written. */
  end(): void;
}

export interface ZipWriter {
  /** A whole small part, compressed at once. */
  add(name: string, content: string | Buffer): void;
  /** A part written piece by piece. Entries are laid out in the order they were started. */
  stream(name: string): ZipEntryWriter;
  /** Writes the central directory and ends the output; resolves once everything is written. */
  finish(): Promise<void>;
  /** Stops: nothing more reaches the output, and finish() rejects. */
  abort(): void;
}

export function zipWriter(output: Writable, now = new Date()): ZipWriter {
  const { time, date } = dosDateTime(now);
  const entries: Finished[] = [];
  let offset = 0;
  let aborted = false;
  let failure: Error | null = null;
  const deflaters = new Set<DeflateRaw>();
  // Each entry is laid out after the one before: a streamed entry's bytes wait for their turn.
  let turn: Promise<void> = Promise.resolve();
  const fail = (error: Error) => {
    failure ??= error;
    // A writer waiting for a compressor to drain hears the failure instead of waiting forever.
    for (const deflate of deflaters) deflate.destroy(failure);
    deflaters.clear();
  };
  output.on('error', fail);

  /** Bytes onto the output; resolves when the output can take more (a file stream's back-pressure). */
  const emit = (bytes: Buffer): Promise<void> | undefined => {
    if (aborted) return undefined;
    offset += bytes.length;
    if (offset > ZIP32_MAX) throw new Error('zip: the archive is larger than 4 GB');
    return output.write(bytes) ? undefined : once(output, 'drain').then(() => undefined);
  };

  const localHeader = (name: Buffer, flags: number, crc: number, compressed: number, size: number) => {
    const header = Buffer.alloc(30);
    header.writeUInt32LE(LOCAL_HEADER, 0);
    header.writeUInt16LE(VERSION, 4);
    header.writeUInt16LE(flags, 6);
    header.writeUInt16LE(DEFLATED, 8);
    header.writeUInt16LE(time, 10);
    header.writeUInt16LE(date, 12);
    header.writeUInt32LE(crc, 14);
    header.writeUInt32LE(compressed, 18);
    header.writeUInt32LE(size, 22);
    header.writeUInt16LE(name.length, 26);
    return Buffer.concat([header, name]);
  };

  const queue = (step: () => Promise<void>) => {
    turn = turn.then(() => (failure || aborted ? undefined : step())).catch(fail);
  };

  return {
    add(name, content) {
      const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
      queue(async () => {
        const nameBytes = Buffer.from(name, 'utf8');
        const compressed = deflateRawSync(bytes);
        const entry: Finished = {
          name: nameBytes,
          flags: FLAG_UTF8,
          crc: crc32(bytes),
          compressedSize: compressed.length,
          size: bytes.length,
          offset,
        };
        if (entry.size > ZIP32_MAX) throw new Error(`zip: ${name} is larger than 4 GB`);
        await emit(localHeader(nameBytes, entry.flags, entry.crc, entry.compressedSize, entry.size));
        await emit(compressed);
        entries.push(entry);
      });
    },

    stream(name) {
      // zlib hands its options on to the Transform underneath, though its typings leave this one out.
      const deflate = createDeflateRaw({
        writableHighWaterMark: DEFLATE_BACKLOG,
        chunkSize: DEFLATE_CHUNK,
      } as ZlibOptions);
      deflaters.add(deflate);
      let crc = 0;
      let size = 0;
      deflate.on('error', fail);
      queue(async () => {
        const nameBytes = Buffer.from(name, 'utf8');
        const entry: Finished = {
          name: nameBytes,
          flags: FLAG_UTF8 | FLAG_DESCRIPTOR,
          crc: 0,
          compressedSize: 0,
          size: 0,
          offset,
        };
        await emit(localHeader(nameBytes, entry.flags, 0, 0, 0));
        // Compressed bytes go straight on; a full output pauses the compressor, whose own
        // back-pressure then reaches the writer through write()'s promise.
        for await (const chunk of deflate as AsyncIterable<Buffer>) {
          entry.compressedSize += chunk.length;
          await emit(chunk);
        }
        deflaters.delete(deflate);
        if (failure || aborted) return;
        entry.crc = crc;
        entry.size = size;
        if (size > ZIP32_MAX || entry.compressedSize > ZIP32_MAX)
          throw new Error(`zip: ${name} is larger than 4 GB`);
        const descriptor = Buffer.alloc(16);
        descriptor.writeUInt32LE(DATA_DESCRIPTOR, 0);
        descriptor.writeUInt32LE(crc, 4);
        descriptor.writeUInt32LE(entry.compressedSize, 8);
        descriptor.writeUInt32LE(size, 12);
        await emit(descriptor);
        entries.push(entry);
      });
      return {
        write(chunk) {
          if (aborted) return undefined;
          if (failure) throw failure;
          const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
          crc = crc32(bytes, crc);
          size += bytes.length;
          if (deflate.write(bytes)) return undefined;
          const drained = once(deflate, 'drain').then(() => undefined);
          // Handled here as well: a caller may never await it (a failure then surfaces in finish()).
          drained.catch(() => undefined);
          return drained;
        },
        end() {
          if (!aborted) deflate.end();
        },
      };
    },

    async finish() {
      queue(async () => {
        const start = offset;
        for (const e of entries) {
          const header = Buffer.alloc(46);
          header.writeUInt32LE(CENTRAL_HEADER, 0);
          header.writeUInt16LE(VERSION, 4);
          header.writeUInt16LE(VERSION, 6);
          header.writeUInt16LE(e.flags, 8);
          header.writeUInt16LE(DEFLATED, 10);
          header.writeUInt16LE(time, 12);
          header.writeUInt16LE(date, 14);
          header.writeUInt32LE(e.crc, 16);
          header.writeUInt32LE(e.compressedSize, 20);
          header.writeUInt32LE(e.size, 24);
          header.writeUInt16LE(e.name.length, 28);
          header.writeUInt32LE(e.offset, 42);
          await emit(Buffer.concat([header, e.name]));
        }
        const end = Buffer.alloc(22);
        end.writeUInt32LE(EOCD, 0);
        end.writeUInt16LE(entries.length, 8);
        end.writeUInt16LE(entries.length, 10);
        end.writeUInt32LE(offset - start, 12);
        end.writeUInt32LE(start, 16);
        await emit(end);
        const ended = once(output, 'finish');
        output.end();
        await ended;
      });
      await turn;
      if (aborted) throw new Error('zip: aborted');
      if (failure) throw failure;
    },

    abort() {
      aborted = true;
      for (const deflate of deflaters) deflate.destroy();
      deflaters.clear();
    },
  };
}
