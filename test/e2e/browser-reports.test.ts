import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ApiInput, ApiMethod } from '../../shared/api/contract';
import { addDays, todayIso } from '../../shared/people/date';
import { callApi } from './helpers/api';
import { launchChromium, watchedPage } from './helpers/browser';
import { see, seeText } from './helpers/page';
import { ensureBuilt, startServer, type RunningServer } from './helpers/server';

const PASSWORD = 'anxin-e2e-reports';
const SHOTS = process.env.ANXIN_SCREENSHOTS ?? tmpdir();
const TODAY = todayIso();

let browser: Browser;
let server: RunningServer;
const dir = mkdtempSync(join(tmpdir(), 'anxin-e2e-reports-'));

/** Set once the server runs. */
const api = <M extends ApiMethod>(method: M, input: ApiInput<M>) => callApi(server, method, input);

/** A paper sheet of PHQ-9, and GAD-7 when given, entered through the API. */
async function paper(personId: number, phq: number[], gad?: number[]) {
  const values: Record<string, number[]> = { 'PHQ-9': phq, ...(gad ? { 'GAD-7': gad } : {}) };
  const s = await api('screening.start', { personId, mode: 'paper', battery: Object.keys(values) });
  for (const [instrumentId, list] of Object.entries(values))
    for (const [i, value] of list.entries())
      await api('screening.saveAnswer', { screeningId: s.screeningId, instrumentId, itemId: `q${i + 1}`, value }); // prettier-ignore
  return api('screening.submit', { screeningId: s.screeningId });
}

/**
 * The PDF Chromium prints for the page (A4, the page's own @page size) as window.print() would:
 * the charts re-measure for paper on beforeprint. Returns how many pages it has; a page with no
 * font on it would be a blank sheet.
 */
