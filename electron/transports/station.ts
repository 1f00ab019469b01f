import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import QRCode from 'qrcode';
import { z } from 'zod';
import { AppError, type ApiErrorCode, refusal } from '../../shared/api/errors';
import {
  STATION_API,
  STATION_API_VERSION,
  STATION_API_VERSION_HEADER,
  STATION_PATH,
  stationAnswerSchema,
  stationConsentSchema,
  stationIdentifySchema,
  stationTicketSchema,
  stationTokenSchema,
  type CheckinCode,
  type StationStatus,
  respondentDetail,
} from '../../shared/api/station';
import type { Db } from '../db/database';
import { audit } from '../services/audit';
import type { AppContext } from '../services/context';
import { readOrg } from '../services/keyring';
import { getCampaign } from '../services/screening/campaigns';
import { randomCode } from '../services/station/codes';
import { GroupCommit } from '../services/station/group-commit';
import { isOwnAddress } from '../services/station/interfaces';
import { STATION_CLOSED_MESSAGE } from '../services/station/messages';
import type { StationLimits } from '../services/station/rate-limit';
import { StationRefusal } from '../services/station/errors';
import { RespondentService, type Client } from '../services/station/respondent';
import { CONTENT_SECURITY_POLICY } from '../security/csp';
import { serverOptions } from './server-limits';
import { campaignClosed } from '../services/screening/refusals';

// Answers and sign-ins are tiny; anything bigger is not from the station page.
export const STATION_MAX_BODY_BYTES = 16 * 1024;

/** The app's icon (renderer/public), linked from station.html. */
const FAVICON = 'favicon.svg';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

const HTTP_STATUS: Partial<Record<ApiErrorCode, number>> = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_many_attempts: 429,
};

export interface StationOptions {
  campaignId: number;
  host: string;
  port?: number;
  /** The built renderer (station.html, assets/); null serves the API alone. */
  rendererDir: string | null;
  /** Tests tighten or loosen the identification limits and drive the clock. */
  limits?: StationLimits;
  now?: () => number;
}

interface RunningStation {
  db: Db;
  campaignId: number;
  url: string;
  qrSvg: string;
  service: RespondentService;
  close(): Promise<void>;
}

// The station belongs to the app session that started it; one per context.
const running = new WeakMap<AppContext, RunningStation>();
const starting = new WeakSet<AppContext>();

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    ...headers,
    [STATION_API_VERSION_HEADER]: String(STATION_API_VERSION),
    'Content-Type': 'application/json; charset=utf-8',
  });
  res.end(JSON.stringify(body));
}

const sendError = (
  res: ServerResponse,
  status: number,
  code: ApiErrorCode,
  message: string,
  headers: Record<string, string> = {},
) => sendJson(res, status, { ok: false, error: { code, message } }, headers);

const notFound = (res: ServerResponse) => sendError(res, 404, 'not_found', 'Not found.');

async function readJson(req: IncomingMessage): Promise<unknown> {
  if (!/^application\/json\b/i.test(req.headers['content-type'] ?? ''))
    throw new HttpError(415, 'JSON only.');
  if (Number(req.headers['content-length'] ?? 0) > STATION_MAX_BODY_BYTES)
    throw new HttpError(413, 'Body too large.');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > STATION_MAX_BODY_BYTES) throw new HttpError(413, 'Body too large.');
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpError(400, 'Malformed JSON.');
  }
}

function serveFile(req: IncomingMessage, res: ServerResponse, root: string | null, relative: string): void {
  if (req.method !== 'GET' && req.method !== 'HEAD')
    return sendError(res, 405, 'invalid_input', 'GET only.', { Allow: 'GET, HEAD' });
  if (!root) return notFound(res);
  let file: string;
  try {
    file = join(root, normalize(decodeURIComponent(relative)).replace(/^([/\\])+/, ''));
  } catch {
    return notFound(res);
  }
  // Only the station page, its icon and the bundles beside it; never anything outside the folder.
  const assets = join(root, 'assets') + sep;
  if (file !== join(root, 'station.html') && file !== join(root, FAVICON) && !file.startsWith(assets))
    return notFound(res);
  if (!existsSync(file) || !statSync(file).isFile()) return notFound(res);
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
  });
  if (req.method === 'HEAD') return void res.end();
  createReadStream(file).pipe(res);
}

interface Route {
  schema: z.ZodType;
  /** Writes go through the group commit; a read answers at once. */
  writes: boolean;
  run(service: RespondentService, input: never, client: Client): unknown;
}

const route = <S extends z.ZodType>(
  schema: S,
  writes: boolean,
  run: (service: RespondentService, input: z.output<S>, client: Client) => unknown,
): Route => ({ schema, writes, run });

