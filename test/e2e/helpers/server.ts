import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const cliPath = join(projectRoot, 'dist/cli.js');

/** The UI and CLI are (re)built when missing or older than their sources (one helper for all tests). */
export { ensureBuilt } from '../../helpers/cli';

export interface RunningServer {
  url: string;
  port: number;
  dataDir: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** `anxin serve` as a real child process; resolves once it has printed where it listens. */
export function startServer(
  dataDir: string,
  timeoutMs = 20_000,
  /** Extra environment (e.g. NODE_OPTIONS with test/e2e/helpers/shift-clock.mjs to run days ago). */
  env: Record<string, string> = {},
): Promise<RunningServer> {
  const child = spawn(process.execPath, [cliPath, 'serve', '--data-dir', dataDir, '--port', '0', '--json'], {
    cwd: projectRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, CI: '1', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));

  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
  };

  return new Promise((resolvePromise, reject) => {
    const fail = (reason: string) => {
      clearTimeout(timer);
      void stop();
      reject(new Error(`${reason}\nstdout: ${stdout}\nstderr: ${stderr}`));
    };
    const timer = setTimeout(() => fail('anxin serve did not report its URL in time'), timeoutMs);
    const onEarlyExit = (code: number | null) => fail(`anxin serve exited early (code ${code})`);
    child.once('exit', onEarlyExit);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      // The JSON is pretty-printed over several lines; it is complete once it parses.
      let info: { url?: string; port?: number };
      try {
        info = JSON.parse(stdout) as typeof info;
      } catch {
        return;
      }
      if (!info.url || !info.port) return fail('anxin serve printed JSON without a url');
      clearTimeout(timer);
      child.removeListener('exit', onEarlyExit);
      resolvePromise({ url: info.url, port: info.port, dataDir, child, stop });
    });
  });
}

/** `anxin init` on a fresh folder, so a test can start logged-out at the login page instead of setup. */
export function initDataDir(
  dataDir: string,
  options: { orgType: 'school' | 'maternal'; orgName: string; displayName: string; password: string },
): void {
  const result = spawnSync(
    process.execPath,
    [
      cliPath,
      'init',
      '--data-dir',
      dataDir,
      '--org-type',
      options.orgType,
      '--org-name',
      options.orgName,
      '--display-name',
      options.displayName,
      '--json',
    ],
    {
      cwd: projectRoot,
      env: { ...process.env, ANXIN_PASSWORD: options.password },
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  if (result.status !== 0) throw new Error(`anxin init failed: ${result.stdout}${result.stderr}`);
}
