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
import { answerByKey, currentItem, itemNow } from './helpers/questionnaire';
import { ensureBuilt, startServer, type RunningServer } from './helpers/server';

// Issue 14: in browser mode a reload mid-kiosk showed the staff pages, every one failing with
// 请由施测老师输入 PIN 退出 and nowhere to type the PIN. Now the kiosk screen comes back, the PIN
// ends it, the errors are gone, and Tab never reaches the menu hidden behind the kiosk. Nine 0
// answers to PHQ-9 skip its difficulty question.

const PASSWORD = 'anxin-e2e-pass';
const LOCKED_WORDS = '请由施测老师输入 PIN 退出';

let dataDir: string;
let server: RunningServer;
let browser: Browser;

const api = <M extends ApiMethod>(method: M, input: ApiInput<M>) => callApi(server, method, input);

beforeAll(async () => {
  ensureBuilt();
  dataDir = mkdtempSync(join(tmpdir(), 'anxin-e2e-kiosk-reload-'));
  [server, browser] = await Promise.all([startServer(dataDir), launchChromium()]);
  await api('auth.setup', {
    orgType: 'school',
    orgName: '实验中学',
    username: 'admin',
    displayName: '王老师',
    password: PASSWORD,
  });
  await api('students.add', {
    studentNo: 'K001',
    name: '周一',
    sex: 'F',
    birthDate: '2011-03-05',
    grade: '七年级',
    className: '1班',
  });
  await api('campaigns.create', {
    name: '秋季心理普测',
    programme: 'school',
    startsOn: '2026-11-01',
    endsOn: '2027-01-31',
    targets: [{ battery: ['PHQ-9'] }],
  });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** Where focus lands after each of `presses` Tabs: inside the kiosk screen or not. */
async function tabStops(page: import('playwright-core').Page, presses: number): Promise<string[]> {
  const stops: string[] = [];
  for (let i = 0; i < presses; i++) {
    await page.keyboard.press('Tab');
    stops.push(
      await page.evaluate<string>(`(() => {
        const el = document.activeElement;
        if (!el || el === document.body) return 'body';
        return el.closest('[data-testid="kiosk"]') ? 'kiosk' : 'outside:' + el.outerHTML.slice(0, 80);
      })()`),
    );
  }
  return stops;
}

describe('kiosk after a reload (browser mode)', () => {
  test('a reload mid-kiosk brings the kiosk screen back; the PIN ends it and no page keeps the error', async () => {
    const { page, problems, kiosk } = await openKiosk(browser, server.url, '秋季心理普测', '2468');
    // Tab stays on the kiosk screen from the start.
    expect((await tabStops(page, 12)).filter((s) => s.startsWith('outside'))).toEqual([]);

    // A student signs in and answers two questions.
    await page.getByTestId('kiosk-number').fill('K001');
    await page.getByTestId('kiosk-birth').fill('2011-03-05');
    await page.getByTestId('kiosk-start').click();
    await page.getByTestId('rs-accept').click();
    await answerByKey(page, 1);
    await answerByKey(page, 1);
    expect(await currentItem(page)).toBe('PHQ-9/q3');

    // The page is reloaded (F5 is blocked by the kiosk; a browser's own reload still happens).
    page.on('dialog', (dialog) => void dialog.accept());
    await page.reload();
    await see(kiosk, 20_000);
    await see(page.getByTestId('kiosk-identify'));
    // Nothing of the staff pages: no menu to see, none to reach by Tab, no refusals on screen.
    expect(await page.locator('.sidebar').count()).toBe(0);
    expect((await tabStops(page, 12)).filter((s) => s.startsWith('outside'))).toEqual([]);
    expect(await page.getByText(LOCKED_WORDS).count()).toBe(0);

    // The student signs in again and her sheet resumes where she left it.
    await page.getByTestId('kiosk-number').fill('K001');
    await page.getByTestId('kiosk-birth').fill('2011-03-05');
    await page.getByTestId('kiosk-start').click();
    expect(await currentItem(page)).toBe('PHQ-9/q3');
    // Nine answers of 0: the difficulty question (item 10) is skipped and she can submit.
    for (let i = 3; i <= 9; i++) await answerByKey(page, 1);
    expect(await itemNow(page)).toBe('none');
    await seeText(page.getByTestId('rs-review'), '9');
    await page.getByTestId('rs-submit').click();
    await see(page.getByTestId('rs-thanks'));

    // The screener's PIN ends it: back on the plan, everything answers, no locked-mode error left.
    await page.getByTestId('kiosk-exit').click();
    await page.getByTestId('kiosk-pin-input').fill('2468');
    await page.keyboard.press('Enter');
    await gone(kiosk);
    await see(page.getByTestId('stat-done'));
    await see(page.locator('.sidebar'));
    expect(await page.getByText(LOCKED_WORDS).count()).toBe(0);
    expect(await api('kiosk.status', {})).toMatchObject({ active: false });
    expect((await api('campaigns.list', {}))[0]).toMatchObject({ participants: 1 });
    expect((await api('campaigns.progress', { id: 1 })).overall).toMatchObject({ done: 1 });
    // Other pages load normally too.
    await page.locator('.sidebar').getByRole('link', { name: '测评计划' }).click();
    await see(page.getByTestId('campaign-card'));
    expect(await page.getByText(LOCKED_WORDS).count()).toBe(0);
    expect(problems).toEqual([]);
    await page.context().close();
  }, 180_000);
});
