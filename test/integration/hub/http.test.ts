import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { HubDb } from '../../../electron/hub/db/hub-db';
import { localToday } from '../../../electron/hub/handlers';
import { tokenHash } from '../../../electron/hub/sessions';
import { findSoffice } from '../../../electron/hub/services/report-pdf';
import { createHubUser } from '../../../electron/hub/services/users';
import { HUB_COOKIE, startHubServer, type HubServer } from '../../../electron/hub/transport';
import { CONTENT_SECURITY_POLICY } from '../../../electron/security/csp';
import type { HubInvite } from '../../../shared/hub/invite';
import { schoolPayload, sealPayload, type SyntheticInstallation } from '../../helpers/hub-bundles';
import { tempHubDir, testHub, type TestHub } from '../../helpers/hub-core';
import { describeHubStores, hubStores } from '../../helpers/hub-db';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are compared by value, field by field
type Answer = any;

const SHAPE = { grades: 1, classesPerGrade: 2, studentsPerClass: 20, campaigns: 1, caseShare: 0.2 };
const PASSWORD = 'correct horse battery';

/** A built page stand-in: the server's static rules, without `npm run build`. */
function fakeRenderer(): string {
  const dir = tempHubDir();
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'hub.html'), '<!doctype html><title>hub</title>');
  writeFileSync(join(dir, 'assets', 'hub.js'), 'void 0;');
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>staff app</title>');
  return dir;
}

