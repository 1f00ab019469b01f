import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';
import { anxin, CLI, ensureBuilt } from '../helpers/cli';
import { hostileFiles, type HostileFile } from '../helpers/hostile-files';
import { useTempDirs } from '../helpers/temp';

const tempDir = useTempDirs();
const password = { ANXIN_PASSWORD: 'cli-password-1' };
const RSS_REPORTER = pathToFileURL(resolve(import.meta.dirname, '../helpers/report-rss.mjs')).href;
const MAX_SECONDS = 10;
const MAX_RSS_MB = 500;
/** Two children at a time: the machine has two cores. */
const POOL = 2;

beforeAll(ensureBuilt, 300_000);

interface Outcome {
  file: HostileFile;
  seconds: number;
  rssMb: number;
  exitCode: number | null;
  error?: { code: string; message: string; detail?: { reason: string; params?: Record<string, unknown> } };
}

/** One import in its own process, timed, its peak memory reported by the child itself. */
function importInChild(file: HostileFile, path: string, dataDir: string): Promise<Outcome> {
  return new Promise((done, fail) => {
    const started = performance.now();
    // Linux carries a process's peak RSS across exec, so a child forked straight from this (large)
    // test worker would report the worker's size. A small shell in between forks the CLI afresh
    // (`; exit` keeps it from exec'ing in place), so the peak the child reports is its own.
    const child = spawn(
      '/bin/sh',
      [
        '-c',
        '"$0" "$@"; exit $?',
        process.execPath,
        // A heap cap keeps a regression from taking the machine down with it; the test's own
        // ceiling (500 MB resident) is far below it.
        '--max-old-space-size=2048',
        '--import',
        RSS_REPORTER,
        CLI,
        'import',
        'roster',
        path,
        '--data-dir',
        dataDir,
        '--commit',
        '--json',
      ],
      { env: { ...process.env, ...password }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', fail);
    child.on('close', (exitCode) => {
      clearTimeout(timer);
      const seconds = (performance.now() - started) / 1000;
      const rssKb = Number(/ANXIN_MAX_RSS_KB=(\d+)/.exec(stderr)?.[1] ?? NaN);
      let error: Outcome['error'];
      try {
        error = (JSON.parse(stdout) as { error?: Outcome['error'] }).error;
      } catch {
        error = undefined;
      }
      done({ file, seconds, rssMb: rssKb / 1024, exitCode, error });
    });
  });
}

async function inPool<T, R>(items: T[], size: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: size }, lane));
  return results;
}

describe('hostile and broken files', () => {
  test('each of 40+ malformed files ends with a clear message within 10 s and 500 MB, nothing written', async () => {
    const dataDir = tempDir();
    const filesDir = tempDir();
    expect(
      anxin(['init', '--data-dir', dataDir, '--org-type', 'school', '--org-name', '城关小学'], password).code,
    ).toBe(0);
    const files = hostileFiles();
    expect(files.length).toBeGreaterThanOrEqual(40);

    const outcomes = await inPool(files, POOL, async (file) => {
      const path = join(filesDir, file.name);
      writeFileSync(path, file.bytes());
      return importInChild(file, path, dataDir);
    });

    const failures = outcomes.flatMap((o) => {
      const problems: string[] = [];
      if (o.seconds >= MAX_SECONDS) problems.push(`took ${o.seconds.toFixed(1)} s`);
      if (!(o.rssMb < MAX_RSS_MB)) problems.push(`peak RSS ${o.rssMb.toFixed(0)} MB`);
      if (o.error?.code !== 'invalid_input')
        problems.push(`code ${o.error?.code ?? `none (exit ${o.exitCode})`}`);
      if (o.error?.detail?.reason !== o.file.reason) problems.push(`reason ${o.error?.detail?.reason}`);
      if (o.file.limit && o.error?.detail?.params?.limit !== o.file.limit) {
        problems.push(`limit ${String(o.error?.detail?.params?.limit)}`);
      }
      // A clear message: a sentence for the user, in Chinese, never the internal one.
      if (!/\p{Script=Han}/u.test(o.error?.message ?? '')) problems.push(`message ${o.error?.message}`);
      return problems.length ? [`${o.file.name}: ${problems.join(', ')}`] : [];
    });
    const slowest = outcomes.reduce((a, b) => (b.seconds > a.seconds ? b : a));
    const largest = outcomes.reduce((a, b) => (b.rssMb > a.rssMb ? b : a));
    console.log(
      `${outcomes.length} files; slowest ${slowest.file.name} ${slowest.seconds.toFixed(1)} s; ` +
        `largest ${largest.file.name} ${largest.rssMb.toFixed(0)} MB`,
    );
    expect(failures).toEqual([]);
    for (const o of outcomes) expect(o.exitCode, o.file.name).toBe(2);

    // Nothing was written: no student, and no import batch.
    const info = anxin(['info', '--data-dir', dataDir, '--json'], password).json();
    expect(info.counts.students).toBe(0);
  }, 180_000);
});
