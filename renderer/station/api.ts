import type { StationDone, StationInfo, StationSession } from '../../shared/api/station';

/** A failure with the words to show: the server's own message, or ours when it could not be reached. */
export class StationError extends Error {
  constructor(
    message: string,
    readonly kind: 'server' | 'network',
    readonly status = 0,
  ) {
    super(message);
    this.name = 'StationError';
  }
}

// Mirrors STATION_API in shared/api/station.ts, written out so this bundle does not pull in zod.
const API = '/station/api/';

function messageOf(body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return null;
  const b = body as { error?: unknown; message?: unknown };
  if (
    typeof b.error === 'object' &&
    b.error !== null &&
    typeof (b.error as { message?: unknown }).message === 'string'
  )
    return (b.error as { message: string }).message;
  if (typeof b.error === 'string') return b.error;
  return typeof b.message === 'string' ? b.message : null;
}

/**
 * POSTs JSON to the station. Accepts the app's envelope ({ok, value | error}) or a bare body;
 * a failure carries the server's text as is, since it is written for respondents.
 */
async function post<T>(path: string, body: unknown, fallback: string, offline: string): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${API}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
      cache: 'no-store',
      credentials: 'omit',
    });
  } catch {
    throw new StationError(offline, 'network');
  }
  const parsed: unknown = await response.json().catch(() => null);
  if (parsed && typeof parsed === 'object' && typeof (parsed as { ok?: unknown }).ok === 'boolean') {
    const envelope = parsed as { ok: boolean; value?: unknown };
    if (envelope.ok) return envelope.value as T;
    throw new StationError(messageOf(parsed) ?? fallback, 'server', response.status);
  }
  if (!response.ok) throw new StationError(messageOf(parsed) ?? fallback, 'server', response.status);
  return parsed as T;
}

export type IdentifyInput =
  | { stationCode: string; studentNo: string; birthDate: string; seat?: string }
  | { stationCode: string; slipCode: string; seat?: string }
  | { stationCode: string; recordNo: string; seat?: string };

export interface StationClient {
  info(): Promise<StationInfo>;
  identify(input: IdentifyInput): Promise<StationSession>;
  session(token: string): Promise<StationSession>;
  consent(token: string, accept: boolean): Promise<void>;
  answer(token: string, instrumentId: string, itemId: string, value: number): Promise<void>;
  submit(token: string): Promise<StationDone>;
}

export function stationClient(words: { fallback: string; offline: string }): StationClient {
  const call = <T>(path: string, body: unknown) => post<T>(path, body, words.fallback, words.offline);
  return {
    info: () => call<StationInfo>('info', {}),
    async identify(input) {
      const out = await call<Partial<StationSession> & { token: string }>('identify', input);
      // The session itself, or only its token: either way the page ends up with the whole session.
      return Array.isArray(out.instruments)
        ? (out as StationSession)
        : call<StationSession>('session', { token: out.token });
    },
    session: (token) => call<StationSession>('session', { token }),
    consent: async (token, accept) => {
      await call('consent', { token, accept });
    },
    answer: async (token, instrumentId, itemId, value) => {
      await call('answer', { token, instrumentId, itemId, value });
    },
    submit: (token) => call<StationDone>('submit', { token }),
  };
}
