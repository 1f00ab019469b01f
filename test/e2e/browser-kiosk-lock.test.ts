import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ApiInput, ApiMethod } from '../../shared/api/contract';
import { callApi } from './helpers/api';
import { launchChromium } from './helpers/browser';
import { gone, see, seeText } from './helpers/page';
import { openKiosk } from './helpers/kiosk';
import { ensureBuilt, startServer, type RunningServer } from './helpers/server';

// Issue 12: five wrong PINs used to lock the kiosk for good. Now an administrator ends the lock by
// typing their own user name and password on the kiosk screen.

const ADMIN_PASSWORD = 'anxin-e2e-pass';
const SCREENER_PASSWORD = 'screener-e2e-pass';

let dataDir: string;
let server: RunningServer;
let browser: Browser;

const api = <M extends ApiMethod>(method: M, input: ApiInput<M>) => callApi(server, method, input);

beforeAll(async () => {
  ensureBuilt();
  dataDir = mkdtempSync(join(tmpdir(), 'anxin-e2e-kiosk-lock-'));
  [server, browser] = await Promise.all([startServer(dataDir), launchChromium()]);
  await api('auth.setup', {
    orgType: 'school',
    orgName: '实验中学',
    username: 'admin',
    displayName: '王老师',
    password: ADMIN_PASSWORD,
  });
  await api('campaigns.create', {
    name: '秋季心理普测',
    programme: 'school',
    startsOn: '2026-11-01',
    endsOn: '2026-12-31',
    targets: [{ battery: ['PHQ-9'] }],
  });
  await api('users.create', {
    username: 'wu',
    displayName: '吴老师',
    role: 'screener',
    password: SCREENER_PASSWORD,
  });
  // The kiosk is run by the screener, as on a screening day.
  await api('auth.logout', {});
  await api('auth.login', { username: 'wu', password: SCREENER_PASSWORD });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('kiosk PIN lock', () => {
  test('five wrong PINs lock it; a screener password is refused; the admin password ends it', async () => {
    const { page, problems, kiosk } = await openKiosk(browser, server.url, '秋季心理普测', '2468');

    await page.getByTestId('kiosk-exit').click();
    const pad = page.getByTestId('kiosk-pin-pad');
    for (let i = 1; i <= 4; i++) {
      await page.getByTestId('kiosk-pin-input').fill(`111${i}`);
      await page.keyboard.press('Enter');
      await seeText(pad, '密码不正确');
      await expect.poll(() => page.getByTestId('kiosk-pin-input').inputValue()).toBe('');
    }
    await page.getByTestId('kiosk-pin-input').fill('1115');
    await page.keyboard.press('Enter');
    await seeText(pad, '退出密码错误次数过多，已锁定');
    await see(page.getByTestId('kiosk-admin'));
    expect(await page.getByTestId('kiosk-pin-input').count()).toBe(0);
    // The services hold the lock: the right PIN is refused there too.
    expect(await api('kiosk.status', {})).toMatchObject({ active: true, pinLocked: true });
    await expect(api('kiosk.exit', { pin: '2468' })).rejects.toThrow(/too_many_attempts/);

    // The screener's own password is not an administrator's.
    await page.getByTestId('kiosk-admin-user').fill('wu');
    await page.getByTestId('kiosk-admin-password').fill(SCREENER_PASSWORD);
    await page.getByTestId('kiosk-admin-submit').click();
    await seeText(pad, '只有管理员的账号可以解除锁定');
    await see(kiosk);

    await page.getByTestId('kiosk-admin-user').fill('admin');
    await page.getByTestId('kiosk-admin-password').fill(ADMIN_PASSWORD);
    await page.getByTestId('kiosk-admin-submit').click();
    await gone(kiosk);
    // Back on the plan, still as the screener; the services answer normally again.
    await see(page.getByTestId('stat-done'));
    expect(await api('kiosk.status', {})).toMatchObject({ active: false, pinLocked: false });
    expect(await api('app.status', {})).toMatchObject({ user: { username: 'wu' } });
    expect(problems).toEqual([]);
    await page.context().close();
  }, 120_000);
});
