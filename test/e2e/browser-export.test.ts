import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium } from './helpers/browser';
import { see } from './helpers/page';
import { ensureBuilt, initDataDir, startServer, type RunningServer } from './helpers/server';

const PASSWORD = 'anxin-e2e-export';
let browser: Browser;
let server: RunningServer;
const dir = mkdtempSync(join(tmpdir(), 'anxin-e2e-export-'));

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

describe('导出 (export page)', () => {
  test('exports the roster from the UI with progress, and the download reads back with exceljs', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN', acceptDownloads: true }); // prettier-ignore
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(server.url);
    const form = page.getByTestId('login-form');
    await form.getByLabel('用户名').fill('admin');
    await form.getByLabel('密码', { exact: true }).fill(PASSWORD);
    await form.getByRole('button', { name: '登录' }).click();
    await see(page.getByTestId('header-user'));

    await page.getByRole('link', { name: '导出' }).click();
    await see(page.getByTestId('export-page'));
    const variants = await page.getByTestId('export-variant').locator('option').allTextContents();
    expect(variants).toEqual(['完整版（心理教师/医生）', '班主任版（无分数与条目）', '仅统计（主管部门）', '去标识化版（可外发）']); // prettier-ignore

    const download = page.waitForEvent('download');
    await page.getByTestId('export-start').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^安心市第一中学-.*\.xlsx$/);
    const path = join(dir, 'download.xlsx');
    await file.saveAs(path);
    await see(page.getByTestId('export-done'));

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(path) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '分班统计', '随访名册', '测评记录']);
    // No one screened yet: each list is its header row alone.
    expect(wb.getWorksheet('随访名册')!.rowCount).toBe(1);
    expect(wb.getWorksheet('测评记录')!.rowCount).toBe(1);
    await context.close();
  });
});
