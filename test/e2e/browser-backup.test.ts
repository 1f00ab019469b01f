import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium } from './helpers/browser';
import { see } from './helpers/page';
import { ensureBuilt, initDataDir, startServer, type RunningServer } from './helpers/server';

const PASSWORD = 'anxin-e2e-backup';
let browser: Browser;
let server: RunningServer;
const dir = mkdtempSync(join(tmpdir(), 'anxin-e2e-backup-'));
const folder = join(dir, 'usb');

beforeAll(async () => {
  ensureBuilt();
  initDataDir(dir, {
    orgType: 'school',
    orgName: '安心市第一中学',
    displayName: '李老师',
    password: PASSWORD,
  });
  server = await startServer(dir);
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('备份与恢复 (backup page)', () => {
  test('never backed up: a warning in the header; choose a folder, back up now, then restore with confirmation', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(server.url);
    const login = async () => {
      const form = page.getByTestId('login-form');
      await form.getByLabel('用户名').fill('admin');
      await form.getByLabel('密码', { exact: true }).fill(PASSWORD);
      await form.getByRole('button', { name: '登录' }).click();
      await see(page.getByTestId('header-user'));
    };
    await login();
    await see(page.getByTestId('backup-stale-chip'));
    expect(await page.getByTestId('backup-stale-chip').textContent()).toContain('从未备份');

    await page.getByRole('link', { name: '备份与恢复' }).click();
    await see(page.getByTestId('backup-page'));
    await see(page.getByTestId('backup-stale'));
    expect(await page.getByTestId('backup-now').isDisabled()).toBe(true);
    await page.getByTestId('backup-folder').fill(folder);
    await page.getByTestId('backup-schedule').selectOption('daily');
    await page.getByTestId('backup-settings').getByRole('button', { name: '保存' }).click();
    await expect.poll(() => page.getByTestId('backup-now').isEnabled()).toBe(true);
    await page.getByTestId('backup-now').click();
    await expect
      .poll(() => (existsSync(folder) ? readdirSync(folder).length : 0), { timeout: 20_000 })
      .toBe(1);
    await expect.poll(() => page.getByTestId('backup-stale').count()).toBe(0);
    const file = join(folder, readdirSync(folder)[0]!);
    expect(await page.getByTestId('backup-status').textContent()).toContain(file);

    await page.getByTestId('restore-file').fill(file);
    await page.getByTestId('restore-secret').fill(PASSWORD);
    await page.getByTestId('restore-start').click();
    const confirm = page.getByTestId('restore-confirm');
    await see(confirm);
    // The restore button waits for the box that says the current data will be replaced.
    expect(await page.getByTestId('restore-confirm-button').isDisabled()).toBe(true);
    await confirm.getByRole('checkbox').check();
    await page.getByTestId('restore-confirm-button').click();
    await see(page.getByTestId('login-form'));
    expect(readdirSync(join(dir, 'safety'))).toHaveLength(1);
    await login();
    await context.close();
  }, 120_000);
});
