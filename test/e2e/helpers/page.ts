import type { Locator } from 'playwright-core';
import { expect } from 'vitest';

// Playwright's retrying assertions live in @playwright/test; these waits give vitest the same
// "wait until the UI shows it" behaviour on top of playwright-core, with no sleeps.

export async function see(locator: Locator, timeout?: number): Promise<void> {
  await locator.first().waitFor({ state: 'visible', timeout });
}

export async function seeText(locator: Locator, text: string | RegExp, timeout?: number): Promise<void> {
  await locator.filter({ hasText: text }).first().waitFor({ state: 'visible', timeout });
}

export async function gone(locator: Locator, timeout?: number): Promise<void> {
  await locator.waitFor({ state: 'hidden', timeout });
}

export async function textBecomes(locator: Locator, text: string): Promise<void> {
  await expect.poll(async () => (await locator.textContent())?.trim(), { timeout: 10_000 }).toBe(text);
}
