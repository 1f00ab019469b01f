import { dispatch } from '../../electron/api/dispatch';
import { createContext, type AppContext } from '../../electron/services/context';
import type { ApiInput, ApiMethod, ApiOutput } from '../../shared/api/contract';
import type { ApiError } from '../../shared/api/errors';

export const ADMIN_PASSWORD = 'test-password-1';

export async function ok<M extends ApiMethod>(
  ctx: AppContext,
  method: M,
  input: ApiInput<M>,
): Promise<ApiOutput<M>> {
  const result = await dispatch(ctx, method, input);
  if (!result.ok) throw new Error(`${method} failed: ${JSON.stringify(result.error)}`);
  return result.value as ApiOutput<M>;
}

export async function fails(ctx: AppContext, method: string, input: unknown): Promise<ApiError> {
  const result = await dispatch(ctx, method, input);
  if (result.ok) throw new Error(`${method} unexpectedly succeeded`);
  return result.error;
}

/** A set-up data folder with the administrator logged in. */
export async function setUpApp(dataDir: string, orgType: 'school' | 'maternal' = 'school') {
  const ctx = createContext(dataDir, 'http');
  const setup = await ok(ctx, 'auth.setup', {
    orgType,
    orgName: '实验中学',
    username: 'admin',
    displayName: '王老师',
    password: ADMIN_PASSWORD,
  });
  return { ctx, recoveryCode: setup.recoveryCode };
}
