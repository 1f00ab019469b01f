import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ApiInput, ApiMethod } from '../../shared/api/contract';
import { todayIso } from '../../shared/people';
import { callApi } from './helpers/api';
import { launchChromium, watchedPage } from './helpers/browser';
import { gone, see, seeText, textBecomes } from './helpers/page';
import { ensureBuilt, startServer, type RunningServer } from './helpers/server';

const PASSWORD = 'anxin-e2e-pass';
const TODAY = todayIso();
const zeros = (n: number) => Array<number>(n).fill(0);
// 张三 red through item 9, 李四 green, 王五 orange (PHQ-9 16), 赵六 yellow (PHQ-9 10); 钱七 absent.
const STUDENTS = [
  { studentNo: '20230101', name: '张三', grade: '七年级', className: '1班', phq: [1, 1, 1, 1, 1, 1, 1, 1, 1] },
  { studentNo: '20230102', name: '李四', grade: '七年级', className: '1班', phq: zeros(9) },
  { studentNo: '20230103', name: '王五', grade: '七年级', className: '2班', phq: [2, 2, 2, 2, 2, 2, 2, 2, 0] },
  { studentNo: '20220101', name: '赵六', grade: '八年级', className: '1班', phq: [2, 2, 1, 1, 1, 1, 1, 1, 0] },
  { studentNo: '20220102', name: '钱七', grade: '八年级', className: '1班', phq: null },
] as const; // prettier-ignore

let dataDir: string;
let server: RunningServer;
let browser: Browser;

const api = <M extends ApiMethod>(method: M, input: ApiInput<M>) => callApi(server, method, input);

let redCaseId = 0;

