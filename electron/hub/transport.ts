import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import {
  HUB_API,
  HUB_BUNDLES_PATH,
  HUB_REPORT_PATHS,
  HUB_REPORT_ROLES,
  MAX_BUNDLE_BYTES,
  hubFilterSchema,
} from '../../shared/hub/contract';
import type { IngestOutcome } from '../../shared/hub/ingest';
import { CONTENT_SECURITY_POLICY } from '../security/csp';
import { readEnvelopeHeader } from '../security/bundle-crypto';
import { serverOptions, type ServerTimeouts } from '../transports/server-limits';
import { hubDispatch, toHubError } from './dispatch';
import { localToday, type HubContext } from './handlers';
import { appendHubAudit } from './services/audit';
import { ingestBundle } from './services/ingest';
import { sessionUser, sweepHubSessions } from './sessions';

export const HUB_COOKIE = 'anxin_hub_session';
/** The page's JSON calls: one largest bundle in base64 (the page uploads its files one call each), and room for the rest. */
const MAX_API_BODY_BYTES = Math.ceil(MAX_BUNDLE_BYTES / 3) * 4 + 64 * 1024;

/** Generous for a county's network; a client slower than this is holding the socket on purpose. */
export const HUB_SERVER_TIMEOUTS: ServerTimeouts = {
  headersMs: 10_000,
  requestMs: 120_000,
  keepAliveMs: 5_000,
};

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
  'Cache-Control': 'no-store',
};

export interface HubServerOptions {
  rendererDir: string;
  /** 127.0.0.1 unless told otherwise (`--host 0.0.0.0` behind a reverse proxy that terminates HTTPS). */
  host?: string;
  port?: number;
  /** PEM certificate and key: serve HTTPS directly instead of behind a proxy. */
  tls?: { cert: Buffer; key: Buffer };
  timeouts?: Partial<ServerTimeouts>;
}

export interface HubServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

function cookieToken(req: IncomingMessage): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === HUB_COOKIE) return rest.join('=');
  }
  return undefined;
}

function sessionCookie(value: string, secure: boolean, maxAge?: number): string {
  return [
    `${HUB_COOKIE}=${value}`,
    'Path=/hub',
    'HttpOnly',
    'SameSite=Strict',
    ...(secure ? ['Secure'] : []),
    ...(maxAge !== undefined ? [`Max-Age=${maxAge}`] : []),
  ].join('; ');
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string | string[]> = {},
): void {
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
  });
  res.end(JSON.stringify(body));
}

const refusal = (code: string, message: string) => ({ ok: false, error: { code, message } });

