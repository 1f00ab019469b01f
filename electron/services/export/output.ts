import { createWriteStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { Writable } from 'node:stream';
import type { User } from '../../../shared/api/auth';
import { refusal } from '../../../shared/api/errors';
import type { RosterExportResult } from '../../../shared/api/exports';
import type { Db } from '../../db/database';
import { moveIntoPlace, privateTmpFile, syncFile } from '../private-tmp';
import { getSetting } from '../settings';
import { PROGRAMME_TITLES, VARIANT_LABELS } from './labels';
import {
  auditExport,
  auditExportFailure,
  checkVariant,
  writeRosterExport,
  type ExportRun,
  type RosterExportOptions,
} from './roster';

/**
 * Writes the export in the app's private folder (`<dataDir>/tmp`, owner-only), syncs it and moves
 * it over `out`: the user's folder never holds a half-written file, not even under a temporary name
 * (a killed export once left `out.xlsx.tmp-<hex>` there, holding names and 学籍号). A failure removes
 * the file; a kill leaves it in the private folder, which the next start empties.
 */
export async function exportRoster(
  db: Db,
  user: User,
  options: RosterExportOptions & { out: string },
  run: ExportRun = {},
): Promise<RosterExportResult> {
  checkVariant(user, options.variant);
  const out = resolve(options.out);
  const folder = await stat(dirname(out)).catch(() => null);
  if (!folder?.isDirectory())
    throw refusal('invalid_input', 'exports.no_folder', `No folder ${dirname(out)}.`, {
      folder: dirname(out),
    });
  // The database lives in the data folder; its private temp folder is beside it.
  const temp = privateTmpFile(dirname(db.name));
  // Owner-only: the file holds sensitive personal information.
  const stream = createWriteStream(temp, { flags: 'wx', mode: 0o600 });
  const closed = new Promise<void>((done) => stream.once('close', () => done()));
  // A write error (disk full, folder removed) must fail the export, not hang it or crash the app.
  const failed = new Promise<never>((_, reject) => stream.once('error', reject));
  const writing = writeRosterExport(db, user, options, stream, run);
  // Both are awaited through the race below; these handlers only keep a late rejection from going unhandled.
  writing.catch(() => undefined);
  failed.catch(() => undefined);
  try {
    const counts = await Promise.race([writing, failed]);
    await closed;
    await syncFile(temp);
    await moveIntoPlace(temp, out);
    auditExport(db, user, options, counts, 'file');
    return { file: out, ...counts, variant: options.variant };
  } catch (error) {
    stream.destroy();
    await closed;
    await rm(temp, { force: true });
    auditExportFailure(db, user, options, error, run.signal?.aborted ? 'cancelled' : 'failed');
    throw error;
  }
}

/** Path separators and characters Windows refuses in a file name. */
const safeName = (text: string) => text.replace(/[\\/:*?"<>|\p{Cc}]/gu, '_').trim();

/** A stream that keeps what is written, for a download that never touches the disk. */
export function memorySink(): { sink: Writable; bytes(): Buffer; base64(): string; drop(): void } {
  let chunks: Buffer[] = [];
  return {
    sink: new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        done();
      },
    }),
    bytes: () => Buffer.concat(chunks),
    base64: () => Buffer.concat(chunks).toString('base64'),
    drop: () => {
      chunks = [];
    },
  };
}

/** 机构-名册-版本-截止日期.xlsx, safe on every file system. */
export function downloadName(db: Db, options: RosterExportOptions): string {
  const org = getSetting(db, 'org.name') ?? '';
  const name = [
    org,
    PROGRAMME_TITLES[options.programme],
    VARIANT_LABELS[options.programme][options.variant],
    options.to,
  ]
    .filter(Boolean)
    .join('-');
  return basename(`${safeName(name)}.xlsx`);
}

/** For the browser download: built in memory, so the export never touches the disk on this path. */
export async function exportRosterDownload(
  db: Db,
  user: User,
  options: RosterExportOptions,
): Promise<{ fileName: string; contentBase64: string }> {
  const memory = memorySink();
  const counts = await writeRosterExport(db, user, options, memory.sink).catch((error: unknown) => {
    auditExportFailure(db, user, options, error, 'failed');
    throw error;
  });
  auditExport(db, user, options, counts, 'download');
  return { fileName: downloadName(db, options), contentBase64: memory.base64() };
}
