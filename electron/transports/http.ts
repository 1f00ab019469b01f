import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { EVENTS_PATH } from '../../shared/api/events';
import { dispatch } from '../api/dispatch';
import { handlers, type Handlers } from '../api/handlers';
import { subscribe } from '../services/events';
import type { AppContext } from '../services/context';
import { CONTENT_SECURITY_POLICY } from '../security/csp';
import { serverOptions, type ServerTimeouts } from './server-limits';

export const TOKEN_HEADER = 'x-anxin-token';
// Uploads (rosters, definitions) travel as base64 inside the JSON body.
const MAX_BODY_BYTES = 16 * 1024 * 1024;

/**
 * The page, its API and events are all on loopback, so an honest request arrives in milliseconds:
 * a client that takes seconds to finish its headers is holding the socket on purpose.
 */
export const STAFF_SERVER_TIMEOUTS: ServerTimeouts = {
  headersMs: 5_000,
  // A 16 MB roster upload over loopback takes well under a second.
  requestMs: 30_000,
  keepAliveMs: 5_000,
};

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
};

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

export interface StaffServer {
  url: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

function sameToken(given: string | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) {
    throw Object.assign(new Error('body too large'), { status: 413 });
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw Object.assign(new Error('body too large'), { status: 413 });
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return {};
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw Object.assign(new Error('malformed JSON'), { status: 400 });
  }
}

function serveStatic(res: ServerResponse, rendererDir: string, urlPath: string): void {
  const relative = normalize(decodeURIComponent(urlPath === '/' ? '/index.html' : urlPath)).replace(
    /^([/\\])+/,
    '',
  );
  const file = join(rendererDir, relative);
  if (!file.startsWith(rendererDir + sep) || !existsSync(file) || !statSync(file).isFile()) {
    res.writeHead(404, SECURITY_HEADERS).end('Not found');
    return;
  }
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
  });
  createReadStream(file).pipe(res);
}

/**
 * Server-Sent Events: one `data:` line of JSON per event, a comment every 15 s to keep proxies and
 * sockets alive. Returns the function that ends the stream (the server calls it when it closes).
 */
function streamEvents(req: IncomingMessage, res: ServerResponse): () => void {
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': 'text/event-stream; charset=utf-8',
    Connection: 'keep-alive',
  });
  // Each event goes out at once, not after Nagle's delay.
  res.socket?.setNoDelay(true);
  res.write(': anxin events\n\n');
  const unsubscribe = subscribe((event) => res.write(`data: ${JSON.stringify(event)}\n\n`));
  const keepAlive = setInterval(() => res.write(': ping\n\n'), 15_000);
  const end = () => {
    clearInterval(keepAlive);
    unsubscribe();
    if (!res.writableEnded) res.end();
  };
  req.on('close', end);
  return end;
}

/**
 * The staff API and UI over HTTP, for the browser fallback and end-to-end tests.
 * Bound to loopback only; every API call must carry this launch's random token.
 */
export async function startStaffServer(
  ctx: AppContext,
  options: {
    port?: number;
    rendererDir: string;
    token?: string;
    /** The backend's table (heavy methods in job workers); in-process tests use the plain one. */
    table?: Handlers;
    /** Shorter limits for tests; STAFF_SERVER_TIMEOUTS otherwise. */
    timeouts?: Partial<ServerTimeouts>;
  },
): Promise<StaffServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const table = options.table ?? handlers;
  const streams = new Set<() => void>();
  const timeouts = { ...STAFF_SERVER_TIMEOUTS, ...options.timeouts };
  // Filled in once listening (the port may be chosen by the system).
  let allowedHosts = new Set<string>();
  const server: Server = createServer(serverOptions(timeouts), (req, res) => {
    void handle(req, res).catch(() => {
      if (!res.headersSent)
        sendJson(res, 500, { ok: false, error: { code: 'internal', message: 'Internal error.' } });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // DNS rebinding: a page on evil.example whose name is switched to 127.0.0.1 would reach this
    // server as same-origin. Its requests still say `Host: evil.example`, so only this server's own
    // names are answered, before any page, API call or event stream.
    if (!allowedHosts.has((req.headers.host ?? '').toLowerCase())) {
      res.setHeader('Connection', 'close');
      return sendJson(res, 421, {
        ok: false,
        error: { code: 'forbidden', message: 'This server answers only 127.0.0.1 and localhost.' },
      });
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === EVENTS_PATH && req.method === 'GET') {
      // EventSource cannot send headers, so the launch token comes in the query string.
      if (!sameToken(url.searchParams.get('token') ?? undefined, token)) {
        return sendJson(res, 401, {
          ok: false,
          error: { code: 'unauthenticated', message: 'Missing or wrong launch token.' },
        });
      }
      const end = streamEvents(req, res);
      streams.add(end);
      req.on('close', () => streams.delete(end));
      return;
    }
    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST')
        return sendJson(res, 405, { ok: false, error: { code: 'invalid_input', message: 'POST only.' } });
      if (!sameToken(req.headers[TOKEN_HEADER] as string | undefined, token)) {
        return sendJson(res, 401, {
          ok: false,
          error: { code: 'unauthenticated', message: 'Missing or wrong launch token.' },
        });
      }
      let body: unknown;
      try {
        body = await readBody(req);
      } catch (error) {
        const status = (error as { status?: number }).status ?? 400;
        // The rest of an oversized body is not read, so this connection cannot be reused.
        if (status === 413) res.setHeader('Connection', 'close');
        return sendJson(res, status, {
          ok: false,
          error: { code: 'invalid_input', message: (error as Error).message },
        });
      }
      const result = await dispatch(ctx, url.pathname.slice('/api/'.length), body, table);
      return sendJson(res, 200, result);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { ok: false });
    serveStatic(res, options.rendererDir, url.pathname);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    token,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        // Event streams never end by themselves: they are ended (and unsubscribed) first.
        for (const end of streams) end();
        streams.clear();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