describeHubStores('hub over HTTP', (store) => {
  let db: HubDb;
  let hub: TestHub;
  let server: HubServer;
  let base: string;
  let east: { invite: HubInvite; inst: SyntheticInstallation };
  let west: { invite: HubInvite; inst: SyntheticInstallation };

  beforeAll(async () => {
    db = await store.open();
    hub = await testHub(db);
    east = await hub.invite('东城中学', { township: '东城镇' });
    west = await hub.invite('西城中学', { township: '西城镇' });
    const user = (
      username: string,
      role: 'district_staff' | 'viewer',
      scope: Parameters<typeof createHubUser>[1]['scope'],
    ) => createHubUser(db, { username, displayName: username, role, scope, password: PASSWORD });
    await user('staff', 'district_staff', { kind: 'district' });
    await user('viewer', 'viewer', { kind: 'district' });
    await user('east', 'district_staff', { kind: 'township', township: '东城镇' });
    server = await startHubServer(
      { db, keys: hub.keys, today: () => localToday() },
      { rendererDir: fakeRenderer(), port: 0 },
    );
    base = `http://127.0.0.1:${server.port}`;
  });
  afterAll(() => server?.close());

  async function call(
    method: string,
    input: unknown = {},
    cookie?: string,
    headers: Record<string, string> = {},
  ) {
    const response = await fetch(`${base}/hub/api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(cookie ? { Cookie: cookie } : {}), ...headers },
      body: JSON.stringify(input),
    });
    return { status: response.status, headers: response.headers, body: (await response.json()) as Answer };
  }

  async function login(username: string, password = PASSWORD): Promise<string> {
    const { body, headers } = await call('hub.login', { username, password });
    expect(body.ok).toBe(true);
    const cookie = headers.get('set-cookie')!;
    return cookie.split(';')[0]!;
  }

  async function push(file: Buffer) {
    const response = await fetch(`${base}/hub/api/bundles`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/octet-stream' },
      body: file,
    });
    return { status: response.status, body: (await response.json()) as Answer };
  }

  test('status is public; every other method refuses a caller without a session', async () => {
    const status = await call('hub.status');
    expect(status.body).toEqual({
      ok: true,
      value: { initialised: true, hubName: '示例县心理健康教育指导中心', me: null },
    });
    for (const method of [
      'hub.me',
      'hub.dashboard',
      'hub.cases',
      'hub.installations',
      'hub.users.list',
      'hub.ingest',
    ]) {
      const refused = await call(method, {});
      expect(refused.status).toBe(401);
      expect(refused.body.error.code).toBe('unauthenticated');
    }
    // A made-up cookie is no better, and is cleared.
    const forged = await call('hub.me', {}, `${HUB_COOKIE}=${'A'.repeat(43)}`);
    expect(forged.status).toBe(401);
    expect(forged.headers.get('set-cookie')).toMatch(/Max-Age=0/);
    const report = await fetch(`${base}/hub/report.xlsx`);
    expect(report.status).toBe(401);
  });

  test('unknown methods and malformed input come back as typed errors, without internals', async () => {
    const cookie = await login('admin');
    expect((await call('hub.nope', {}, cookie)).body.error).toEqual({
      code: 'unknown_method',
      message: 'Unknown method: hub.nope',
    });
    const bad = await call('hub.cases', { installationId: 'not-a-uuid' }, cookie);
    expect(bad.body.error.code).toBe('invalid_input');
    expect(JSON.stringify(bad.body)).not.toMatch(/SELECT|stack|at .*\.ts/);
  });

  test('login sets an HttpOnly SameSite=Strict cookie; the database keeps only its hash; logout ends it', async () => {
    const wrong = await call('hub.login', { username: 'staff', password: 'wrong password' });
    expect(wrong.body.error.code).toBe('wrong_password');
    expect(wrong.headers.get('set-cookie')).toBeNull();

    const { body, headers } = await call('hub.login', { username: 'staff', password: PASSWORD });
    expect(body.value).toMatchObject({
      username: 'staff',
      role: 'district_staff',
      scope: { kind: 'district' },
    });
    const setCookie = headers.get('set-cookie')!;
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).toMatch(/Path=\/hub/);
    expect(JSON.stringify(body)).not.toContain(setCookie.split(';')[0]!.split('=')[1]);
    const cookie = setCookie.split(';')[0]!;
    const token = cookie.slice(HUB_COOKIE.length + 1);

    const rows = await db.query<{ token_hash: string }>('SELECT token_hash FROM hub_sessions');
    expect(rows.map((r) => r.token_hash)).toContain(tokenHash(token));
    expect(rows.map((r) => r.token_hash)).not.toContain(token);

    expect((await call('hub.me', {}, cookie)).body.value.username).toBe('staff');
    expect((await call('hub.status', {}, cookie)).body.value.me.username).toBe('staff');
    const out = await call('hub.logout', {}, cookie);
    expect(out.body).toEqual({ ok: true, value: {} });
    expect(out.headers.get('set-cookie')).toMatch(/Max-Age=0/);
    expect((await call('hub.me', {}, cookie)).status).toBe(401);
  });

  test('an idle session expires', async () => {
    const cookie = await login('staff');
    const token = cookie.slice(HUB_COOKIE.length + 1);
    await db.query(
      `UPDATE hub_sessions SET last_seen_at = now() - interval '31 minutes' WHERE token_hash = $1`,
      [tokenHash(token)],
    );
    expect((await call('hub.me', {}, cookie)).status).toBe(401);
    expect(await db.query('SELECT 1 FROM hub_sessions WHERE token_hash = $1', [tokenHash(token)])).toEqual(
      [],
    );
  });

  test('the push endpoint accepts a sealed bundle without a session and refuses a tampered one with its reason', async () => {
    const payload = schoolPayload(east.inst, { ...SHAPE, overdueSafetyChecks: 1 });
    const accepted = await push(sealPayload(east.inst, payload));
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({
      status: 'accepted',
      installationId: east.invite.installationId,
    });

    // The same bundle again: nothing changes, and it says so.
    const again = await push(sealPayload(east.inst, payload));
    expect(again.status).toBe(422);
    expect(again.body).toEqual({
      status: 'rejected',
      reason: 'replayed',
      installationId: east.invite.installationId,
    });

    const file = sealPayload(west.inst, schoolPayload(west.inst, SHAPE));
    const envelope = JSON.parse(file.toString('utf8')) as { ciphertext: string };
    const bytes = Buffer.from(envelope.ciphertext, 'base64');
    bytes[Math.floor(bytes.length / 2)]! ^= 0x01;
    envelope.ciphertext = bytes.toString('base64');
    const tampered = await push(Buffer.from(JSON.stringify(envelope)));
    expect(tampered.status).toBe(422);
    expect(tampered.body).toEqual({
      status: 'rejected',
      reason: 'tampered',
      installationId: west.invite.installationId,
    });

    const garbage = await push(Buffer.from('not a bundle'));
    expect(garbage.body).toEqual({ status: 'rejected', reason: 'not_a_bundle', installationId: null });

    const audit = await db.query<{ actor: string; action: string }>(
      `SELECT actor, action FROM hub_audit WHERE actor LIKE 'installation:%' ORDER BY seq`,
    );
    expect(audit.map((a) => a.actor)).toContain(`installation:${east.invite.installationId}`);
    expect(audit.map((a) => a.actor)).toContain(`installation:${west.invite.installationId}`);

    // The untampered west bundle goes in through the upload page's method (base64 in JSON).
    const cookie = await login('staff');
    const uploaded = await call(
      'hub.ingest',
      {
        files: [
          { name: 'west.anxin-report', base64: file.toString('base64') },
          { name: 'tampered.anxin-report', base64: Buffer.from(JSON.stringify(envelope)).toString('base64') },
        ],
      },
      cookie,
    );
    expect(uploaded.body.value).toEqual({
      accepted: 1,
      unchanged: 0,
      rejected: [{ file: 'tampered.anxin-report', reason: 'tampered' }],
      files: [
        { file: 'west.anxin-report', status: 'accepted', installationName: '西城中学' },
        {
          file: 'tampered.anxin-report',
          status: 'rejected',
          reason: 'tampered',
          installationName: '西城中学',
        },
      ],
    });
  });

  test('a viewer sees figures but cannot drill down or upload', async () => {
    const cookie = await login('viewer');
    const dashboard = await call('hub.dashboard', {}, cookie);
    expect(dashboard.body.ok).toBe(true);
    expect(dashboard.body.value.installations.map((i: { name: string }) => i.name).sort()).toEqual([
      '东城中学',
      '西城中学',
    ]);
    const cases = await call('hub.cases', { installationId: east.invite.installationId }, cookie);
    expect(cases.status).toBe(403);
    expect(cases.body.error.code).toBe('forbidden');
    expect((await call('hub.ingest', { files: [{ name: 'x', base64: '' }] }, cookie)).body.error.code).toBe(
      'forbidden',
    );
    expect((await call('hub.users.list', {}, cookie)).body.error.code).toBe('forbidden');
  });

  test("a township-scoped user opens its own township's installations only", async () => {
    const cookie = await login('east');
    const own = await call('hub.cases', { installationId: east.invite.installationId }, cookie);
    expect(own.body.ok).toBe(true);
    expect(own.body.value.installation.name).toBe('东城中学');
    expect(own.body.value.cases.length).toBeGreaterThan(0);
    expect(own.body.value.cases.every((c: { name?: string }) => c.name === undefined)).toBe(true);

    const other = await call('hub.cases', { installationId: west.invite.installationId }, cookie);
    expect(other.body.error.code).toBe('not_found');
    const filtered = await call('hub.dashboard', { installationId: west.invite.installationId }, cookie);
    expect(filtered.body.error.code).toBe('not_found');
    const dashboard = await call('hub.dashboard', {}, cookie);
    expect(dashboard.body.value.installations.map((i: { name: string }) => i.name)).toEqual(['东城中学']);
    const list = await call('hub.installations', {}, cookie);
    expect(list.body.value.map((i: { name: string }) => i.name)).toEqual(['东城中学']);
    // Nor can it revoke or invite: those are the administrator's.
    expect(
      (await call('hub.revoke', { installationId: west.invite.installationId }, cookie)).body.error.code,
    ).toBe('forbidden');
  });

  test('the administrator invites (the file text comes back), adds users and verifies the audit', async () => {
    const cookie = await login('admin');
    const made = await call(
      'hub.invite',
      { name: '南山卫生院', programme: 'perinatal', township: '南山镇', shareNames: true },
      cookie,
    );
    expect(made.body.value.fileName).toBe('南山卫生院.anxin-invite.json');
    const invite = JSON.parse(made.body.value.text) as HubInvite;
    expect(invite).toMatchObject({
      installationName: '南山卫生院',
      township: '南山镇',
      agreement: { names: true },
    });
    expect(
      (await call('hub.invite', { name: '南山卫生院', programme: 'perinatal' }, cookie)).body.error.code,
    ).toBe('conflict');
    const added = await call(
      'hub.users.add',
      {
        username: 'nan',
        displayName: '南山专干',
        role: 'district_staff',
        scope: { kind: 'township', township: '南山镇' },
        password: 'long enough pw',
      },
      cookie,
    );
    expect(added.body.value).toMatchObject({ username: 'nan', active: true });
    const users = await call('hub.users.list', {}, cookie);
    expect(users.body.value.map((u: { username: string }) => u.username)).toContain('nan');
    expect(JSON.stringify(users.body)).not.toMatch(/scrypt/);
    expect((await call('hub.revoke', { installationId: invite.installationId }, cookie)).body.ok).toBe(true);
    expect((await call('hub.audit.verify', {}, cookie)).body.value).toMatchObject({ ok: true });
  });

  test('pages and answers carry the CSP and security headers; only the hub page is served', async () => {
    const page = await fetch(`${base}/hub/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toContain('<title>hub</title>');
    expect((await fetch(`${base}/hub/assets/hub.js`)).status).toBe(200);
    // The staff app is not part of the hub, nor is anything outside the renderer folder.
    expect((await fetch(`${base}/hub/index.html`)).status).toBe(404);
    expect((await fetch(`${base}/hub/assets/..%2F..%2Fpackage.json`)).status).toBe(404);
    const api = await call('hub.status');
    expect(api.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  test('cross-site calls are refused: another origin, a form-encoded body, a foreign Host', async () => {
    const cookie = await login('admin');
    const evil = await call('hub.users.list', {}, cookie, { Origin: 'https://evil.example' });
    expect(evil.status).toBe(403);
    // Behind a reverse proxy: the page's own origin, named by the proxy, is let through; another is not.
    const proxied = await call('hub.users.list', {}, cookie, {
      Origin: 'https://hub.county.example',
      'X-Forwarded-Host': 'hub.county.example',
    });
    expect(proxied.body.ok).toBe(true);
    const spoofed = await call('hub.users.list', {}, cookie, {
      Origin: 'https://evil.example',
      'X-Forwarded-Host': 'hub.county.example',
    });
    expect(spoofed.status).toBe(403);
    const form = await fetch(`${base}/hub/api/hub.users.list`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain', Cookie: cookie },
      body: '{}',
    });
    expect(form.status).toBe(415);
    // fetch will not send a foreign Host, so this one goes by hand (DNS rebinding).
    const rebinding = await new Promise<{ status: number }>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: server.port,
          path: '/hub/api/hub.status',
          method: 'POST',
          headers: { Host: 'evil.example', 'Content-Type': 'application/json' },
        },
        (res) => {
          res.resume();
          resolve({ status: res.statusCode ?? 0 });
        },
      );
      req.on('error', reject);
      req.end('{}');
    });
    expect(rebinding.status).toBe(421);
  });

  test('the district report downloads as a workbook for a logged-in user', async () => {
    const cookie = await login('staff');
    const response = await fetch(`${base}/hub/report.xlsx?lang=zh`, { headers: { Cookie: cookie } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toMatch(/attachment; filename="district-report-/);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
  });

  test('the PDF report prints through LibreOffice, and says why when it is missing', async () => {
    const cookie = await login('viewer');
    const saved = process.env.ANXIN_SOFFICE;
    process.env.ANXIN_SOFFICE = '/nonexistent/soffice';
    try {
      const missing = await fetch(`${base}/hub/report.pdf`, { headers: { Cookie: cookie } });
      expect(missing.status).toBe(404);
      expect(((await missing.json()) as Answer).error.detail.reason).toBe('hub_report.pdf_unavailable');
    } finally {
      if (saved === undefined) delete process.env.ANXIN_SOFFICE;
      else process.env.ANXIN_SOFFICE = saved;
    }
    if (!findSoffice()) return;
    const response = await fetch(`${base}/hub/report.pdf?lang=en`, { headers: { Cookie: cookie } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await response.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
  }, 180_000);
});

test('with --tls-cert and --tls-key the hub serves HTTPS, with a Secure cookie and HSTS', async () => {
  const dir = tempHubDir();
  const key = join(dir, 'key.pem');
  const cert = join(dir, 'cert.pem');
  const made = spawnSync('openssl', [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-keyout',
    key,
    '-out',
    cert,
    '-days',
    '1',
    '-subj',
    '/CN=localhost',
    '-addext',
    'subjectAltName=DNS:localhost,IP:127.0.0.1',
  ]);
  if (made.status !== 0) return; // No openssl on this machine: nothing to test with.
  const db = await hubStores[0]!.open();
  const hub = await testHub(db);
  const server = await startHubServer(
    { db, keys: hub.keys, today: () => localToday() },
    { rendererDir: fakeRenderer(), port: 0, tls: { cert: readFileSync(cert), key: readFileSync(key) } },
  );
  try {
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/hub\/$/);
    const answer = await new Promise<{
      headers: Record<string, string | string[] | undefined>;
      body: string;
    }>((resolve, reject) => {
      const req = httpsRequest(
        {
          host: '127.0.0.1',
          port: server.port,
          path: '/hub/api/hub.login',
          method: 'POST',
          ca: readFileSync(cert),
          headers: { 'Content-Type': 'application/json' },
        },
        (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () => resolve({ headers: res.headers, body }));
        },
      );
      req.on('error', reject);
      req.end(JSON.stringify({ username: 'admin', password: 'correct horse battery' }));
    });
    expect(JSON.parse(answer.body)).toMatchObject({ ok: true, value: { username: 'admin' } });
    expect(String(answer.headers['set-cookie'])).toMatch(/; Secure/);
    expect(answer.headers['strict-transport-security']).toBe('max-age=31536000');
  } finally {
    await server.close();
  }
}, 60_000);
