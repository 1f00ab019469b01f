import { AppError } from '../../shared/api/errors';
import { parseCli } from './args';
import { commands } from './commands';
import type { Command } from './commands/types';

function usage(): string {
  return ['安心筛查 Anxin — command line', '', ...commands.map((c) => `  ${c.usage}`)].join('\n');
}

/** Finds the command whose (possibly two-word) name the arguments start with. */
function findCommand(positionals: string[]): { command: Command; rest: string[] } | null {
  for (const command of [...commands].sort((a, b) => b.name.length - a.name.length)) {
    const words = command.name.split(' ');
    if (words.every((w, i) => positionals[i] === w))
      return { command, rest: positionals.slice(words.length) };
  }
  return null;
}

export async function runCli(argv: string[]): Promise<number> {
  let json = argv.includes('--json');
  try {
    const args = parseCli(argv);
    json = args.values.json === true;
    const found = findCommand(args.positionals);
    if (!found || args.values.help) {
      console.log(usage());
      return found || args.positionals.length === 0 ? 0 : 2;
    }
    const output = await found.command.run({ ...args, positionals: found.rest });
    console.log(json ? JSON.stringify(output.json, null, 2) : output.text);
    return output.exitCode ?? 0;
  } catch (error) {
    const appError =
      error instanceof AppError
        ? error
        : new AppError('internal', (error as Error)?.message ?? String(error));
    if (json)
      console.log(
        JSON.stringify({ error: { code: appError.code, message: appError.message, ...appError.extra } }),
      );
    else console.error(`错误 / Error: ${appError.message}`);
    return appError.code === 'invalid_input' ? 2 : 1;
  }
}
