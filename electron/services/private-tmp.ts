import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { copyFile, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Files being built (exports holding names and 学籍号) are written in the app's own folder, owner-only,
 * and moved into place when complete: a killed export leaves nothing beside the user's file, and
 * what it left here is removed at the next start. Each name carries the writing process's id, so a
 * start never removes a file another running process (the app, a CLI beside it) is still writing.
 */
const FOLDER = 'tmp';
const NAME = /^(\d+)-[0-9a-f]+\.part$/;

export function privateTmpDir(dataDir: string): string {
  const dir = join(dataDir, FOLDER);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // mkdir's mode is masked by the umask and ignored for a folder that exists.
  chmodSync(dir, 0o700);
  return dir;
}

/** A fresh name in the private folder for this process to write. */
export function privateTmpFile(dataDir: string): string {
  return join(privateTmpDir(dataDir), `${process.pid}-${randomBytes(8).toString('hex')}.part`);
}

function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM';
  }
}

/** Removes what killed processes left in the private folder; returns how many files went. */
export function cleanPrivateTmp(dataDir: string): number {
  const dir = join(dataDir, FOLDER);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    // Anything not named this way is no file of a live writer either.
    const pid = Number(NAME.exec(name)?.[1] ?? NaN);
    if (Number.isInteger(pid) && processAlive(pid)) continue;
    rmSync(join(dir, name), { recursive: true, force: true });
    removed++;
  }
  return removed;
}

export async function syncFile(path: string): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Moves a finished, synced file to `out`. Across devices (the data folder on C:, the export on a USB
 * stick) rename fails: the file is then copied beside the target under a hidden name, synced and
 * renamed, so `out` itself is never half-written; the copy is removed if that fails.
 */
export async function moveIntoPlace(temp: string, out: string): Promise<void> {
  try {
    await rename(temp, out);
    return;
  } catch (error) {
    if ((error as { code?: string }).code !== 'EXDEV') throw error;
  }
  const copy = join(dirname(out), `.${basename(out)}.anxin-${randomBytes(4).toString('hex')}`);
  try {
    await copyFile(temp, copy);
    await syncFile(copy);
    await rename(copy, out);
  } catch (error) {
    await rm(copy, { force: true });
    throw error;
  } finally {
    await rm(temp, { force: true });
  }
}
