import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ApiInput, ApiMethod } from '../../shared/api/contract';
import { DEFAULT_CONSENT_TEXT } from '../../shared/api/screening';
import { screeningZhCN } from '../../renderer/src/features/screening/i18n.zh';
import { callApi } from './helpers/api';
import { launchChromium } from './helpers/browser';
import { gone, see, seeText } from './helpers/page';
import { answerByKey, currentItem } from './helpers/questionnaire';
import { beginKiosk } from './helpers/kiosk';
import { ensureBuilt, startServer, type RunningServer } from './helpers/server';

const PASSWORD = 'anxin-e2e-pass';
const SHOTS = process.env.ANXIN_SCREENSHOTS ?? tmpdir();
const BIRTH = '2011-03-05';
// The roster: five in 七年级 (the campaign's target), one in 八年级 who must never be asked.
const STUDENTS = [
  { studentNo: '20230101', name: '张三', className: '1班' },
  { studentNo: '20230102', name: '李四', className: '1班' },
  { studentNo: '20230103', name: '王五', className: '2班' },
  { studentNo: '20230104', name: '赵六', className: '2班' },
  { studentNo: '20230105', name: '钱七', className: '2班' },
] as const;
// PHQ-9 (9 items and the unscored difficulty question) then GAD-7.
const ITEM_COUNT = 10 + 7;

let dataDir: string;
let server: RunningServer;
let browser: Browser;
let campaignId = 0;

const api = <M extends ApiMethod>(method: M, input: ApiInput<M>) => callApi(server, method, input);

