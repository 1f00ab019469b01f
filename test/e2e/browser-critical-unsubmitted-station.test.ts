// The first "done when", walked as it happens: a respondent at a station page answers the
// self-harm item and closes the page without submitting. The teacher, on 工作台, sees the bell rise
// within a second; after the station stops, 预警台账 lists the person at the critical level with the
// reason and a safety check due today, and the file shows the unsubmitted sheet with the answer.
// Once for a school (PHQ-9 item 9) and once for a clinic (EPDS item 10). The kiosk's version (the
// alert shown to staff at the latest at the PIN exit) is in browser-alerts.test.ts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ApiInput, ApiMethod } from '../../shared/api/contract';
import { todayIso } from '../../shared/people';
import { callApi } from './helpers/api';
import { launchChromium, watchedPage } from './helpers/browser';
import { see, seeText } from './helpers/page';
import { answerByKey, currentItem } from './helpers/questionnaire';
import { ensureBuilt, startServer, type RunningServer } from './helpers/server';

const PASSWORD = 'anxin-e2e-pass';
const TODAY = todayIso();

let browser: Browser;
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  ensureBuilt();
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  await browser?.close();
});

async function newServer(orgType: 'school' | 'maternal', orgName: string) {
  const dataDir = mkdtempSync(join(tmpdir(), `anxin-e2e-critical-${orgType}-`));
  const server = await startServer(dataDir);
  cleanups.push(async () => {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });
  const api = <M extends ApiMethod>(method: M, input: ApiInput<M>) => callApi(server, method, input);
  await api('auth.setup', { orgType, orgName, username: 'admin', displayName: '周老师', password: PASSWORD });
  return { server, api };
}

const bellCount = (page: Page) => page.getByTestId('alert-bell').getAttribute('data-count');

/** The teacher on 工作台 with the bell at `count`; resolves with the page. */
async function teacherOnDashboard(server: RunningServer, count: number) {
  const { page, problems } = await watchedPage(browser, { width: 1440, height: 900 });
  await page.goto(`${server.url}#/app/dashboard`);
  await see(page.getByTestId('dashboard-page'));
  await expect.poll(() => bellCount(page), { timeout: 10_000 }).toBe(String(count));
  return { page, problems };
}

/** Waits for the bell to show `count`, reading every 20 ms, and returns how long it took. */
async function bellRises(page: Page, count: number, since: number): Promise<number> {
  await expect.poll(() => bellCount(page), { timeout: 1_000, interval: 20 }).toBe(String(count));
  return Date.now() - since;
}

/** 预警台账 and the file after the station stopped: what the issue asks for, in the UI's words. */
async function checkWorklistAndFile(
  page: Page,
  server: RunningServer,
  person: { id: number; name: string },
  expected: { level: string; reason: string },
) {
  await page.goto(`${server.url.replace(/#.*$/, '')}#/app/worklist`);
  const row = page.getByTestId('worklist-row').filter({ hasText: person.name });
  await see(row);
  await seeText(row.getByTestId('worklist-level'), expected.level);
  await seeText(row, expected.reason);
  await seeText(row, '当日安全评估');
  await seeText(row.getByTestId('worklist-due'), TODAY);
  await see(row.getByTestId('incomplete'));

  await page.goto(`${server.url.replace(/#.*$/, '')}#/app/people/${person.id}`);
  const sheet = page.getByTestId('unsubmitted-sheet');
  await seeText(sheet, '未完成（含关键条目阳性）');
  await seeText(sheet, expected.reason);
}

