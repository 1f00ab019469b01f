import { mkdtempSync, readdirSync, rmSync, watch } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

/** A fresh temp folder per call, removed after the test. */
export function useTempDirs(): () => string {
  const dirs: string[] = [];
  afterEach(() => {
    while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
  });
  return () => {
    const dir = mkdtempSync(join(tmpdir(), 'anxin-test-'));
    dirs.push(dir);
    return dir;
  };
}

/**
 * Runs `work` with os.tmpdir() pointed at a private, watched folder and returns the names of every
 * file created there meanwhile (even ones deleted again before `work` ended). A private folder
 * keeps other tests and other users of /tmp out of the count.
 */
export async function tempFilesCreatedBy(work: () => Promise<unknown>): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'anxin-watched-'));
  const created = new Set<string>();
  const watcher = watch(dir, (_event, name) => name && created.add(name));
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = dir;
  try {
    await work();
    // inotify events arrive asynchronously.
    await new Promise((resolve) => setTimeout(resolve, 100));
    for (const name of readdirSync(dir)) created.add(name);
    return [...created];
  } finally {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    watcher.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
