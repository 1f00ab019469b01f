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

/** Saves a blob as a file through a temporary link. */
function save(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Saves text as a file (the invitation file). */
export function downloadText(fileName: string, text: string): void {
  save(new Blob([text], { type: 'application/json' }), fileName);
}

/**
 * Downloads a report (GET with the session cookie): fetched rather than linked, so a refusal (no
 * LibreOffice for the PDF, an ended session) is worded on the page instead of saved as a file.
 */
export async function downloadReport(path: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(path, { credentials: 'same-origin', cache: 'no-store' });
  } catch {
    throw new HubApiError('network');
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as {
      error?: { code?: string; detail?: { reason?: string } };
    } | null;
    throw new HubApiError(body?.error?.code ?? 'internal', body?.error?.detail?.reason);
  }
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'report';
  save(await response.blob(), name);
}
