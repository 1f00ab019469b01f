import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ApiInput, ApiMethod } from '../../shared/api/contract';
import { callApi } from './helpers/api';
import { launchChromium } from './helpers/browser';
import { gone, see, seeText } from './helpers/page';
import { answerByKey } from './helpers/questionnaire';
import { openKiosk } from './helpers/kiosk';
import { ensureBuilt, startServer, type RunningServer } from './helpers/server';

// The clinic's half of the "done when": a clinician screens a woman in kiosk mode with
// EPDS and sees the result at once, levelled by the perinatal rules.

const PASSWORD = 'anxin-e2e-pass';

let dataDir: string;
let server: RunningServer;
let browser: Browser;

const api = <M extends ApiMethod>(method: M, input: ApiInput<M>) => callApi(server, method, input);

beforeAll(async () => {
  ensureBuilt();
  dataDir = mkdtempSync(join(tmpdir(), 'anxin-e2e-kiosk-perinatal-'));
  [server, browser] = await Promise.all([startServer(dataDir), launchChromium()]);
  await api('auth.setup', {
    orgType: 'maternal',
    orgName: '安心县妇幼保健院',
    username: 'admin',
    displayName: '陈医生',
    password: PASSWORD,
  });
  const csv = '姓名,身份证号,保健手册编号,末次月经\n李梅,110101199001010023,BJ-0042,2026-05-10\n';
  await api('people.importCommit', {
    kind: 'woman',
    file: { fileName: 'w.csv', contentBase64: Buffer.from(csv).toString('base64') },
  });
  await api('campaigns.create', {
    name: '孕晚期心理筛查',
    programme: 'perinatal',
    startsOn: '2026-11-01',
    endsOn: '2026-12-31',
    targets: [{ battery: ['EPDS'] }],
  });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('a clinic screens at the kiosk', () => {
  test('a woman answers EPDS; the clinician sees the positive result in her file at once', async () => {
    const { page, problems, kiosk } = await openKiosk(browser, server.url, '孕晚期心理筛查', '8642');

    // A woman signs in with her handbook number alone; no birth date is asked.
    expect(await page.getByTestId('kiosk-birth').count()).toBe(0);
    await page.getByTestId('kiosk-number').fill('bj-0042');
    await page.getByTestId('kiosk-start').click();
    await page.getByTestId('rs-accept').click();
    await see(page.getByTestId('rs-question'));
    await seeText(page.getByTestId('rs-progress'), '共 10 题');

    // The Chinese form lists every item mild-first: option 3 scores 2. Items 1–9 → 18; item 10 "never".
    for (let i = 0; i < 9; i++) await answerByKey(page, 3);
    await answerByKey(page, 1);
    await page.getByTestId('rs-submit').click();
    await see(page.getByTestId('rs-thanks'));

    await page.getByTestId('kiosk-exit').click();
    await page.getByTestId('kiosk-pin-input').fill('8642');
    await page.keyboard.press('Enter');
    await gone(kiosk);

    // Out of the kiosk, back on the plan, which counts her as done.
    await expect.poll(() => page.getByTestId('stat-done').textContent(), { timeout: 15_000 }).toBe('1');
    await page.getByRole('link', { name: '孕产妇档案' }).click();
    await page.getByTestId('woman-search').fill('lm');
    await page.getByTestId('woman-row').filter({ hasText: '李梅' }).click();
    const result = page.getByTestId('current-result');
    await seeText(result, '筛查阳性（建议进一步评估）');
    await seeText(result, 'EPDS 总分 18');
    expect(await result.getByTestId('result-line').first().textContent()).toContain('18');
    expect(problems).toEqual([]);
    await page.context().close();
  }, 120_000);
});
