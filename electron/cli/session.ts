import type { ApiInput, ApiMethod, ApiOutput } from '../../shared/api/contract';
import { AppError } from '../../shared/api/errors';
import { dispatch } from '../api/dispatch';
import type { AppContext } from '../services/context';
import { createContext } from '../services/context';
import { defaultDataDir } from '../services/paths';
import { cleanPrivateTmp } from '../services/private-tmp';
import { optionalString, type CliValues } from './args';

/** Calls the contract exactly as the UI does, turning a typed error into an exception. */
export async function call<M extends ApiMethod>(
  ctx: AppContext,
  method: M,
  input: ApiInput<M>,
): Promise<ApiOutput<M>> {
  const result = await dispatch(ctx, method, input);
  if (!result.ok) throw new AppError(result.error.code, result.error.message, result.error);
  return result.value as ApiOutput<M>;
}

export function cliContext(values: CliValues): AppContext {
  const dataDir = optionalString(values, 'data-dir') ?? defaultDataDir();
  // What a killed export (this CLI's or the app's) left in the private temp folder goes first.
  cleanPrivateTmp(dataDir);
  // A command has no screen to lock; its user may name files on this machine (imports, exports).
  return { ...createContext(dataDir, 'http'), idleLock: false, commandLine: true };
}

/** Unlocks with the password in ANXIN_PASSWORD (user from --user, default admin): secrets never travel as arguments. */
export async function loggedInContext(values: CliValues): Promise<AppContext> {
  const ctx = cliContext(values);
  const password = process.env.ANXIN_PASSWORD;
  const username = optionalString(values, 'user') ?? 'admin';
  if (password) {
    await call(ctx, 'auth.login', { username, password });
  } else {
    throw new AppError('unauthenticated', 'Set ANXIN_PASSWORD (and --user if not admin) to unlock the data.');
  }
  return ctx;
}

/**
 * Runs a command's calls as `--user` (ANXIN_PASSWORD) and logs out after, whatever happened:
 * every call goes through the dispatcher, so the contract's roles hold here as in the app.
 */
export async function asUser<T>(values: CliValues, work: (ctx: AppContext) => Promise<T>): Promise<T> {
  const ctx = await loggedInContext(values);
  try {
    return await work(ctx);
  } finally {
    await call(ctx, 'auth.logout', {});
  }
}
