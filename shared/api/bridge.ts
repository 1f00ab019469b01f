import type { ApiResult } from './errors';

/** What the preload exposes as `window.anxin`: one function over the contract. */
export interface AnxinBridge {
  invoke(method: string, input: unknown): Promise<ApiResult<unknown>>;
}

export const INVOKE_CHANNEL = 'anxin:invoke';
