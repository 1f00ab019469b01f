import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { anxin } from '../helpers/cli';
import { callApi } from './helpers/api';
import { launchChromium, watchedPage } from './helpers/browser';
import { see, seeText } from './helpers/page';
import { ensureBuilt, startServer, type RunningServer } from './helpers/server';

const PASSWORD = 'anxin-e2e-pass';
const NEW_PASSWORD = 'anxin-e2e-new-pass';

let dataDir: string;
let server: RunningServer | null = null;
let browser: Browser;
let recoveryCode: string;

beforeAll(async () => {
  ensureBuilt();
  dataDir = mkdtempSync(join(tmpdir(), 'anxin-e2e-keyring-'));
  const init = anxin(
    ['init', '--data-dir', dataDir, '--org-type', 'school', '--org-name', '实验中学', '--json'],
    { ANXIN_PASSWORD: PASSWORD },
  );
  recoveryCode = init.json().recoveryCode;
  // The keyring is lost before the app starts: only anxin.db and recovery.json remain.
  rmSync(join(dataDir, 'keyring.json'));
  rmSync(join(dataDir, 'keyring.json.bak'), { force: true });
  [server, browser] = await Promise.all([startServer(dataDir), launchChromium()]);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function logIn(page: Page, password: string): Promise<void> {
  const form = page.getByTestId('login-form');
  await form.getByLabel('用户名').fill('admin');
  await form.getByLabel('密码', { exact: true }).fill(password);
  await form.getByRole('button', { name: '登录' }).click();
}

describe('a lost keyring, then an idle screen', () => {
  test('missing keyring.json: the screen names the file, never offers setup, and recovery brings the data back', async () => {
    const { page, problems } = await watchedPage(browser);
    await page.goto(server!.url);
    await seeText(page.getByTestId('keyring-title'), '找不到钥匙文件');
    await seeText(page.getByTestId('keyring-body'), /keyring\.json/);
    expect(page.url()).toContain('#/keyring');
    // The setup route sends back here instead of offering to overwrite the data.
    await page.goto(`${server!.url.split('#')[0]}#/setup`);
    await see(page.getByTestId('keyring-title'));

    await page.getByTestId('keyring-recover').click();
    const form = page.getByTestId('recover-form');
    await form.getByLabel('恢复码').fill(recoveryCode);
    await form.getByLabel('用户名').fill('admin');
    await form.getByLabel('新密码', { exact: true }).fill(NEW_PASSWORD);
    await form.getByLabel('确认新密码').fill(NEW_PASSWORD);
    await form.getByRole('button', { name: '重置密码' }).click();

    await see(page.getByTestId('recovery-code'), 30_000);
    const fresh = (await page.getByTestId('recovery-code').innerText()).replace(/\s/g, '');
    expect(fresh).not.toBe(recoveryCode);
    await seeText(page.getByTestId('recover-notes'), /重建/);
    // The printable sheet carries the new code and the organisation.
    expect(await page.getByTestId('recovery-sheet-code').textContent()).toBe(fresh);
    expect(await page.getByTestId('recovery-sheet-org').textContent()).toBe('实验中学');
    await see(page.getByRole('button', { name: '打印恢复单 / 保存为 PDF' }));
    await page.getByLabel('我已抄写恢复码').check();
    await page.getByRole('button', { name: '进入系统' }).click();
    await see(page.locator('.shell'));
    expect(problems).toEqual([]);
    await page.context().close();
  }, 120_000);

  test('after the idle limit the staff screen returns to the login page and says why', async () => {
    const { page, problems } = await watchedPage(browser);
    await page.goto(server!.url);
    const status = await callApi(server!, 'app.status', {});
    if (!status.user) await logIn(page, NEW_PASSWORD);
    await see(page.locator('.shell'));
    // Three seconds instead of minutes; the page reads the limit from app.status.
    await callApi(server!, 'settings.setIdleMinutes', { minutes: 0.05 });
    await page.reload();
    await see(page.locator('.shell'));
    await seeText(page.getByTestId('login-locked'), /自动锁定/, 15_000);
    expect(page.url()).toContain('#/login');
    await logIn(page, NEW_PASSWORD);
    await see(page.locator('.shell'));
    await callApi(server!, 'settings.setIdleMinutes', { minutes: 10 });
    expect(problems.filter((p) => !/401|Unauthorized/i.test(p))).toEqual([]);
  }, 120_000);
});
