// School follow-through in the browser: 责任人 assigned in bulk from the worklist, the 我负责的 /
// 未指定 filters, a transfer on the case page, and a lifted case reopened.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ApiInput, ApiMethod, ApiOutput } from '../../shared/api/contract';
import { addDays, todayIso } from '../../shared/people/date';
import { callApi } from './helpers/api';
import { launchChromium, watchedPage } from './helpers/browser';
import { gone, see, seeText } from './helpers/page';
import { ensureBuilt, startServer, type RunningServer } from './helpers/server';

const PASSWORD = 'anxin-e2e-pass';
const SHOTS = process.env.ANXIN_SCREENSHOTS ?? tmpdir();
const TODAY = todayIso();

let browser: Browser;
let server: RunningServer;
let dataDir: string;
const api = <M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiOutput<M>> =>
  callApi(server, method, input);

/** A paper PHQ-9 entered through the API, as the paper-entry page would. */
async function screen(personId: number, values: number[]) {
  const s = await api('screening.start', { personId, mode: 'paper', battery: ['PHQ-9'] });
  for (const [i, value] of values.entries())
    await api('screening.saveAnswer', { screeningId: s.screeningId, instrumentId: 'PHQ-9', itemId: `q${i + 1}`, value }); // prettier-ignore
  return api('screening.submit', { screeningId: s.screeningId });
}

const rowOf = (page: Page, name: string) => page.getByTestId('worklist-row').filter({ hasText: name });
const names = (page: Page) =>
  page.getByTestId('worklist-name').evaluateAll((els) => els.map((e) => e.textContent).sort());
const responsibleFilter = (page: Page) => page.getByRole('combobox', { name: '责任人' });

