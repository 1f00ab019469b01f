import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { initHub } from '../../electron/hub/services/hub';
import { inviteInstallation, type InviteInput } from '../../electron/hub/services/invite';
import { readHubKeys } from '../../electron/hub/services/keys';
import { openHubDb } from '../../electron/hub/store';
import { BUNDLE_FORMAT, type BundlePayload } from '../../shared/hub/bundle';
import { inviteSchema } from '../../shared/hub/invite';
import {
  pseudonym,
  schoolPayload,
  sealPayload,
  syntheticInstallation,
  type SchoolShape,
  type SyntheticInstallation,
} from '../helpers/hub-bundles';
import { launchChromium, watchedPage } from './helpers/browser';
import { serveHub } from './helpers/hub-server';
import { see, seeText } from './helpers/page';
import { ensureBuilt, projectRoot } from './helpers/server';

// Issue 16 in a real browser: a county hub with three schools and a township clinic that reported
// by synthetic bundles (three pushed over HTTP, one uploaded on the page). The supervisor logs in,
// sees the sums of their figures (schools and clinic apart, each in its own words) with the school
// whose safety check is overdue first, and drills down: pseudonyms only, names only where that
// school's agreement shares them. Then the administrator's pages, the report, and a viewer.

const PASSWORD = 'county-hub-pass';
const SHOTS = join(projectRoot, 'test-results');
const HUB_NAME = '示例县心理健康教育指导中心';
const SHAPE: SchoolShape = {
  grades: 1,
  classesPerGrade: 2,
  studentsPerClass: 20,
  campaigns: 1,
  caseShare: 0.5,
};

interface School {
  name: string;
  inst: SyntheticInstallation;
  payload: BundlePayload;
  file: Buffer;
}

let dataDir: string;
let hub: { child: ChildProcess; url: string; port: number };
let browser: Browser;
let page: Page;
let problems: string[] = [];
const schools: School[] = [];
let clinicSite: School;

async function push(file: Buffer): Promise<unknown> {
  const response = await fetch(`http://127.0.0.1:${hub.port}/hub/api/bundles`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/octet-stream' },
    body: file,
  });
  return response.json();
}

/** A township clinic's snapshot (time points × month), written by hand: the helpers make schools only. */
function clinicPayload(inst: SyntheticInstallation): BundlePayload {
  const createdAt = new Date().toISOString();
  const today = createdAt.slice(0, 10);
  const aggregates = ['early', 'mid'].map((timePoint) => ({
    key: `2026-10|${timePoint}|北山镇`,
    campaign: null,
    grade: null,
    className: null,
    timePoint,
    township: '北山镇',
    month: '2026-10',
    expected: 30,
    screened: 27,
    declined: 1,
    levels: { critical: 1, positive: 4, negative: 22 },
    critical: 1,
    referred: 5,
    attended: 4,
  }));
  const cases = Array.from({ length: 4 }, (_, i) => ({
    ref: pseudonym(`${inst.invite.installationId}|c|${i}`),
    person: pseudonym(`${inst.invite.installationId}|p|${i}`),
    status: 'open' as const,
    level: i === 0 ? 'critical' : 'positive',
    purple: false,
    reasons: [],
    openedOn: '2026-10-08',
    endedOn: null,
    tasks: [{ kind: 'follow_up', dueOn: today }],
    referral: 'referred' as const,
    outcome: null,
  }));
  return {
    format: BUNDLE_FORMAT,
    bundleId: randomUUID(),
    hubId: inst.invite.hubId,
    installationId: inst.invite.installationId,
    sequence: ++inst.sequence,
    createdAt,
    agreement: inst.invite.agreement,
    installation: { name: inst.invite.installationName, township: inst.invite.township },
    levels: [
      { id: 'critical', name: { zh: '危急', en: 'Critical' }, colour: '#B42318' },
      { id: 'positive', name: { zh: '阳性', en: 'Positive' }, colour: '#F57C00' },
      { id: 'negative', name: { zh: '阴性', en: 'Negative' }, colour: '#388E3C' },
    ],
    people: 64,
    aggregates,
    cases,
  };
}

const sum = (payload: BundlePayload, key: 'expected' | 'screened') =>
  payload.aggregates.reduce((n, a) => n + a[key], 0);

