import type { AnxinBridge } from '../../../shared/api/bridge';
import type { ApiInput, ApiMethod, ApiOutput } from '../../../shared/api/contract';
import type { ApiError, ApiResult } from '../../../shared/api/errors';

declare global {
  interface Window {
    /** Present only inside Electron, where the preload exposes the IPC bridge. */
    anxin?: AnxinBridge;
  }
}

import type { ClientErrorCode } from './codes';

export type { ClientErrorCode };

export type ApiIssue = NonNullable<ApiError['issues']>[number];

export class ApiCallError extends Error {
  readonly code: ClientErrorCode;
  readonly method: ApiMethod;
  readonly issues: ApiIssue[];
  readonly retryAfterMs: number | undefined;
  /** Why, in machine-readable form (a refused file: which limit, the value, the cap). */
  readonly detail: ApiError['detail'];

  constructor(
    method: ApiMethod,
    error: Pick<ApiError, 'message' | 'issues' | 'retryAfterMs' | 'detail'> & { code: ClientErrorCode },
  ) {
    super(error.message);
    this.name = 'ApiCallError';
    this.method = method;
    this.code = error.code;
    this.issues = error.issues ?? [];
    this.retryAfterMs = error.retryAfterMs;
    this.detail = error.detail;
  }
}

export function isApiCallError(error: unknown, code?: ClientErrorCode): error is ApiCallError {
  return error instanceof ApiCallError && (code === undefined || error.code === code);
}

const TOKEN_KEY = 'anxin.launchToken';
const TOKEN_HEADER = 'x-anxin-token';

/**
 * Browser mode only: the server prints a URL carrying a per-launch token. Keep it for
 * this tab and take it out of the address bar so it does not end up in history,
 * bookmarks or screenshots.
 */
export function captureLaunchToken(): void {
  if (window.anxin) return;
  const url = new URL(window.location.href);
  const token = url.searchParams.get('token');
  if (!token) return;
  sessionStorage.setItem(TOKEN_KEY, token);
  url.searchParams.delete('token');
  window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}${url.hash}`);
}

/** The launch token for the event stream, which cannot carry it in a header. */
export function launchToken(): string {
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

export function hasLaunchToken(): boolean {
  return Boolean(window.anxin) || sessionStorage.getItem(TOKEN_KEY) !== null;
}

type Listener = (error: ApiCallError) => void;
const unauthenticatedListeners = new Set<Listener>();

/** Lets the session store notice a session that ended elsewhere (logout, restart, timeout). */
export function onUnauthenticated(listener: Listener): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

type ClientResult = ApiResult<unknown> | { ok: false; error: { code: 'network'; message: string } };

const unreachable = {
  ok: false,
  error: { code: 'network', message: 'The Anxin service cannot be reached.' },
} as const;

function isEnvelope(value: unknown): value is ApiResult<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';
}

async function transport(method: ApiMethod, input: unknown): Promise<ClientResult> {
  if (window.anxin) return window.anxin.invoke(method, input);
  const token = sessionStorage.getItem(TOKEN_KEY) ?? '';
  let response: Response;
  try {
    response = await fetch(`/api/${encodeURIComponent(method)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: token },
      body: JSON.stringify(input ?? {}),
      cache: 'no-store',
      credentials: 'omit',
    });
  } catch {
    return unreachable;
  }
  const body: unknown = await response.json().catch(() => null);
  if (isEnvelope(body)) return body;
  return {
    ok: false,
    error: { code: 'internal', message: `Unexpected response (HTTP ${response.status}).` },
  };
}

/** The renderer's only way to the data: one typed call per contract method. */
export async function invoke<M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiOutput<M>> {
  // IPC rejects only when the main process is gone or the channel is broken.
  const result = await transport(method, input).catch((): ClientResult => unreachable);
  if (result.ok) return result.value as ApiOutput<M>;
  const error = new ApiCallError(method, result.error);
  if (error.code === 'unauthenticated' && method !== 'app.status') {
    for (const listener of unauthenticatedListeners) listener(error);
  }
  throw error;
}
