// Starts Anxin: the Electron window where its runtime is available, otherwise the same
// app served on loopback for a browser. `--browser` asks for the browser mode on purpose;
// `--check` only checks the runtime (npm runs it before the build).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exitUnlessRuntimeSupported } from './runtime-guard.mjs';

const browserMode = process.argv.includes('--browser');
exitUnlessRuntimeSupported(browserMode ? 'npm run serve' : 'npm start');
if (process.argv.includes('--check')) process.exit(0);

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

function electronBinary() {
  let dir;
  try {
    dir = dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
  const pathFile = join(dir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  if (relative && existsSync(join(dir, 'dist', relative))) return join(dir, 'dist', relative);
  // Electron downloads its runtime on first use; offline this fails within a second.
  const result = spawnSync(process.execPath, [join(dir, 'install.js')], {
    stdio: 'ignore',
    timeout: 300_000,
  });
  if (result.status !== 0 || !existsSync(pathFile)) return null;
  const installed = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(installed) ? installed : null;
}

function openBrowser(url) {
  if (process.env.CI) return;
  const command =
    process.platform === 'win32' ? 'explorer' : process.platform === 'darwin' ? 'open' : 'xdg-open';
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return;
  const child = spawn(command, [url], { stdio: 'ignore', detached: true });
  child.on('error', () => {});
  child.unref();
}

function serveInBrowser(reason) {
  if (reason) console.log(reason);
  const child = spawn(process.execPath, [join(root, 'dist/cli.js'), 'serve', '--json', ...passThrough()], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let buffer = '';
  child.stdout.on('data', (chunk) => {
    buffer += chunk;
    try {
      const { url, dataDir } = JSON.parse(buffer);
      console.log(`在浏览器中打开 / Open in your browser: ${url}`);
      console.log(`数据目录 / Data folder: ${dataDir}   (Ctrl+C 退出 / to stop)`);
      openBrowser(url);
      buffer = '';
    } catch {
      // Not a whole JSON document yet.
    }
  });
  const stop = () => child.kill('SIGTERM');
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  child.on('exit', (code) => process.exit(code ?? 0));
}

function passThrough() {
  const args = [];
  const port = process.argv.indexOf('--port');
  if (port > 0 && process.argv[port + 1]) args.push('--port', process.argv[port + 1]);
  if (process.env.ANXIN_DATA_DIR) args.push('--data-dir', process.env.ANXIN_DATA_DIR);
  return args;
}

if (browserMode) {
  serveInBrowser();
} else {
  const binary = electronBinary();
  if (binary) {
    const child = spawn(binary, [root], { stdio: 'inherit' });
    child.on('exit', (code) => process.exit(code ?? 0));
  } else {
    serveInBrowser(
      'Electron 运行时不可用（离线或无法下载），改为在浏览器中运行同一应用 / The Electron runtime is not available here, so the same app is served for your browser on 127.0.0.1.',
    );
  }
}
