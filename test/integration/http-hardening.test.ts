import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { EVENTS_PATH } from '../../shared/api/events';
import { createContext } from '../../electron/services/context';
import { publish } from '../../electron/services/events';
import {
  startStaffServer,
  STAFF_SERVER_TIMEOUTS,
  TOKEN_HEADER,
  type StaffServer,
} from '../../electron/transports/http';
import type { ServerTimeouts } from '../../electron/transports/server-limits';
import { useTempDirs } from '../helpers/temp';

const tempDir = useTempDirs();
let server: StaffServer | null = null;
const sockets: Socket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await server?.close();
  server = null;
});

async function start(timeouts?: Partial<ServerTimeouts>): Promise<StaffServer> {
  const ui = tempDir();
  mkdirSync(join(ui, 'assets'));
  writeFileSync(join(ui, 'index.html'), '<!doctype html><title>安心筛查</title>');
  server = await startStaffServer(createContext(tempDir(), 'http'), { rendererDir: ui, timeouts });
  return server;
}

interface Reply {
  status: number;
  body: string;
}

/** A request with a Host header of our choosing (fetch always sends the URL's own). */
function send(
  s: StaffServer,
  path: string,
  host: string,
  options: { method?: string; body?: string; token?: string } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: s.port,
        path,
        method: options.method ?? 'GET',
        headers: {
          host,
          ...(options.token ? { [TOKEN_HEADER]: options.token } : {}),
          ...(options.body ? { 'content-type': 'application/json' } : {}),
        },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Opens a raw socket and resolves, with the time it took, when the server closes it. */
function rawSocket(s: StaffServer): { socket: Socket; closed: Promise<{ ms: number; received: string }> } {
  const started = Date.now();
  const socket = connect(s.port, '127.0.0.1');
  sockets.push(socket);
  let received = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => (received += chunk));
  socket.on('error', () => {});
  const closed = new Promise<{ ms: number; received: string }>((resolve) =>
    socket.on('close', () => resolve({ ms: Date.now() - started, received })),
  );
  return { socket, closed };
}

describe('staff loopback server: Host header (DNS rebinding)', () => {
  test('a page whose name was rebound to 127.0.0.1 gets nothing: not the UI, the API or events', async () => {
    const s = await start();
    const own = `127.0.0.1:${s.port}`;
    // The same requests with the server's own name work, so what is refused is the name alone.
    expect((await send(s, '/', own)).status).toBe(200);
    expect((await send(s, '/', `localhost:${s.port}`)).status).toBe(200);
    expect((await send(s, '/', `LOCALHOST:${s.port}`)).status).toBe(200);
    const status = await send(s, '/api/app.status', own, { method: 'POST', body: '{}', token: s.token });
    expect(JSON.parse(status.body)).toMatchObject({ ok: true, value: { transport: 'http' } });

    for (const host of [
      'evil.example',
      `evil.example:${s.port}`,
      '127.0.0.1',
      `127.0.0.1:${s.port + 1}`,
      `localhost.evil.example:${s.port}`,
      `[::1]:${s.port}`,
    ]) {
      // Even a request that somehow carries the launch token gets no data.
      const page = await send(s, '/', host);
      const api = await send(s, '/api/app.status', host, { method: 'POST', body: '{}', token: s.token });
      const events = await send(s, `${EVENTS_PATH}?token=${s.token}`, host);
      for (const reply of [page, api, events]) {
        expect(reply.status, host).toBe(421);
        expect(JSON.parse(reply.body), host).toEqual({
          ok: false,
          error: { code: 'forbidden', message: 'This server answers only 127.0.0.1 and localhost.' },
        });
      }
    }
  });

  test('a request without any Host header is refused too', async () => {
    const s = await start();
    const { socket, closed } = rawSocket(s);
    // HTTP/1.0 allows leaving Host out; Node passes it to the handler, which must refuse it.
    socket.write('GET / HTTP/1.0\r\n\r\n');
    const { received } = await closed;
    expect(received).toMatch(/^HTTP\/1\.[01] 421/);
    expect(received).not.toContain('安心筛查');
  });
});

describe('staff loopback server: timeouts', () => {
  test('limits are set: 5 s for headers, 30 s for a whole request, 5 s idle keep-alive', () => {
    expect(STAFF_SERVER_TIMEOUTS).toEqual({ headersMs: 5_000, requestMs: 30_000, keepAliveMs: 5_000 });
  });

  test('slowloris: a request that never finishes its headers is closed within the header limit', async () => {
    const s = await start();
    const { socket, closed } = rawSocket(s);
    socket.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${s.port}\r\n`);
    // One more header line every 300 ms, never the blank line that ends them.
    let n = 0;
    const drip = setInterval(() => socket.writable && socket.write(`X-Pad-${n++}: a\r\n`), 300);
    const { ms, received } = await closed;
    clearInterval(drip);
    expect(ms).toBeGreaterThanOrEqual(STAFF_SERVER_TIMEOUTS.headersMs - 100);
    // The limit plus the 1 s checking tick, plus slack for a busy machine.
    expect(ms).toBeLessThan(STAFF_SERVER_TIMEOUTS.headersMs + 2_500);
    expect(received).toMatch(/^HTTP\/1\.1 408/);
    expect(received).not.toContain('安心筛查');
  }, 15_000);

  test('a body sent a byte at a time is cut off at the request limit', async () => {
    const s = await start({ headersMs: 1_000, requestMs: 1_500 });
    const { socket, closed } = rawSocket(s);
    socket.write(
      `POST /api/auth.login HTTP/1.1\r\nHost: 127.0.0.1:${s.port}\r\n${TOKEN_HEADER}: ${s.token}\r\n` +
        'Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{',
    );
    const drip = setInterval(() => socket.writable && socket.write(' '), 200);
    const { ms } = await closed;
    clearInterval(drip);
    expect(ms).toBeGreaterThanOrEqual(1_400);
    expect(ms).toBeLessThan(1_500 + 2_500);
  }, 15_000);

  test('an idle kept-alive connection is closed after its limit', async () => {
    const s = await start({ keepAliveMs: 500 });
    const { socket, closed } = rawSocket(s);
    socket.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${s.port}\r\n\r\n`);
    const { ms, received } = await closed;
    expect(received).toMatch(/^HTTP\/1\.1 200/);
    expect(ms).toBeLessThan(3_000);
  });

  test('the event stream is a response, not a request: it outlives the request limit', async () => {
    const s = await start({ headersMs: 500, requestMs: 800 });
    const { socket, closed } = rawSocket(s);
    socket.write(`GET ${EVENTS_PATH}?token=${s.token} HTTP/1.1\r\nHost: 127.0.0.1:${s.port}\r\n\r\n`);
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    publish({ type: 'alerts.changed', open: 3 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(socket.destroyed).toBe(false);
    socket.destroy();
    const { received } = await closed;
    expect(received).toMatch(/^HTTP\/1\.1 200/);
    expect(received).toContain('data: {"type":"alerts.changed","open":3}');
  }, 15_000);
});
