import { closeSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';

/** Writes to a temporary name, syncs, then renames: a crash never leaves a half-written file. */
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
}
