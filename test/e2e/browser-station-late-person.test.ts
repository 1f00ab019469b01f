import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ApiInput, ApiMethod } from '../../shared/api/contract';
import { addDays, todayIso } from '../../shared/people/date';
import { callApi } from './helpers/api';
import { launchChromium, watchedPage } from './helpers/browser';
import { see, seeText } from './helpers/page';
import { answerByKey, itemNow } from './helpers/questionnaire';
import { ensureBuilt, startServer, type RunningServer } from './helpers/server';

// Issue 14: a campaign selects people by its criteria, so a woman registered after it began signs
// in at the LAN station and is counted; the station page speaks to her as a clinic does (您, staff,
// handbook number) with no school words, and asks for no missing icon.

const PASSWORD = 'anxin-e2e-pass';
const TODAY = todayIso();
const SCHOOL_WORDS = /老师|学籍号|学校|班主任|评优|成绩|你/;

let dataDir: string;
let server: RunningServer;
let browser: Browser;
let campaignId = 0;

const api = <M extends ApiMethod>(method: M, input: ApiInput<M>) => callApi(server, method, input);
const women = (rows: string[]) =>
  api('people.importCommit', {
    kind: 'woman',
    file: {
      fileName: 'w.csv',
      contentBase64: Buffer.from(`姓名,身份证号,保健手册编号,末次月经\n${rows.join('\n')}\n`).toString(
        'base64',
      ),
    },
  });

beforeAll(async () => {
  ensureBuilt();
  dataDir = mkdtempSync(join(tmpdir(), 'anxin-e2e-late-person-'));
  [server, browser] = await Promise.all([startServer(dataDir), launchChromium()]);
  await api('auth.setup', {
    orgType: 'maternal',
    orgName: '安心县妇幼保健院',
    username: 'admin',
    displayName: '陈医生',
    password: PASSWORD,
  });
  await women([`李梅,110101199001010023,BJ-0001,${addDays(TODAY, -20 * 7)}`]);
  // Made as the CLI makes it: no consent text of its own.
  const campaign = await api('campaigns.create', {
    name: '孕期心理筛查',
    programme: 'perinatal',
    startsOn: addDays(TODAY, -7),
    endsOn: addDays(TODAY, 30),
    targets: [{ battery: ['EPDS'] }],
  });
  expect(campaign.participants).toBe(1);
  campaignId = campaign.id;
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** Every visible text of the page, for the words it must not contain. */
const pageText = (page: Page) => page.evaluate<string>('document.body.innerText');

describe('a woman registered after the campaign began', () => {
  test('signs in at the station with her handbook number, completes EPDS and is counted on the board', async () => {
    // Registered today, after the campaign started.
    expect(await women(['王芳,110101199203040028,BJ-0002,' + addDays(TODAY, -24 * 7)])).toMatchObject({
      created: 1,
      rejected: [],
    });

    const teacher = (await watchedPage(browser, { width: 1440, height: 900, timeout: 15_000 })).page;
    await teacher.goto(`${server.url}#/app/campaigns/${campaignId}/board`);
    await see(teacher.getByTestId('live-board'));
    await teacher.getByTestId('station-host').selectOption('127.0.0.1');
    await teacher.getByTestId('station-start').click();
    const stationUrl = (await teacher.getByTestId('station-url').textContent({ timeout: 15_000 }))!.trim();
    const stationCode = (await teacher.getByTestId('station-code').textContent())!.trim();

    const phone = (await watchedPage(browser, { timeout: 15_000 })).page;
    const missing: string[] = [];
    phone.on('response', (r) => {
      if (r.status() === 404) missing.push(r.url());
    });
    await phone.goto(stationUrl);
    await see(phone.getByTestId('station-identify'));
    // The page links its icon, and the station serves it.
    expect(await phone.locator('link[rel="icon"]').getAttribute('href')).toBe('./favicon.svg');
    expect(await pageText(phone)).not.toMatch(SCHOOL_WORDS);

    await phone.getByTestId('station-code-input').fill(stationCode);
    await phone.getByTestId('station-number').fill('BJ-0002');
    await phone.getByTestId('station-birth').fill('1992-03-04');
    await phone.getByTestId('station-start').click();
    await see(phone.getByTestId('rs-consent'));
    // Her programme's consent, in her words.
    await seeText(phone.getByTestId('rs-consent'), '以便医生及时为您提供帮助');
    expect(await pageText(phone)).not.toMatch(SCHOOL_WORDS);
    await phone.getByTestId('rs-accept').click();
    for (let i = 0; i < 10; i++) await answerByKey(phone, 1);
    expect(await itemNow(phone)).toBe('none');
    await phone.getByTestId('rs-submit').click();
    await see(phone.getByTestId('rs-thanks'));
    expect(await pageText(phone)).not.toMatch(SCHOOL_WORDS);
    expect(missing).toEqual([]);

    const progress = await api('campaigns.progress', { id: campaignId });
    expect(progress.people.map((p) => `${p.name}:${p.status}`).sort()).toEqual(['李梅:due', '王芳:done']);
    expect(progress.overall).toMatchObject({ total: 2, done: 1 });
  }, 180_000);
});
