// The administrator's audit viewer: entries listed newest first, the chain verified (链完整),
// filtered by action, exported to .xlsx. Real `anxin serve`, real Chromium.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { callApi } from './helpers/api';
import { launchChromium, watchedPage } from './helpers/browser';
import { see, seeText } from './helpers/page';
import { ensureBuilt, initDataDir, startServer, type RunningServer } from './helpers/server';

const PASSWORD = 'anxin-e2e-audit';
let browser: Browser;
let server: RunningServer;
let dir: string;

beforeAll(async () => {
  ensureBuilt();
  browser = await launchChromium();
  dir = mkdtempSync(join(tmpdir(), 'anxin-e2e-audit-'));
  initDataDir(dir, { orgType: 'school', orgName: '实验中学', displayName: '李老师', password: PASSWORD });
  server = await startServer(dir);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('audit viewer', () => {
  test('lists the entries, shows 链完整, filters by action and exports', async () => {
    const { page, problems } = await watchedPage(browser);
    await page.goto(server.url);
    const form = page.getByTestId('login-form');
    await form.getByLabel('用户名').fill('admin');
    await form.getByLabel('密码', { exact: true }).fill(PASSWORD);
    await form.getByRole('button', { name: '登录' }).click();
    await see(page.getByTestId('header-user'));
    const student = await callApi(server, 'students.add', {
      studentNo: 'S1',
      name: '张三',
      sex: 'M',
      birthDate: '2011-03-05',
      grade: '七年级',
      className: '1班',
    });
    await callApi(server, 'people.get', { id: student.id });

    await page.getByRole('link', { name: '审计日志' }).click();
    await see(page.getByTestId('audit-page'));
    await seeText(page.getByTestId('audit-chain'), /链完整/);
    const rows = page.getByTestId('audit-row');
    // Newest first: the file just opened, then this session's log-in.
    await seeText(rows.first(), /打开档案/);
    await expect
      .poll(() => rows.allTextContents())
      .toEqual(expect.arrayContaining([expect.stringMatching(/登录/), expect.stringMatching(/初始化/)]));
    // No name from the file appears anywhere in the trail.
    expect(await page.getByTestId('audit-table').textContent()).not.toContain('张三');

    await page.screenshot({ path: join(tmpdir(), 'anxin-audit-viewer.png') });
    await page.getByTestId('audit-filter-action').selectOption('person.open');
    await page.getByTestId('audit-apply').click();
    await expect.poll(() => rows.count()).toBe(1);
    await seeText(page.getByTestId('audit-total'), /共 1 条/);

    const download = page.waitForEvent('download');
    await page.getByTestId('audit-export').click();
    expect((await download).suggestedFilename()).toMatch(/^审计日志-\d{4}-\d{2}-\d{2}\.xlsx$/);

    // The same page in English.
    await page.getByRole('button', { name: 'English' }).click();
    await seeText(page.getByTestId('audit-chain'), /Chain intact/);
    await seeText(rows.first(), /Opened a file/);
    expect(problems).toEqual([]);
  }, 60_000);
});
