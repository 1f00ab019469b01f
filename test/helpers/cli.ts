import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';

export const ROOT = resolve(import.meta.dirname, '../..');
export const CLI = resolve(ROOT, 'dist/cli.js');

/** The CLI and UI tests run what `npm run build` produced; build once if it is missing. */
export function ensureBuilt(): void {
  if (existsSync(CLI) && existsSync(resolve(ROOT, 'out/renderer/index.html'))) return;
  const result = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('npm run build failed');
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
