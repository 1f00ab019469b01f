import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ApiInput, ApiMethod } from '../../shared/api/contract';
import type { Slip } from '../../shared/api/station';
import { callApi } from './helpers/api';
import { launchChromium, watchedPage } from './helpers/browser';
import { gone, see, seeText } from './helpers/page';
import { answerByKey, currentItem } from './helpers/questionnaire';
import { ensureBuilt, projectRoot, startServer, type RunningServer } from './helpers/server';

// Issue 12 in a real browser: a school station signs students in with the default, the printed
// slip code; a second browser for the same student waits until the teacher allows it on the live
// board; and a shared lab PC keeps nothing of a student after submit or after being left idle.

const PASSWORD = 'anxin-e2e-pass';
const SHOTS = join(projectRoot, 'test-results');
const BIRTH = '2012-02-03';
const STUDENTS = [
  { studentNo: '2027001', name: '韩梅梅', className: '1班' },
  { studentNo: '2027002', name: '李雷', className: '1班' },
  { studentNo: '2027003', name: '林涛', className: '2班' },
];

let dataDir: string;
let server: RunningServer;
let browser: Browser;
let campaignId = 0;
let teacher: Page;
let stationUrl = '';
let stationCode = '';
let slips: Slip[] = [];
const problems: string[] = [];

const api = <M extends ApiMethod>(method: M, input: ApiInput<M>) => callApi(server, method, input);
const slipOf = (name: string) => slips.find((s) => s.name === name)!.slipCode;

/** A lab PC's browser at the station page, signing in with a slip code. */
async function signIn(page: Page, slip: string): Promise<void> {
  await see(page.getByTestId('station-identify'));
  await page.getByTestId('station-code-input').fill(stationCode);
  await page.getByTestId('station-slip').fill(slip);
  await page.getByTestId('station-start').click();
}

/** Nothing of a respondent on screen or kept in the browser: the empty sign-in form only. */
async function showsNothingOf(page: Page, name: string): Promise<void> {
  await see(page.getByTestId('station-identify'));
  const text = (await page.getByTestId('station-app').textContent()) ?? '';
  expect(text).not.toContain(name);
  expect(text).not.toContain(`${name[0]}*`);
  expect(await page.getByTestId('rs-question').count()).toBe(0);
  expect(await page.getByTestId('station-slip').inputValue()).toBe('');
  const kept = await page.evaluate(() => Object.keys(localStorage).sort());
  expect(
    kept.filter((k) => !['anxin.station.code', 'anxin.station.device', 'anxin.station.seat'].includes(k)),
  ).toEqual([]);
}

