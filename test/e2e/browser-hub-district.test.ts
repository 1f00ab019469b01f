import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ApiInput, ApiMethod } from '../../shared/api/contract';
import { addDays, todayIso } from '../../shared/people/date';
import { idCheckChar } from '../../shared/people/id-number';
import { callApi } from './helpers/api';
import { launchChromium, watchedPage } from './helpers/browser';
import { serveHub } from './helpers/hub-server';
import { see, seeText } from './helpers/page';
import { ensureBuilt, projectRoot, startServer } from './helpers/server';

// Issue 16, done when: two school installations and one clinic enrol, screen and report by file;
// the supervisor logs into the hub and sees the sums of their figures, the school with an
// overdue safety check first, and a drill-down without names (with names where the agreement
// allows). Everything is the built app: `anxin hub init/invite/serve`, three `anxin serve`
// installations set up through their API, `anxin enrol` and `anxin report bundle`, and the hub's
// pages in Chromium. 第一中学 screens "three days ago" (a test-only clock shift of its server
// process), so the safety check its critical answer raised is overdue when it reports today.

const PASSWORD = 'anxin-e2e-hub-pass';
const TODAY = todayIso();
const cli = join(projectRoot, 'dist/cli.js');
const shiftClock = join(projectRoot, 'test/e2e/helpers/shift-clock.mjs');
const zeros = (n: number) => Array<number>(n).fill(0);
const RED_ITEM9 = [1, 1, 1, 1, 1, 1, 1, 1, 1];
const ORANGE = [2, 2, 2, 2, 2, 2, 2, 2, 0];

let work: string;
let browser: Browser;

