import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { beforeAll, expect, test } from 'vitest';
import { anxin, CLI, ensureBuilt } from '../../helpers/cli';
import { tempHubDir } from '../../helpers/hub-core';
import { describeHubStores } from '../../helpers/hub-db';

// `anxin hub serve` as the built CLI runs it: on the embedded store and with --pg.

const PASSWORD = 'county-hub-pass';

beforeAll(() => ensureBuilt(), 300_000);

/** Starts `anxin hub serve … --json`; resolves with what it printed. */
function serve(args: string[]) {
  const child = spawn(process.execPath, [CLI, 'hub', 'serve', ...args, '--port', '0', '--json'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const ready = new Promise<{ url: string; port: number; dataDir: string }>((resolve, reject) => {
    let text = '';
    createInterface({ input: child.stdout }).on('line', (line) => {
      text += line;
      try {
        resolve(JSON.parse(text) as { url: string; port: number; dataDir: string });
      } catch {
        // The JSON spans several lines.
      }
    });
    child.once('exit', (code) => reject(new Error(`anxin hub serve exited with ${code}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, ready, exited };
}

describeHubStores('anxin hub serve', (store) => {
  test('serves the hub named at init, logs in, and stops cleanly on SIGTERM', async () => {
    const dataDir = tempHubDir();
    const pg = await store.freshUrl();
    const where = ['--data-dir', dataDir, ...(pg ? ['--pg', pg] : [])];
    const init = anxin(['hub', 'init', ...where, '--name', '北山区妇幼保健院', '--json'], {
      ANXIN_PASSWORD: PASSWORD,
    });
    expect(init.code).toBe(0);

    const hub = serve(where);
    const info = await hub.ready;
    expect(info).toEqual({ url: `http://127.0.0.1:${info.port}/hub/`, port: info.port, dataDir });
    const post = (method: string, body: unknown, cookie = '') =>
      fetch(`http://127.0.0.1:${info.port}/hub/api/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...(cookie ? { Cookie: cookie } : {}) },
        body: JSON.stringify(body),
      });
    expect(await (await post('hub.status', {})).json()).toEqual({
      ok: true,
      value: { initialised: true, hubName: '北山区妇幼保健院', me: null },
    });
    const login = await post('hub.login', { username: 'admin', password: PASSWORD });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const me = (await (await post('hub.me', {}, cookie)).json()) as { value: { role: string } };
    expect(me.value.role).toBe('district_admin');

    hub.child.kill('SIGTERM');
    expect(await hub.exited).toBe(0);
  }, 120_000);
});

test('refuses a folder that holds no hub yet, saying what to run', () => {
  const result = anxin(['hub', 'serve', '--data-dir', tempHubDir(), '--port', '0', '--json']);
  expect(result.code).toBe(1);
  expect(result.json()).toMatchObject({ error: { code: 'not_set_up' } });
  expect(result.json().error.message).toContain('anxin hub init');
});
