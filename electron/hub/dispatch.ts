import { z } from 'zod';
import { AppError, type ApiError, type ApiResult } from '../../shared/api/errors';
import { hubCan, hubContract, isHubMethod } from '../../shared/hub/contract';
import { hubHandlers, type HubCall, type HubContext, type HubHandlers } from './handlers';
import { sessionUser } from './sessions';

/** A typed error for any failure: codes and safe sentences, never a stack, SQL or personal data. */
export function toHubError(error: unknown): ApiError {
  // An internal AppError's sentence can name paths or tools on the server: only its kind goes out.
  if (error instanceof AppError && error.code !== 'internal')
    return { code: error.code, message: error.message, ...error.extra };
  if (error instanceof z.ZodError)
    return {
      code: 'invalid_input',
      message: 'Invalid input.',
      issues: error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    };
  // Only the kind of failure is logged: messages can quote personal data.
  const { name, code } = (error ?? {}) as { name?: string; code?: string };
  console.error(`[anxin hub] call failed: ${name ?? 'Error'}${code ? ` (${code})` : ''}`);
  return { code: 'internal', message: 'An internal error occurred.' };
}

export interface HubDispatchResult {
  result: ApiResult<unknown>;
  /** Set-Cookie for the transport: a new session's token, or the session's end. */
  cookie?: HubCall['cookie'];
}

/**
 * The hub API's single entry: the method name and input arrive untrusted; the method must exist,
 * a non-public one needs a live session whose role the contract allows, and only then is the input
 * parsed (a refused caller learns nothing of its shape). Scope is enforced by the handlers and the
 * services beneath them.
 */
export async function hubDispatch(
  ctx: HubContext,
  method: unknown,
  rawInput: unknown,
  token: string | undefined,
  table: HubHandlers = hubHandlers,
): Promise<HubDispatchResult> {
  const call: HubCall = { user: null, token };
  try {
    if (!isHubMethod(method))
      throw new AppError('unknown_method', `Unknown method: ${String(method).slice(0, 64)}`);
    const spec = hubContract[method];
    if (spec.roles !== 'public') {
      call.user = await sessionUser(ctx.db, token);
      if (!call.user) {
        // A stale cookie is cleared so the page shows the login again.
        if (token) call.cookie = { clear: true };
        throw new AppError('unauthenticated', 'Please log in first.');
      }
      if (!hubCan(call.user.role, method))
        throw new AppError('forbidden', 'Your role does not allow this action.');
    }
    const parsed = spec.input.safeParse(rawInput ?? {});
    if (!parsed.success)
      throw new AppError('invalid_input', 'Invalid input.', {
        issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      });
    const handler = table[method] as (input: unknown, c: HubContext, call: HubCall) => Promise<unknown>;
    const value = await handler(parsed.data, ctx, call);
    return { result: { ok: true, value }, cookie: call.cookie };
  } catch (error) {
    return { result: { ok: false, error: toHubError(error) }, cookie: call.cookie };
  }
}
