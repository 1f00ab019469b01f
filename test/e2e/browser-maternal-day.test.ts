import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ApiInput, ApiMethod } from '../../shared/api/contract';
import { idCheckChar } from '../../shared/people/id-number';
import { addDays, todayIso } from '../../shared/people/date';
import { callApi } from './helpers/api';
import { launchChromium, watchedPage } from './helpers/browser';
import { gone, see, seeText, textBecomes } from './helpers/page';
import { answerByKey, itemNow } from './helpers/questionnaire';
import { ensureBuilt, startServer, type RunningServer } from './helpers/server';
import { schoolWordsIn as wordsIn } from '../helpers/school-words';

// Issue 14, the maternal clinician's day end to end: a mid-pregnancy campaign is already running
// when a walk-in is added by hand (新建孕产妇); she signs in at the LAN station with her handbook
// number, completes EPDS, and her mid-pregnancy time point then shows 已筛 with the day on the
// register and her file, while the campaign counts her as done. The respondent pages she reads
// carry none of the school words.

const PASSWORD = 'anxin-e2e-maternal-day';
const TODAY = todayIso();
const BIRTH = '1993-05-06';

let dataDir: string;
let server: RunningServer;
let browser: Browser;
let campaignId = 0;

const api = <M extends ApiMethod>(method: M, input: ApiInput<M>) => callApi(server, method, input);
const idNumber = (birth: string, seq: number) => {
  const first17 = `510421${birth.replaceAll('-', '')}${String(seq).padStart(2, '0')}2`;
  return first17 + idCheckChar(first17);
};

beforeAll(async () => {
  ensureBuilt();
  dataDir = mkdtempSync(join(tmpdir(), 'anxin-e2e-maternal-day-'));
  [server, browser] = await Promise.all([startServer(dataDir), launchChromium()]);
  await api('auth.setup', {
    orgType: 'maternal',
    orgName: '安心县妇幼保健院',
    username: 'admin',
    displayName: '陈医生',
    password: PASSWORD,
  });
  // The campaign starts before she is registered: it selects by criteria (mid pregnancy).
  const campaign = await api('campaigns.create', {
    name: '孕中期心理筛查',
    programme: 'perinatal',
    startsOn: addDays(TODAY, -3),
    endsOn: addDays(TODAY, 30),
    targets: [{ timePoints: ['mid'], battery: ['EPDS'] }],
  });
  expect(campaign.participants).toBe(0);
  campaignId = campaign.id;
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const pageText = (page: Page) => page.evaluate<string>('document.body.innerText');
// The respondent pages must not say 你 either: a woman is addressed as 您.
const schoolWordsIn = (text: string) => [...wordsIn(text, 'zh-CN'), ...(text.match(/你/g) ?? [])];

describe('a maternal clinician’s day', () => {
  test('add a woman by hand after the campaign began, screen her at the station, see 已筛', async () => {
    const { page: staff, problems } = await watchedPage(browser, { width: 1440, timeout: 15_000 });
    await staff.goto(server.url);
    await staff.getByRole('link', { name: '孕产妇档案' }).first().click();
    await staff.getByTestId('add-woman').first().click();
    const dialog = staff.getByTestId('add-woman-dialog');
    await see(dialog);
    const input = (field: string) => dialog.locator(`input[data-field="${field}"]`);
    await input('name').fill('何静');
    await input('idNumber').fill(idNumber(BIRTH, 7));
    await input('handbookNo').fill('HB-7001');
    // 20 weeks pregnant today: inside the mid-pregnancy window.
    await input('lmp').fill(addDays(TODAY, -20 * 7));
    await input('township').fill('城关镇');
    await dialog.getByTestId('add-woman-dialog-submit').click();
    await gone(dialog, 20_000);
    await textBecomes(staff.getByTestId('woman-count'), '共 1 名孕产妇');
    const row = staff.getByTestId('woman-row').filter({ hasText: '何静' });
    await seeText(row, '当前应筛');

    // The station, started from the campaign's board.
    await staff.goto(`${server.url}#/app/campaigns/${campaignId}/board`);
    await see(staff.getByTestId('live-board'));
    await staff.getByTestId('station-host').selectOption('127.0.0.1');
    await staff.getByTestId('station-start').click();
    const stationUrl = (await staff.getByTestId('station-url').textContent({ timeout: 15_000 }))!.trim();
    const stationCode = (await staff.getByTestId('station-code').textContent())!.trim();

    const phone = (await watchedPage(browser, { timeout: 15_000 })).page;
    await phone.goto(stationUrl);
    await see(phone.getByTestId('station-identify'));
    expect(schoolWordsIn(await pageText(phone))).toEqual([]);
    await phone.getByTestId('station-code-input').fill(stationCode);
    await phone.getByTestId('station-number').fill('HB-7001');
    await phone.getByTestId('station-birth').fill(BIRTH);
    await phone.getByTestId('station-start').click();
    await see(phone.getByTestId('rs-consent'));
    expect(schoolWordsIn(await pageText(phone))).toEqual([]);
    await phone.getByTestId('rs-accept').click();
    expect(schoolWordsIn(await pageText(phone))).toEqual([]);
    for (let i = 0; i < 10; i++) await answerByKey(phone, 1);
    expect(await itemNow(phone)).toBe('none');
    await phone.getByTestId('rs-submit').click();
    await see(phone.getByTestId('rs-thanks'));
    expect(schoolWordsIn(await pageText(phone))).toEqual([]);

    const progress = await api('campaigns.progress', { id: campaignId });
    expect(progress.people.map((p) => `${p.name}:${p.status}`)).toEqual(['何静:done']);

    // Her mid-pregnancy time point is done, with the day, on the register and on her file.
    await staff.goto(`${server.url}#/app/women`);
    await seeText(
      staff.getByTestId('woman-row').filter({ hasText: '何静' }).getByTestId('next-due'),
      `孕中期 已筛 ${TODAY}`,
    );
    await staff.getByTestId('show-filter').selectOption('due');
    await see(staff.getByTestId('women-empty'));
    await staff.getByTestId('show-filter').selectOption('');
    await staff.getByRole('link', { name: '何静' }).first().click();
    const mid = staff.getByTestId('time-point').filter({ hasText: '孕中期' });
    await seeText(mid, `已筛 ${TODAY}`);
    expect(await mid.getAttribute('data-state')).toBe('done');
    expect(problems).toEqual([]);
  }, 240_000);
});
