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
import { questionTexts, WJX_LEAD, wjxLead, wjxWorkbook } from '../helpers/wjx';

/**
 * What comes out of the printer (issue 14, "prints" and "paper"): Chromium's own print-to-PDF of
 * the person file, the referral letter with a long note, and the PHQ-9 + GAD-7 paper sheets — one
 * A4 page per student, so 51 students print on 51 pages rather than 102.
 */

const PASSWORD = 'anxin-e2e-prints';
const SHOTS = process.env.ANXIN_SCREENSHOTS ?? tmpdir();
const TODAY = todayIso();
const STUDENTS = 6;

let browser: Browser;
let server: RunningServer;
const dir = mkdtempSync(join(tmpdir(), 'anxin-e2e-prints-'));
const api = <M extends ApiMethod>(method: M, input: ApiInput<M>) => callApi(server, method, input);

/** The PDF Chromium prints for the page as window.print() would (beforeprint first); its page count. */
async function pdfPages(page: Page, name: string): Promise<number> {
  await page.evaluate("window.dispatchEvent(new Event('beforeprint'))");
  const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
  await page.evaluate("window.dispatchEvent(new Event('afterprint'))");
  writeFileSync(join(SHOTS, name), pdf);
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
}

async function paper(personId: number, phq: number[], gad: number[]) {
  const s = await api('screening.start', { personId, mode: 'paper', battery: ['PHQ-9', 'GAD-7'] });
  for (const [instrumentId, list] of Object.entries({ 'PHQ-9': phq, 'GAD-7': gad }))
    for (const [i, value] of list.entries())
      await api('screening.saveAnswer', { screeningId: s.screeningId, instrumentId, itemId: `q${i + 1}`, value }); // prettier-ignore
  return api('screening.submit', { screeningId: s.screeningId });
}

const NOTE = '学生自述近一个月睡眠差、食欲下降，上课注意力难以集中，与同学交往减少。'.repeat(30);

const ids: number[] = [];
let campaignId = 0;

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
  // No 学校 column in this roster: the organisation's own pupils.
  for (let i = 1; i <= STUDENTS; i++) {
    const s = await api('students.add', {
      studentNo: `2023010${i}`,
      name: `学生${i}`,
      sex: i % 2 ? 'M' : 'F',
      birthDate: '2011-03-05',
      grade: '七年级',
      className: '1班',
    });
    ids.push(s.id);
  }
  const campaign = await api('campaigns.create', {
    name: '春季心理普测',
    programme: 'school',
    startsOn: addDays(TODAY, -30),
    endsOn: TODAY,
    targets: [{ grades: ['七年级'], battery: ['PHQ-9', 'GAD-7'] }],
  });
  campaignId = campaign.id;
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function signedIn() {
  const opened = await watchedPage(browser, { width: 1360, timeout: 15_000 });
  await opened.page.goto(server.url);
  await see(opened.page.getByTestId('header-user'));
  return { ...opened, base: server.url.split('?')[0]! };
}

/** Totals of a person's latest sheet, by instrument. */
async function totals(personId: number) {
  const [sheet] = await api('screening.forPerson', { personId });
  return Object.fromEntries(sheet!.results.map((r) => [r.instrumentId, r.total]));
}

