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

describe('prints', () => {
  test('paper: a PHQ-9 + GAD-7 sheet per student on one A4 page each, text at 9 pt or more', async () => {
    const { page, problems, base } = await signedIn();
    await page.goto(`${base}#/app/campaigns/${campaignId}/paper`);
    await page.getByTestId('paper-tab-print').click();
    // The print dialog cannot be driven headless; keep the sheets on the page instead.
    await page.evaluate('window.print = () => undefined');
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