beforeAll(async () => {
  ensureBuilt();
  browser = await launchChromium();
  dataDir = mkdtempSync(join(tmpdir(), 'anxin-e2e-responsible-'));
  server = await startServer(dataDir);
  await api('auth.setup', {
    orgType: 'school',
    orgName: '安心市第一中学',
    username: 'admin',
    displayName: '李老师',
    password: PASSWORD,
  });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('责任人 and reopening in the browser', () => {
  test('assign two cases in bulk, filter 我负责的 and 未指定, transfer one on its page, reopen a lifted case', async () => {
    const add = (studentNo: string, name: string, className: string) =>
      api('students.add', { studentNo, name, sex: 'F', birthDate: '2011-03-05', grade: '七年级', className });
    const zhang = await add('20230101', '张三', '1班');
    const li = await add('20230102', '李四', '1班');
    const wang = await add('20230103', '王五', '2班');
    await screen(zhang.id, [2, 2, 2, 2, 2, 2, 2, 2, 0]); // orange (16)
    await screen(li.id, [2, 2, 1, 1, 1, 1, 1, 1, 0]); // yellow (10)
    await screen(wang.id, [2, 2, 1, 1, 1, 1, 1, 1, 0]); // yellow (10)
    await api('users.create', {
      username: 'liu',
      displayName: '刘老师',
      password: 'psych-pass-123',
      role: 'psychologist',
      classes: [],
    });

    const { page, problems } = await watchedPage(browser, { width: 1360 });
    await page.goto(server.url);
    await page.getByRole('link', { name: '预警台账' }).click();
    await see(page.getByTestId('worklist-row').first());
    expect(await page.getByTestId('worklist-row').count()).toBe(3);
    await responsibleFilter(page).selectOption({ label: '未指定' });
    await seeText(page.getByTestId('worklist-count'), '筛出 3 人（共 3 人）');

    // Select 张三 and 李四, assign both to me (李老师).
    await seeText(page.getByTestId('worklist-selected'), '已选 0 人');
    expect(await page.getByTestId('worklist-assign').isDisabled()).toBe(true);
    await rowOf(page, '张三').getByTestId('worklist-select').check();
    await rowOf(page, '李四').getByRole('checkbox', { name: '选择 李四' }).check();
    await seeText(page.getByTestId('worklist-selected'), '已选 2 人');
    await page.getByTestId('worklist-assign').click();
    const dialog = page.getByTestId('assign-dialog');
    await see(dialog);
    await seeText(dialog, '为所选的 2 人指定同一位责任人');
    // Only the staff who act on cases are offered (in the order of their names).
    expect(await dialog.locator('option').allTextContents()).toEqual([
      '请选择',
      '刘老师 (liu)',
      '李老师 (admin)',
    ]);
    await dialog.getByRole('button', { name: '指派' }).click();
    await see(dialog.getByText('请选择责任人'));
    await dialog.getByLabel('责任人').selectOption({ label: '李老师 (admin)' });
    await dialog.getByRole('button', { name: '指派' }).click();
    await gone(dialog);
    await see(page.getByText('已将 2 人指派给 李老师'));
    // Still filtered to 未指定: only 王五 is left.
    await seeText(page.getByTestId('worklist-count'), '筛出 1 人（共 3 人）');
    expect(await names(page)).toEqual(['王五']);

    await responsibleFilter(page).selectOption({ label: '我负责的' });
    await seeText(page.getByTestId('worklist-count'), '筛出 2 人（共 3 人）');
    expect(await names(page)).toEqual(['张三', '李四'].sort());
    await seeText(rowOf(page, '张三'), '李老师');
    await page.screenshot({ path: join(SHOTS, 'anxin-worklist-mine.png') });

    // On 李四's page: transfer to 刘老师; the timeline says from → to.
    await rowOf(page, '李四').getByTestId('worklist-name').click();
    await seeText(page.getByTestId('case-person'), '李四');
    await seeText(page.getByTestId('case-responsible-name'), '李老师');
    await page.getByTestId('case-assign').click();
    const transfer = page.getByTestId('assign-dialog');
    await seeText(transfer, '转交责任人');
    await seeText(transfer, '当前责任人：李老师');
    await transfer.getByLabel('责任人').selectOption({ label: '刘老师 (liu)' });
    await transfer.getByRole('button', { name: '指派' }).click();
    await gone(transfer);
    await seeText(page.getByTestId('case-responsible-name'), '刘老师');
    const assigned = page.locator('[data-testid="case-event"][data-kind="assigned"]');
    await see(assigned.first());
    expect(await assigned.count()).toBe(2);
    await seeText(assigned.first(), '李老师 → 刘老师');
    await seeText(assigned.last(), '未指定 → 李老师');

    // 我负责的 now holds 张三 only.
    await page.getByRole('link', { name: '返回名单' }).click();
    await responsibleFilter(page).selectOption({ label: '我负责的' });
    await seeText(page.getByTestId('worklist-count'), '筛出 1 人（共 3 人）');
    expect(await names(page)).toEqual(['张三']);

    // 王五's warning is lifted, then reopened on her case page.
    const list = await api('cases.worklist', { programme: 'school' });
    const wangCase = list.find((i) => i.personId === wang.id)!.caseId;
    await api('cases.lift', { caseId: wangCase, reason: '复测正常' });
    await page.goto(`${server.url}#/app/cases/${wangCase}`);
    await seeText(page.getByTestId('case-status'), '已解除预警');
    await page.getByTestId('case-reopen').click();
    const reopen = page.getByTestId('reopen-dialog');
    await see(reopen);
    // Yellow: the first contact within 14 days.
    expect(await reopen.getByLabel('随访截止日期').inputValue()).toBe(addDays(TODAY, 14));
    await reopen.getByRole('button', { name: '保存' }).click();
    await see(reopen.getByText('请填写重新开放的理由'));
    await reopen.getByLabel('重新开放的理由').fill('家长反映近两周情绪再次低落');
    await reopen.getByLabel('随访截止日期').fill(addDays(TODAY, 5));
    await reopen.getByRole('button', { name: '保存' }).click();
    await gone(reopen);
    await seeText(page.getByTestId('case-status'), '跟进中');
    await seeText(page.getByTestId('case-next'), `随访 截止 ${addDays(TODAY, 5)}`);
    const reopened = page.locator('[data-testid="case-event"][data-kind="reopened"]');
    await seeText(reopened, '家长反映近两周情绪再次低落');
    await page.screenshot({ path: join(SHOTS, 'anxin-case-reopened.png'), fullPage: true });
    // Back on the worklist at its level, and in the register.
    expect(
      (await api('cases.worklist', { programme: 'school' })).find((i) => i.caseId === wangCase),
    ).toMatchObject({
      level: 'yellow',
      nextTask: { kind: 'follow_up', dueOn: addDays(TODAY, 5) },
    });
    const people = await api('people.list', { kind: 'student' });
    expect(people.items.find((p) => p.id === wang.id)?.level).toBe('yellow');
    expect(problems).toEqual([]);
  }, 180_000);
});