describe('paper entry and 问卷星 by number', () => {
  test('keyed entry: by score (0–3, the official forms) and by option number (1–4) save the same answers', async () => {
    const { page, problems, base } = await signedIn();
    await page.goto(`${base}#/app/campaigns/${campaignId}/paper`);
    await see(page.getByTestId('paper-page'));
    // The default is said plainly: option numbers, as this app prints them.
    expect(await page.getByTestId('entry-mode-position').isChecked()).toBe(true);
    await seeText(page.getByTestId('entry-mode-now'), '现在按选项序号录入');
    await page.getByTestId('entry-mode-score').check();
    await seeText(page.getByTestId('entry-mode-now'), '现在按分值录入');

    const find = page.getByTestId('paper-find');
    await find.fill('20230103');
    await see(page.getByTestId('paper-matches'));
    await page.keyboard.press('Enter');
    await seeText(page.getByTestId('paper-person'), '学生3');
    await expect.poll(() => page.getByTestId('entry-cell').count()).toBe(17);
    await expect
      .poll(() => page.evaluate('document.activeElement?.getAttribute("data-key")'))
      .toBe('PHQ-9/q1');
    // 4 is no score of PHQ-9: refused, by name.
    await page.keyboard.type('4');
    await seeText(page.getByTestId('paper-error'), 'PHQ-9 第 1 题只能输入 0、1、2、3');
    // Scores as on the official form; the difficulty item (10) left blank with -.
    await page.keyboard.type('012301230' + '-' + '0123012');
    await page.keyboard.press('Enter');
    await seeText(page.getByTestId('paper-recent'), '学生3');

    await page.getByTestId('entry-mode-position').check();
    await find.fill('20230104');
    await see(page.getByTestId('paper-matches'));
    await page.keyboard.press('Enter');
    await seeText(page.getByTestId('paper-person'), '学生4');
    await expect.poll(() => page.getByTestId('entry-cell').count()).toBe(17);
    await page.keyboard.type('123412341' + '0' + '1234123');
    await page.keyboard.press('Enter');
    await seeText(page.getByTestId('paper-recent'), '学生4');

    expect(await totals(ids[2]!)).toEqual({ 'PHQ-9': 12, 'GAD-7': 9 });
    expect(await totals(ids[3]!)).toEqual({ 'PHQ-9': 12, 'GAD-7': 9 });
    expect(problems).toEqual([]);
    await page.context().close();
  }, 120_000);

  test('问卷星 by option number: the import asks which way round the form listed options, and reads accordingly', async () => {
    const file = join(dir, 'wjx-by-number.xlsx');
    const header = [
      ...WJX_LEAD,
      '学号',
      '姓名',
      ...questionTexts('PHQ-9', 'zh'),
      ...questionTexts('GAD-7', 'zh'),
    ];
    // 学生5 chose option 1 everywhere, on a form typed 几乎每天 first.
    writeFileSync(file, await wjxWorkbook(header, [[...wjxLead(1, `${TODAY.replace(/-/g, '/')} 9:31:05`), '20230105', '学生5', ...Array<number>(16).fill(1)]])); // prettier-ignore
    const { page, problems, base } = await signedIn();
    await page.goto(`${base}#/app/campaigns/${campaignId}/import`);
    await see(page.getByTestId('response-import'));
    await page.getByTestId('response-file').setInputFiles(file);
    await page.getByTestId('response-read').click();
    const question = page.getByTestId('option-order');
    await see(question);
    await seeText(question, '问卷星表单里每题的选项是按什么顺序排列的');
    await see(page.getByTestId('option-order-needed'));
    expect(await page.getByTestId('response-to-outcomes').isDisabled()).toBe(true);
    await page.getByTestId('option-order-reversed').check();
    await expect
      .poll(() => page.getByTestId('response-to-outcomes').isDisabled(), { timeout: 20_000 })
      .toBe(false);
    await page.getByTestId('response-to-outcomes').click();
    await see(page.getByTestId('response-outcomes'));
    await page.getByTestId('response-commit').click();
    await expect.poll(async () => (await totals(ids[4]!))['PHQ-9'], { timeout: 20_000 }).toBe(27);
    expect(await totals(ids[4]!)).toEqual({ 'PHQ-9': 27, 'GAD-7': 21 });
    expect(problems).toEqual([]);
    await page.context().close();
  }, 120_000);
});

