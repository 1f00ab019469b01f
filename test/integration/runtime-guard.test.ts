// The CLI and `npm start` refuse an unsupported Node with one bilingual line and exit 1, before
// anything is opened: on Node 20 the SQLite module would otherwise end the process with a
// segmentation fault (exit 139) and no word.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { MIN_NODE_MAJOR, runtimeProblem } from '../../scripts/runtime-guard.mjs';
import { CLI, ROOT, ensureBuilt } from '../helpers/cli';
import { useTempDirs } from '../helpers/temp';

const tempDir = useTempDirs();
const START = resolve(ROOT, 'scripts/start.mjs');

/** The machine's own Node, when it is one Anxin does not support. */
const OLD_NODE = '/usr/bin/node';
const oldNodeVersion = existsSync(OLD_NODE)
  ? spawnSync(OLD_NODE, ['--version'], { encoding: 'utf8' }).stdout.trim()
  : null;
const oldNodeUsable =
  oldNodeVersion !== null && Number(oldNodeVersion.slice(1).split('.')[0]) < MIN_NODE_MAJOR;
const oldNodeTitle = oldNodeUsable
  ? `on ${OLD_NODE} (${oldNodeVersion})`
  : `on an old Node — skipped: ${OLD_NODE} is ${oldNodeVersion ?? 'not installed'}, not a Node older than ${MIN_NODE_MAJOR}`;

function run(node: string, args: string[], env: Record<string, string> = {}) {
  return spawnSync(node, args, {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, ANXIN_PASSWORD: 'correct horse battery', ...env },
  });
}

/** Exactly one line, naming the Node found and the fix, in Chinese then English. */
function expectVersionLine(text: string, command: string) {
  const found = oldNodeVersion!.replace(/\./g, '\\.');
  expect(text).toMatch(
    new RegExp(
      `^安心筛查需要 Node\\.js 22 或更高版本（当前 ${found}）：请在项目目录运行 npm install 后用 ${command}，或安装 Node 22。` +
        ` / Anxin needs Node\\.js 22 or newer \\(found ${found}\\): run npm install in the project folder, then ${command}, or install Node 22\\.\\n$`,
    ),
  );
}

beforeAll(ensureBuilt, 300_000);

describe.runIf(oldNodeUsable)(oldNodeTitle, () => {
  test.each([
    ['info', ['info', '--json']],
    ['init', ['init', '--org-type', 'school', '--org-name', '安心中学', '--json']],
    ['serve', ['serve', '--port', '0', '--json']],
  ])('anxin %s: one line, exit 1, no signal, nothing written in the data folder', (_name, args) => {
    const dataDir = tempDir();
    const result = run(OLD_NODE, [CLI, ...args, '--data-dir', dataDir]);
    expect(result.signal).toBeNull();
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expectVersionLine(result.stderr, 'npx anxin');
    expect(readdirSync(dataDir)).toEqual([]);
  });

  test.each([
    [[], 'npm start'],
    [['--browser'], 'npm run serve'],
    [['--check'], 'npm start'],
  ])('scripts/start.mjs %j: one line naming %s, exit 1', (args, command) => {
    const dataDir = tempDir();
    const result = run(OLD_NODE, [START, ...args], { ANXIN_DATA_DIR: dataDir, CI: '1' });
    expect(result.signal).toBeNull();
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expectVersionLine(result.stderr, command);
    expect(readdirSync(dataDir)).toEqual([]);
  });
});

describe(`on this Node (${process.version})`, () => {
  test('the guard finds nothing wrong and the CLI runs', () => {
    expect(runtimeProblem('npx anxin')).toBeNull();
    const check = run(process.execPath, [START, '--check']);
    expect([check.status, check.stdout, check.stderr]).toEqual([0, '', '']);
    const dataDir = tempDir();
    const init = run(process.execPath, [
      CLI,
      'init',
      '--data-dir',
      dataDir,
      '--org-type',
      'school',
      '--org-name',
      '安心中学',
      '--json',
    ]);
    expect(init.stderr).toBe('');
    expect(init.status).toBe(0);
    const info = run(process.execPath, [CLI, 'info', '--data-dir', dataDir, '--json']);
    expect(info.status).toBe(0);
    expect(JSON.parse(info.stdout)).toMatchObject({
      org: { type: 'school', name: '安心中学' },
      counts: { users: 1 },
    });
  });

  /** A copy of the guard beside a stand-in for the SQLite package, as a broken install leaves it. */
  function guardBeside(moduleSource: string | null) {
    const dir = tempDir();
    copyFileSync(resolve(ROOT, 'scripts/runtime-guard.mjs'), join(dir, 'runtime-guard.mjs'));
    if (moduleSource !== null) {
      const pkg = join(dir, 'node_modules/better-sqlite3-multiple-ciphers');
      mkdirSync(pkg, { recursive: true });
      writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: 'better-sqlite3-multiple-ciphers' }));
      writeFileSync(join(pkg, 'index.js'), moduleSource);
    }
    return run(process.execPath, [
      '--input-type=module',
      '-e',
      `const { exitUnlessRuntimeSupported } = await import(${JSON.stringify(join(dir, 'runtime-guard.mjs'))});` +
        `exitUnlessRuntimeSupported('npm start'); console.log('went on');`,
    ]);
  }

  test('a SQLite binary built for another runtime: one line with the reason and the fix, exit 1', () => {
    const result = guardBeside(
      `module.exports = function Database() { throw new Error('The module was compiled against a different Node.js version'); };`,
    );
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      '安心筛查无法加载数据库模块 better-sqlite3-multiple-ciphers（The module was compiled against a different Node.js version）：请在项目目录运行 npm install 后用 npm start。' +
        ' / Anxin cannot load its database module better-sqlite3-multiple-ciphers (The module was compiled against a different Node.js version): run npm install in the project folder, then npm start.\n',
    );
  });

  test('no SQLite package at all (npm install never ran): one line saying to run it', () => {
    const result = guardBeside(null);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /^安心筛查无法加载数据库模块 better-sqlite3-multiple-ciphers（Cannot find module 'better-sqlite3-multiple-ciphers'.*）：请在项目目录运行 npm install 后用 npm start。 \/ Anxin cannot load .*run npm install in the project folder, then npm start\.\n$/,
    );
  });

  test('a working module lets the caller go on', () => {
    const result = guardBeside(`module.exports = function Database() { return { close() {} }; };`);
    expect([result.status, result.stdout, result.stderr]).toEqual([0, 'went on\n', '']);
  });
});
