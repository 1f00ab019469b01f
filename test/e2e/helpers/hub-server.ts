import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from './server';

/** `anxin hub serve` as a child process, resolved once it printed its JSON. */
export function serveHub(dir: string): Promise<{ child: ChildProcess; url: string; port: number }> {
  const child = spawn(
    process.execPath,
    [join(projectRoot, 'dist/cli.js'), 'hub', 'serve', '--data-dir', dir, '--port', '0', '--json'],
    { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CI: '1' } },
  );
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`hub serve did not start\n${stdout}\n${stderr}`)),
      60_000,
    );
    child.once('exit', (code) => reject(new Error(`hub serve exited (${code})\n${stdout}\n${stderr}`)));
    child.stdout!.on('data', (c: Buffer) => {
      stdout += c.toString();
      try {
        const info = JSON.parse(stdout) as { url: string; port: number };
        clearTimeout(timer);
        resolve({ child, url: info.url, port: info.port });
      } catch {
        // Not all of it yet.
      }
    });
  });
}
