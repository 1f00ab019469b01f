import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
export const PASSWORD = 'bench-password-1';

/** Runs an `anxin` command in its own process and reads back its peak memory and times. */
export async function runMeasured(args, env = {}) {
  const usageFile = join(process.env.ANXIN_BENCH_DIR, `usage-${Date.now()}-${Math.random()}.json`);
  const child = spawn(
    process.execPath,
    ['--import', join(ROOT, 'bench/report-usage.mjs'), join(ROOT, 'dist/cli.js'), ...args],
    {
      env: { ...process.env, ANXIN_PASSWORD: PASSWORD, ANXIN_BENCH_USAGE_FILE: usageFile, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let stdout = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  const code = await new Promise((done) => child.on('exit', done));
  if (code !== 0) throw new Error(`anxin ${args.join(' ')} exited with ${code}: ${stdout}`);
  return { output: JSON.parse(stdout), usage: JSON.parse(readFileSync(usageFile, 'utf8')) };
}

export async function initDataDir(workDir, orgType) {
  const dataDir = join(workDir, `data-${orgType}-${Date.now()}`);
  mkdirSync(dataDir);
  await runMeasured(['init', '--data-dir', dataDir, '--org-type', orgType, '--org-name', 'bench', '--json']);
  return dataDir;
}
