import type { ApiResult } from './errors';

/** What the preload exposes as `window.anxin`: one function over the contract. */
export interface AnxinBridge {
  invoke(method: string, input: unknown): Promise<ApiResult<unknown>>;
  /** Server → UI push events (see `./events`); returns a function that stops listening. */
  onEvent(listener: (event: unknown) => void): () => void;
}

export const INVOKE_CHANNEL = 'anxin:invoke';
