import { closeSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Writes to a temporary name, syncs, renames, then syncs the folder: a crash or power cut
 * leaves either the old file or the new one, never a half-written or vanished file.
 */
export function writeFileAtomic(path: string, data: string | Buffer): void {
  const temp = `${path}.${process.pid}.tmp`;
  const fd = openSync(temp, 'w', 0o600);
  try {
    writeSync(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
  syncDirectory(dirname(path));
}

/** The rename itself lives in the folder's entry list; without this it may not survive a power cut. */
function syncDirectory(dir: string): void {
  let fd: number | null = null;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Windows cannot open or sync a folder; NTFS journals the rename itself.
  } finally {
    if (fd !== null) closeSync(fd);
  }
}