describe('a critical answer on a station sheet that is never submitted', () => {
  test('school: PHQ-9 item 9 = 几乎每天, the page closed — bell within 1 s, then 预警台账 and the file', async () => {
    const { server, api } = await newServer('school', '安心市第三中学');
    const student = await api('students.add', {
      studentNo: '20250101',
      name: '林小雨',
      sex: 'F',
      birthDate: '2012-04-06',
      grade: '七年级',
      className: '2班',
    });
    const campaign = await api('campaigns.create', {
      name: '七年级心理普测',
      programme: 'school',
      signIn: 'student_no_birth_code',
      startsOn: TODAY,
      endsOn: TODAY,
      targets: [{ battery: ['PHQ-9'] }],
    });
    const station = await api('station.start', { campaignId: campaign.id, host: '127.0.0.1', port: 0 });
    const teacher = await teacherOnDashboard(server, 0);

    const lab = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
    await lab.goto(station.url!);
    await lab.getByTestId('station-code-input').fill(station.stationCode!);
    await lab.getByTestId('station-seat').fill('D-04');
    await lab.getByTestId('station-number').fill('20250101');
    await lab.getByTestId('station-birth').fill('2012-04-06');
    await lab.getByTestId('station-start').click();
    await lab.getByTestId('rs-accept').click();
    for (let i = 0; i < 8; i++) await answerByKey(lab, 1);
    expect(await currentItem(lab)).toBe('PHQ-9/q9');
    const answeredAt = Date.now();
    await answerByKey(lab, 4); // 几乎每天
    await lab.context().close(); // gone, without submitting
    const elapsed = await bellRises(teacher.page, 1, answeredAt);
    console.log(`school: bell rose ${elapsed} ms after item 9 was answered`);
    expect(elapsed).toBeLessThan(1_000);

    await api('station.stop', {});
    await checkWorklistAndFile(
      teacher.page,
      server,
      { id: student.id, name: '林小雨' },
      { level: '红色预警', reason: 'PHQ-9 第9题阳性（自伤念头）' },
    );
    const [item] = (await api('cases.worklist', { programme: 'school' })).filter(
      (i) => i.personId === student.id,
    );
    expect(item).toMatchObject({
      level: 'red',
      incomplete: true,
      nextTask: { kind: 'safety_check', dueOn: TODAY },
    });
    expect(teacher.problems).toEqual([]);
  });

  test('clinic: EPDS item 10 = 相当多时候这样, the page closed — bell within 1 s, then 高危名单 and the file', async () => {
    const { server, api } = await newServer('maternal', '安心县妇幼保健院');
    const csv = '姓名,身份证号,保健手册编号,末次月经\n何晓梅,110101199001010023,MY202600017,2026-06-01\n';
    await api('people.importCommit', {
      kind: 'woman',
      file: { fileName: 'register.csv', contentBase64: Buffer.from(csv).toString('base64') },
    });
    const [woman] = await api('people.search', { query: '何晓梅' });
    const campaign = await api('campaigns.create', {
      name: '孕晚期抑郁筛查',
      programme: 'perinatal',
      startsOn: TODAY,
      endsOn: TODAY,
      targets: [{ battery: ['EPDS'] }],
    });
    const station = await api('station.start', { campaignId: campaign.id, host: '127.0.0.1', port: 0 });
    const clinician = await teacherOnDashboard(server, 0);

    const phone = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
    await phone.goto(station.url!);
    await phone.getByTestId('station-code-input').fill(station.stationCode!);
    await phone.getByTestId('station-number').fill('MY202600017');
    // Her second fact: the birth date (her ID number says 1990-01-01).
    await phone.getByTestId('station-birth').fill('1990-01-01');
    await phone.getByTestId('station-start').click();
    await phone.getByTestId('rs-accept').click();
    for (let i = 0; i < 9; i++) await answerByKey(phone, 1);
    expect(await currentItem(phone)).toBe('EPDS/q10');
    const answeredAt = Date.now();
    const option = phone.getByRole('radio', { name: '相当多时候这样' });
    await option.click();
    // The last item stays on screen: wait until the page has its answer saved, then leave.
    await expect.poll(() => option.getAttribute('aria-checked')).toBe('true');
    // Saved once no busy question is left: the page may already have moved on to the review.
    await expect.poll(() => phone.locator('[role="radiogroup"][aria-busy="true"]').count()).toBe(0);
    await phone.context().close();
    const elapsed = await bellRises(clinician.page, 1, answeredAt);
    console.log(`clinic: bell rose ${elapsed} ms after EPDS item 10 was answered`);
    expect(elapsed).toBeLessThan(1_000);

    await api('station.stop', {});
    await checkWorklistAndFile(
      clinician.page,
      server,
      { id: woman!.id, name: '何晓梅' },
      { level: '危急（当日评估）', reason: 'EPDS 第10题阳性（自伤念头）' },
    );
    expect(clinician.problems).toEqual([]);
  });
});
