import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ApiInput, ApiMethod } from '../../shared/api/contract';
import { addDays, todayIso } from '../../shared/people/date';
import { callApi } from './helpers/api';
import { launchChromium, watchedPage } from './helpers/browser';
import { gone, see, seeText } from './helpers/page';
import { ensureBuilt, startServer, type RunningServer } from './helpers/server';

// The maternal register's time points in the UI: a screened woman shows 已筛 with the day; a
// woman past 42 weeks with no delivery is flagged 待补录分娩, her delivery date is entered on her
// file, and her 产后42天 time point is then scheduled from it (no longer estimated).

const PASSWORD = 'anxin-e2e-pass';
const today = todayIso();
const delivered = addDays(today, -10);

let dataDir: string;
let server: RunningServer;
let browser: Browser;

const api = <M extends ApiMethod>(method: M, input: ApiInput<M>) => callApi(server, method, input);

beforeAll(async () => {
  ensureBuilt();
  dataDir = mkdtempSync(join(tmpdir(), 'anxin-e2e-time-points-'));
  [server, browser] = await Promise.all([startServer(dataDir), launchChromium()]);
  await api('auth.setup', {
    orgType: 'maternal',
    orgName: '安心县妇幼保健院',
    username: 'admin',
    displayName: '陈医生',
    password: PASSWORD,
  });
  const csv =
    '姓名,身份证号,保健手册编号,末次月经\n' +
    `李梅,110101199001010023,BJ-0042,${addDays(today, -140)}\n` +
    `赵丽,110101199001010066,BJ-0043,${addDays(today, -(43 * 7 + 3))}\n`;
  await api('people.importCommit', {
    kind: 'woman',
    file: { fileName: 'w.csv', contentBase64: Buffer.from(csv).toString('base64') },
  });
  const [li] = (await api('people.search', { query: '李梅', kind: 'woman' })) ?? [];
  const s = await api('screening.start', { personId: li!.id, mode: 'kiosk', battery: ['EPDS'] });
  for (let i = 1; i <= 10; i++)
    await api('screening.saveAnswer', {
      screeningId: s.screeningId,
      instrumentId: 'EPDS',
      itemId: `q${i}`,
      value: 0,
    });
  await api('screening.submit', { screeningId: s.screeningId });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('shots', () => {
  test('shots', async () => {
    const { page } = await watchedPage(browser, { width: 1440, timeout: 15_000 });
    await page.goto(server.url);
    await page.getByRole('link', { name: '孕产妇档案' }).first().click();
    await expect.poll(() => page.getByTestId('woman-row').count(), { timeout: 15_000 }).toBe(2);
    await page.screenshot({ path: '/tmp/shot-register.png' });
    await page.getByTestId('woman-row').filter({ hasText: '赵丽' }).getByRole('link', { name: '赵丽' }).click();
    await see(page.getByTestId('perinatal-card'));
    await page.getByTestId('perinatal-card').screenshot({ path: '/tmp/shot-file.png' });
    await page.getByRole('link', { name: '筛查结果规则' }).first().click();
    await see(page.getByTestId('time-point-windows'));
    await page.getByTestId('window-mid-from').fill('16');
    await page.getByTestId('window-early-to').fill('17');
    await page.getByTestId('time-point-windows').screenshot({ path: '/tmp/shot-rules.png' });
  }, 120_000);
});
