import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ApiInput, ApiMethod } from '../../shared/api/contract';
import { callApi } from './helpers/api';
import { labPcPost } from './helpers/station';
import { launchChromium } from './helpers/browser';
import { see, seeText, textBecomes } from './helpers/page';
import { answerByKey } from './helpers/questionnaire';
import { ensureBuilt, startServer, type RunningServer } from './helpers/server';

// A computer-lab lesson as the "done when" tells it: the teacher starts a station, thirty
// lab PCs complete PHQ-9 + GAD-7 at once, the live board fills in, one student's item 9 raises
// the red alert, and afterwards every result stands levelled in the register. Twenty-nine PCs are
// simulated by clients speaking the station page's own endpoints; the thirtieth is a real
// browser, the one whose student answers item 9.

const PASSWORD = 'anxin-e2e-pass';
const BIRTH = '2011-09-01';
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴'];
const GIVEN = ['一', '二', '三'];
const STUDENTS = SURNAMES.flatMap((s, i) =>
  GIVEN.map((g, j) => ({
    studentNo: `2026${String(i * 3 + j + 1).padStart(3, '0')}`,
    name: `${s}${g}`,
    className: `${j + 1}班`,
  })),
);
const PHQ9 = ['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7', 'q8', 'q9'];
const GAD7 = ['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7'];

/**
 * The simulated PCs' answers, by position in the roster (the real browser is position 0):
 * 1–4 PHQ-9 total 16 (orange), 5–10 PHQ-9 total 10 (yellow), the rest nothing (green).
 */
function phq9Value(position: number, item: number): number {
  if (item === 8) return 0;
  if (position <= 4) return 2;
  if (position <= 10) return item < 5 ? 2 : 0;
  return 0;
}
const EXPECTED_LEVELS = { red: 1, orange: 4, yellow: 6, green: 19 };

let dataDir: string;
let server: RunningServer;
let browser: Browser;
let campaignId = 0;

const api = <M extends ApiMethod>(method: M, input: ApiInput<M>) => callApi(server, method, input);

/** One simulated lab PC: the same requests, in the same order, as the station page makes. */
class LabPc {
  private token = '';
  constructor(
    private readonly base: string,
    private readonly position: number,
  ) {}

  private post(route: string, body: object): Promise<Record<string, unknown>> {
    return labPcPost(this.base, this.position, route, body);
  }

  async signIn(stationCode: string): Promise<void> {
    const student = STUDENTS[this.position]!;
    const session = await this.post('identify', {
      stationCode,
      studentNo: student.studentNo,
      birthDate: BIRTH,
      seat: `B-${String(this.position).padStart(2, '0')}`,
    });
    this.token = session.token as string;
    await this.post('consent', { token: this.token, accept: true });
  }

  async answer(instrumentId: string, itemIds: readonly string[], value: (item: number) => number) {
    for (const [i, itemId] of itemIds.entries())
      await this.post('answer', { token: this.token, instrumentId, itemId, value: value(i) });
  }

  async finish(): Promise<string> {
    await this.answer('GAD-7', GAD7, () => 0);
    return (await this.post('submit', { token: this.token })).status as string;
  }
}

