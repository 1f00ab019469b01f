import type { ApiInput, ApiMethod, ApiOutput } from '../../../shared/api/contract';
import type { RunningServer } from './server';

/**
 * The staff API over loopback HTTP with the server's launch token, for setting up what a
 * browser test needs (and checking what the UI did) through the same contract as the UI.
 */
export async function callApi<M extends ApiMethod>(
  server: RunningServer,
  method: M,
  input: ApiInput<M>,
): Promise<ApiOutput<M>> {
  const token = new URL(server.url).searchParams.get('token')!;
  const res = await fetch(`http://127.0.0.1:${server.port}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-anxin-token': token },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as { ok: boolean; value?: unknown; error?: unknown };
  if (!body.ok) throw new Error(`${method}: ${JSON.stringify(body.error)}`);
  return body.value as ApiOutput<M>;
}