/** The respondent endpoints, exactly those documented in docs/station-api.md (a test holds them together). */
export const routes: Record<string, Route> = {
  info: route(z.object({}), false, (s) => s.info()),
  identify: route(stationIdentifySchema, true, (s, input, client) =>
    s.identify(input, withDevice(client, input.deviceId)),
  ),
  approval: route(
    stationTicketSchema.extend({ deviceId: z.string().max(64).optional() }),
    true,
    (s, input, client) => s.approval(input.ticket, withDevice(client, input.deviceId)),
  ),
  session: route(stationTokenSchema, false, (s, input) => s.session(input.token)),
  consent: route(stationConsentSchema, true, (s, input) => s.consent(input.token, input.accept)),
  answer: route(stationAnswerSchema, true, (s, input) =>
    s.answer(input.token, input.instrumentId, input.itemId, input.value),
  ),
  submit: route(stationTokenSchema, true, (s, input) => s.submit(input.token)),
  signout: route(
    z.union([stationTokenSchema, stationTicketSchema.extend({ deviceId: z.string().max(64).optional() })]),
    false,
    (s, input, client) =>
      'ticket' in input
        ? s.withdraw(input.ticket, withDevice(client, input.deviceId))
        : s.signout(input.token),
  ),
};

/** The address a request came from: the part of a device's identity a page cannot choose. */
function clientOf(req: IncomingMessage): Client {
  const address = (req.socket.remoteAddress ?? 'unknown').replace(/^::ffff:/, '');
  return { address, device: address };
}

/** One lab PC or phone: its address and the random id its page keeps (none from an older page). */
const withDevice = (client: Client, deviceId: string | undefined): Client => ({
  address: client.address,
  device: `${client.address}|${deviceId ?? ''}`,
});

/**
 * Starts the LAN listener for one campaign. It serves the station page and the five
 * respondent endpoints, nothing else: the staff API is not reachable through it at all.
 */
export async function startStation(ctx: AppContext, options: StationOptions): Promise<StationStatus> {
  const db: Db | null = ctx.db;
  if (!db || !ctx.user) throw new AppError('unauthenticated', 'Please log in first.');
  await stopIfOrphaned(ctx);
  if (running.has(ctx) || starting.has(ctx))
    throw refusal('conflict', 'station.already_running', 'The station is already running; stop it first.');
  starting.add(ctx);
  try {
    return await listen(ctx, db, options);
  } finally {
    starting.delete(ctx);
  }
}

async function listen(ctx: AppContext, db: Db, options: StationOptions): Promise<StationStatus> {
  const campaign = getCampaign(db, options.campaignId);
  if (campaign.status !== 'open') throw campaignClosed(campaign.id);
  if (!isOwnAddress(options.host))
    throw refusal(
      'invalid_input',
      'station.choose_address',
      'Choose an address of this computer (or 127.0.0.1).',
    );

  // A new code every time a station starts (each lesson); station.rotateCode makes another.
  const stationCode = randomCode(6);
  const service = new RespondentService({
    db,
    campaignId: campaign.id,
    stationCode,
    orgName: readOrg(ctx.dataDir)?.name ?? '',
    screenerId: ctx.user!.id,
    limits: options.limits,
    now: options.now,
  });
  let allowedHosts: Set<string> = new Set();

  // Phones on a busy school Wi-Fi can be slow, so these are looser than the loopback server's.
  const timeouts = { headersMs: 10_000, requestMs: 20_000, keepAliveMs: 5_000 };
  const server: Server = createServer(serverOptions(timeouts), (req, res) => {
    void handle(req, res).catch((error: unknown) => {
      // Only the kind of failure: messages can quote personal data.
      const { name, code } = (error ?? {}) as { name?: string; code?: string };
      console.error(`[anxin] station request failed: ${name ?? 'Error'}${code ? ` (${code})` : ''}`);
      if (!res.headersSent) sendError(res, 500, 'internal', 'An internal error occurred.');
      else res.destroy();
    });
  });
  server.maxConnections = 1024;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // A page on another site that rebinds its name to this address must not get through.
    if (!allowedHosts.has((req.headers.host ?? '').toLowerCase())) return notFound(res);
    const { pathname } = new URL(req.url ?? '/', 'http://station.invalid');
    if (pathname.startsWith(`${STATION_API}/`)) {
      const name = pathname.slice(STATION_API.length + 1);
      if (!Object.hasOwn(routes, name)) return notFound(res);
      const { schema, writes, run } = routes[name]!;
      if (req.method !== 'POST') return sendError(res, 405, 'invalid_input', 'POST only.', { Allow: 'POST' });
      let body: unknown;
      try {
        body = await readJson(req);
      } catch (error) {
        if (!(error instanceof HttpError)) throw error;
        // The rest of an oversized body is not read, so this connection cannot be reused.
        if (error.status === 413) res.setHeader('Connection', 'close');
        return sendError(res, error.status, 'invalid_input', error.message);
      }
      if (ctx.db !== db) {
        // The staff member logged out or the app locked: the station goes with the session.
        res.once('finish', () => {
          if (running.get(ctx)?.service === service) void stopStation(ctx);
        });
        return sendJson(res, 503, {
          ok: false,
          error: {
            code: 'unauthenticated',
            message: STATION_CLOSED_MESSAGE,
            ...respondentDetail('respondent.closed'),
          },
        });
      }
      const input = schema.safeParse(body);
      if (!input.success) return sendError(res, 400, 'invalid_input', 'Invalid input.');
      const client = clientOf(req);
      const call = () => run(service, input.data as never, client);
      try {
        return sendJson(res, 200, { ok: true, value: writes ? await commits.run(call) : call() });
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        const refusal = error instanceof StationRefusal ? error : null;
        const status = refusal?.status ?? HTTP_STATUS[error.code] ?? 500;
        const retry = error.extra.retryAfterMs;
        return sendJson(
          res,
          status,
          {
            ok: false,
            error: { code: refusal?.stationCode ?? error.code, message: error.message, ...error.extra },
          },
          retry === undefined ? {} : { 'Retry-After': String(Math.ceil(retry / 1000)) },
        );
      }
    }
    if (pathname === STATION_PATH) {
      res.writeHead(308, { ...SECURITY_HEADERS, Location: `${STATION_PATH}/` });
      return void res.end();
    }
    if (pathname === `${STATION_PATH}/`) return serveFile(req, res, options.rendererDir, 'station.html');
    // The page links its icon; a browser that still asks at the root gets the same one (no 404s).
    if (pathname === `${STATION_PATH}/${FAVICON}` || pathname === '/favicon.ico')
      return serveFile(req, res, options.rendererDir, FAVICON);
    if (pathname.startsWith(`${STATION_PATH}/assets/`))
      return serveFile(req, res, options.rendererDir, pathname.slice(STATION_PATH.length + 1));
    return notFound(res);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? refusal('conflict', 'station.port_in_use', `Port ${options.port} is in use.`, {
              port: options.port ?? '',
            })
          : error,
      ),
    );
    server.listen(options.port ?? 0, options.host, () => resolve());
  });
  // Only once listening: it sets the lesson's checkpoint policy, which close() undoes.
  const commits = new GroupCommit(db);
  const { port } = server.address() as AddressInfo;
  allowedHosts = new Set([`${options.host}:${port}`]);
  if (options.host === '127.0.0.1') allowedHosts.add(`localhost:${port}`);
  const url = `http://${options.host}:${port}${STATION_PATH}/`;
  let qrSvg: string;
  try {
    qrSvg = await qrOf(url, stationCode);
  } catch (error) {
    server.close();
    commits.close();
    throw error;
  }
  const station: RunningStation = {
    db,
    campaignId: campaign.id,
    url,
    qrSvg,
    service,
    close: () =>
      new Promise<void>((resolve) => {
        service.close();
        server.close(() => {
          commits.close();
          resolve();
        });
        server.closeAllConnections();
      }),
  };
  running.set(ctx, station);
  return stationStatus(ctx);
}

