// `npm run bench`: each benchmark runs the built app in its own process and reports
// wall time, CPU time and peak memory (RSS). Targets are in the issues; numbers go in notes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchAlertLatency } from './alert-latency.mjs';
import { benchBackup } from './backup.mjs';
import { benchExport } from './export.mjs';
import { benchHub } from './hub.mjs';
import { benchRosterImport } from './roster-import.mjs';
import { benchStation } from './station.mjs';

const workDir = mkdtempSync(join(tmpdir(), 'anxin-bench-'));
process.env.ANXIN_BENCH_DIR = workDir;
const benches = {
  'roster-import': benchRosterImport,
  station: benchStation,
  export: benchExport,
  'alert-latency': benchAlertLatency,
  backup: benchBackup,
  hub: benchHub,
};
const only = process.argv[2];

try {
  const rows = [];
  for (const [name, bench] of Object.entries(benches)) {
    if (only && only !== name) continue;
    console.log(`running ${name} …`);
    rows.push(...(await bench(workDir)));
  }
  console.log('\nbenchmark | wall s | cpu s | peak RSS MB');
  console.log('--- | --- | --- | ---');
  for (const r of rows)
    console.log(
      `${r.name} | ${(r.wallMs / 1000).toFixed(2)} | ${(r.cpuMs / 1000).toFixed(2)} | ${r.maxRssMb.toFixed(0)}`,
    );
} finally {
  rmSync(workDir, { recursive: true, force: true });
}