beforeAll(async () => {
  ensureBuilt();
  dataDir = mkdtempSync(join(tmpdir(), 'anxin-e2e-lab-'));
  [server, browser] = await Promise.all([startServer(dataDir), launchChromium()]);
  await api('auth.setup', {
    orgType: 'school',
    orgName: '安心市第二中学',
    username: 'admin',
    displayName: '周老师',
    password: PASSWORD,
  });
  for (const s of STUDENTS) await api('students.add', { ...s, sex: 'F', birthDate: BIRTH, grade: '八年级' });
  ({ id: campaignId } = await api('campaigns.create', {
    name: '八年级心理健康普测',
    programme: 'school',
    signIn: 'student_no_birth_code',
    startsOn: '2026-11-01',
    endsOn: '2027-01-31',
    targets: [{ grades: ['八年级'], battery: ['PHQ-9', 'GAD-7'] }],
  }));
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('a computer-lab lesson with thirty PCs', () => {
  test('the board fills in, one red alert comes up, and every result is levelled in the register', async () => {
    const teacher = await (
      await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } })
    ).newPage();
    const problems: string[] = [];
    teacher.on('pageerror', (e) => problems.push(e.message));
    await teacher.goto(`${server.url}#/app/campaigns/${campaignId}/board`);
    await see(teacher.getByTestId('live-board'));
    await teacher.getByTestId('station-host').selectOption('127.0.0.1');
    await teacher.getByTestId('station-start').click();
    const url = (await teacher.getByTestId('station-url').textContent({ timeout: 15_000 }))!.trim();
    const code = (await teacher.getByTestId('station-code').textContent())!.trim();
    const summary = teacher.getByTestId('board-summary');
    await seeText(summary, '已完成 0 / 30 人');

    // Twenty-nine lab PCs sign in together and work through PHQ-9.
    const pcs = STUDENTS.slice(1).map((_, i) => new LabPc(url, i + 1));
    await Promise.all(pcs.map((pc) => pc.signIn(code)));
    await Promise.all(pcs.map((pc, i) => pc.answer('PHQ-9', PHQ9, (item) => phq9Value(i + 1, item))));
    await seeText(summary, '作答中 29 人', 30_000);

    // The thirtieth PC is a real browser; its student answers item 9 with "several days".
    const lab = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
    await lab.goto(url);
    await seeText(lab.getByTestId('station-app'), '安心市第二中学 · 八年级心理健康普测');
    await lab.getByTestId('station-code-input').fill(code);
    await lab.getByTestId('station-seat').fill('C-01');
    await lab.getByTestId('station-number').fill(STUDENTS[0]!.studentNo);
    await lab.getByTestId('station-birth').fill(BIRTH);
    await lab.getByTestId('station-start').click();
    await lab.getByTestId('rs-accept').click();
    for (let i = 0; i < 8; i++) await answerByKey(lab, 1);
    await answerByKey(lab, 2);
    const banner = teacher.getByTestId('board-alerts');
    await see(banner, 30_000);
    await seeText(banner, '王一');
    await seeText(banner, '八年级 1班');
    await seeText(banner, '座位 C-01');
    expect(await teacher.getByTestId('alert-item').count()).toBe(1);

    // Everyone finishes; the board counts thirty done and still shows the one alert.
    const finished = Promise.all(pcs.map((pc) => pc.finish()));
    for (let i = 0; i < 8; i++) await answerByKey(lab, 1);
    await lab.getByTestId('rs-submit').click();
    await see(lab.getByTestId('rs-thanks'));
    expect(new Set(await finished)).toEqual(new Set(['submitted']));
    await seeText(summary, '已完成 30 / 30 人', 30_000);
    expect(await teacher.locator('[data-testid="tile-person"][data-status="done"]').count()).toBe(30);
    expect(await teacher.getByTestId('alert-item').count()).toBe(1);
    // 我已到场 records who went; the alert stays listed until the safety check on the case.
    await banner.getByTestId('alert-arrive').click();
    await seeText(banner.getByTestId('alert-arrived'), '已到场：周老师');
    expect(await banner.getByTestId('alert-item').count()).toBe(1);
    await teacher.getByTestId('station-stop').click();
    await teacher.getByRole('button', { name: '确定停止' }).click();
    await see(teacher.getByTestId('station-start'), 30_000);

    // The register: filtered by level, the counts are those the answers call for.
    await teacher.goto(`${server.url}#/app/students`);
    const count = teacher.getByTestId('student-count');
    await textBecomes(count, '共 30 名学生');
    for (const [level, n] of Object.entries(EXPECTED_LEVELS)) {
      await teacher.getByTestId('level-filter').selectOption(level);
      await textBecomes(count, `找到 ${n} 名学生（共 30 名）`);
    }
    await teacher.getByTestId('level-filter').selectOption('red');
    await seeText(teacher.getByTestId('student-row'), '王一');
    expect(await teacher.locator('[data-testid="student-row"] [data-level="red"]').count()).toBe(1);
    expect(problems).toEqual([]);
  }, 180_000);
});