beforeAll(async () => {
  ensureBuilt();
  dataDir = mkdtempSync(join(tmpdir(), 'anxin-e2e-dashboard-'));
  [server, browser] = await Promise.all([startServer(dataDir), launchChromium()]);
  await api('auth.setup', {
    orgType: 'school',
    orgName: '安心市第一中学',
    username: 'admin',
    displayName: '李老师',
    password: PASSWORD,
  });
  const ids = new Map<string, number>();
  for (const { phq: _phq, ...s } of STUDENTS)
    ids.set(s.name, (await api('students.add', { ...s, sex: 'F', birthDate: '2011-03-05' })).id);
  const campaign = await api('campaigns.create', {
    name: '本学期心理普测',
    programme: 'school',
    startsOn: TODAY,
    endsOn: TODAY,
    targets: [{ battery: ['PHQ-9', 'GAD-7'] }],
  });
  for (const s of STUDENTS) {
    if (!s.phq) continue;
    const sheet = await api('screening.start', { campaignId: campaign.id, personId: ids.get(s.name)!, mode: 'kiosk' }); // prettier-ignore
    const answers = { 'PHQ-9': s.phq, 'GAD-7': zeros(7) };
    for (const [instrumentId, values] of Object.entries(answers))
      for (const [i, value] of values.entries())
        await api('screening.saveAnswer', { screeningId: sheet.screeningId, instrumentId, itemId: `q${i + 1}`, value }); // prettier-ignore
    await api('screening.submit', { screeningId: sheet.screeningId });
  }
  const cases = await api('cases.worklist', { programme: 'school' });
  const caseOf = (name: string) => cases.find((c) => c.name === name)!.caseId;
  redCaseId = caseOf('张三');
  // 张三: a follow-up (its first contact is done; the same-day safety check is left open) and a referral attended.
  await api('cases.followUp', {
    caseId: redCaseId,
    method: 'in_person',
    content: '情绪平稳',
    riskChange: 'same',
  });
  const referred = await api('cases.refer', { caseId: redCaseId, institution: '市精神卫生中心', referredOn: TODAY, consent: true }); // prettier-ignore
  await api('cases.updateReferral', { referralId: referred.referrals[0]!.id, status: 'attended', attendedOn: TODAY }); // prettier-ignore
  // 赵六: lifted after review.
  await api('cases.lift', { caseId: caseOf('赵六'), reason: '复核后情绪正常' });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function open(): Promise<{ page: Page; problems: string[] }> {
  const opened = await watchedPage(browser);
  await opened.page.goto(server.url);
  return opened;
}

const figure = (page: Page, id: string) => page.getByTestId(`fig-${id}`);

/** The accessible table behind a chart: its rows as [category, ...values]. */
const chartRows = (page: Page, testId: string) =>
  page
    .getByTestId(testId)
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((r) => [...r.children].map((c) => c.textContent)));

describe('the 工作台 in the browser', () => {
  test('opens first, lists today’s task, and shows figures and charts that count the records', async () => {
    const { page, problems } = await open();
    await see(page.getByTestId('dashboard-page'));
    expect(page.url()).toContain('#/app/dashboard');
    await expect.poll(() => page.getByTestId('period-presets').getByRole('button', { name: '本学期' }).getAttribute('aria-pressed')).toBe('true'); // prettier-ignore

    // Tasks first: 张三's same-day safety check is urgent, in a card of its own above routine
    // work; nothing routine is due today or overdue.
    await textBecomes(page.getByTestId('tasks-urgent-count'), '1');
    await textBecomes(page.getByTestId('tasks-today-count'), '0');
    await textBecomes(page.getByTestId('tasks-overdue-count'), '0');
    const task = page.getByTestId('tasks-urgent').getByTestId('task-row');
    await seeText(task, '张三');
    await seeText(task, '当日安全评估');
    expect(await task.getAttribute('href')).toBe(`#/app/cases/${redCaseId}`);

    // 5 due, 4 screened; 3 flagged (red, orange, yellow) of 4; one referral attended; one follow-up
    // (the one contact that fell due, done); 赵六 lifted, so 张三 and 王五 remain under management.
    const expected: Record<string, string> = {
      due: '5',
      screened: '4',
      rate: '80%',
      flagged: '3',
      flaggedRate: '75%',
      'level-red': '1',
      'level-orange': '1',
      'level-yellow': '1',
      critical: '1',
      interviewed: '0',
      referred: '1',
      attended: '1',
      diagnosed: '0',
      underManagement: '2',
      followUps: '1',
      followUpRate: '100%',
      lifted: '1',
    };
    for (const [id, value] of Object.entries(expected)) await textBecomes(figure(page, id), value);

    // Charts: four levels stacked per grade and per class; screened and flagged per month.
    for (const [testId, series, categories] of [
      ['chart-grade', '4', '2'],
      ['chart-class', '4', '3'],
      ['chart-monthly', '2', null],
    ] as const) {
      const chart = page.getByTestId(testId);
      await see(chart.locator('svg'));
      expect(await chart.getAttribute('data-series')).toBe(series);
      if (categories) expect(await chart.getAttribute('data-categories')).toBe(categories);
    }
    expect(await chartRows(page, 'chart-grade')).toEqual([
      ['七年级', '1', '1', '0', '1'],
      ['八年级', '0', '0', '1', '0'],
    ]);
    expect(await chartRows(page, 'chart-class')).toEqual([
      ['七年级 1班', '1', '0', '0', '1'],
      ['七年级 2班', '0', '1', '0', '0'],
      ['八年级 1班', '0', '0', '1', '0'],
    ]);
    const months = await chartRows(page, 'chart-monthly');
    expect(months.find((m) => m[0] === TODAY.slice(0, 7))).toEqual([TODAY.slice(0, 7), '4', '3']);
    // Per scale, by its own cut-off: every GAD-7 is 0 although three students are at a warning level.
    const scaleRows = await page
      .getByTestId('table-instrument')
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((r) => [...r.children].map((c) => c.textContent)));
    expect(scaleRows).toEqual([
      ['GAD-7', '4', '0', '0%', '0'],
      ['PHQ-9', '4', '2', '50%', '0'],
    ]);
    // By sex: every student here is 女; four screened, three flagged.
    const sexRows = await page
      .getByTestId('table-sex')
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((r) => [...r.children].map((c) => c.textContent)));
    expect(sexRows).toEqual([['女', '4', '3', '75%']]);
    // Where each stands now, as the register says: 赵六's warning was lifted, so no level.
    for (const [level, n] of [
      ['red', '1'],
      ['orange', '1'],
      ['yellow', '0'],
      ['green', '1'],
    ] as const)
      await textBecomes(page.getByTestId(`current-${level}`), n);
    // Roster, campaign and screenings all exist: no first-run checklist.
    expect(await page.getByTestId('first-run').count()).toBe(0);
    await page.screenshot({ path: join(tmpdir(), 'anxin-dashboard.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.context().close();
  }, 90_000);

  test('an administrator creates a class teacher, who logs in to their class only', async () => {
    const { page, problems } = await open();
    await page.getByRole('link', { name: '用户管理' }).click();
    await see(page.getByTestId('users-page'));
    await page.getByRole('button', { name: '新建用户' }).click();
    const dialog = page.getByTestId('create-user-dialog');
    await see(dialog);
    await dialog.getByRole('button', { name: '创建账号' }).click();
    await seeText(dialog.locator('.field-error'), '请选择角色');
    await dialog.getByLabel('姓名').fill('陈老师');
    await dialog.getByLabel('用户名').fill('chen');
    await dialog.getByLabel('角色').selectOption({ label: '班主任' });
    await dialog.getByLabel('密码', { exact: true }).fill('class-pass-1');
    await dialog.getByLabel('确认密码').fill('class-pass-1');
    await dialog.getByRole('button', { name: '创建账号' }).click();
    await see(dialog.getByText('请至少选择一个班级'));
    await dialog.getByTestId('class-picker').getByRole('button', { name: '1班' }).first().click();
    await dialog.getByRole('button', { name: '创建账号' }).click();
    await gone(dialog);
    const row = page.getByTestId('user-row').filter({ hasText: '陈老师' });
    await seeText(row, '班主任');
    await seeText(row, '七年级 1班');
    await seeText(row.getByTestId('user-status'), '在用');

    await page.getByRole('button', { name: '退出登录' }).click();
    const form = page.getByTestId('login-form');
    await form.getByLabel('用户名').fill('chen');
    await form.getByLabel('密码', { exact: true }).fill('class-pass-1');
    await form.getByRole('button', { name: '登录' }).click();
    await seeText(page.getByTestId('header-user'), '班主任');
    // No 工作台 or 用户管理 for a class teacher; the register shows their class only.
    expect(await page.getByRole('link', { name: '工作台' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: '用户管理' }).count()).toBe(0);
    await see(page.getByTestId('student-row').first());
    expect((await page.getByTestId('student-row').allTextContents()).map((r) => r.includes('七年级'))).toEqual([true, true]); // prettier-ignore
    await seeText(page.getByTestId('student-row').first(), '1班');
    expect(problems).toEqual([]);
    await page.context().close();
  }, 60_000);
});
