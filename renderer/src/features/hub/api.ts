import { HUB_API, type HubInput, type HubMethod, type HubOutput } from '../../../../shared/hub/contract';

/** A refused or failed call: the server's error code (the page words it), or `network`. */
export class HubApiError extends Error {
  constructor(
    readonly code: string,
    readonly reason?: string,
  ) {
    super(code);
    this.name = 'HubApiError';
  }
}

/**
 * Calls one hub method. The session rides in an HttpOnly cookie the page never sees, so a script
 * injected into the page could not carry it off; every call is same-origin JSON.
 */
export async function hubCall<M extends HubMethod>(method: M, input: HubInput<M>): Promise<HubOutput<M>> {
  let response: Response;
  try {
    response = await fetch(`${HUB_API}/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(input),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    throw new HubApiError('network');
  }
  const body = (await response.json().catch(() => null)) as
    | { ok: true; value: unknown }
    | { ok: false; error: { code: string; detail?: { reason?: string } } }
    | null;
  if (!body) throw new HubApiError('internal');
  if (!body.ok) throw new HubApiError(body.error.code, body.error.detail?.reason);
  return body.value as HubOutput<M>;
}

/** A file's bytes as base64, for hub.ingest. */
export async function fileBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk)
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

/** Saves text as a file through a temporary link (the invitation file). */
export function downloadText(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