beforeAll(async () => {
  ensureBuilt();
  dataDir = mkdtempSync(join(tmpdir(), 'anxin-e2e-screening-'));
  [server, browser] = await Promise.all([startServer(dataDir), launchChromium()]);
  await api('auth.setup', {
    orgType: 'school',
    orgName: '安心市第一中学',
    username: 'admin',
    displayName: '李老师',
    password: PASSWORD,
  });
  for (const s of STUDENTS) await api('students.add', { ...s, sex: 'M', birthDate: BIRTH, grade: '七年级' });
  await api('students.add', {
    studentNo: '20220201',
    name: '孙八',
    sex: 'F',
    birthDate: '2010-01-01',
    grade: '八年级',
    className: '1班',
  });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

interface Tab {
  page: Page;
  context: BrowserContext;
  problems: string[];
}

/** A fresh browser context (its own storage, like its own computer), in Chinese. */
async function open(url: string, viewport = { width: 1280, height: 800 }): Promise<Tab> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN' });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  await page.goto(url);
  return { page, context, problems };
}

describe('screening day in the browser', () => {
  test('the default consent text matches the server default', () => {
    // The station bundle carries its own copy so it stays free of zod; they must not drift.
    expect(screeningZhCN.create.consentSchool).toBe(DEFAULT_CONSENT_TEXT);
  });

  test('a plan is created, then one student answers PHQ-9 + GAD-7 at the kiosk', async () => {
    const { page, context, problems } = await open(server.url);
    await see(page.getByRole('link', { name: '测评计划', exact: true }));
    await page.getByRole('link', { name: '测评计划', exact: true }).click();
    await seeText(page.getByTestId('campaigns-empty'), '还没有测评计划');

    // Create: 七年级 only, the default battery PHQ-9 + GAD-7, results hidden by default.
    await page.getByRole('button', { name: '新建测评计划' }).first().click();
    const dialog = page.getByTestId('create-campaign-dialog');
    await see(dialog);
    const grades = dialog.getByTestId('target-grades');
    await grades.getByRole('button', { name: /七年级/ }).click();
    const battery = dialog.getByTestId('target-battery');
    await expect
      .poll(() => battery.getByRole('button', { name: /PHQ-9/ }).getAttribute('aria-pressed'))
      .toBe('true');
    expect(await battery.getByRole('button', { name: /GAD-7/ }).getAttribute('aria-pressed')).toBe('true');
    await seeText(dialog.getByTestId('campaign-estimate'), '约 5 人参加');
    expect(await dialog.getByTestId('show-result').isChecked()).toBe(false);
    expect(await dialog.getByLabel('知情同意书').inputValue()).toBe(DEFAULT_CONSENT_TEXT);
    // Without PHQ-9 the battery has no self-harm item: the dialog says so before anything is created.
    await battery.getByRole('button', { name: /PHQ-9/ }).click();
    await seeText(dialog.getByTestId('no-critical-warning'), 'GAD-7 不含自伤条目');
    await page.screenshot({ path: join(SHOTS, 'anxin-screening-no-critical.png') });
    // Back to PHQ-9 + GAD-7, in that order.
    for (const id of [/GAD-7/, /PHQ-9/, /GAD-7/]) await battery.getByRole('button', { name: id }).click();
    await gone(dialog.getByTestId('no-critical-warning'));
    await dialog.getByLabel('计划名称').fill('2026年秋季心理健康测评');
    await page.screenshot({ path: join(SHOTS, 'anxin-screening-create.png') });
    await dialog.getByRole('button', { name: '创建计划' }).click();
    await gone(dialog);

    const detail = page.getByTestId('campaign-detail');
    await see(detail);
    campaignId = Number(/campaigns\/(\d+)/.exec(page.url())![1]);
    await expect.poll(() => page.getByTestId('stat-due').textContent()).toBe('5');
    expect(await page.getByTestId('class-row').count()).toBe(2);
    expect(await page.getByTestId('makeup-row').count()).toBe(5);

    // Kiosk: a PIN first, then the locked questionnaire.
    await page.getByTestId('mode-kiosk').click();
    await see(page.getByTestId('kiosk-setup'));
    const kiosk = await beginKiosk(page, '2468');

    // Someone else's birth date: one neutral message that reveals nothing.
    await page.getByTestId('kiosk-number').fill('20230101');
    await page.getByTestId('kiosk-birth').fill('2011-03-06');
    await page.getByTestId('kiosk-start').click();
    await seeText(page.getByTestId('kiosk-identify-error'), '信息不匹配');
    // Birth dates may be typed without separators.
    await page.getByTestId('kiosk-birth').fill('20110305');
    await page.getByTestId('kiosk-start').click();

    await see(page.getByTestId('rs-consent'));
    await seeText(page.getByTestId('rs-consent'), '你可以选择不参加');
    // A shared screen shows the name masked.
    await seeText(kiosk, '答题人：张*');
    await page.getByTestId('rs-accept').click();

    // One item per screen; keys 1–4 answer and move on.
    await see(page.getByTestId('rs-question'));
    expect(await currentItem(page)).toBe('PHQ-9/q1');
    await seeText(page.getByTestId('rs-progress'), '第 1 题，共 17 题');
    await page.screenshot({ path: join(SHOTS, 'anxin-kiosk-question.png') });
    await answerByKey(page, 2);
    await answerByKey(page, 1);
    expect(await currentItem(page)).toBe('PHQ-9/q3');
    // Back shows the earlier answer, still chosen.
    await page.getByTestId('rs-back').click();
    expect(await currentItem(page)).toBe('PHQ-9/q2');
    expect(await page.getByTestId('rs-option').nth(0).getAttribute('aria-checked')).toBe('true');
    // Next is possible only with an answer: q3 has none yet.
    await page.getByTestId('rs-next').click();
    expect(await currentItem(page)).toBe('PHQ-9/q3');
    expect(await page.getByTestId('rs-next').isDisabled()).toBe(true);
    // Touch works as well as keys.
    await page.getByTestId('rs-option').nth(0).click();
    await expect.poll(() => currentItem(page)).toBe('PHQ-9/q4');
    for (let i = 3; i < ITEM_COUNT; i++) await answerByKey(page, 1);

    await see(page.getByTestId('rs-review'));
    await seeText(page.getByTestId('rs-review'), '全部题目都已回答');
    await page.getByTestId('rs-submit').click();
    const thanks = page.getByTestId('rs-thanks');
    await see(thanks);
    await seeText(thanks, '谢谢你的参与');
    await seeText(thanks, '心理辅导室');
    // Nothing about a score unless the plan allows it.
    expect(await page.getByTestId('rs-own-result').count()).toBe(0);
    await page.screenshot({ path: join(SHOTS, 'anxin-kiosk-thanks.png') });

    // After a few seconds the kiosk clears itself for the next respondent.
    await see(page.getByTestId('kiosk-identify'), 15_000);
    expect(await page.getByTestId('kiosk-number').inputValue()).toBe('');
    expect(await page.getByTestId('kiosk-birth').inputValue()).toBe('');
    expect(await kiosk.textContent()).not.toContain('张三');

    // The browser's Back button does not leave the kiosk.
    await page.goBack().catch(() => undefined);
    await see(page.getByTestId('kiosk-identify'));

    // Leaving needs the PIN.
    await page.getByTestId('kiosk-exit').click();
    await page.getByTestId('kiosk-pin-input').fill('1111');
    await page.keyboard.press('Enter');
    await seeText(page.getByTestId('kiosk-pin-pad'), '密码不正确');
    await page.getByTestId('kiosk-pin-input').fill('2468');
    await page.keyboard.press('Enter');
    await gone(kiosk);
    await see(detail);
    await expect.poll(() => page.getByTestId('stat-done').textContent(), { timeout: 15_000 }).toBe('1');

    const outcome = await api('screening.forPerson', {
      personId: (await api('campaigns.progress', { id: campaignId })).people.find((p) => p.name === '张三')!
        .personId,
    });
    expect(outcome[0]).toMatchObject({ mode: 'kiosk', results: [{ total: 1 }, { total: 0 }] });

    // 钱七 is away today: marked absent, still on the make-up list.
    const row = page.getByTestId('makeup-row').filter({ hasText: '钱七' });
    await row.getByRole('button', { name: '标记缺席' }).click();
    await seeText(row.getByTestId('participant-status'), '缺席');
    await page.screenshot({ path: join(SHOTS, 'anxin-campaign-detail.png'), fullPage: true });

    await page.getByRole('link', { name: '测评计划' }).first().click();
    await see(page.getByTestId('campaign-card'));
    await page.screenshot({ path: join(SHOTS, 'anxin-campaigns.png') });
    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);

  test('a LAN station: lab PCs answer, the teacher sees a red alert at once, a reload resumes after signing in again', async () => {
    expect(campaignId).toBeGreaterThan(0);
    const teacher = await open(`${server.url}#/app/campaigns/${campaignId}/board`);
    const board = teacher.page.getByTestId('live-board');
    await see(board);
    await teacher.page.getByTestId('station-host').selectOption('127.0.0.1');
    await teacher.page.getByTestId('station-start').click();
    const url = (await teacher.page.getByTestId('station-url').textContent({ timeout: 15_000 }))!.trim();
    const code = (await teacher.page.getByTestId('station-code').textContent())!.trim();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/station\/$/);
    expect(code).toMatch(/^[A-Z0-9]{4,12}$/);
    await see(teacher.page.getByTestId('station-qr'));

    // Lab PC A: the printed slip code (the school default), seat A-01.
    const slips = await api('campaigns.slips', { campaignId });
    const pcA = await open(url);
    await see(pcA.page.getByTestId('station-identify'));
    await pcA.page.getByTestId('station-code-input').fill(code);
    await pcA.page.getByTestId('station-seat').fill('A-01');
    await pcA.page.getByTestId('station-slip').fill(slips.find((s) => s.name === '李四')!.slipCode);
    await pcA.page.getByTestId('station-start').click();
    await see(pcA.page.getByTestId('rs-consent'));
    // Only a masked name on a lab screen.
    await seeText(pcA.page.getByTestId('station-app'), '李*');
    await pcA.page.getByTestId('rs-accept').click();

    // Phone B: signs in with its printed slip code too.
    const slip = slips.find((s) => s.name === '王五')!.slipCode;
    const phone = await open(url, { width: 390, height: 844 });
    await see(phone.page.getByTestId('station-identify'));
    await phone.page.screenshot({ path: join(SHOTS, 'anxin-station-identify-phone.png') });
    await phone.page.getByTestId('station-code-input').fill(code.toLowerCase());
    await phone.page.getByTestId('station-by-slip').click();
    await phone.page.getByTestId('station-slip').fill(slip);
    await phone.page.getByTestId('station-seat').fill('B-07');
    await phone.page.getByTestId('station-start').click();
    await phone.page.getByTestId('rs-accept').click();
    for (let i = 0; i < 4; i++)
      await phone.page
        .getByTestId('rs-option')
        .nth(1)
        .click()
        .then(() => waitForItem(phone.page, i + 1));
    expect(await currentItem(phone.page)).toBe('PHQ-9/q5');
    await phone.page.screenshot({ path: join(SHOTS, 'anxin-station-question-phone.png') });

    // The phone's browser reloads mid-form: the page kept nothing, so the same slip signs in
    // again (the same device: no teacher needed) and it is back at the same item, answers kept.
    await phone.page.reload();
    await see(phone.page.getByTestId('station-identify'));
    await phone.page.getByTestId('station-slip').fill(slip);
    await phone.page.getByTestId('station-start').click();
    await see(phone.page.getByTestId('rs-question'));
    expect(await currentItem(phone.page)).toBe('PHQ-9/q5');
    await seeText(phone.page.getByTestId('rs-progress'), '第 5 题，共 17 题');
    await phone.page.getByTestId('rs-back').click();
    expect(await currentItem(phone.page)).toBe('PHQ-9/q4');
    expect(await phone.page.getByTestId('rs-option').nth(1).getAttribute('aria-checked')).toBe('true');

    // The teacher sees who is answering where.
    const tileA = teacher.page.getByTestId('tile-person').filter({ hasText: '李四' });
    await expect.poll(() => tileA.getAttribute('data-status'), { timeout: 10_000 }).toBe('in_progress');
    await seeText(tileA, 'A-01');
    expect(await teacher.page.getByTestId('board-alerts').count()).toBe(0);

    // PC A answers PHQ-9 item 9 with "several days": the red alert comes up on the teacher's board.
    for (let i = 0; i < 8; i++) await answerByKey(pcA.page, 1);
    expect(await currentItem(pcA.page)).toBe('PHQ-9/q9');
    await answerByKey(pcA.page, 2);
    const banner = teacher.page.getByTestId('board-alerts');
    await see(banner, 10_000);
    await seeText(banner, '李四');
    await seeText(banner, '七年级 1班');
    await seeText(banner, '座位 A-01');
    await seeText(banner, 'PHQ-9 第 9 题');
    await seeText(banner, '好几天');
    await teacher.page.screenshot({ path: join(SHOTS, 'anxin-board-alert.png') });
    // Nothing on the respondent's screen changes: the next item, as for anyone.
    expect(await currentItem(pcA.page)).toBe('PHQ-9/difficulty');
    expect(await pcA.page.getByTestId('station-app').textContent()).not.toMatch(/预警|危机|alert/i);

    // 我已到场 records who went; the alert stays listed until the safety check on the case.
    await banner.getByTestId('alert-arrive').click();
    await seeText(banner.getByTestId('alert-arrived'), '已到场：李老师');
    expect(await banner.getByTestId('alert-item').count()).toBe(1);

    // PC A finishes; its tile turns green.
    for (let i = 0; i < 8; i++) await answerByKey(pcA.page, 1);
    await pcA.page.getByTestId('rs-submit').click();
    await see(pcA.page.getByTestId('rs-thanks'));
    await seeText(pcA.page.getByTestId('rs-thanks'), '心理辅导室');
    await expect.poll(() => tileA.getAttribute('data-status'), { timeout: 10_000 }).toBe('done');
    // The sheet is closed: reloading PC A shows no questionnaire, and the token is gone.
    expect(await pcA.page.evaluate(() => localStorage.getItem('anxin.station.token'))).toBeNull();

    await teacher.page.getByTestId('station-stop').click();
    await teacher.page.getByRole('button', { name: '确定停止' }).click();
    await see(teacher.page.getByTestId('station-start'), 10_000);

    for (const tab of [teacher, pcA, phone]) {
      expect(tab.problems.filter((p) => !/Failed to load resource/.test(p))).toEqual([]);
      await tab.context.close();
    }
  }, 120_000);

  test('paper sheets: printed per student, keyed in fast, double entry catches a slip', async () => {
    expect(campaignId).toBeGreaterThan(0);
    const { page, context, problems } = await open(`${server.url}#/app/campaigns/${campaignId}/paper`);
    await see(page.getByTestId('paper-page'));

    // Single entry: find by 学籍号, one digit per item, Enter saves.
    const find = page.getByTestId('paper-find');
    await find.fill('20230104');
    await see(page.getByTestId('paper-matches'));
    await page.keyboard.press('Enter');
    await seeText(page.getByTestId('paper-person'), '赵六');
    const cells = page.getByTestId('entry-cell');
    await expect.poll(() => cells.count()).toBe(ITEM_COUNT);
    await expect.poll(() => focusedCell(page)).toBe('PHQ-9/q1');
    // PHQ-9 item 10 left blank on paper (0); everything else the second option.
    await page.keyboard.type('222222222' + '0' + '2222222');
    await seeText(page.getByTestId('entry-legend'), '好几天');
    await page.screenshot({ path: join(SHOTS, 'anxin-paper-entry.png') });
    await page.keyboard.press('Enter');
    await seeText(page.getByTestId('paper-recent'), '赵六');
    // Item 9 answered "several days" on paper: the entry screen says so at once.
    await seeText(page.getByTestId('paper-critical'), '赵六');

    // Double entry: a typo in the second pass is caught before anything is saved.
    await page.getByTestId('double-entry').check();
    await find.fill('钱七');
    await page.keyboard.press('Enter');
    await seeText(page.getByTestId('paper-person'), '钱七');
    await expect.poll(() => focusedCell(page)).toBe('PHQ-9/q1');
    await page.keyboard.type('1111111111' + '1111111');
    await page.keyboard.press('Enter');
    await seeText(page.getByTestId('paper-person'), '第二遍');
    await expect.poll(() => focusedCell(page)).toBe('PHQ-9/q1');
    await page.keyboard.type('11' + '3' + '1111111' + '1111111');
    await page.keyboard.press('Enter');
    await seeText(page.getByTestId('paper-error'), '1 题两遍录入不一致');
    const flagged = page.locator('[data-key="PHQ-9/q3"]');
    expect(await flagged.getAttribute('aria-invalid')).toBe('true');
    await page.screenshot({ path: join(SHOTS, 'anxin-paper-double.png') });
    // Nothing saved yet; the clerk checks the paper and keys the item again.
    await flagged.focus();
    await page.keyboard.type('1');
    await page.keyboard.press('Enter');
    await seeText(page.getByTestId('paper-recent'), '钱七');

    const progress = await api('campaigns.progress', { id: campaignId });
    const person = (name: string) => progress.people.find((p) => p.name === name)!;
    expect(person('赵六').status).toBe('done');
    expect(person('钱七').status).toBe('done');
    const [zhao] = await api('screening.forPerson', { personId: person('赵六').personId });
    expect(zhao).toMatchObject({ mode: 'paper', results: [{ total: 9, critical: true }, { total: 7 }] });
    const [qian] = await api('screening.forPerson', { personId: person('钱七').personId });
    expect(qian).toMatchObject({ mode: 'paper', results: [{ total: 0 }, { total: 0 }] });

    // Printing per student: names and slip codes on A4 sheets.
    await page.getByTestId('paper-tab-print').click();
    // The print dialog cannot be driven headless; keep the sheets on the page instead.
    await page.evaluate('window.print = () => undefined');
    await page.getByRole('checkbox', { name: '只打印尚未完成的人员' }).uncheck();
    await seeText(page.getByTestId('print-count'), '将打印 5 份');
    await page.getByTestId('print-button').click();
    const sheets = page.getByTestId('print-root').getByTestId('print-sheet');
    await expect.poll(() => sheets.count()).toBe(5);
    const slips = await api('campaigns.slips', { campaignId });
    await page.emulateMedia({ media: 'print' });
    await seeText(sheets.first(), slips[0]!.slipCode);
    await seeText(sheets.first(), slips[0]!.name);
    await page.setViewportSize({ width: 794, height: 1123 });
    await page.screenshot({ path: join(SHOTS, 'anxin-paper-print.png') });
    await page.emulateMedia({ media: 'screen' });

    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);
});

/** The entry cell that has the keyboard ("PHQ-9/q1"). */
function focusedCell(page: Page): Promise<string | null> {
  // A string, not a function: this file is type-checked without the DOM library.
  return page.evaluate<string | null>("document.activeElement?.getAttribute('data-key') ?? null");
}

/** Waits until the phone shows the question after `answered` answers. */
async function waitForItem(page: Page, answered: number): Promise<void> {
  await expect
    .poll(() => page.getByTestId('rs-progress').textContent(), { timeout: 5_000 })
    .toContain(`第 ${answered + 1} 题`);
}
