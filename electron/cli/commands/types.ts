import type { CliArgs } from '../args';

export interface CommandOutput {
  /** The stable `--json` payload. */
  json: unknown;
  /** What a person reads without `--json`. */
  text: string;
  /** Non-zero when the command ran but found a problem (a broken audit chain); default 0. */
  exitCode?: number;
}

export interface Command {
  name: string;
  usage: string;
  run(args: CliArgs): Promise<CommandOutput>;
}