function anxin(args: string[], env: Record<string, string> = {}): unknown {
  const result = spawnSync(process.execPath, [cli, ...args, '--json'], {
    cwd: projectRoot,
    env: { ...process.env, ANXIN_PASSWORD: PASSWORD, ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (result.status !== 0)
    throw new Error(`anxin ${args.join(' ')} failed: ${result.stdout}${result.stderr}`);
  return JSON.parse(result.stdout) as unknown;
}

interface School {
  name: string;
  students: { name: string; grade: string; className: string; phq: number[] | null }[];
  shiftDays?: number;
}

/** A school installation: set up, roster, one campaign, sheets answered (optionally days ago). */
async function screenSchool(dir: string, school: School): Promise<void> {
  const env: Record<string, string> = school.shiftDays
    ? { NODE_OPTIONS: `--import ${shiftClock}`, ANXIN_TEST_SHIFT_DAYS: String(school.shiftDays) }
    : {};
  const server = await startServer(dir, 30_000, env);
  const api = <M extends ApiMethod>(method: M, input: ApiInput<M>) => callApi(server, method, input);
  const today = addDays(TODAY, school.shiftDays ?? 0);
  try {
    await api('auth.setup', {
      orgType: 'school',
      orgName: school.name,
      username: 'admin',
      displayName: '心理老师',
      password: PASSWORD,
    });
    const ids = new Map<string, number>();
    for (const [i, { phq: _phq, ...s }] of school.students.entries())
      ids.set(s.name, (await api('students.add', { ...s, studentNo: `2026${String(i).padStart(4, '0')}`, sex: 'F', birthDate: '2011-03-05' })).id); // prettier-ignore
    const campaign = await api('campaigns.create', {
      name: '秋季心理普测',
      programme: 'school',
      startsOn: today,
      endsOn: addDays(today, 10),
      targets: [{ battery: ['PHQ-9', 'GAD-7'] }],
    });
    for (const s of school.students) {
      if (!s.phq) continue;
      const sheet = await api('screening.start', { campaignId: campaign.id, personId: ids.get(s.name)!, mode: 'kiosk' }); // prettier-ignore
      for (const [instrumentId, values] of Object.entries({ 'PHQ-9': s.phq, 'GAD-7': zeros(7) }))
        for (const [i, value] of values.entries())
          await api('screening.saveAnswer', { screeningId: sheet.screeningId, instrumentId, itemId: `q${i + 1}`, value }); // prettier-ignore
      await api('screening.submit', { screeningId: sheet.screeningId });
    }
  } finally {
    await server.stop();
  }
}

const womanId = (birth: string, seq: number) => {
  const first17 = `510421${birth.replaceAll('-', '')}${String(seq).padStart(2, '0')}2`;
  return first17 + idCheckChar(first17);
};

/** A township clinic: two women at mid pregnancy, one screens EPDS-positive. */
async function screenClinic(dir: string): Promise<void> {
  const server = await startServer(dir, 30_000);
  const api = <M extends ApiMethod>(method: M, input: ApiInput<M>) => callApi(server, method, input);
  try {
    await api('auth.setup', {
      orgType: 'maternal',
      orgName: '城关镇卫生院',
      username: 'admin',
      displayName: '陈医生',
      password: PASSWORD,
    });
    const lmp = addDays(TODAY, -20 * 7);
    const ids: number[] = [];
    for (const [i, name] of ['何静', '周敏'].entries()) {
      const added = await api('people.add', {
        kind: 'woman',
        values: {
          name,
          idNumber: womanId('1994-02-11', i + 1),
          handbookNo: `HB-${i + 1}`,
          lmp,
          township: '城关镇',
        },
      });
      if (!added.created) throw new Error(JSON.stringify(added.issues));
      ids.push(added.personId);
    }
    const campaign = await api('campaigns.create', {
      name: '孕中期筛查',
      programme: 'perinatal',
      startsOn: addDays(TODAY, -1),
      endsOn: addDays(TODAY, 30),
      targets: [{ timePoints: ['mid'], battery: ['EPDS'] }],
    });
    const epds = [[3, 3, 3, 3, 3, 3, 3, 3, 3, 0], zeros(10)];
    for (const [i, personId] of ids.entries()) {
      const sheet = await api('screening.start', { campaignId: campaign.id, personId, mode: 'kiosk' });
      for (const [j, value] of epds[i]!.entries())
        await api('screening.saveAnswer', { screeningId: sheet.screeningId, instrumentId: 'EPDS', itemId: `q${j + 1}`, value }); // prettier-ignore
      await api('screening.submit', { screeningId: sheet.screeningId });
    }
  } finally {
    await server.stop();
  }
}

const FIRST: School = {
  name: '第一中学',
  shiftDays: -3,
  students: [
    { name: '张三', grade: '七年级', className: '1班', phq: RED_ITEM9 },
    { name: '李四', grade: '七年级', className: '1班', phq: zeros(9) },
    { name: '王五', grade: '七年级', className: '2班', phq: ORANGE },
  ],
};
const SECOND: School = {
  name: '第二中学',
  students: [
    { name: '赵六', grade: '八年级', className: '1班', phq: RED_ITEM9 },
    { name: '钱七', grade: '八年级', className: '1班', phq: ORANGE },
    { name: '孙八', grade: '八年级', className: '2班', phq: zeros(9) },
    { name: '周九', grade: '八年级', className: '2班', phq: null },
  ],
};

let hubDir: string;
const reports: string[] = [];

beforeAll(async () => {
  ensureBuilt();
  work = mkdtempSync(join(tmpdir(), 'anxin-e2e-hub-'));
  const launching = launchChromium();
  hubDir = join(work, 'hub');
  anxin(['hub', 'init', '--data-dir', hubDir, '--name', '安心县']);
  const invite = (name: string, programme: string, township: string, extra: string[] = []) => {
    const out = join(work, `${name}.anxin-invite`);
    anxin(['hub', 'invite', '--data-dir', hubDir, '--installation', name, '--programme', programme, '--township', township, '--out', out, ...extra]); // prettier-ignore
    return out;
  };
  const installations = [
    { dir: join(work, 'first'), invite: invite('第一中学', 'school', '城关镇') },
    { dir: join(work, 'second'), invite: invite('第二中学', 'school', '河西镇', ['--share-names']) },
    { dir: join(work, 'clinic'), invite: invite('城关镇卫生院', 'perinatal', '城关镇') },
  ];
  await screenSchool(installations[0]!.dir, FIRST);
  await screenSchool(installations[1]!.dir, SECOND);
  await screenClinic(installations[2]!.dir);
  for (const [i, inst] of installations.entries()) {
    anxin(['enrol', '--data-dir', inst.dir, '--invite', inst.invite]);
    const out = join(work, `report-${i}.anxinreport`);
    anxin(['report', 'bundle', '--data-dir', inst.dir, '--out', out]);
    reports.push(out);
  }
  browser = await launching;
}, 600_000);

afterAll(async () => {
  await browser?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the district hub', () => {
  test('three installations report by file; the supervisor sees the sums, the overdue school first, and drills down', async () => {
    const hub = await serveHub(hubDir);
    try {
      const { page, problems } = await watchedPage(browser, { width: 1440, timeout: 15_000 });
      await page.goto(hub.url);
      await see(page.getByTestId('hub-login'));
      await page.getByRole('textbox', { name: '用户名' }).fill('admin');
      await page.locator('input[type=password]').fill(PASSWORD);
      await page.getByRole('button', { name: '登录' }).click();
      await see(page.getByTestId('hub-totals'));

      // Reported by file: the three bundles go through the upload page.
      await page.getByTestId('nav-upload').click();
      await page.getByTestId('bundle-files').setInputFiles(reports);
      await page.getByTestId('upload-submit').click();
      await seeText(page.getByTestId('upload-summary'), '导入 3 个，未变化 0 个，拒收 0 个');

      // The sums of their figures: schools 3 + 4 due, 3 + 3 screened; the clinic 2 due, 2 screened.
      await page.getByTestId('nav-dashboard').click();
      const school = page.getByTestId('hub-totals-school');
      const clinic = page.getByTestId('hub-totals-perinatal');
      await expect.poll(() => school.getByTestId('total-expected').textContent()).toBe('应测7');
      await expect.poll(() => school.getByTestId('total-screened').textContent()).toBe('实测6');
      await expect.poll(() => school.getByTestId('level-red').textContent()).toBe('2');
      await expect.poll(() => school.getByTestId('level-orange').textContent()).toBe('2');
      await expect.poll(() => school.getByTestId('level-green').textContent()).toBe('2');
      await seeText(school.getByTestId('total-overdue-safety'), '1');
      await expect.poll(() => clinic.getByTestId('total-expected').textContent()).toBe('应筛2');
      await expect.poll(() => clinic.getByTestId('total-screened').textContent()).toBe('已筛2');
      await expect.poll(() => clinic.getByTestId('level-positive').textContent()).toBe('1');

      // 第一中学's safety check fell due three days ago: it is listed first.
      const rows = page.getByTestId('hub-installation');
      await expect.poll(() => rows.count()).toBe(3);
      expect(await rows.nth(0).getAttribute('data-installation')).toBe('第一中学');
      expect(await rows.nth(0).getAttribute('data-overdue')).toBe('1');

      // Drill-down without names (第一中学's default agreement) …
      await rows.filter({ hasText: '第一中学' }).getByTestId('open-cases').click();
      await see(page.getByTestId('hub-cases'));
      await expect.poll(() => page.getByTestId('hub-case').count()).toBe(2);
      expect(await page.getByTestId('hub-case').nth(0).getAttribute('data-overdue')).toBe('true');
      const unnamed = (await page.getByTestId('hub-cases').textContent()) ?? '';
      for (const name of ['张三', '王五', '李四']) expect(unnamed).not.toContain(name);
      // The next actions in the district's language (首次联系), the safety check's own column overdue; no task key shows.
      expect(unnamed).toContain('首次联系');
      expect(unnamed).toContain(`逾期：${addDays(TODAY, -3)}`);
      expect(unnamed).not.toMatch(/[a-z]+_[a-z]+/);
      expect(
        await page.getByTestId('hub-case-table').getByRole('columnheader', { name: '姓名' }).count(),
      ).toBe(0);

      // … and with names where the agreement allows (第二中学: red and orange open cases only).
      await page.getByTestId('back').click();
      await rows.filter({ hasText: '第二中学' }).getByTestId('open-cases').click();
      await see(page.getByTestId('hub-case-table').getByRole('columnheader', { name: '姓名' }));
      await seeText(page.getByTestId('hub-case-table'), '赵六');
      await seeText(page.getByTestId('hub-case-table'), '钱七');
      const named = (await page.getByTestId('hub-cases').textContent()) ?? '';
      for (const name of ['孙八', '周九']) expect(named).not.toContain(name);
      expect(problems).toEqual([]);
    } finally {
      hub.child.kill('SIGTERM');
    }
  }, 180_000);
});