async function readBytes(req: IncomingMessage, limit: number): Promise<Buffer> {
  if (Number(req.headers['content-length'] ?? 0) > limit) throw new HttpError(413, 'Body too large.');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new HttpError(413, 'Body too large.');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

const contentType = (req: IncomingMessage): string =>
  (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();

/**
 * The district hub over HTTP(S): its JSON API (a session cookie, HttpOnly and SameSite=Strict),
 * the installations' bundle push (no session: a bundle authenticates itself by its signature and
 * the key pinned at enrolment), the report downloads, and the hub page (out/renderer/hub.html).
 */
export async function startHubServer(ctx: HubContext, options: HubServerOptions): Promise<HubServer> {
  const host = options.host ?? '127.0.0.1';
  const loopbackOnly = LOOPBACK.has(host);
  const timeouts = { ...HUB_SERVER_TIMEOUTS, ...options.timeouts };
  let allowedHosts = new Set<string>();
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    // Served over HTTPS itself: browsers are told to keep to it.
    if (options.tls) res.setHeader('Strict-Transport-Security', 'max-age=31536000');
    void handle(req, res).catch((error: unknown) => {
      const status = error instanceof HttpError ? error.status : 500;
      if (status === 413) res.setHeader('Connection', 'close');
      if (!res.headersSent)
        send(
          res,
          status,
          error instanceof HttpError
            ? refusal(status === 401 ? 'unauthenticated' : 'invalid_input', error.message)
            : { ok: false, error: toHubError(error) },
        );
    });
  };
  const server: Server = options.tls
    ? createTlsServer({ ...serverOptions(timeouts), cert: options.tls.cert, key: options.tls.key }, listener)
    : createServer(serverOptions(timeouts), listener);
  const sweep = setInterval(() => void sweepHubSessions(ctx.db).catch(() => undefined), 10 * 60_000);
  sweep.unref();

  const secureRequest = (req: IncomingMessage): boolean =>
    Boolean(options.tls) || req.headers['x-forwarded-proto'] === 'https';

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const hostHeader = (req.headers.host ?? '').toLowerCase();
    // DNS rebinding: on loopback only this server's own names are answered.
    if (loopbackOnly && !allowedHosts.has(hostHeader)) {
      res.setHeader('Connection', 'close');
      return send(res, 421, refusal('forbidden', 'This server answers only its own address.'));
    }
    const url = new URL(req.url ?? '/', 'http://hub.invalid');
    const path = url.pathname;

    if (req.method === 'POST') {
      // A page elsewhere may not call in: a browser's cross-site POST names its origin.
      const origin = req.headers.origin;
      if (origin !== undefined && origin !== 'null') {
        let originHost = '';
        try {
          originHost = new URL(origin).host.toLowerCase();
        } catch {
          // Unreadable origin: refused below.
        }
        // Behind a reverse proxy the page's own name arrives as X-Forwarded-Host (a browser cannot
        // add that header to a cross-site request without a preflight this server never grants).
        const forwarded = String(req.headers['x-forwarded-host'] ?? '')
          .split(',')[0]!
          .trim()
          .toLowerCase();
        if (originHost !== hostHeader && originHost !== forwarded)
          return send(res, 403, refusal('forbidden', 'Cross-origin request.'));
      } else if (origin === 'null') return send(res, 403, refusal('forbidden', 'Cross-origin request.'));
      if (path === HUB_BUNDLES_PATH) return pushBundle(req, res);
      if (path.startsWith(`${HUB_API}/`)) return apiCall(req, res, path.slice(HUB_API.length + 1));
      return send(res, 404, refusal('not_found', 'Not found.'));
    }
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return send(res, 405, refusal('invalid_input', 'GET or POST only.'));
    if (path === HUB_REPORT_PATHS.xlsx || path === HUB_REPORT_PATHS.pdf) return report(req, res, url);
    if (path === '/' || path === '/hub') {
      res.writeHead(302, { ...SECURITY_HEADERS, Location: '/hub/' });
      return void res.end();
    }
    if (path.startsWith('/hub/')) return serveStatic(res, path.slice('/hub/'.length));
    return send(res, 404, refusal('not_found', 'Not found.'));
  }

  async function apiCall(req: IncomingMessage, res: ServerResponse, method: string): Promise<void> {
    // JSON only: a plain HTML form cannot send it, so no form on another site can call the API.
    if (contentType(req) !== 'application/json')
      return send(res, 415, refusal('invalid_input', 'Send application/json.'));
    const bytes = await readBytes(req, MAX_API_BODY_BYTES);
    let body: unknown = {};
    if (bytes.length > 0) {
      try {
        body = JSON.parse(bytes.toString('utf8'));
      } catch {
        return send(res, 400, refusal('invalid_input', 'Malformed JSON.'));
      }
    }
    const { result, cookie } = await hubDispatch(ctx, method, body, cookieToken(req));
    const headers: Record<string, string> = {};
    if (cookie)
      headers['Set-Cookie'] =
        'set' in cookie
          ? sessionCookie(cookie.set, secureRequest(req))
          : sessionCookie('', secureRequest(req), 0);
    const status = result.ok
      ? 200
      : result.error.code === 'unauthenticated'
        ? 401
        : result.error.code === 'forbidden'
          ? 403
          : 200;
    send(res, status, result, headers);
  }

  async function pushBundle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (contentType(req) !== 'application/octet-stream')
      return send(res, 415, refusal('invalid_input', 'Send the bundle as application/octet-stream.'));
    const file = await readBytes(req, MAX_BUNDLE_BYTES);
    // Who the bundle says it is from: the audit's actor (ingest checks that claim before applying).
    let actor = 'installation:unknown';
    try {
      actor = `installation:${readEnvelopeHeader(file).installationId}`;
    } catch {
      // Not an envelope: ingest refuses it as not_a_bundle and audits that.
    }
    const outcome: IngestOutcome = await ingestBundle(ctx.db, ctx.keys, file, actor);
    // The outcome as it is (what the installation's 上报 reads, electron/services/hub-link): a
    // refusal carries its reason, with 422 so a plain HTTP client sees it failed too.
    send(res, outcome.status === 'rejected' ? 422 : 200, outcome);
  }

  async function report(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const user = await sessionUser(ctx.db, cookieToken(req));
    if (!user) return send(res, 401, refusal('unauthenticated', 'Please log in first.'));
    if (!HUB_REPORT_ROLES.includes(user.role))
      return send(res, 403, refusal('forbidden', 'Your role does not allow this action.'));
    const filter = hubFilterSchema.safeParse(
      Object.fromEntries(
        ['township', 'installationId', 'from', 'to']
          .map((k) => [k, url.searchParams.get(k)] as const)
          .filter(([, v]) => v !== null && v !== ''),
      ),
    );
    if (!filter.success) return send(res, 400, refusal('invalid_input', 'Invalid filter.'));
    const lang = url.searchParams.get('lang') === 'en' ? 'en' : 'zh';
    const pdf = url.pathname === HUB_REPORT_PATHS.pdf;
    const today = ctx.today();
    // Loaded on first use: the workbook writer and the PDF converter are not needed to serve pages.
    let file: Buffer;
    try {
      file = pdf
        ? await (
            await import('./services/report-pdf')
          ).districtReportPdf(ctx.db, user, filter.data, today, lang, { dataDir: ctx.dataDir })
        : await (
            await import('./services/report')
          ).districtReportWorkbook(ctx.db, user, filter.data, today, lang);
    } catch (error) {
      // A refusal (no LibreOffice for the PDF: not_found with its reason) keeps its code for the page.
      const answer = toHubError(error);
      return send(res, answer.code === 'internal' ? 500 : 404, { ok: false, error: answer });
    }
    await ctx.db.transaction((tx) =>
      appendHubAudit(tx, {
        actor: `user:${user.username}`,
        action: 'report_downloaded',
        detail: { format: pdf ? 'pdf' : 'xlsx' },
      }),
    );
    const name = `district-report-${today}.${pdf ? 'pdf' : 'xlsx'}`;
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': pdf
        ? 'application/pdf'
        : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': `attachment; filename="${name}"`,
      'Content-Length': String(file.length),
    });
    res.end(req.method === 'HEAD' ? undefined : file);
  }

  /** The hub page and its assets only: the staff app and the station page are not served here. */
  function serveStatic(res: ServerResponse, rest: string): void {
    const root = options.rendererDir;
    let relative: string;
    try {
      relative = normalize(decodeURIComponent(rest === '' ? 'hub.html' : rest)).replace(/^([/\\])+/, '');
    } catch {
      return send(res, 400, refusal('invalid_input', 'Bad path.'));
    }
    const allowed =
      relative === 'hub.html' || relative === 'favicon.svg' || relative.startsWith(`assets${sep}`);
    const file = join(root, relative);
    if (!allowed || !file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile())
      return send(res, 404, refusal('not_found', 'Not found.'));
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
    });
    createReadStream(file).pipe(res);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
  const shownHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
  return {
    url: `${options.tls ? 'https' : 'http'}://${shownHost}:${port}/hub/`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(sweep);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export { localToday };