/** Phones open the page with the code already filled in; the fragment never reaches a server log. */
const qrOf = (url: string, code: string) =>
  QRCode.toString(`${url}#code=${code}`, { type: 'svg', margin: 1 });

/** The running station of this staff session, or a clear error when there is none. */
function requireRunning(ctx: AppContext): RunningStation {
  const station = running.get(ctx);
  if (!station || station.db !== ctx.db)
    throw refusal('conflict', 'station.not_running', 'The station is not running.');
  return station;
}

/** The next lesson's code: the old one stops working at once, and the QR code follows. */
export async function rotateStationCode(ctx: AppContext): Promise<StationStatus> {
  const station = requireRunning(ctx);
  const code = station.service.rotateCode();
  station.qrSvg = await qrOf(station.url, code);
  return stationStatus(ctx);
}

/** Staff let a waiting sign-in in, or refuse it; recorded in the audit log by person id only. */
export function decideSignIn(
  ctx: AppContext,
  userId: number,
  requestId: string,
  approve: boolean,
): StationStatus {
  const station = requireRunning(ctx);
  const personId = station.service.decide(requestId, approve);
  audit(station.db, userId, approve ? 'station.approve' : 'station.refuse', String(personId));
  return stationStatus(ctx);
}

export function issueCheckin(ctx: AppContext, userId: number, personId: number): CheckinCode {
  const station = requireRunning(ctx);
  const code = station.service.issueCheckin(personId);
  audit(station.db, userId, 'station.checkin', String(personId));
  return code;
}

/** A station whose session has ended (logout, lock) is closed before anything else is asked of it. */
async function stopIfOrphaned(ctx: AppContext): Promise<void> {
  const station = running.get(ctx);
  if (station && station.db !== ctx.db) await stopStation(ctx);
}

export function stationStatus(ctx: AppContext): StationStatus {
  const station = running.get(ctx);
  if (!station || station.db !== ctx.db)
    return {
      running: false,
      campaignId: null,
      url: null,
      stationCode: null,
      qrSvg: null,
      activeRespondents: 0,
      signIn: null,
      approvals: [],
    };
  return {
    running: true,
    campaignId: station.campaignId,
    url: station.url,
    stationCode: station.service.code,
    qrSvg: station.qrSvg,
    activeRespondents: station.service.tokens.active(),
    signIn: station.service.signIn,
    approvals: station.service.pendingApprovals(),
  };
}

/** Closes the listener and every open connection; respondents' tokens die with it. */
export async function stopStation(ctx: AppContext): Promise<StationStatus> {
  const station = running.get(ctx);
  running.delete(ctx);
  await station?.close();
  return stationStatus(ctx);
}
