import { z } from 'zod';
import { can, contract, isApiMethod, isLocalOnly, type ApiMethod } from '../../shared/api/contract';
import { AppError, type ApiError, type ApiResult } from '../../shared/api/errors';
import { DefinitionError } from '../../shared/instruments/errors';
import { closeSession, type AppContext } from '../services/context';
import { dropUncommitted, flushCommitted } from '../services/events';
import { lockedError, touchSession } from '../services/auth';
import { assertKioskAllows, kioskStatus } from '../services/kiosk';
import { isActiveUser } from '../services/users';
import { alreadyLogged } from '../services/job-log';
import { handlers, type Handlers } from './handlers';

function issuesOf(error: z.ZodError): NonNullable<ApiError['issues']> {
  return error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}

export function toApiError(error: unknown): ApiError {
  if (error instanceof AppError) return { code: error.code, message: error.message, ...error.extra };
  if (error instanceof z.ZodError)
    return { code: 'invalid_input', message: 'Invalid input.', issues: issuesOf(error) };
  if (error instanceof DefinitionError)
    return { code: 'invalid_input', message: 'Invalid definition.', issues: error.issues };
  // Internal details (and any personal data inside them) stay in the main process.
  return { code: 'internal', message: 'An internal error occurred.' };
}

/**
 * The single entry point of both transports: the method name and input arrive as
 * untrusted `unknown`, are checked against the contract, and every failure comes
 * back as a typed error instead of an exception.
 */
export async function dispatch(
  ctx: AppContext,
  method: unknown,
  rawInput: unknown,
  table: Handlers = handlers,
): Promise<ApiResult<unknown>> {
  try {
    if (!isApiMethod(method))
      throw new AppError('unknown_method', `Unknown method: ${String(method).slice(0, 64)}`);
    const spec = contract[method];
    // A method naming files on this machine: the command line only, never a page or the network.
    if (isLocalOnly(method) && !ctx.commandLine)
      throw new AppError('forbidden', 'Only the command line may name files on this machine.');
    let session = null;
    if (spec.roles !== 'public') {
      if (!ctx.db || !ctx.user)
        throw ctx.locked ? lockedError() : new AppError('unauthenticated', 'Please log in first.');
      // An account deactivated by an administrator ends its open sessions here.
      if (!isActiveUser(ctx.db, ctx.user.id)) {
        closeSession(ctx);
        throw new AppError('unauthenticated', 'Please log in first.');
      }
      // The contract's table is the whole of the authorization: no role, no call.
      if (!can(ctx.user.role, method)) {
        throw new AppError('forbidden', 'Your role does not allow this action.');
      }
      assertKioskAllows(ctx, method);
      touchSession(ctx, kioskStatus(ctx).active);
      session = { db: ctx.db, user: ctx.user };
    }
    // Validated only once the caller may call it: a refused role learns nothing of the input's shape.
    const parsed = spec.input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      throw new AppError('invalid_input', 'Invalid input.', { issues: issuesOf(parsed.error) });
    }
    const handler = table[method] as (input: unknown, c: AppContext, s: unknown) => unknown;
    const value = await handler(parsed.data, ctx, session);
    // Events its transactions raised are heard now that they have committed.
    if (session) flushCommitted(session.db);
    return { ok: true, value: spec.output.parse(value) };
  } catch (error) {
    if (ctx.db && !ctx.db.inTransaction) dropUncommitted(ctx.db);
    return { ok: false, error: dispatchError(error, String(method).slice(0, 64)) };
  }
}

/** The typed error a failure becomes (also in job workers); an internal one is logged by kind only. */
export function dispatchError(error: unknown, what: string): ApiError {
  const apiError = toApiError(error);
  // Messages can quote personal data, so only the kind of failure is logged (a failed background
  // job has had its own line already, see job-log.ts).
  if (apiError.code === 'internal' && !alreadyLogged(error)) {
    const { name, code } = (error ?? {}) as { name?: string; code?: string };
    console.error(`[anxin] ${what} failed: ${name ?? 'Error'}${code ? ` (${code})` : ''}`);
  }
  return apiError;
}

export type { ApiMethod };