describe('prints', () => {
  test('paper: a PHQ-9 + GAD-7 sheet per student on one A4 page each, text at 9 pt or more', async () => {
    const { page, problems, base } = await signedIn();
    await page.goto(`${base}#/app/campaigns/${campaignId}/paper`);
    await page.getByTestId('paper-tab-print').click();
    // The print dialog cannot be driven headless; keep the sheets on the page instead.
    await page.evaluate('window.print = () => undefined');
    await page.getByRole('checkbox', { name: '只打印尚未完成的人员' }).uncheck();
    await seeText(page.getByTestId('print-count'), `将打印 ${STUDENTS} 份`);
    await page.getByTestId('print-button').click();
    const sheets = page.getByTestId('print-root').getByTestId('print-sheet');
    await expect.poll(() => sheets.count()).toBe(STUDENTS);
    await page.emulateMedia({ media: 'print' });
    // The smallest text on the sheet: options and item texts stay readable.
    // (A string: the test's own TypeScript has no DOM types.)
    const smallest = Number(
      await page.evaluate(`(() => {
        let min = Infinity;
        for (const el of document.querySelector('[data-testid="print-sheet"]').querySelectorAll('*')) {
          const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
          if (own) min = Math.min(min, parseFloat(getComputedStyle(el).fontSize));
        }
        return min * 0.75;
      })()`),
    ); // CSS px → pt
    expect(smallest).toBeGreaterThanOrEqual(9);
    expect(await pdfPages(page, 'anxin-paper-phq9-gad7.pdf')).toBe(STUDENTS);
    await page.emulateMedia({ media: 'screen' });

    // A longer battery: two pages a sheet, cut between parts, and the panel says to print two-sided.
    const long = await api('campaigns.create', {
      name: '长问卷',
      programme: 'school',
      startsOn: addDays(TODAY, -30),
      endsOn: TODAY,
      targets: [{ grades: ['七年级'], battery: ['PSC-17', 'PHQ-9', 'GAD-7'] }],
    });
    await page.goto(`${base}#/app/campaigns/${long.id}/paper`);
    await page.getByTestId('paper-tab-print').click();
    await page.evaluate('window.print = () => undefined');
    await seeText(page.getByTestId('print-count'), '每份 2 页，请双面打印');
    await page.getByTestId('print-button').click();
    await expect.poll(() => sheets.count()).toBe(STUDENTS);
    await page.emulateMedia({ media: 'print' });
    expect(await pdfPages(page, 'anxin-paper-long.pdf')).toBe(2 * STUDENTS);
    await page.emulateMedia({ media: 'screen' });
    expect(problems).toEqual([]);
    await page.context().close();
  }, 120_000);

  test('person file: no wasted pages, the trend charts keep their dates', async () => {
    const id = ids[0]!;
    await paper(id, [1, 1, 1, 1, 1, 1, 1, 1, 0], [1, 1, 1, 1, 1, 1, 1]);
    await paper(id, [2, 2, 2, 2, 2, 2, 2, 2, 1], [2, 2, 2, 2, 2, 2, 2]);
    const { page, problems, base } = await signedIn();
    await page.goto(`${base}#/app/people/${id}`);
    await see(page.getByTestId('person-file'));
    // No 学校 in the roster: the file names the organisation, not "—".
    await seeText(page.getByTestId('person-file').locator('dd'), '安心市第一中学');
    const charts = page.getByTestId('trend-chart');
    await expect.poll(() => charts.count()).toBe(2);
    await page.emulateMedia({ media: 'print' });
    await page.evaluate("window.dispatchEvent(new Event('beforeprint'))");
    for (const chart of await charts.all()) {
      // The x-axis labels are drawn, and inside the chart's box (not cut off by it).
      const labels = await chart.evaluate((box) => {
        const frame = box.getBoundingClientRect();
        return [...box.querySelectorAll('svg text')]
          .filter((t) => /^\d{4}-\d{2}-\d{2}$/.test(t.textContent ?? ''))
          .map((t) => {
            const r = t.getBoundingClientRect();
            return { text: t.textContent, inside: r.bottom <= frame.bottom + 1 && r.top >= frame.top - 1 };
          });
      });
      expect(labels.length).toBeGreaterThan(0);
      expect(labels.every((l) => l.inside)).toBe(true);
      expect(labels.map((l) => l.text)).toContain(TODAY);
    }
    await page.evaluate("window.dispatchEvent(new Event('afterprint'))");
    await page.setViewportSize({ width: 794, height: 1123 });
    await page.screenshot({ path: join(SHOTS, 'anxin-person-file-print.png'), fullPage: true });
    expect(await pdfPages(page, 'anxin-person-file.pdf')).toBe(1);
    await page.emulateMedia({ media: 'screen' });
    expect(problems).toEqual([]);
    await page.context().close();
  }, 120_000);

  test('referral letter: the school is named and a long note is printed whole', async () => {
    const id = ids[1]!;
    expect((await paper(id, [2, 2, 2, 2, 2, 2, 2, 2, 1], [2, 2, 2, 2, 2, 2, 2])).level).toBe('red');
    const [item] = (await api('cases.worklist', { programme: 'school' })).filter((c) => c.personId === id);
    await api('cases.safetyCheck', { caseId: item!.caseId, talked: true, riskAssessed: true, familyContacted: true, plan: 'referral', outcome: NOTE }); // prettier-ignore
    const c = await api('cases.refer', { caseId: item!.caseId, institution: '安心市精神卫生中心', referredOn: TODAY, consent: true }); // prettier-ignore
    const { page, problems, base } = await signedIn();
    await page.goto(`${base}#/app/print/referral/${c.referrals[0]!.id}`);
    const letter = page.getByTestId('referral-letter');
    await see(letter);
    const identity = await letter.getByTestId('report-facts').first().textContent();
    expect(identity).toContain('安心市第一中学');
    expect(identity).not.toMatch(/学校\s*—/);
    await page.emulateMedia({ media: 'print' });
    const contacts = letter.getByTestId('letter-contacts');
    expect(await contacts.textContent()).toContain(NOTE);
    expect(await contacts.textContent()).not.toContain('…');
    // Nothing is hidden by the box: the list is as tall as its text.
    expect(await contacts.evaluate((el) => el.scrollHeight <= el.clientHeight + 1)).toBe(true);
    const pages = await pdfPages(page, 'anxin-referral-letter-long-note.pdf');
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(pages).toBeLessThanOrEqual(2);
    await page.emulateMedia({ media: 'screen' });
    expect(problems).toEqual([]);
    await page.context().close();
  }, 120_000);
});
