import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { createContext } from '../../electron/services/context';
import { CONTENT_SECURITY_POLICY } from '../../electron/security/csp';
import { startStaffServer, TOKEN_HEADER, type StaffServer } from '../../electron/transports/http';
import { useTempDirs } from '../helpers/temp';

const tempDir = useTempDirs();
let server: StaffServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

async function start() {
  const ui = tempDir();
  mkdirSync(join(ui, 'assets'));
  writeFileSync(join(ui, 'index.html'), '<!doctype html><title>安心筛查</title>');
  writeFileSync(join(ui, 'assets', 'app.js'), 'export {};');
  writeFileSync(join(tempDir(), 'secret.txt'), 'outside');
  server = await startStaffServer(createContext(tempDir(), 'http'), { rendererDir: ui });
  return server;
}

const post = (s: StaffServer, method: string, body: string, token: string | null = s.token) =>
  fetch(`http://127.0.0.1:${s.port}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { [TOKEN_HEADER]: token } : {}) },
    body,
  });

describe('loopback HTTP transport', () => {
  test('listens on 127.0.0.1 only and prints an address with the launch token', async () => {
    const s = await start();
    expect(s.url).toBe(`http://127.0.0.1:${s.port}/?token=${s.token}`);
    expect(s.token.length).toBeGreaterThanOrEqual(32);
  });

  test('API calls without the launch token are refused', async () => {
    const s = await start();
    expect((await post(s, 'app.status', '{}', null)).status).toBe(401);
    expect((await post(s, 'app.status', '{}', 'x'.repeat(s.token.length))).status).toBe(401);
    const good = await post(s, 'app.status', '{}');
    expect(good.status).toBe(200);
    expect(await good.json()).toEqual({
      ok: true,
      value: {
        setUp: false,
        org: null,
        user: null,
        transport: 'http',
        keyring: 'ok',
        keyringFile: null,
        locked: false,
        idleMinutes: null,
      },
    });
  });

  test('malformed, oversized and wrongly shaped bodies get clear errors', async () => {
    const s = await start();
    const malformed = await post(s, 'app.status', '{not json');
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ error: { code: 'invalid_input' } });
    const huge = await post(
      s,
      'auth.login',
      JSON.stringify({ username: 'a', password: 'x'.repeat(17 * 1024 * 1024) }),
    );
    expect(huge.status).toBe(413);
    const wrongShape = await (await post(s, 'auth.login', '[1,2]')).json();
    expect(wrongShape).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(
      (await fetch(`http://127.0.0.1:${s.port}/api/app.status`, { headers: { [TOKEN_HEADER]: s.token } }))
        .status,
    ).toBe(405);
  });

  test('serves the UI with a strict CSP and nothing outside its folder', async () => {
    const s = await start();
    const page = await fetch(`http://127.0.0.1:${s.port}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(await page.text()).toContain('安心筛查');
    expect((await fetch(`http://127.0.0.1:${s.port}/assets/app.js`)).headers.get('content-type')).toMatch(
      /javascript/,
    );
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/../../secret.txt', '/nope.html']) {
      expect((await fetch(`http://127.0.0.1:${s.port}${path}`)).status).toBe(404);
    }
  });
});
