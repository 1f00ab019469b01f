// Backup and restore at scale: the export bench's data set (50,000 students, 150,000 screenings,
// made through public commands), then `anxin backup create` (snapshot, pack, check), `backup
// verify` with the password (unpack, open, integrity_check, counts) and `backup restore` into an
// empty folder. Baselines: a plain copy of the database file (synced, as the backup is) and
// `anxin info` (start-up + login). Target (issue 13): create < 3 s and ≤ 1.5× the plain copy.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { cpSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { prepareData } from './export.mjs';
import { runMeasured } from './measure.mjs';

const ROOT = resolve(import.meta.dirname, '..');

/** `cp` as a program would: read the file, write it, fsync — in its own measured process. */
async function plainCopy(from, to) {
  const usageFile = join(process.env.ANXIN_BENCH_DIR, `usage-copy-${Date.now()}.json`);
  const script = `const fs = require('node:fs'); fs.copyFileSync(${JSON.stringify(from)}, ${JSON.stringify(to)}); const fd = fs.openSync(${JSON.stringify(to)}, 'r+'); fs.fsyncSync(fd); fs.closeSync(fd);`;
  const child = spawn(process.execPath, ['--import', join(ROOT, 'bench/report-usage.mjs'), '-e', script], {
    env: { ...process.env, ANXIN_BENCH_USAGE_FILE: usageFile },
    stdio: 'inherit',
  });
  const [code] = await once(child, 'exit');
  if (code !== 0) throw new Error(`plain copy exited with ${code}`);
  return JSON.parse(readFileSync(usageFile, 'utf8'));
}

/** ANXIN_BENCH_EXPORT_DATA=DIR reuses the export bench's kept data folder (its setup takes minutes). */
export async function benchBackup(workDir) {
  const kept = process.env.ANXIN_BENCH_EXPORT_DATA;
  let dataDir;
  if (kept && existsSync(join(kept, 'data', 'anxin.db'))) dataDir = join(kept, 'data');
  else {
    ({ dataDir } = await prepareData(workDir));
    if (kept) {
      mkdirSync(kept, { recursive: true });
      cpSync(dataDir, join(kept, 'data'), { recursive: true });
    }
  }
  const dbBytes = statSync(join(dataDir, 'anxin.db')).size;
  const copy = await plainCopy(join(dataDir, 'anxin.db'), join(workDir, 'plain-copy.db'));
  const info = await runMeasured(['info', '--data-dir', dataDir, '--json']);
  const out = join(workDir, 'bench.anxinbak');
  const created = await runMeasured(['backup', 'create', '--data-dir', dataDir, '--out', out, '--json']);
  const { people, screenings } = created.output.counts;
  if (people !== 50_000 || screenings !== 150_000)
    throw new Error(`backup counted ${people} people, ${screenings} screenings`);
  const verified = await runMeasured(['backup', 'verify', out, '--json'], { ANXIN_PASSWORD: '' });
  if (verified.output.databaseChecked) throw new Error('verify without a password opened the database');
  const verifiedDb = await runMeasured(['backup', 'verify', out, '--user', 'admin', '--json']);
  const restored = await runMeasured([
    'backup',
    'restore',
    out,
    '--data-dir',
    join(workDir, 'restored'),
    '--json',
  ]);
  if (restored.output.counts.screenings !== 150_000) throw new Error('restore lost screenings');
  console.log(
    `  database ${(dbBytes / 1e6).toFixed(0)} MB, backup ${(created.output.bytes / 1e6).toFixed(0)} MB; ` +
      `create / plain copy = ${(created.usage.wallMs / copy.wallMs).toFixed(2)}× wall`,
  );
  return [
    { name: 'baseline: plain copy of anxin.db (+ fsync)', ...copy },
    { name: 'baseline: anxin info (start-up + login)', ...info.usage },
    { name: 'backup create (snapshot, integrity_check, pack, fsync, re-hash)', ...created.usage },
    { name: 'backup verify, container + sha256 only', ...verified.usage },
    { name: 'backup verify with password (unpack, integrity_check, counts)', ...verifiedDb.usage },
    { name: 'backup restore into an empty folder', ...restored.usage },
  ];
}
