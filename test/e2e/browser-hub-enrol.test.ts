// 区县平台 in a school's settings, in Chromium: join with the hub's invitation file, read what is
// sent, click 上报, and open the downloaded file with the hub's private key.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { newHubKeys, newSecret, openBundle } from '../../electron/security/bundle-crypto';
import type { ApiInput, ApiMethod } from '../../shared/api/contract';
import { defaultAgreement } from '../../shared/hub/agreement';
import { bundlePayloadSchema, namesWithinAgreement } from '../../shared/hub/bundle';
import { INVITE_FORMAT, type HubInvite } from '../../shared/hub/invite';
import { todayIso } from '../../shared/people';
import { callApi } from './helpers/api';
import { launchChromium, watchedPage } from './helpers/browser';
import { see, seeText } from './helpers/page';
import { ensureBuilt, startServer, type RunningServer } from './helpers/server';

const PASSWORD = 'anxin-e2e-hub';
const TODAY = todayIso();
const zeros = (n: number) => Array<number>(n).fill(0);

let dataDir: string;
let server: RunningServer;
let browser: Browser;
const api = <M extends ApiMethod>(method: M, input: ApiInput<M>) => callApi(server, method, input);

const hubKeys = newHubKeys();
const invite: HubInvite = {
  format: INVITE_FORMAT,
  hubId: randomUUID(),
  hubName: '城关区心理健康教育指导中心',
  hubPublicKey: hubKeys.publicKey,
  installationId: randomUUID(),
  installationName: '城关第一中学',
  township: null,
  secret: newSecret(),
  agreement: defaultAgreement('school', true),
  uploadUrl: null,
  issuedAt: new Date().toISOString(),
};

beforeAll(async () => {
  ensureBuilt();
  dataDir = mkdtempSync(join(tmpdir(), 'anxin-e2e-hub-enrol-'));
  [server, browser] = await Promise.all([startServer(dataDir), launchChromium()]);
  await api('auth.setup', { orgType: 'school', orgName: '城关第一中学', username: 'admin', displayName: '李老师', password: PASSWORD }); // prettier-ignore
  const campaign = await api('campaigns.create', { name: '本学期心理普测', programme: 'school', startsOn: TODAY, endsOn: TODAY, targets: [{ battery: ['PHQ-9', 'GAD-7'] }] }); // prettier-ignore
  for (const [no, name, phq] of [
    ['1', '张三', [1, 1, 1, 1, 1, 1, 1, 1, 1]],
    ['2', '李四', zeros(9)],
  ] as const) {
    const { id } = await api('students.add', { studentNo: no, name, sex: 'F', birthDate: '2011-03-05', grade: '七年级', className: '1班' }); // prettier-ignore
    const sheet = await api('screening.start', { campaignId: campaign.id, personId: id, mode: 'kiosk' });
    for (const [instrumentId, values] of Object.entries({ 'PHQ-9': phq, 'GAD-7': zeros(7) }))
      for (const [i, value] of values.entries())
        await api('screening.saveAnswer', { screeningId: sheet.screeningId, instrumentId, itemId: `q${i + 1}`, value }); // prettier-ignore
    await api('screening.submit', { screeningId: sheet.screeningId });
  }
  await api('auth.logout', {});
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('区县平台 (district hub settings)', () => {
  test('join with the invitation file, see what is sent, 上报 downloads a bundle the hub opens', async () => {
    const { page, problems } = await watchedPage(browser, { timeout: 15_000 });
    await page.goto(server.url);
    const form = page.getByTestId('login-form');
    await form.getByLabel('用户名').fill('admin');
    await form.getByLabel('密码', { exact: true }).fill(PASSWORD);
    await form.getByRole('button', { name: '登录' }).click();
    await see(page.getByTestId('header-user'));

    await page.getByRole('link', { name: '区县平台' }).click();
    await see(page.getByTestId('hub-join'));
    const inviteFile = join(dataDir, '..', `城关第一中学-${Date.now()}.anxininvite`);
    writeFileSync(inviteFile, JSON.stringify(invite));
    await page.getByTestId('hub-invite-file').setInputFiles(inviteFile);
    await page.getByTestId('hub-join-button').click();

    await seeText(page.getByTestId('hub-name'), '城关区心理健康教育指导中心');
    await seeText(page.getByTestId('hub-installation'), '城关第一中学');
    await seeText(page.getByTestId('hub-last-report'), '尚未上报');
    await seeText(
      page.getByTestId('hub-agreement-names'),
      /红色预警（一级）、橙色预警（二级）的在管学生附带姓名和班级/,
    );
    const row = (kind: string) => page.locator(`[data-testid="hub-sent-row"][data-kind="${kind}"]`);
    await seeText(row('aggregate'), '汇总数据');
    expect(await row('aggregate').textContent()).toContain('应测人数');
    expect(await row('case').textContent()).toContain('个案化名');
    expect(await row('case').textContent()).not.toContain('姓名');
    expect((await row('aggregate').locator('td').last().textContent())?.trim()).toBe('1');
    expect((await row('case').locator('td').last().textContent())?.trim()).toBe('1');
    expect((await row('named').locator('td').last().textContent())?.trim()).toBe('1');

    const download = page.waitForEvent('download');
    await page.getByTestId('hub-report-button').click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`上报-城关第一中学-${TODAY.replaceAll('-', '')}.anxinreport`);
    const bytes = readFileSync((await file.path())!);
    const payload = bundlePayloadSchema.parse(JSON.parse(openBundle(bytes, hubKeys).payload));
    expect(namesWithinAgreement(payload)).toBe(true);
    expect(payload).toMatchObject({
      hubId: invite.hubId,
      installationId: invite.installationId,
      sequence: 1,
    });
    expect(payload.cases.map((c) => [c.level, c.name, c.className])).toEqual([['red', '张三', '1班']]);
    expect(payload.aggregates.map((a) => [a.className, a.expected, a.screened, a.levels])).toEqual([
      ['1班', 2, 2, { red: 1, green: 1 }],
    ]);
    await seeText(page.getByTestId('hub-last-report'), '第 1 份');
    await page.screenshot({ path: join(tmpdir(), 'anxin-hub-enrol.png'), fullPage: true });

    // The same page in English.
    await page.getByRole('button', { name: 'English' }).click();
    await seeText(page.getByTestId('hub-last-report'), 'report no. 1');
    await seeText(row('named'), 'Of which named');
    expect(problems).toEqual([]);
    rmSync(inviteFile, { force: true });
    await page.context().close();
  }, 90_000);
});
