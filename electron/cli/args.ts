import { parseArgs } from 'node:util';
import { AppError } from '../../shared/api/errors';

export type CliValues = Record<string, string | string[] | boolean | undefined>;

export interface CliArgs {
  positionals: string[];
  values: CliValues;
}

/** Every option the CLI knows; a command reads the ones it needs. */
const OPTIONS = {
  json: { type: 'boolean' },
  commit: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  'data-dir': { type: 'string' },
  'org-type': { type: 'string' },
  'org-name': { type: 'string' },
  user: { type: 'string' },
  username: { type: 'string' },
  'recovery-code': { type: 'string' },
  'display-name': { type: 'string' },
  port: { type: 'string' },
  instrument: { type: 'string' },
  values: { type: 'string' },
  programme: { type: 'string' },
  phq9: { type: 'string' },
  gad7: { type: 'string' },
  phq2: { type: 'string' },
  gad2: { type: 'string' },
  epds: { type: 'string' },
  query: { type: 'string' },
  kind: { type: 'string' },
  name: { type: 'string' },
  battery: { type: 'string' },
  grades: { type: 'string' },
  'time-points': { type: 'string' },
  'sign-in': { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  campaign: { type: 'string' },
  host: { type: 'string' },
  out: { type: 'string' },
  variant: { type: 'string' },
  order: { type: 'string' },
  'option-order': { type: 'string' },
  'on-conflict': { type: 'string' },
  level: { type: 'string' },
  action: { type: 'string' },
  role: { type: 'string' },
  classes: { type: 'string' },
  case: { type: 'string' },
  // anxin people add --set 列名=值, once per column.
  set: { type: 'string', multiple: true },
  // anxin hub …
  pg: { type: 'string' },
  installation: { type: 'string' },
  installations: { type: 'string' },
  township: { type: 'string' },
  'share-names': { type: 'boolean' },
  'upload-url': { type: 'string' },
  // anxin hub serve: HTTPS without a reverse proxy.
  'tls-cert': { type: 'string' },
  'tls-key': { type: 'string' },
  // anxin enrol --invite FILE [--replace]
  invite: { type: 'string' },
  replace: { type: 'boolean' },
} as const;

export function parseCli(argv: string[]): CliArgs {
  try {
    const { positionals, values } = parseArgs({
      args: argv,
      options: OPTIONS,
      allowPositionals: true,
      strict: true,
    });
    return { positionals, values: values as CliValues };
  } catch (error) {
    throw new AppError('invalid_input', (error as Error).message);
  }
}

export function requireString(values: CliValues, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value.trim() === '') {
    throw new AppError('invalid_input', `--${name} is required.`);
  }
  return value;
}

export function optionalString(values: CliValues, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}
