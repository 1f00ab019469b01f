import { runCli } from './cli/main';

const code = await runCli(process.argv.slice(2));
// `serve` keeps the event loop alive; every other command ends here.
if (code !== 0) process.exit(code);