beforeAll(async () => {
  ensureBuilt();
  mkdirSync(SHOTS, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'anxin-e2e-signin-'));
  [server, browser] = await Promise.all([startServer(dataDir), launchChromium()]);
  await api('auth.setup', {
    orgType: 'school',
    orgName: '安心市第四中学',
    username: 'admin',
    displayName: '郑老师',
    password: PASSWORD,
  });
  for (const s of STUDENTS) await api('students.add', { ...s, sex: 'F', birthDate: BIRTH, grade: '六年级' });
  const campaign = await api('campaigns.create', {
    name: '六年级心理健康普测',
    programme: 'school',
    startsOn: '2026-11-01',
    endsOn: '2027-01-31',
    targets: [{ battery: ['PHQ-9', 'GAD-7'] }],
  });
  // The school default, with nothing chosen: printed slips.
  expect(campaign.signIn).toBe('slip');
  campaignId = campaign.id;
  slips = await api('campaigns.slips', { campaignId });

  const watched = await watchedPage(browser, { width: 1440, height: 900, timeout: 15_000 });
  teacher = watched.page;
  teacher.on('pageerror', (e) => problems.push(e.message));
  await teacher.goto(`${server.url}#/app/campaigns/${campaignId}/board`);
  await see(teacher.getByTestId('live-board'));
  await teacher.getByTestId('station-host').selectOption('127.0.0.1');
  await teacher.getByTestId('station-start').click();
  stationUrl = (await teacher.getByTestId('station-url').textContent({ timeout: 15_000 }))!.trim();
  stationCode = (await teacher.getByTestId('station-code').textContent())!.trim();
  await seeText(teacher.getByTestId('station-sign-in'), '测评码纸条');
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('signing in at a school station', () => {
  test('the teacher prints the slips from the live board: one per student, with her own code', async () => {
    await teacher.evaluate('window.print = () => undefined');
    await teacher.getByTestId('print-slips').click();
    const printed = teacher.getByTestId('print-slips-root').getByTestId('print-slip');
    await expect.poll(() => printed.count()).toBe(3);
    await teacher.emulateMedia({ media: 'print' });
    await seeText(printed.filter({ hasText: '韩梅梅' }), slipOf('韩梅梅'));
    await teacher.emulateMedia({ media: 'screen' });
  }, 60_000);

  test('a student signs in with her slip; a second browser for her waits until the teacher allows it', async () => {
    const first = (await watchedPage(browser, { timeout: 15_000 })).page;
    await first.goto(stationUrl);
    await signIn(first, slipOf('韩梅梅'));
    await first.getByTestId('rs-accept').click();
    await answerByKey(first, 2);
    await answerByKey(first, 3);
    expect(await currentItem(first)).toBe('PHQ-9/q3');

    // Another browser with the same slip: it waits, and shows nothing of her sheet.
    const second = (await watchedPage(browser, { timeout: 15_000 })).page;
    await second.goto(stationUrl);
    await signIn(second, slipOf('韩梅梅'));
    await see(second.getByTestId('station-waiting'));
    expect(await second.getByTestId('rs-question').count()).toBe(0);
    expect(await second.getByTestId('station-app').textContent()).not.toContain('韩*');

    // The teacher sees who asks and why, pushed to the board without a reload.
    const approvals = teacher.getByTestId('station-approvals');
    await see(approvals, 15_000);
    await seeText(approvals, '韩梅梅');
    await seeText(approvals, '此人正在另一台设备上作答');
    await teacher.screenshot({ path: join(SHOTS, 'anxin-board-approval.png') });
    await second.screenshot({ path: join(SHOTS, 'anxin-station-waiting.png') });
    // Still waiting after several polls: nothing reached the second browser.
    await second.waitForTimeout(4_500);
    expect(await second.getByTestId('rs-question').count()).toBe(0);

    await approvals.getByTestId('approval-allow').click();
    await gone(approvals, 15_000);
    // The second browser continues her sheet where she was; the first is told and cleared.
    await see(second.getByTestId('rs-question'), 15_000);
    expect(await currentItem(second)).toBe('PHQ-9/q3');
    await first.keyboard.press('1');
    await seeText(first.getByTestId('station-error'), '你的作答已在另一台设备上继续', 15_000);
    expect(await first.getByTestId('station-app').textContent()).not.toContain('韩*');
    await first.context().close();
    await second.context().close();
  }, 120_000);

  test('a lab PC shows nothing of the previous student after submit, and after being left idle', async () => {
    const { page: lab } = await watchedPage(browser, { timeout: 15_000 });
    // The lab PC's clock is ours to move, so "left for ten minutes" takes no ten minutes.
    await lab.clock.install();
    await lab.goto(stationUrl);

    // 李雷 answers everything and submits.
    await signIn(lab, slipOf('李雷'));
    await lab.getByTestId('rs-accept').click();
    await seeText(lab.getByTestId('station-app'), '李*');
    // Nine 0 answers to PHQ-9 skip its difficulty question (issue 14); then GAD-7's seven.
    for (let i = 0; i < 9; i++) await answerByKey(lab, 1);
    expect(await currentItem(lab)).toBe('GAD-7/q1');
    for (let i = 0; i < 7; i++) await answerByKey(lab, 1);
    await lab.getByTestId('rs-submit').click();
    await see(lab.getByTestId('rs-thanks'));
    await lab.getByTestId('rs-thanks-done').click();
    await showsNothingOf(lab, '李雷');
    // Reloading or going back brings nothing of him back either.
    await lab.reload();
    await showsNothingOf(lab, '李雷');
    // His slip cannot open the submitted sheet again.
    await signIn(lab, slipOf('李雷'));
    await seeText(lab.getByTestId('station-error'), '你已完成本次测评');

    // 林涛 starts, answers two items, and walks away.
    await lab.reload();
    await signIn(lab, slipOf('林涛'));
    await lab.getByTestId('rs-accept').click();
    await answerByKey(lab, 2);
    await answerByKey(lab, 2);
    await seeText(lab.getByTestId('station-app'), '林*');
    await lab.clock.fastForward('10:30');
    await seeText(lab.getByTestId('station-error'), '页面长时间没有操作，已清空', 15_000);
    await showsNothingOf(lab, '林涛');

    // The sheet itself is kept: his own slip again (on another PC, without the teacher, since the
    // idle page signed out) resumes where he stopped.
    const other = (await watchedPage(browser, { timeout: 15_000 })).page;
    await other.goto(stationUrl);
    await signIn(other, slipOf('林涛'));
    await see(other.getByTestId('rs-question'));
    expect(await currentItem(other)).toBe('PHQ-9/q3');
    await lab.context().close();
    await other.context().close();
    expect(problems).toEqual([]);
  }, 180_000);
});
