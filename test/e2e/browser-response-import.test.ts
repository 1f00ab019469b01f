import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ApiInput, ApiMethod } from '../../shared/api/contract';
import { PHQ9_OPTIONS, questionTexts, WJX_LEAD, wjxLead, wjxWorkbook } from '../helpers/wjx';
import { callApi } from './helpers/api';
import { launchChromium, watchedPage } from './helpers/browser';
import { gone, see, seeText } from './helpers/page';
import { ensureBuilt, startServer, type RunningServer } from './helpers/server';

const SHOTS = process.env.ANXIN_SCREENSHOTS ?? tmpdir();
const STUDENTS = [
  { studentNo: '20230101', name: '张三', className: '1班' },
  { studentNo: '20230102', name: '李四', className: '1班' },
  { studentNo: '20230103', name: '王五', className: '2班' },
] as const;
const none = () => Array.from({ length: 9 }, () => PHQ9_OPTIONS[0]!);

let dataDir: string;
let server: RunningServer;
let browser: Browser;
let campaignId = 0;
let lateId = 0;
let file = '';

const api = <M extends ApiMethod>(method: M, input: ApiInput<M>) => callApi(server, method, input);

beforeAll(async () => {
  ensureBuilt();
  dataDir = mkdtempSync(join(tmpdir(), 'anxin-e2e-wjx-'));
  [server, browser] = await Promise.all([startServer(dataDir), launchChromium()]);
  await api('auth.setup', {
    orgType: 'school',
    orgName: '安心市第一中学',
    username: 'admin',
    displayName: '李老师',
    password: 'anxin-e2e-pass',
  });
  for (const s of STUDENTS)
    await api('students.add', { ...s, sex: 'M', birthDate: '2011-03-05', grade: '七年级' });
  campaignId = (
    await api('campaigns.create', {
      name: '2026年秋季心理健康测评',
      programme: 'school',
      startsOn: '2026-10-01',
      endsOn: '2026-10-31',
      targets: [{ battery: ['PHQ-9'] }],
    })
  ).id;
  // Joined the school after the plan was made: in the register, not on the campaign's list.
  lateId = (
    await api('students.add', {
      studentNo: '20230999',
      name: '周九',
      sex: 'F',
      birthDate: '2011-06-07',
      grade: '七年级',
      className: '2班',
    })
  ).id;
  // 李四 declined at the kiosk.
  const li = (await api('campaigns.progress', { id: campaignId })).people.find((p) => p.name === '李四')!;
  const sitting = await api('screening.start', { campaignId, personId: li.personId, mode: 'kiosk' });
  await api('screening.decline', { screeningId: sitting.screeningId });

  file = join(dataDir, '问卷星-秋季测评.xlsx');
  writeFileSync(
    file,
    await wjxWorkbook(
      [...WJX_LEAD, '学号', '姓名', ...questionTexts('PHQ-9', 'zh')],
      [
        [...wjxLead(1), '20230101', '张三', ...none()],
        [...wjxLead(2), '20230102', '李四', ...none()],
        [...wjxLead(3, '2026/09/20 10:00:00'), '20230103', '王五', ...none()],
        // A mistyped 学号 and item 9 = 几乎每天: must come first, and be matched by hand.
        [...wjxLead(4), '2023099', '周九', ...none().slice(0, 8), PHQ9_OPTIONS[3]!],
        // Nobody in the register at all: added as a new student from the import page.
        [...wjxLead(5), '20239998', '吴十', ...none().slice(0, 8), PHQ9_OPTIONS[2]!],
      ],
    ),
  );
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('问卷星 results imported from the campaign page', () => {
  test('upload → mapping → outcomes → a critical row matched by hand → commit; the file shows the screening', async () => {
    const { page, problems } = await watchedPage(browser);
    await page.goto(`${server.url}#/app/campaigns/${campaignId}`);
    await see(page.getByTestId('campaign-detail'));
    await page.getByTestId('mode-import').click();
    await see(page.getByTestId('response-import'));
    await seeText(page.locator('h1'), '导入问卷星/腾讯问卷结果');

    await page.getByTestId('response-file').setInputFiles(file);
    await page.getByTestId('response-read').click();

    // Mapping: identity columns by name, every item by its question text, read as option text.
    const mapping = page.getByTestId('response-mapping');
    await see(mapping);
    const rowFor = (column: number) =>
      mapping.locator(`[data-testid="mapping-row"][data-column="${column}"]`);
    expect(await rowFor(4).getByTestId('mapping-target').inputValue()).toBe('studentNo');
    expect(await rowFor(5).getByTestId('mapping-target').inputValue()).toBe('name');
    expect(await rowFor(14).getByTestId('mapping-target').inputValue()).toBe('item:PHQ-9:q9');
    expect(await rowFor(14).getByTestId('mapping-read').inputValue()).toBe('text');
    expect(await rowFor(14).getByTestId('mapping-order').isDisabled()).toBe(true);
    // The user may change a reading: as numbers, these texts cannot be read, and say so.
    await rowFor(14).getByTestId('mapping-read').selectOption('number');
    await seeText(page.getByTestId('unparsable'), '此列按选项序号读取，但这里是文字');
    expect(await rowFor(14).getByTestId('mapping-order').isDisabled()).toBe(false);
    await rowFor(14).getByTestId('mapping-read').selectOption('text');
    await gone(page.getByTestId('unparsable'));
    // … and a mapping: without item 9 nothing can be imported, and the page says which item is missing.
    await rowFor(14).getByTestId('mapping-target').selectOption('ignore');
    await see(page.getByText('有题目没有对应的列'));
    await see(page.getByText('PHQ-9 第9题：请为这些题选择列，否则不能导入。'));
    expect(await page.getByTestId('response-to-outcomes').isDisabled()).toBe(true);
    await rowFor(14).getByTestId('mapping-target').selectOption('item:PHQ-9:q9');
    // Each mapping change re-reads the file on the server: allow for a busy machine.
    await expect
      .poll(() => page.getByTestId('response-to-outcomes').isDisabled(), { timeout: 20_000 })
      .toBe(false);
    await page.screenshot({ path: join(SHOTS, 'anxin-wjx-mapping.png'), fullPage: true });
    await page.getByTestId('response-to-outcomes').click();

    // Outcomes: one per row; the critical row nobody matched comes first, with its answer.
    await see(page.getByTestId('response-outcomes'));
    expect(await page.getByTestId('outcome-matched').locator('.count-num').textContent()).toBe('1');
    expect(await page.getByTestId('outcome-not_in_campaign').locator('.count-num').textContent()).toBe('2');
    expect(await page.getByTestId('outcome-out_of_dates').locator('.count-num').textContent()).toBe('1');
    expect(await page.getByTestId('outcome-conflict_declined').locator('.count-num').textContent()).toBe('1');
    expect(await page.getByTestId('critical-row').count()).toBe(2);
    const critical = page.locator('[data-testid="critical-row"][data-row="5"]');
    await seeText(critical, '周九');
    await seeText(critical.getByTestId('critical-answers'), 'PHQ-9 第9题：几乎每天');
    expect(await page.getByTestId('response-row').first().getAttribute('data-row')).toBe('5');
    await seeText(page.getByTestId('must-choose'), '还有 2 行关键条目阳性的答卷没有选择处理方式');
    expect(await page.getByTestId('response-commit').isDisabled()).toBe(true);
    // The decline is not overridden unless chosen for that row.
    const declined = page.locator('[data-testid="response-row"][data-outcome="conflict_declined"]');
    expect(await declined.getByTestId('row-choice').inputValue()).toBe('skip');
    await page.screenshot({ path: join(SHOTS, 'anxin-wjx-outcomes.png'), fullPage: true });

    // Hand-match: search by name, pick the student.
    await critical.getByTestId('critical-search').fill('周九');
    await critical.getByTestId('critical-search').press('Enter');
    await critical.getByTestId('critical-match').first().click();
    await seeText(critical.getByTestId('critical-choice'), '已匹配：周九');
    await seeText(page.getByTestId('must-choose'), '还有 1 行');

    // Add: the dialog starts from the name and number in the sheet.
    const unknown = page.locator('[data-testid="critical-row"][data-row="6"]');
    await seeText(unknown.getByTestId('critical-answers'), 'PHQ-9 第9题：一半以上的天数');
    await unknown.getByRole('button', { name: '新增此学生' }).click();
    const dialog = page.getByTestId('add-student-dialog');
    await see(dialog);
    expect(await dialog.getByLabel('学籍号').inputValue()).toBe('20239998');
    expect(await dialog.getByLabel('姓名').inputValue()).toBe('吴十');
    await dialog.getByLabel('性别').selectOption({ label: '男' });
    await dialog.getByLabel('出生日期').fill('2011-08-09');
    await dialog.getByLabel('年级').fill('七年级');
    await dialog.getByLabel('班级').fill('3班');
    await dialog.getByRole('button', { name: '保存', exact: true }).click();
    await gone(dialog);
    await seeText(unknown.getByTestId('critical-choice'), '已匹配：吴十');
    await gone(page.getByTestId('must-choose'));
    await seeText(page.getByTestId('response-commit'), '导入 3 份答卷');
    await page.getByTestId('response-commit').click();

    await see(page.getByTestId('response-done'));
    await seeText(page.getByTestId('response-summary'), '已导入 3 份答卷并计分');
    await page.screenshot({ path: join(SHOTS, 'anxin-wjx-done.png'), fullPage: true });

    // The person's file shows the imported screening with the critical item.
    await page.goto(`${server.url}#/app/people/${lateId}`);
    const current = page.getByTestId('current-result');
    await seeText(current, '2026年秋季心理健康测评');
    await seeText(current, '关键条目');
    expect(await current.textContent()).toContain('PHQ-9');
    expect(problems).toEqual([]);

    // Running the same file again changes nothing: every imported row is a duplicate now.
    const upload = { fileName: 'again.xlsx', contentBase64: readFileSync(file).toString('base64') };
    const again = await api('responses.preview', { campaignId, file: upload });
    expect(again.outcomes).toMatchObject({ matched: 0, duplicate: 3, conflict_declined: 1, out_of_dates: 1 });
    const added = (await api('people.search', { query: '20239998', kind: 'student' }))[0]!;
    expect(await api('screening.forPerson', { personId: added.id })).toMatchObject([
      { mode: 'import', level: 'red', results: [{ instrumentId: 'PHQ-9', total: 2, critical: true }] },
    ]);
  });

  test('the same page in English names every outcome and reading in English', async () => {
    const { page, problems } = await watchedPage(browser);
    await page.goto(`${server.url}#/app/campaigns/${campaignId}/import`);
    await page.getByRole('button', { name: 'English' }).click();
    await seeText(page.locator('h1'), 'Import online-survey results');
    await page.getByTestId('response-file').setInputFiles(file);
    await page.getByTestId('response-read').click();
    const mapping = page.getByTestId('response-mapping');
    await see(mapping);
    const q9 = mapping.locator('[data-testid="mapping-row"][data-column="14"]');
    const chosen = (testId: string) =>
      q9
        .getByTestId(testId)
        .evaluate(
          (el) => (el as unknown as { selectedOptions: { text: string }[] }).selectedOptions[0]?.text,
        );
    expect(await chosen('mapping-read')).toBe('Option text');
    expect(await chosen('mapping-order')).toBe('Chinese form order');
    // An unreadable answer is worded in English too; the column's header is the file's own text.
    await q9.getByTestId('mapping-read').selectOption('number');
    await seeText(page.getByTestId('unparsable'), 'column O “');
    await seeText(page.getByTestId('unparsable'), 'This column is read as option numbers, but this is text');
    await q9.getByTestId('mapping-read').selectOption('text');
    await gone(page.getByTestId('unparsable'));
    await page.getByTestId('response-to-outcomes').click();
    await seeText(page.getByTestId('outcome-duplicate'), 'Duplicate');
    await seeText(page.getByTestId('outcome-conflict_declined'), 'Declined');
    await seeText(
      page.locator('[data-testid="response-row"][data-outcome="out_of_dates"]'),
      'Submitted on 2026-09-20, outside the campaign’s dates 2026-10-01 to 2026-10-31',
    );
    expect(await page.getByTestId('critical-row').count()).toBe(0);
    await page.screenshot({ path: join(SHOTS, 'anxin-wjx-outcomes-en.png'), fullPage: true });
    expect(problems).toEqual([]);
  });
});
