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

describe('maternal time points', () => {
  test('已筛 on the register and file; 待补录分娩 → delivery date entered → 产后42天 from it', async () => {
    const { page, problems } = await watchedPage(browser, { width: 1440, timeout: 15_000 });
    await page.goto(server.url);
    await page.getByRole('link', { name: '孕产妇档案' }).first().click();
    const rows = page.getByTestId('woman-row');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(2);

    // The screened woman: her mid-pregnancy point is done, with the day; she is not due.
    const li = rows.filter({ hasText: '李梅' });
    await seeText(li.getByTestId('next-due'), `孕中期 已筛 ${today}`);
    expect(await li.getByText('当前应筛').count()).toBe(0);
    // The woman past 42 weeks: flagged, and her stage says how long past the due date.
    const zhao = rows.filter({ hasText: '赵丽' });
    await see(zhao.getByTestId('delivery-needed'));
    await seeText(zhao.getByTestId('stage'), '已过预产期24天');
    expect(await zhao.textContent()).not.toContain('孕晚期 44');

    // The register's 当前应筛 and 待补录分娩 lists.
    await page.getByTestId('show-filter').selectOption('due');
    await expect
      .poll(() => rows.allTextContents(), { timeout: 15_000 })
      .toEqual([expect.stringContaining('赵丽')]);
    await page.getByTestId('show-filter').selectOption('deliveryNeeded');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(1);
    await rows.first().getByRole('link', { name: '赵丽' }).click();

    // Her file asks for the delivery date; the 42-day point is estimated from the EDD meanwhile.
    const card = page.getByTestId('perinatal-card');
    await see(card.getByTestId('delivery-needed'));
    const postpartum = card.getByTestId('time-point').filter({ hasText: '产后42天' });
    await seeText(postpartum, '（预计）');
    await page.getByTestId('enter-delivery').click();
    const dialog = page.getByTestId('delivery-dialog');
    await see(dialog);
    await dialog.getByTestId('delivery-date').fill(delivered);
    await dialog.getByRole('button', { name: '保存分娩日期' }).click();
    await gone(dialog);

    await gone(card.getByTestId('delivery-needed'));
    await seeText(card, '产后10天');
    await seeText(postpartum, `${addDays(delivered, 28)} 至 ${addDays(delivered, 56)}`);
    expect(await postpartum.textContent()).not.toContain('预计');
    await seeText(postpartum, '未到');
    expect(await page.getByTestId('enter-delivery').count()).toBe(0);

    // Back on the register she is no longer flagged.
    await page.getByRole('link', { name: '孕产妇档案' }).first().click();
    await page.getByTestId('show-filter').selectOption('deliveryNeeded');
    await see(page.getByTestId('women-empty'));

    // The screened woman's file: 孕中期 已筛 with the day.
    await page.getByTestId('show-filter').selectOption('');
    await rows.filter({ hasText: '李梅' }).getByRole('link', { name: '李梅' }).click();
    const mid = page.getByTestId('time-point').filter({ hasText: '孕中期' });
    await seeText(mid, `已筛 ${today}`);
    expect(await mid.getAttribute('data-state')).toBe('done');

    // The administrator moves mid pregnancy to 16–24 weeks (Beijing): an overlap is refused on the
    // spot, a valid change is saved as version 2 with who saved it.
    await page.getByRole('link', { name: '筛查结果规则' }).first().click();
    const windows = page.getByTestId('time-point-windows');
    await see(windows);
    await windows.getByTestId('window-early-to').fill('16');
    await seeText(windows, '与上一时点的窗口重叠');
    expect(await windows.getByTestId('save-windows').isDisabled()).toBe(true);
    await windows.getByTestId('window-early-to').fill('13');
    await windows.getByTestId('window-mid-from').fill('16');
    await windows.getByTestId('window-mid-to').fill('24');
    await windows.getByTestId('save-windows').click();
    await seeText(windows.getByTestId('windows-history'), '第 2 版');
    await seeText(windows.getByTestId('windows-history'), '陈医生');
    const saved = await api('timepoints.get', {});
    expect(saved.active.windows.mid).toEqual({ from: 16 * 7, to: 24 * 7 + 6 });
    expect(problems).toEqual([]);
  }, 180_000);
});