beforeAll(async () => {
  ensureBuilt();
  dataDir = mkdtempSync(join(tmpdir(), 'anxin-e2e-hub-'));
  // The hub is made by the real services (as `anxin hub init` and `anxin hub invite` do), then
  // closed, so the server process opens its embedded database alone.
  const db = await openHubDb({ dataDir });
  await initHub(db, dataDir, { name: HUB_NAME, adminUsername: 'admin', adminPassword: PASSWORD });
  const keys = readHubKeys(dataDir)!;
  const plan: { name: string; invite: Partial<InviteInput>; shape: SchoolShape }[] = [
    { name: '第一中学', invite: { township: '东城镇' }, shape: { ...SHAPE, overdueSafetyChecks: 1 } },
    {
      name: '第二中学',
      invite: { township: '西城镇', shareNames: true },
      shape: { ...SHAPE, withNames: true },
    },
    { name: '第三中学', invite: { township: '东城镇' }, shape: SHAPE },
  ];
  for (const p of plan) {
    const invite = await inviteInstallation(
      db,
      keys,
      { name: p.name, programme: 'school', shareNames: false, ...p.invite },
      'cli:admin',
    );
    const inst = syntheticInstallation(invite);
    const payload = schoolPayload(inst, p.shape);
    schools.push({ name: p.name, inst, payload, file: sealPayload(inst, payload) });
  }
  const clinicInvite = await inviteInstallation(
    db,
    keys,
    { name: '北山镇卫生院', programme: 'perinatal', township: '北山镇', shareNames: false },
    'cli:admin',
  );
  const clinicInst = syntheticInstallation(clinicInvite);
  const clinic = clinicPayload(clinicInst);
  clinicSite = {
    name: '北山镇卫生院',
    inst: clinicInst,
    payload: clinic,
    file: sealPayload(clinicInst, clinic),
  };
  await db.close();
  [hub, browser] = await Promise.all([serveHub(dataDir), launchChromium()]);
  // Two schools push over the network; the third comes by USB stick (the upload page, below).
  expect(await push(schools[0]!.file)).toMatchObject({ status: 'accepted' });
  expect(await push(schools[1]!.file)).toMatchObject({ status: 'accepted' });
  expect(await push(clinicSite.file)).toMatchObject({ status: 'accepted' });
  const watched = await watchedPage(browser, { width: 1440, height: 1000, timeout: 20_000 });
  page = watched.page;
  problems = watched.problems;
}, 300_000);

