import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** The current question's id ("PHQ-9/q5"). */
export const currentItem = (page: Page) =>
  page.getByTestId('rs-question').getAttribute('data-item', { timeout: 10_000 });

/** The question on screen right now, or 'none' once the questionnaire has moved on to review. */
export function itemNow(page: Page): Promise<string> {
  // One read in the page, never a wait: the question may vanish between two separate calls.
  return page.evaluate<string>(
    "document.querySelector('[data-testid=\"rs-question\"]')?.getAttribute('data-item') ?? 'none'",
  );
}

/** Answers the question on screen with the option in `position` (1-based) by pressing its digit. */
export async function answerByKey(page: Page, position: number): Promise<void> {
  const before = await currentItem(page);
  await page.keyboard.press(String(position));
  await expect.poll(() => itemNow(page), { timeout: 5_000 }).not.toBe(before);
}
