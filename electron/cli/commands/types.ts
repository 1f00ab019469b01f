import type { CliArgs } from '../args';

export interface CommandOutput {
  /** The stable `--json` payload. */
  json: unknown;
  /** What a person reads without `--json`. */
  text: string;
}

export interface Command {
  name: string;
  usage: string;
  run(args: CliArgs): Promise<CommandOutput>;
}