afterAll(async () => {
  await browser?.close();
  if (hub?.child.exitCode === null) {
    const exited = new Promise((r) => hub.child.once('exit', r));
    hub.child.kill('SIGTERM');
    await exited;
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('the district hub in a browser', () => {
  test('the supervisor logs in', async () => {
    await page.goto(hub.url);
    await see(page.getByTestId('hub-login'));
    await seeText(page.getByTestId('hub-login'), HUB_NAME);
    await page.getByRole('textbox', { name: '用户名' }).fill('admin');
    await page.locator('input[type=password]').fill('wrong password');
    await page.getByRole('button', { name: '登录' }).click();
    await seeText(page.getByTestId('hub-error'), '用户名或密码错误');
    await page.locator('input[type=password]').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await see(page.getByTestId('hub-totals'));
    await seeText(page.getByTestId('hub-me'), '区县管理员');
  }, 60_000);

  test('the upload page imports a bundle file and words a refusal', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'anxin-e2e-hub-files-'));
    const good = join(dir, '第三中学.anxin-report');
    const envelope = JSON.parse(schools[1]!.file.toString('utf8')) as { ciphertext: string };
    const bytes = Buffer.from(envelope.ciphertext, 'base64');
    bytes[10]! ^= 0x01;
    envelope.ciphertext = bytes.toString('base64');
    const bad = join(dir, '被改动.anxin-report');
    writeFileSync(good, schools[2]!.file);
    writeFileSync(bad, JSON.stringify(envelope));
    await page.getByTestId('nav-upload').click();
    await page.getByTestId('bundle-files').setInputFiles([good, bad]);
    await page.getByTestId('upload-submit').click();
    await seeText(page.getByTestId('upload-summary'), '导入 1 个，未变化 0 个，拒收 1 个');
    const rows = page.getByTestId('upload-result');
    await expect.poll(() => rows.count()).toBe(2);
    await expect.poll(() => rows.nth(0).getAttribute('data-status')).toBe('accepted');
    await seeText(rows.nth(0), '第三中学');
    await seeText(rows.nth(1), '文件在传递中被改动，已拒收。');
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  test('the dashboard sums the schools and the clinic apart, with the overdue safety check first', async () => {
    await page.getByTestId('nav-dashboard').click();
    const school = page.getByTestId('hub-totals-school');
    const clinic = page.getByTestId('hub-totals-perinatal');
    await see(school);
    const expected = schools.reduce((n, s) => n + sum(s.payload, 'expected'), 0);
    const screened = schools.reduce((n, s) => n + sum(s.payload, 'screened'), 0);
    expect(expected).toBe(120);
    await expect.poll(() => school.getByTestId('total-expected').textContent()).toBe(`应测${expected}`);
    await expect.poll(() => school.getByTestId('total-screened').textContent()).toBe(`实测${screened}`);
    await seeText(school.getByTestId('total-rate'), `参测率${((screened / expected) * 100).toFixed(1)}%`);
    await seeText(school.getByTestId('total-overdue-safety'), '1');
    const red = schools.reduce(
      (n, s) => n + s.payload.aggregates.reduce((m, a) => m + (a.levels.red ?? 0), 0),
      0,
    );
    await expect.poll(() => school.getByTestId('level-red').textContent()).toBe(String(red));
    // The clinic's women are counted in its own words, never added to the schools' student-times.
    await expect.poll(() => clinic.getByTestId('total-expected').textContent()).toBe('应筛60');
    await expect.poll(() => clinic.getByTestId('total-screened').textContent()).toBe('已筛54');
    await seeText(clinic.getByTestId('total-rate'), '筛查率90.0%');
    await seeText(clinic.getByTestId('total-attendance'), '到位率80.0%');
    await expect.poll(() => clinic.getByTestId('level-positive').textContent()).toBe('8');
    // The county's own sentence, as in the district report.
    await seeText(page.getByTestId('hub-paragraph'), `全县学校共筛查${screened}人次`);

    const rows = page.getByTestId('hub-installation');
    await expect.poll(() => rows.count()).toBe(4);
    expect(await rows.nth(0).getAttribute('data-installation')).toBe('第一中学');
    expect(await rows.nth(0).getAttribute('data-overdue')).toBe('1');
    // The township filter narrows to 东城镇's two schools.
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, 'hub-dashboard.png'), fullPage: true });
    await page.getByTestId('township-filter').selectOption('东城镇');
    await expect.poll(() => rows.count()).toBe(2);
    await expect
      .poll(() => school.getByTestId('total-expected').textContent())
      .toBe(`应测${sum(schools[0]!.payload, 'expected') + sum(schools[2]!.payload, 'expected')}`);
    await page.getByTestId('township-filter').selectOption('');
    await expect.poll(() => rows.count()).toBe(4);
    expect(problems).toEqual([]);
  }, 60_000);

  test('the drill-down shows pseudonyms, and names only where the agreement shares them', async () => {
    const rows = page.getByTestId('hub-installation');
    await rows.filter({ hasText: '第一中学' }).getByTestId('open-cases').click();
    await see(page.getByTestId('hub-cases'));
    const cases = page.getByTestId('hub-case');
    await expect.poll(() => cases.count()).toBe(schools[0]!.payload.cases.length);
    expect(await page.getByTestId('hub-case-table').getByRole('columnheader', { name: '姓名' }).count()).toBe(
      0,
    );
    const text = (await page.getByTestId('hub-cases').textContent()) ?? '';
    expect(text).toContain(schools[0]!.payload.cases[0]!.ref);
    expect(text).not.toMatch(/学生\d/);
    // The overdue safety check comes first, marked.
    expect(await cases.nth(0).getAttribute('data-overdue')).toBe('true');

    await page.getByTestId('back').click();
    await rows.filter({ hasText: '第二中学' }).getByTestId('open-cases').click();
    await see(page.getByTestId('hub-cases'));
    await seeText(page.getByTestId('hub-cases'), '此机构的协议允许上报高风险人员姓名');
    await see(page.getByTestId('hub-case-table').getByRole('columnheader', { name: '姓名' }));
    const named = schools[1]!.payload.cases.filter((c) => c.name);
    expect(named.length).toBeGreaterThan(0);
    await seeText(page.getByTestId('hub-case-table'), named[0]!.name!);
    await page.screenshot({ path: join(SHOTS, 'hub-cases-named.png'), fullPage: true });
    expect(problems).toEqual([]);
  }, 60_000);

  test('the language switch turns the pages to English', async () => {
    await page.getByTestId('back').click();
    await page.getByRole('button', { name: 'English' }).click();
    await seeText(page.getByTestId('hub-totals'), 'Totals');
    await seeText(page.getByTestId('nav-upload'), 'Upload report files');
    await page.getByRole('button', { name: '中文' }).click();
    await seeText(page.getByTestId('hub-totals'), '汇总');
  }, 60_000);

  test('logging out ends the session', async () => {
    await page.getByTestId('logout').click();
    await see(page.getByTestId('hub-login'));
    await page.reload();
    await see(page.getByTestId('hub-login'));
  }, 60_000);

  test('the administrator invites an installation (its file downloads), revokes one, and adds a viewer', async () => {
    await page.getByRole('textbox', { name: '用户名' }).fill('admin');
    await page.locator('input[type=password]').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await see(page.getByTestId('hub-totals'));

    await page.getByTestId('nav-installations').click();
    await see(page.getByTestId('hub-invite'));
    await page.getByRole('textbox', { name: '机构名称' }).fill('南山中学');
    await page.getByRole('textbox', { name: '乡镇/街道（可选）' }).fill('南山镇');
    await page
      .getByRole('textbox', { name: '上报地址（可选）' })
      .fill('https://hub.county.example/hub/api/bundles');
    await page.getByRole('switch').check();
    const downloading = page.waitForEvent('download');
    await page.getByTestId('invite-submit').click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('南山中学.anxin-invite.json');
    const invite = inviteSchema.parse(JSON.parse(readFileSync((await download.path())!, 'utf8')));
    expect(invite).toMatchObject({
      installationName: '南山中学',
      township: '南山镇',
      agreement: { names: true },
      uploadUrl: 'https://hub.county.example/hub/api/bundles',
    });
    await seeText(page.getByTestId('hub-notice'), '南山中学');
    const items = page.getByTestId('hub-installation-item');
    await expect
      .poll(() => items.filter({ hasText: '南山中学' }).getAttribute('data-status'))
      .toBe('invited');

    await items.filter({ hasText: '第三中学' }).getByTestId('revoke').click();
    await page.getByRole('dialog').getByRole('button', { name: '撤销接入' }).click();
    await expect
      .poll(() => items.filter({ hasText: '第三中学' }).getAttribute('data-status'))
      .toBe('revoked');
    // Its bundle is refused from now on, with its reason.
    expect(await push(schools[2]!.file)).toMatchObject({ status: 'rejected', reason: 'revoked' });

    await page.getByTestId('nav-users').click();
    await see(page.getByTestId('hub-user-add'));
    await page.getByRole('textbox', { name: '用户名' }).fill('viewer1');
    await page.getByRole('textbox', { name: '姓名' }).fill('王科长');
    await page.getByRole('combobox', { name: '角色' }).selectOption('viewer');
    await page.locator('input[type=password]').fill('viewer-password-1');
    await page.getByTestId('user-submit').click();
    await seeText(page.getByTestId('hub-notice'), 'viewer1');
    await seeText(page.getByTestId('hub-users'), '王科长');
    await page.getByTestId('audit-verify').click();
    await seeText(page.getByTestId('audit-result'), '审计链完整');
    expect(problems).toEqual([]);
  }, 90_000);

  test('the district report downloads as a workbook; the invited school shows as not yet reporting', async () => {
    await page.getByTestId('nav-dashboard').click();
    await see(page.getByTestId('hub-totals'));
    await seeText(page.getByTestId('hub-stale'), '南山中学');
    const downloading = page.waitForEvent('download');
    await page.getByTestId('report-xlsx').click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^district-report-\d{4}-\d{2}-\d{2}\.xlsx$/);
    expect(
      readFileSync((await download.path())!)
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
    await page.getByTestId('logout').click();
    await see(page.getByTestId('hub-login'));
  }, 90_000);

  test('a viewer sees the figures but no case lists, uploads or administration', async () => {
    await page.getByRole('textbox', { name: '用户名' }).fill('viewer1');
    await page.locator('input[type=password]').fill('viewer-password-1');
    await page.getByRole('button', { name: '登录' }).click();
    await see(page.getByTestId('hub-totals'));
    await seeText(page.getByTestId('hub-me'), '只读查看');
    await expect.poll(() => page.getByTestId('hub-installation').count()).toBe(5);
    expect(await page.getByTestId('open-cases').count()).toBe(0);
    expect(await page.getByTestId('nav-upload').count()).toBe(0);
    expect(await page.getByTestId('nav-installations').count()).toBe(0);
    expect(await page.getByTestId('nav-users').count()).toBe(0);
    expect(problems).toEqual([]);
  }, 60_000);
});
