import { rmSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ApiInput, ApiMethod, ApiOutput } from '../../shared/api/contract';
import { addDays, todayIso } from '../../shared/people/date';
import { schoolWordsIn } from '../helpers/school-words';
import { callApi } from './helpers/api';
import { launchChromium } from './helpers/browser';
import { see } from './helpers/page';
import { ensureBuilt } from './helpers/server';
import {
  boot,
  idNumber,
  report,
  strip,
  Walk,
  walkKiosk,
  walkLogin,
  walkStaffPages,
  type Finding,
  type Installation,
  type Language,
  type Snippet,
} from './helpers/ui-walk';

// Issue 14: a maternal service's staff UI speaks the clinic's language. The whole staff UI of a
// seeded maternal installation is walked (helpers/ui-walk.ts: every sidebar page, the pages and
// dialogs reached from them, an import, an export, kiosk setup and its PIN pad) in Chinese and in
// English, plus the alert panel, the correction dialog and a running station; every screen's text
// is read and any school word fails the test. What the organisation itself entered (names,
// townships, notes, the consent text) is allowed. Respondent screens are another test's
// (their wording is the campaigns' part); the school's own wording is checked in
// test/renderer/programme-terms.test.ts.

/** An audit entry's detail as stored (JSON keys such as "grades" are field names, not words). */
function isJson(text: string): boolean {
  if (!/^[[{]/.test(text)) return false;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function schoolWords(snippets: Snippet[], where: string, language: Language, allowed: string[]): Finding[] {
  const data = [...allowed].sort((a, b) => b.length - a.length);
  const found: Finding[] = [];
  for (const s of snippets) {
    if (isJson(s.text)) continue;
    const rest = strip(s.text, data);
    const hits = schoolWordsIn(rest, language);
    if (hits.length) found.push({ ...s, where, snippet: `${hits.join(' ')}  ⟵  ${s.text}` });
  }
  return found;
}

let browser: Browser;
let inst: Installation;
const dirs: string[] = [];

beforeAll(async () => {
  ensureBuilt();
  browser = await launchChromium();
  inst = await boot('perinatal', dirs);
  const api = <M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiOutput<M>> =>
    callApi(inst.server, method, input);
  // A woman whose EPDS item 10 is positive on paper: the alert panel has something to say.
  const csv = `姓名,身份证号,保健手册编号,末次月经,乡镇\n赵敏,${idNumber('110101', '1994-08-09', '008')},BJ-0045,${addDays(todayIso(), -120)},柳河乡`;
  await api('people.importCommit', {
    kind: 'woman',
    file: { fileName: 'alert.csv', contentBase64: Buffer.from(csv).toString('base64') },
  });
  const { items } = await api('people.list', { kind: 'woman' });
  const personId = items.find((w) => w.name === '赵敏')!.id;
  const sheet = await api('screening.start', { personId, mode: 'paper', battery: ['EPDS'] });
  for (const [i, value] of [1, 1, 1, 1, 1, 1, 1, 1, 1, 3].entries())
    await api('screening.saveAnswer', { screeningId: sheet.screeningId, instrumentId: 'EPDS', itemId: `q${i + 1}`, value }); // prettier-ignore
  await api('screening.submit', { screeningId: sheet.screeningId });
  inst.data.push('赵敏', '柳河乡');
  inst.initials.push('赵');
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await inst?.server.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Screens the shared walk does not open at a clinic: the alert panel, a correction, a running station. */
async function walkClinicExtras(w: Walk): Promise<void> {
  const { page, t } = w;
  await w.visit('#/app/dashboard', 'dashboard-page', 'dashboard');
  await page.getByTestId('alert-bell').click();
  await see(page.getByTestId('alert-panel'));
  await w.check('alerts panel');
  await page.getByTestId('alert-panel-close').click();

  await w.visit(`#/app/people/${w.inst.personId}`, 'person-file', 'person-file');
  await w.dialog(page.getByRole('button', { name: t.person.correct.open }), 'person-file/correct');

  await w.visit(`#/app/campaigns/${w.inst.campaignId}/board`, 'live-board', 'board');
  await see(page.getByTestId('station-start').or(page.getByTestId('station-url')));
  if (await page.getByTestId('station-start').isVisible()) {
    await page.getByTestId('station-host').selectOption('127.0.0.1');
    await page.getByTestId('station-start').click();
  }
  await see(page.getByTestId('station-url'), 15_000);
  await w.check('board/station running');
}

describe('a maternal service’s staff UI', () => {
  test.each(['zh-CN', 'en'] as const)(
    'in %s uses none of the school’s words',
    async (language) => {
      const w = new Walk(browser, inst, language, schoolWords, { staffOnly: true });
      try {
        await w.open();
        await walkClinicExtras(w);
        await walkStaffPages(w);
        await walkKiosk(w);
        await walkLogin(w);
      } finally {
        if (w.findings.length) console.log(`terms ${language} so far:\n${report(w.findings)}`);
        await w.page?.context().close();
      }
      const rule = `School words in the ${language} UI of a maternal service (not its own data)`;
      expect(w.findings.length === 0 ? '' : `${rule}:\n${report(w.findings)}`).toBe('');
      expect(w.problems).toEqual([]);
    },
    600_000,
  );
});
