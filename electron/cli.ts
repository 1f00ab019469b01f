// The `anxin` entry point stays tiny: static imports are evaluated before any code here runs, so
// the real CLI (and with it the SQLite module, which segfaults on Node 20) is imported only after
// the runtime guard has passed.
import { exitUnlessRuntimeSupported } from '../scripts/runtime-guard.mjs';

exitUnlessRuntimeSupported('npx anxin');
const { runCli } = await import('./cli/main');
const code = await runCli(process.argv.slice(2));
// `serve` keeps the event loop alive; every other command ends here.
if (code !== 0) process.exit(code);
