// Preloaded (`node --import`) into a child whose peak memory a test measures: on exit it reports
// the process's maximum resident set size (kilobytes) on stderr, where the CLI's JSON never goes.
import process from 'node:process';

process.on('exit', () => {
  process.stderr.write(`\nANXIN_MAX_RSS_KB=${process.resourceUsage().maxRSS}\n`);
});
