// A critical answer on a sheet never submitted, as staff see it: the file, the worklist and the 工作台.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ApiInput, ApiMethod } from '../../shared/api/contract';
import { todayIso } from '../../shared/people';
import { callApi } from './helpers/api';
import { launchChromium, watchedPage } from './helpers/browser';
import { see, seeText, textBecomes } from './helpers/page';
import { ensureBuilt, startServer, type RunningServer } from './helpers/server';

const PASSWORD = 'anxin-e2e-pass';
const TODAY = todayIso();

let dataDir: string;
let server: RunningServer;
let browser: Browser;
let studentId = 0;
let campaignId = 0;

const api = <M extends ApiMethod>(method: M, input: ApiInput<M>) => callApi(server, method, input);

beforeAll(async () => {
  ensureBuilt();
  dataDir = mkdtempSync(join(tmpdir(), 'anxin-e2e-unsubmitted-'));
  [server, browser] = await Promise.all([startServer(dataDir), launchChromium()]);
  await api('auth.setup', {
    orgType: 'school',
    orgName: '安心市第一中学',
    username: 'admin',
    displayName: '李老师',
    password: PASSWORD,
  });
  studentId = (
    await api('students.add', {
      studentNo: '20230101',
      name: '张三',
      sex: 'F',
      birthDate: '2011-03-05',
      grade: '七年级',
      className: '1班',
    })
  ).id;
  const campaign = await api('campaigns.create', {
    name: '本学期心理普测',
    programme: 'school',
    startsOn: TODAY,
    endsOn: TODAY,
    targets: [{ battery: ['PHQ-9'] }],
  });
  campaignId = campaign.id;
  // 张三 answers item 9 = 几乎每天 at the kiosk and leaves without submitting.
  const sheet = await api('screening.start', { campaignId: campaign.id, personId: studentId, mode: 'kiosk' });
  await api('screening.saveAnswer', {
    screeningId: sheet.screeningId,
    instrumentId: 'PHQ-9',
    itemId: 'q9',
    value: 3,
  });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function open(path: string): Promise<{ page: Page; problems: string[] }> {
  const opened = await watchedPage(browser);
  await opened.page.goto(`${server.url.replace(/#.*$/, '')}#${path}`);
  return opened;
}

describe('an unsubmitted sheet with a critical answer', () => {
  test('the file shows it instead of 暂无测评记录, the worklist marks it, the 工作台 lists the safety check as urgent', async () => {
    const { page, problems } = await open('/app/dashboard');
    await textBecomes(page.getByTestId('tasks-urgent-count'), '1');
    const urgent = page.getByTestId('tasks-urgent').getByTestId('task-row');
    await seeText(urgent, '张三');
    await seeText(urgent, '未完成（含关键条目阳性）');
    // Routine work (the first contact) stays under 今日到期; the safety check is not listed there.
    await seeText(page.getByTestId('tasks-today'), '首次联系');
    expect(await page.getByTestId('tasks-today').getByText('当日安全评估').count()).toBe(0);
    await textBecomes(page.getByTestId('fig-critical'), '1');

    await page.goto(`${server.url.replace(/#.*$/, '')}#/app/people/${studentId}`);
    const sheet = page.getByTestId('unsubmitted-sheet');
    await seeText(sheet, '未完成（含关键条目阳性）');
    await seeText(sheet, 'PHQ-9 第9题阳性（自伤念头）');
    // No submitted sheet, but the case stands at 红: the card says so, as the register and worklist do.
    await expect.poll(() => page.getByTestId('current-level').getAttribute('data-level')).toBe('red');
    expect(await page.getByTestId('result-line').count()).toBe(0);
    await seeText(page.getByTestId('timeline-item').first(), 'PHQ-9 第9题');

    await page.goto(`${server.url.replace(/#.*$/, '')}#/app/worklist`);
    await see(page.getByTestId('incomplete'));

    // The campaign's make-up list: not done, and why it is urgent.
    await page.goto(`${server.url.replace(/#.*$/, '')}#/app/campaigns/${campaignId}`);
    await seeText(page.getByTestId('makeup-row'), '张三');
    await seeText(page.getByTestId('makeup-critical'), '未完成（含关键条目阳性）');
    expect(problems).toEqual([]);
  });
});
