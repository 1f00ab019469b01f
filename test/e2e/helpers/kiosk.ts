import type { Browser, Locator, Page } from 'playwright-core';
import { see } from './page';

/** Sets the kiosk PIN on a campaign's kiosk setup and begins: the locked respondent screen. */
export async function beginKiosk(page: Page, pin: string): Promise<Locator> {
  await page.getByTestId('kiosk-pin').fill(pin);
  await page.getByTestId('kiosk-pin-confirm').fill(pin);
  await page.getByTestId('kiosk-begin').click();
  const kiosk = page.getByTestId('kiosk');
  await see(kiosk);
  return kiosk;
}

/**
 * A staff window (page errors collected) that opens a campaign from 测评计划 and starts kiosk mode
 * with the PIN, as a screener does on a screening day.
 */
export async function openKiosk(
  browser: Browser,
  url: string,
  campaignName: string,
  pin: string,
): Promise<{ page: Page; problems: string[]; kiosk: Locator }> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(url);
  await page.getByRole('link', { name: '测评计划' }).click();
  await page.getByTestId('campaign-card').filter({ hasText: campaignName }).click();
  await page.getByTestId('mode-kiosk').click();
  return { page, problems, kiosk: await beginKiosk(page, pin) };
}