async function pdfPages(page: Page, name: string): Promise<number> {
  await page.evaluate("window.dispatchEvent(new Event('beforeprint'))");
  const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
  await page.evaluate("window.dispatchEvent(new Event('afterprint'))");
  writeFileSync(join(SHOTS, name), pdf);
  const text = pdf.toString('latin1');
  expect(text).toMatch(/\/Type\s*\/Font\b/);
  return (text.match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
}

/**
 * 七年级 1班: 张三 (yellow on paper, then red with item 9: a safety check and a referral) and 李四
 * (green); 七年级 2班 王五, not screened. The whole grade is due in one campaign.
 */
async function seed() {
  const add = (studentNo: string, name: string, className: string, sex: 'M' | 'F') =>
    api('students.add', { studentNo, name, sex, birthDate: '2011-03-05', grade: '七年级', className });
  const zhang = await add('20230101', '张三', '1班', 'M');
  const li = await add('20230102', '李四', '1班', 'F');
  await add('20230201', '王五', '2班', 'M');
  await api('people.correct', {
    id: zhang.id,
    changes: { guardianName: '张建国', guardianPhone: '13800000001', school: '安心市第一中学' },
    reason: '补录监护人',
  });
  await api('campaigns.create', {
    name: '春季心理普测',
    programme: 'school',
    startsOn: addDays(TODAY, -30),
    endsOn: TODAY,
    targets: [{ grades: ['七年级'], battery: ['PHQ-9'] }],
  });
  expect((await paper(zhang.id, [2, 2, 1, 1, 1, 1, 1, 1, 0])).level).toBe('yellow');
  expect((await paper(zhang.id, [1, 1, 1, 1, 1, 1, 1, 1, 1])).level).toBe('red');
  expect((await paper(li.id, [0, 0, 0, 0, 0, 0, 0, 0, 0])).level).toBe('green');
  const [item] = await api('cases.worklist', { programme: 'school' });
  await api('cases.safetyCheck', {
    caseId: item!.caseId,
    talked: true,
    riskAssessed: true,
    familyContacted: true,
    plan: 'referral',
    outcome: '已面谈，无自伤计划；已通知父亲，建议就医',
  });
  const c = await api('cases.refer', {
    caseId: item!.caseId,
    institution: '安心市精神卫生中心',
    department: '儿童青少年心理科',
    referredOn: TODAY,
    consent: true,
  });
  return { caseId: item!.caseId, referralId: c.referrals[0]!.id };
}

beforeAll(async () => {
  ensureBuilt();
  server = await startServer(dir);
  await api('auth.setup', {
    orgType: 'school',
    orgName: '安心市第一中学',
    username: 'admin',
    displayName: '李老师',
    password: PASSWORD,
  });
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('printable reports', () => {
  test('the referral letter and the class report show the records and print to one A4 page each', async () => {
    const { caseId, referralId } = await seed();
    const { page, problems } = await watchedPage(browser, { width: 1360, timeout: 15_000 });
    await page.goto(server.url);
    await see(page.getByTestId('header-user'));
    const base = server.url.split('?')[0];

    // From the case page's referrals card to the letter.
    await page.goto(`${base}#/app/cases/${caseId}`);
    await page.getByTestId('case-referrals').getByRole('link', { name: '打印转介单' }).click();
    const letter = page.getByTestId('referral-letter');
    await see(letter);
    expect(page.url()).toContain(`#/app/print/referral/${referralId}`);
    await seeText(letter.getByTestId('report-org'), '安心市第一中学');
    await seeText(letter, '心理健康转介单');
    const identity = await letter.getByTestId('report-facts').first().textContent();
    for (const text of ['张三', '男', '2011-03-05', '七年级 1班', '20230101', '张建国', '13800000001'])
      expect(identity).toContain(text);
    await seeText(letter.getByTestId('letter-reason'), '红色预警（一级）');
    await seeText(letter.getByTestId('letter-reason'), 'PHQ-9 第9题阳性（自伤念头）');
    // Newest first: the red sheet (9, mild) before the yellow one (10, moderate).
    const rows = letter.getByTestId('letter-history-row');
    expect(await rows.count()).toBe(2);
    expect(await rows.nth(0).locator('td').allTextContents()).toEqual([
      TODAY,
      'PHQ-9',
      '9',
      '轻度',
      '红色预警（一级）',
    ]);
    expect((await rows.nth(1).locator('td').allTextContents()).slice(2)).toEqual([
      '10',
      '中度',
      '黄色预警（三级）',
    ]);
    await seeText(letter.getByTestId('letter-contacts'), '已面谈，无自伤计划；已通知父亲，建议就医');
    const referral = await letter.getByTestId('letter-referral').textContent();
    for (const text of ['安心市精神卫生中心', '儿童青少年心理科', TODAY, '李老师', '已取得本人/监护人同意'])
      expect(referral).toContain(text);
    await seeText(letter, '筛查结果仅提示风险，不作为诊断依据');
    const slip = letter.getByTestId('return-slip');
    await seeText(slip, '转介回执');
    for (const [id, label] of [
      ['slip-attended', '到诊日期'],
      ['slip-assessment', '初步诊断/评估意见'],
      ['slip-advice', '建议'],
      ['slip-doctor', '医生签名'],
      ['slip-stamp', '机构盖章'],
    ] as const)
      expect(await slip.getByTestId(id).textContent()).toBe(label);
    await page.screenshot({ path: join(SHOTS, 'anxin-referral-letter.png'), fullPage: true });
    expect(await pdfPages(page, 'anxin-referral-letter.pdf')).toBe(1);

    // The class report, picked on the export page.
    await page.goto(`${base}#/app/export`);
    const picker = page.getByTestId('group-report-picker');
    await see(picker);
    await picker.getByTestId('report-grade').selectOption('七年级');
    await picker.getByTestId('report-class').selectOption('1班');
    await picker.getByLabel('开始日期').fill(addDays(TODAY, -30));
    await picker.getByLabel('截止日期').fill(TODAY);
    await picker.getByTestId('group-report-open').click();
    const report = page.getByTestId('group-report');
    await see(report);
    await seeText(report, '七年级 1班 心理健康测评班级报告');
    await seeText(report, `期间：${addDays(TODAY, -30)} 至 ${TODAY}`);
    const fig = async (id: string) => report.getByTestId(`report-fig-${id}`).textContent();
    expect(
      await Promise.all(
        ['due', 'screened', 'rate', 'flagged', 'flagged-rate', 'critical', 'referred', 'attended'].map(fig),
      ),
    ).toEqual(['2', '2', '100%', '1', '50%', '1', '1', '0']);
    expect(
      await report
        .getByTestId('report-levels')
        .locator('tbody tr')
        .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent))),
    ).toEqual([
      ['红色预警（一级）', '1', '50%'],
      ['橙色预警（二级）', '0', '0%'],
      ['黄色预警（三级）', '0', '0%'],
      ['绿色（无预警）', '1', '50%'],
    ]);
    // The charts drew (ECharts renders SVG here, so they print sharp).
    await see(report.getByTestId('report-level-chart').locator('svg'));
    await see(report.getByTestId('report-band-chart').locator('svg'));
    expect(await report.getByTestId('report-level-chart').getAttribute('data-categories')).toBe('4');
    expect(await report.getByTestId('report-band-chart').getAttribute('data-categories')).toBe('5');
    // Figures only: no name anywhere on the page.
    for (const name of ['张三', '李四', '20230101']) expect(await report.textContent()).not.toContain(name);
    await page.screenshot({ path: join(SHOTS, 'anxin-group-report.png'), fullPage: true });
    expect(await pdfPages(page, 'anxin-group-report.pdf')).toBe(1);
    expect(problems).toEqual([]);
    await page.context().close();
  }, 120_000);

  test('a long history and long notes: the notes print whole, the letter on two pages', async () => {
    const student = await api('students.add', { studentNo: '20220105', name: '赵六', sex: 'F', birthDate: '2010-06-01', grade: '八年级', className: '1班' }); // prettier-ignore
    for (let n = 0; n < 6; n++) await paper(student.id, [1, 1, 1, 1, 1, 1, 1, 1, 0], [1, 1, 1, 1, 1, 1, 1]);
    expect((await paper(student.id, [2, 2, 2, 2, 2, 2, 2, 2, 1], [2, 2, 2, 2, 2, 2, 2])).level).toBe('red');
    const [item] = (await api('cases.worklist', { programme: 'school' })).filter((c) => c.name === '赵六');
    const note = '学生自述近一个月睡眠差、食欲下降，上课注意力难以集中。'.repeat(40);
    await api('cases.safetyCheck', { caseId: item!.caseId, talked: true, riskAssessed: true, familyContacted: true, plan: 'referral', outcome: note }); // prettier-ignore
    await api('cases.interview', {
      caseId: item!.caseId,
      summary: note,
      confirmedLevel: 'red',
      reason: note,
    });
    const c = await api('cases.refer', { caseId: item!.caseId, institution: '安心市精神卫生中心', referredOn: TODAY, consent: false }); // prettier-ignore

    const { page, problems } = await watchedPage(browser, { width: 1360, timeout: 15_000 });
    await page.goto(server.url);
    await see(page.getByTestId('header-user'));
    await page.goto(`${server.url.split('?')[0]}#/app/print/referral/${c.referrals[0]!.id}`);
    const letter = page.getByTestId('referral-letter');
    await see(letter);
    // Seven sheets of two instruments: the newest four (eight rows) are listed, the rest counted.
    expect(await letter.getByTestId('letter-history-row').count()).toBe(8);
    await seeText(letter, '另有 3 次较早的筛查未列出。');
    await seeText(letter.getByTestId('letter-referral'), '未记录同意');
    // Notes are printed whole (they were cut at 120 characters), running on to a second page.
    expect(await letter.getByTestId('letter-contacts').textContent()).toContain(note);
    expect(await pdfPages(page, 'anxin-referral-letter-long.pdf')).toBe(2);
    // The same letter in English, reasons included.
    await page.getByRole('button', { name: 'English' }).click();
    await seeText(letter, 'Mental health referral');
    await seeText(letter.getByTestId('letter-reason'), 'Red (level 1)');
    await seeText(letter.getByTestId('return-slip'), 'Referral return slip');
    expect(await letter.getByTestId('letter-reason').textContent()).not.toMatch(/总分|阳性/);
    expect(problems).toEqual([]);
    await page.context().close();
  }, 120_000);
});
