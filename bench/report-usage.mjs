// Preloaded into a benchmarked command: on exit it records the process's peak memory and CPU time.
import { writeFileSync } from 'node:fs';

const target = process.env.ANXIN_BENCH_USAGE_FILE;
const started = performance.now();
process.on('exit', () => {
  if (!target) return;
  const usage = process.resourceUsage();
  writeFileSync(
    target,
    JSON.stringify({
      maxRssMb: usage.maxRSS / 1024,
      cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000,
      wallMs: performance.now() - started,
    }),
  );
});
