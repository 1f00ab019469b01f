import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

export const ROOT = resolve(import.meta.dirname, '../..');
export const CLI = resolve(ROOT, 'dist/cli.js');

/** What `npm run build` makes: the CLI, the Electron main process and the UI. */
const BUILD_OUTPUTS = ['dist/cli.js', 'out/main/main.js', 'out/renderer/index.html'].map((p) =>
  resolve(ROOT, p),
);
/** What the build is made from; a change to any of them makes the build stale. */
const BUILD_INPUTS = ['electron', 'shared', 'renderer', 'scripts', 'package.json', 'electron.vite.config.ts'];

/** The newest modification time under `path` (a file, or a folder walked whole). */
function newestMtime(path: string): number {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce(
    (newest, name) => Math.max(newest, newestMtime(join(path, name))),
    stat.mtimeMs,
  );
}

/** Whether the build is missing, or older than a source it was made from. */
export function buildIsStale(): boolean {
  const builtAt = Math.min(...BUILD_OUTPUTS.map((p) => statSync(p, { throwIfNoEntry: false })?.mtimeMs ?? 0));
  if (builtAt === 0) return true;
  const configs = readdirSync(ROOT).filter((name) => /^vite.*\.ts$/.test(name));
  return [...BUILD_INPUTS, ...configs].some((p) => newestMtime(resolve(ROOT, p)) > builtAt);
}

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * The CLI and UI tests run what `npm run build` produced; it is (re)built when missing or older
 * than its sources, so a test never passes against stale code. Vitest runs test files in parallel
 * processes: a lock folder (mkdir is atomic) lets one of them build while the others wait and
 * then find the build fresh.
 */
export function ensureBuilt(): void {
  if (!buildIsStale()) return;
  const lock = join(
    tmpdir(),
    `anxin-build-${createHash('sha256').update(ROOT).digest('hex').slice(0, 12)}.lock`,
  );
  const deadline = Date.now() + 300_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    // A lock older than any build is left by a killed run.
    const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
    if (age > 300_000) rmSync(lock, { recursive: true, force: true });
    if (Date.now() > deadline) throw new Error(`waited 5 minutes for another test's build (lock ${lock})`);
    sleep(250);
  }
  try {
    if (!buildIsStale()) return;
    const result = spawnSync('npm', ['run', 'build'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 300_000,
      env: { ...process.env, NO_COLOR: '1' },
    });
    if (result.status !== 0)
      throw new Error(
        `npm run build failed (exit ${result.status ?? result.signal}):\n${(result.stdout + result.stderr).slice(-4000)}`,
      );
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export function anxin(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  return {
    code: result.status,
    stdout: result.stdout,
    stderr: result.stderr,
    json: () => JSON.parse(result.stdout),
  };
}

/** Starts `anxin serve` and resolves with its address once it prints it. */
export function serveProcess(dataDir: string, env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [CLI, 'serve', '--data-dir', dataDir, '--port', '0', '--json'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const ready = new Promise<{ url: string; port: number; token: string }>((resolveReady, reject) => {
    let text = '';
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      text += line;
      try {
        const { url, port } = JSON.parse(text) as { url: string; port: number };
        resolveReady({ url, port, token: new URL(url).searchParams.get('token')! });
      } catch {
        // The JSON document spans several lines.
      }
    });
    child.once('exit', (code) => reject(new Error(`anxin serve exited with ${code}`)));
  });
  const stop = () =>
    new Promise<void>((done) => {
      if (child.exitCode !== null || child.signalCode !== null) return done();
      child.once('exit', () => done());
      child.kill('SIGTERM');
    });
  return { child, ready, stop };
}
