import type {
  StationDone,
  StationInfo,
  StationPending,
  StationSession,
} from '../../../../shared/api/station';
import { STATION_API } from '../../../../shared/station/paths';

/** A failure with the words to show: the server's own message, or ours when it could not be reached. */
export class StationError extends Error {
  constructor(
    message: string,
    readonly kind: 'server' | 'network',
    readonly status = 0,
    /** The station's error code (already_submitted, approval_refused…), when it sent one. */
    readonly code = '',
  ) {
    super(message);
    this.name = 'StationError';
  }
}

const API = `${STATION_API}/`;

function codeOf(body: unknown): string {
  const error = (body as { error?: { code?: unknown } } | null)?.error;
  return typeof error?.code === 'string' ? error.code : '';
}

/** `error.detail` of a refusal: why (respondent.no_match…) and its values (the sign-in mode). */
function detailOf(body: unknown): { reason: string; params: Record<string, string> } {
  const detail = (body as { error?: { detail?: { reason?: unknown; params?: unknown } } } | null)?.error
    ?.detail;
  const params = typeof detail?.params === 'object' && detail.params !== null ? detail.params : {};
  return {
    reason: typeof detail?.reason === 'string' ? detail.reason : '',
    params: Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])),
  };
}

/** Words for a refusal in the page's language, from its code or reason; null when the page has none. */
export type RefusalWords = (code: string, reason: string, params: Record<string, string>) => string | null;

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
async function post<T>(
  path: string,
  body: unknown,
  fallback: string,
  offline: string,
  refusal: RefusalWords = () => null,
): Promise<T> {
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
    throw refused(parsed, response.status, fallback, refusal);
  }
  if (!response.ok) throw refused(parsed, response.status, fallback, refusal);
  return parsed as T;
}

/** A refusal worded by the page in its language when it knows the code, else the server's sentence. */
function refused(parsed: unknown, status: number, fallback: string, refusal: RefusalWords): StationError {
  const code = codeOf(parsed);
  const { reason, params } = detailOf(parsed);
  const words = refusal(code, reason, params) ?? messageOf(parsed) ?? fallback;
  return new StationError(words, 'server', status, code);
}

/** The sign-in request (station API v2); `deviceId` is added by the client. */
export type IdentifyInput = { stationCode: string; seat?: string } & (
  | { slipCode: string }
  | { checkinCode: string }
  | { studentNo: string; birthDate: string }
  | { recordNo: string; birthDate?: string; phoneLast4?: string }
);

export interface StationClient {
  info(): Promise<StationInfo>;
  identify(input: IdentifyInput): Promise<StationSession | StationPending>;
  approval(ticket: string): Promise<StationSession | StationPending>;
  session(token: string): Promise<StationSession>;
  consent(token: string, accept: boolean): Promise<void>;
  answer(token: string, instrumentId: string, itemId: string, value: number): Promise<void>;
  submit(token: string): Promise<StationDone>;
  signout(token: string): Promise<void>;
  withdraw(ticket: string): Promise<void>;
}

export function stationClient(
  words: { fallback: string; offline: string; refusal?: RefusalWords },
  deviceId: string,
): StationClient {
  const call = <T>(path: string, body: unknown) =>
    post<T>(path, body, words.fallback, words.offline, words.refusal);
  return {
    info: () => call<StationInfo>('info', {}),
    identify: (input) => call<StationSession | StationPending>('identify', { ...input, deviceId }),
    approval: (ticket) => call<StationSession | StationPending>('approval', { ticket, deviceId }),
    session: (token) => call<StationSession>('session', { token }),
    consent: async (token, accept) => {
      await call('consent', { token, accept });
    },
    answer: async (token, instrumentId, itemId, value) => {
      await call('answer', { token, instrumentId, itemId, value });
    },
    submit: (token) => call<StationDone>('submit', { token }),
    signout: async (token) => {
      await call('signout', { token });
    },
    withdraw: async (ticket) => {
      await call('signout', { ticket, deviceId });
    },
  };
}
