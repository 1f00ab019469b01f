import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { ApiInput, ApiMethod, ApiOutput } from '../../../shared/api/contract';
import { addDays, todayIso } from '../../../shared/people/date';
import { idCheckChar } from '../../../shared/people/id-number';
import { en } from '../../../renderer/src/i18n/en';
import { zhCN } from '../../../renderer/src/i18n/zh-CN';
import { randomUUID } from 'node:crypto';
import { newHubKeys, newSecret } from '../../../electron/security/bundle-crypto';
import { defaultAgreement } from '../../../shared/hub/agreement';
import { INVITE_FORMAT } from '../../../shared/hub/invite';
import { callApi } from './api';
import { see } from './page';
import { answerByKey, itemNow } from './questionnaire';
import { beginKiosk } from './kiosk';
import { startServer, type RunningServer } from './server';

// A walk through the whole staff UI of a seeded installation — every sidebar page, the pages
// reached from them, every case dialog, an import, an export, a kiosk and a station sign-in —
// collecting each screen's visible text and its title / aria-label / placeholder / alt
// attributes. What a screen must not say is the test's rule: the language walk
// (browser-language-walk.test.ts) forbids the other language, the terms walk
// (browser-programme-terms.test.ts) forbids the school's words at a maternal service.

export const PASSWORD = 'anxin-e2e-language';
const TODAY = todayIso();

export type Language = 'en' | 'zh-CN';
export type Programme = 'school' | 'perinatal';

export interface Snippet {
  text: string;
  testid: string;
  attr?: string;
  /** Inside <code>/<kbd>/<samp>: machine text, which may be English in the Chinese UI. */
  code?: boolean;
}
export interface Finding extends Snippet {
  where: string;
  snippet: string;
}

/**
 * Every visible text node and labelling attribute on the page, with the nearest data-testid.
 * Text inside an element marked as another language (the language switch's "中文") is the other
 * language on purpose and is left out. A script string, not a function: the page runs it as
 * written; `root` is the expression for the element whose text is read.
 */
export const harvest = (root = 'document.body'): string => `(() => {
  const out = [];
  const root = ${root};
  const uiLang = document.documentElement.lang;
  const near = (el) => el.closest('[data-testid]')?.getAttribute('data-testid') ?? '(no testid)';
  const visible = (el) => {
    if (el.closest('option, optgroup')) {
      const select = el.closest('select');
      return select ? select.checkVisibility({ visibilityProperty: true }) : false;
    }
    return el.checkVisibility({ visibilityProperty: true });
  };
  const otherLang = (el) => {
    const marked = el.closest('[lang]');
    return marked && marked !== document.documentElement && marked.getAttribute('lang') !== uiLang;
  };
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!el || el.closest('script, style, noscript, title')) continue;
    const text = (n.nodeValue ?? '').replace(/\\s+/g, ' ').trim();
    if (!text || !visible(el) || otherLang(el)) continue;
    out.push({ text, testid: near(el), code: Boolean(el.closest('code, kbd, samp')) });
  }
  for (const el of root.querySelectorAll('[title], [aria-label], [placeholder], [alt]')) {
    if (!visible(el) || otherLang(el)) continue;
    for (const attr of ['title', 'aria-label', 'placeholder', 'alt']) {
      const value = el.getAttribute(attr);
      if (value && value.trim()) out.push({ text: value.trim(), testid: near(el), attr });
    }
  }
  if (document.title) out.push({ text: document.title, testid: '(document.title)' });
  return out;
})()`;

/** Removes the organisation's own data (and, in English, the pending server strings) from a text. */
export function strip(text: string, allowed: readonly string[]): string {
  let rest = text;
  for (const data of allowed) if (data && rest.includes(data)) rest = rest.split(data).join(' ');
  return rest;
}

/** What breaks a walk's rule among a screen's snippets (the organisation's data already allowed). */
export type Rule = (snippets: Snippet[], where: string, language: Language, allowed: string[]) => Finding[];

/** One finding per distinct text and place, naming every page it showed on. */
export function report(findings: Finding[]): string {
  const byKey = new Map<string, { f: Finding; pages: Set<string> }>();
  for (const f of findings) {
    const key = `${f.testid}|${f.attr ?? ''}|${f.snippet}`;
    const seen = byKey.get(key) ?? { f, pages: new Set<string>() };
    seen.pages.add(f.where);
    byKey.set(key, seen);
  }
  return [...byKey.values()]
    .map(
      ({ f, pages }) =>
        `  [${f.testid}${f.attr ? ` @${f.attr}` : ''}] «${f.snippet}»  on: ${[...pages].join(', ')}`,
    )
    .join('\n');
}

export function idNumber(region: string, birth: string, seq: string): string {
  const first17 = `${region}${birth.replaceAll('-', '')}${seq}`;
  return first17 + idCheckChar(first17);
}

// ---------------------------------------------------------------------------------------------

export interface Installation {
  programme: Programme;
  server: RunningServer;
  dataDir: string;
  campaignId: number;
  caseId: number;
  referralId: number;
  personId: number;
  /** One person per language who has not answered yet, for the kiosk. */
  kioskPeople: Record<Language, { number: string; birth?: string }>;
  /** School only: a slip per language for the station page. */
  slips: Record<Language, string>;
  /** What the organisation itself entered: allowed in either language. */
  data: string[];
  /** Data shown as a single character (an avatar's first character of a name). */
  initials: string[];
}

export async function boot(programme: Programme, dirs: string[]): Promise<Installation> {
  const dataDir = mkdtempSync(join(tmpdir(), `anxin-e2e-language-${programme}-`));
  dirs.push(dataDir);
  const server = await startServer(dataDir);
  const api = <M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiOutput<M>> =>
    callApi(server, method, input);
  const school = programme === 'school';
  // Staff names as each kind of organisation writes them (data, allowed on any screen).
  const staff = school ? { admin: '李老师', screener: '吴老师' } : { admin: '李医生', screener: '吴护士' };
  const orgName = school ? '安心市第一中学' : '安心县妇幼保健院';
  await api('auth.setup', {
    orgType: school ? 'school' : 'maternal',
    orgName,
    username: 'admin',
    displayName: staff.admin,
    password: PASSWORD,
  });
  await api('users.create', {
    username: 'wu',
    displayName: staff.screener,
    role: 'screener',
    password: 'screener-pass-1',
    classes: [],
  });

  // The campaigns below keep the default consent text, which the organisation may edit: it is
  // the organisation's own words, shown to respondents as written whatever the UI language.
  // (A campaign made through the API gets the school's wording even at a clinic: both are listed.)
  const { consentSchool, consentPerinatal } = zhCN.screening.create;
  const data = [orgName, staff.admin, staff.screener, 'admin', 'wu', consentSchool, consentPerinatal];
  const paper = async (personId: number, instrumentId: string, values: number[]) => {
    const s = await api('screening.start', { personId, mode: 'paper', battery: [instrumentId] });
    for (const [i, value] of values.entries())
      await api('screening.saveAnswer', { screeningId: s.screeningId, instrumentId, itemId: `q${i + 1}`, value }); // prettier-ignore
    return api('screening.submit', { screeningId: s.screeningId });
  };

  let personId: number;
  let kioskPeople: Installation['kioskPeople'];
  if (school) {
    const students = [
      ['20230101', '张三', '1班'],
      ['20230102', '李四', '1班'],
      ['20230201', '王五', '2班'],
      ['20230202', '赵六', '2班'],
      ['20230203', '钱七', '2班'],
      ['20230204', '陈八', '2班'],
    ] as const;
    const ids: number[] = [];
    for (const [studentNo, name, className] of students)
      ids.push((await api('students.add', { studentNo, name, sex: 'F', birthDate: '2011-03-05', grade: '七年级', className })).id); // prettier-ignore
    data.push(...students.map((s) => s[1]), '七年级', '1班', '2班', '安心市精神卫生中心', '儿童青少年心理科');
    personId = ids[0]!;
    await paper(ids[0]!, 'PHQ-9', [1, 1, 1, 1, 1, 1, 1, 1, 1]);
    await paper(ids[1]!, 'PHQ-9', [0, 0, 0, 0, 0, 0, 0, 0, 0]);
    kioskPeople = { en: { number: '20230201', birth: '2011-03-05' }, 'zh-CN': { number: '20230202', birth: '2011-03-05' } }; // prettier-ignore
  } else {
    const lmp = addDays(TODAY, -200);
    const women = [
      ['李梅', idNumber('110101', '1990-01-01', '002'), 'BJ-0042', '城关镇'],
      ['王芳', idNumber('110101', '1992-04-05', '004'), 'BJ-0043', '城关镇'],
      ['刘娜', idNumber('110101', '1993-06-07', '006'), 'BJ-0044', '柳河乡'],
    ] as const;
    const csv = ['姓名,身份证号,保健手册编号,末次月经,乡镇', ...women.map((w) => `${w[0]},${w[1]},${w[2]},${lmp},${w[3]}`)].join('\n'); // prettier-ignore
    await api('people.importCommit', {
      kind: 'woman',
      file: { fileName: 'women.csv', contentBase64: Buffer.from(csv).toString('base64') },
    });
    const { items } = await api('people.list', { kind: 'woman' });
    personId = items.find((w) => w.name === '李梅')!.id;
    data.push(...women.flatMap((w) => [w[0], w[3]]), '县人民医院', '心理科');
    await paper(personId, 'EPDS', [2, 2, 2, 2, 1, 2, 1, 1, 1, 0]);
    kioskPeople = { en: { number: 'BJ-0043' }, 'zh-CN': { number: 'BJ-0044' } };
  }
  const campaign = await api('campaigns.create', {
    name: school ? '春季心理普测' : '孕期心理筛查',
    programme,
    startsOn: addDays(TODAY, -10),
    endsOn: addDays(TODAY, 10),
    targets: [{ battery: school ? ['PHQ-9', 'GAD-7'] : ['EPDS'] }],
  });
  data.push(campaign.name);
  const note = school ? '家长已知情，每周沟通一次' : '家属已知情，每周沟通一次';
  await api('people.addNote', { id: personId, text: note });
  data.push(note);

  const [item] = await api('cases.worklist', { programme });
  const caseId = item!.caseId;
  const referred = await api('cases.refer', {
    caseId,
    institution: school ? '安心市精神卫生中心' : '县人民医院',
    department: school ? '儿童青少年心理科' : '心理科',
    referredOn: TODAY,
    consent: true,
  });
  const referralId = referred.referrals[0]!.id;
  // A history with the records whose labels the case page words (safety check, interview, colour).
  const typed = {
    outcome: '已面谈，无自伤计划',
    summary: '情绪低落，睡眠差',
    reason: '自评与面谈一致',
    plan: '每两周电话随访',
  };
  data.push(...Object.values(typed));
  if (school) {
    await api('cases.safetyCheck', { caseId, talked: true, riskAssessed: true, familyContacted: true, plan: 'referral', outcome: typed.outcome }); // prettier-ignore
    await api('cases.interview', {
      caseId,
      summary: typed.summary,
      confirmedLevel: 'red',
      reason: typed.reason,
    });
  } else {
    await api('cases.interview', { caseId, summary: typed.summary, confirmedLevel: 'positive', reason: typed.reason }); // prettier-ignore
    await api('cases.assignColour', { caseId, colour: 'orange', reason: typed.reason, plan: typed.plan });
  }

  let slips: Installation['slips'] = { en: '', 'zh-CN': '' };
  if (school) {
    const all = await api('campaigns.slips', { campaignId: campaign.id });
    const slipOf = (name: string) => all.find((s) => s.name === name)!.slipCode;
    slips = { en: slipOf('钱七'), 'zh-CN': slipOf('陈八') };
  }
  // Citations, cut-off sources, licence holders and attributions are quoted as published (an
  // English paper in the Chinese UI, a Chinese consensus in the English UI): instrument data.
  for (const i of await api('instruments.list', {}))
    data.push(
      i.citation,
      i.licence.holder,
      i.licence.attribution.zh,
      ...[i.cutoff, ...i.subscales.map((s) => s.cutoff)].flatMap((c) => (c?.source ? [c.source] : [])),
    );
  // 区县平台: enrolled (names shared), so the walk reads the agreement and the table of what is sent.
  const hubName = school ? '安心市心理健康教育指导中心' : '安心市妇幼保健院区县平台';
  await api('hubLink.enrol', {
    invite: JSON.stringify({
      format: INVITE_FORMAT,
      hubId: randomUUID(),
      hubName,
      hubPublicKey: newHubKeys().publicKey,
      installationId: randomUUID(),
      installationName: orgName,
      township: null,
      secret: newSecret(),
      agreement: defaultAgreement(programme, true),
      uploadUrl: null,
      issuedAt: new Date().toISOString(),
    }),
  });
  data.push(hubName);
  const names = data.filter((d) => /^\p{Script=Han}{2,3}$/u.test(d));
  return {
    programme,
    server,
    dataDir,
    campaignId: campaign.id,
    caseId,
    referralId,
    personId,
    kioskPeople,
    slips,
    data,
    initials: [...new Set(names.map((n) => n[0]!))],
  };
}

// ---------------------------------------------------------------------------------------------

export interface WalkOptions {
  /** Strings the rule may ignore beyond the organisation's data (server text still pending a fix). */
  allowed?: readonly string[];
  /** Check staff screens only: respondent screens (kiosk, station) are walked but not read. */
  staffOnly?: boolean;
}

/** A walk through one installation in one language, collecting what breaks the walk's rule. */
export class Walk {
  readonly findings: Finding[] = [];
  readonly problems: string[] = [];
  readonly t: typeof zhCN;
  readonly base: string;
  readonly started = Date.now();
  page!: Page;

  constructor(
    readonly browser: Browser,
    readonly inst: Installation,
    readonly language: Language,
    readonly rule: Rule,
    readonly options: WalkOptions = {},
  ) {
    this.t = language === 'en' ? (en as typeof zhCN) : zhCN;
    this.base = inst.server.url.split('#')[0]!.split('?')[0]!;
  }

  get allowed(): string[] {
    return [
      ...this.inst.data,
      // Masked names on respondent screens ("王*").
      ...this.inst.initials.map((i) => `${i}*`),
      ...(this.options.allowed ?? []),
    ];
  }

  async open(): Promise<void> {
    const context = await this.browser.newContext({
      viewport: { width: 1360, height: 900 },
      locale: 'zh-CN',
      acceptDownloads: true,
    });
    this.page = await context.newPage();
    this.page.setDefaultTimeout(15_000);
    this.page.on('pageerror', (e) => this.problems.push(e.message));
    await this.page.goto(this.inst.server.url);
    // The previous walk ended by logging out: sign in again (in Chinese, the default).
    const signedIn = this.page.getByTestId('header-user');
    await see(signedIn.or(this.page.getByTestId('login-form')));
    if (!(await signedIn.isVisible())) {
      const form = this.page.getByTestId('login-form');
      await form.getByLabel(zhCN.fields.username).fill('admin');
      await form.getByLabel(zhCN.fields.password, { exact: true }).fill(PASSWORD);
      await form.locator('button[type="submit"]').click();
      await see(signedIn);
    }
    // Switch the language as a user does, in the header.
    await this.page
      .getByRole('group', { name: zhCN.language.label })
      .getByRole('button', { name: this.language === 'en' ? 'English' : '中文' })
      .click();
    await expect.poll(() => this.page.evaluate('document.documentElement.lang')).toBe(this.language);
  }

  /**
   * Waits until nothing loads and the text stops changing, then checks what is on screen (or in
   * the element `within` selects).
   */
  async check(where: string, page: Page = this.page, within?: string): Promise<void> {
    let last = '';
    let snippets: Snippet[] = [];
    const script = harvest(within ? `document.querySelector(${JSON.stringify(within)})` : undefined);
    await expect
      .poll(
        async () => {
          const busy = await page.locator('.spinner:visible, [aria-busy="true"]:visible').count();
          snippets = (await page.evaluate(script)) as Snippet[];
          const now = JSON.stringify(snippets);
          const stable = busy === 0 && now === last;
          last = now;
          return stable;
        },
        { timeout: 15_000, interval: 300 },
      )
      .toBe(true);
    const initials = new Set(this.inst.initials);
    const kept = snippets.filter((s) => !initials.has(s.text) && !initials.has(s.text.replace(/\*+$/, '')));
    this.findings.push(...this.rule(kept, `${this.inst.programme}/${where}`, this.language, this.allowed));
  }

  /** A screen the respondent sees (kiosk, station page): checked unless the walk is staff-only. */
  async checkRespondent(where: string, page: Page = this.page): Promise<void> {
    if (!this.options.staffOnly) await this.check(where, page);
  }

  async visit(hash: string, ready: string, where = hash): Promise<void> {
    await this.page.evaluate(`location.hash = ${JSON.stringify(hash)}`);
    await see(this.page.getByTestId(ready));
    await this.check(where);
  }

  /** Clicks something that opens a native dialog, checks the dialog, and closes it. */
  async dialog(opener: Locator, where: string, then?: (d: Locator) => Promise<void>): Promise<void> {
    await opener.click();
    const d = this.page.locator('dialog[open]');
    await see(d);
    await this.check(where);
    if (then) {
      await then(d);
      await this.check(`${where} (errors)`);
    }
    await this.page.keyboard.press('Escape');
    await expect.poll(() => this.page.locator('dialog[open]').count()).toBe(0);
  }
}

export async function walkStaffPages(w: Walk): Promise<void> {
  const { page, t, inst } = w;
  const school = inst.programme === 'school';
  const register = school ? 'students' : 'women';

  await w.visit('#/app/dashboard', 'dashboard-page', 'dashboard');
  // The bell's panel: the paper sheet with item 9 (school) or the positive EPDS raised an alert.
  if (school) {
    await page.getByTestId('alert-bell').click();
    await see(page.getByTestId('alert-panel'));
    await w.check('alerts panel');
    await page.getByTestId('alert-panel-close').click();
  }
  await w.visit(`#/app/${register}`, school ? 'students-page' : 'women-page', 'register');
  if (school) {
    // An invalid form: the add-student dialog submitted empty.
    await w.dialog(page.getByRole('button', { name: t.students.add }), 'add-student', async (d) => {
      await d.locator('button[type="submit"]').last().click();
    });
  }
  await w.visit(`#/app/people/${inst.personId}`, 'person-file', 'person-file');

  // The import wizard with a file whose rows have errors: preview, error rows, summary.
  const csv = join(inst.dataDir, `${w.language}-rows.csv`);
  // A new valid row in each language's walk, so each commit has something to write.
  const n = w.language === 'en' ? '1' : '2';
  writeFileSync(
    csv,
    school
      ? ['学号,姓名,性别,出生日期,年级,班级', `2024${n}001,孙八,男,2012-05-01,七年级,1班`, `2024${n}002,周九,女,2012-13-40,七年级,2班`, ',吴十,女,2012-01-01,七年级,2班', `2024${n}001,孙八,男,2012-05-01,七年级,1班`].join('\n') // prettier-ignore
      : ['姓名,身份证号,末次月经,乡镇', `孙丽,${idNumber('110101', '1991-02-03', `0${n}8`)},${addDays(TODAY, -100)},城关镇`, `周婷,110101199102030000,${addDays(TODAY, -100)},城关镇`, `吴静,,2099-01-01,柳河乡`].join('\n'), // prettier-ignore
  );
  inst.data.push(`${w.language}-rows.csv`, `${w.language}-rows`);
  inst.data.push(...(school ? ['孙八', '周九', '吴十'] : ['孙丽', '周婷', '吴静']));
  // The column check shows the file's own headers, and the preview the cells of rows in error as typed.
  inst.data.push(...(school ? ['学号', '姓名', '性别', '出生日期', '年级', '班级', '男', '女'] : ['姓名', '身份证号', '末次月经', '乡镇', '城关镇', '柳河乡'])); // prettier-ignore
  await w.visit(`#/app/${register}/import`, 'import-page', 'import');
  await page.getByTestId('import-file').setInputFiles(csv);
  await page.getByTestId('import-next').click();
  await see(page.getByTestId('mapping-table'));
  await w.check('import/mapping');
  await page.getByTestId('mapping-done').click();
  await see(page.getByTestId('import-preview'));
  await w.check('import/preview');
  await page.getByTestId('count-error').click();
  await w.check('import/error rows');
  await page.getByTestId('import-commit').click();
  await see(page.getByTestId('import-confirm-ok'));
  await w.check('import/confirm');
  await page.getByTestId('import-confirm-ok').click();
  await see(page.getByTestId('import-summary'), 30_000);
  await w.check('import/summary');

  // Campaigns: list, detail, live board, paper entry, response import, kiosk setup.
  await w.visit('#/app/campaigns', 'campaigns-page', 'campaigns');
  await w.dialog(
    page.getByRole('button', { name: t.screening.campaigns.create }),
    'campaigns/create',
    async (d) => {
      // The name cleared (it is filled with a default): the dialog refuses and says why.
      await d.getByLabel(t.screening.create.name).fill('');
      await d.locator('button[type="submit"]').last().click();
    },
  );
  await w.visit(`#/app/campaigns/${inst.campaignId}`, 'campaign-detail', 'campaign');
  await w.visit(`#/app/campaigns/${inst.campaignId}/board`, 'live-board', 'board');
  await w.visit(`#/app/campaigns/${inst.campaignId}/paper`, 'paper-page', 'paper');
  await page.getByTestId('paper-find').fill(school ? '李四' : '李梅');
  await page.getByTestId('paper-matches').getByRole('button').first().click();
  await see(page.getByTestId('paper-person'));
  await w.check('paper/entry');
  await w.visit(`#/app/campaigns/${inst.campaignId}/import`, 'response-import', 'response-import');

  // The worklist and a case with every action dialog.
  await w.visit('#/app/worklist', 'worklist-page', 'worklist');
  await w.visit(`#/app/cases/${inst.caseId}`, 'case-page', 'case');
  const actions = page.getByRole('group', { name: t.cases.page.actions }).getByRole('button');
  const labels = await actions.allTextContents();
  for (const [i, label] of labels.entries())
    await w.dialog(actions.nth(i), `case/${label.trim()}`, async (d) => {
      // Saved empty: each dialog's own field errors (nothing is written while a field is missing).
      if ((await d.locator('textarea, input[type="text"]').count()) > 0)
        await d.locator('button[type="submit"]').last().click();
    });
  const referralButtons = page.getByTestId('referral').getByRole('button');
  for (const [i, label] of (await referralButtons.allTextContents()).entries())
    await w.dialog(referralButtons.nth(i), `case/referral/${label.trim()}`);

  // Reports: the referral letter and the group report from the export page.
  await w.visit(`#/app/print/referral/${inst.referralId}`, 'referral-letter', 'referral-letter');
  await w.visit('#/app/export', 'export-page', 'export');
  // An export run to its end: progress and the done message.
  const download = page.waitForEvent('download');
  await page.getByTestId('export-start').click();
  await download;
  await see(page.getByTestId('export-done'), 30_000);
  await w.check('export/done');
  await page.getByTestId('group-report-open').click();
  await see(page.getByTestId('group-report'));
  await w.check('group-report');

  // The library with a preview.
  await w.visit('#/app/library', 'library-page', 'library');
  await w.dialog(
    page.getByTestId('instrument-card').first().getByRole('button', { name: t.library.preview }),
    'library/preview',
  );
  await w.visit('#/app/rules', 'rules-page', 'rules');
  await w.visit('#/app/users', 'users-page', 'users');
  await w.dialog(page.getByRole('button', { name: t.users.add }), 'users/create', async (d) => {
    await d.locator('button[type="submit"]').last().click();
  });
  await w.visit('#/app/audit', 'audit-page', 'audit');
  await w.visit('#/app/backup', 'backup-page', 'backup');
  await w.visit('#/app/hub', 'hub-link-page', 'hub');
}

/** The kiosk: setup, a wrong number, then a whole questionnaire in the UI language. */
export async function walkKiosk(w: Walk): Promise<void> {
  const { page, inst } = w;
  const who = inst.kioskPeople[w.language];
  await w.visit(`#/app/campaigns/${inst.campaignId}/kiosk`, 'kiosk-setup', 'kiosk/setup');
  await beginKiosk(page, '8642');
  await w.checkRespondent('kiosk/identify');
  await page.getByTestId('kiosk-number').fill('99999999');
  if (who.birth) await page.getByTestId('kiosk-birth').fill(who.birth);
  await page.getByTestId('kiosk-start').click();
  await see(page.getByTestId('kiosk-identify-error'));
  await w.checkRespondent('kiosk/identify error');
  await page.getByTestId('kiosk-number').fill(who.number);
  await page.getByTestId('kiosk-start').click();
  await see(page.getByTestId('rs-consent'));
  await w.checkRespondent('kiosk/consent');
  await page.getByTestId('rs-accept').click();
  await see(page.getByTestId('rs-question'));
  await w.checkRespondent('kiosk/question');
  while ((await itemNow(page)) !== 'none') await answerByKey(page, 1);
  await see(page.getByTestId('rs-review'));
  await w.checkRespondent('kiosk/review');
  await page.getByTestId('rs-submit').click();
  await see(page.getByTestId('rs-thanks'));
  await w.checkRespondent('kiosk/thanks');
  await page.getByTestId('kiosk-exit').click();
  await page.getByTestId('kiosk-pin-input').fill('0000');
  await page.keyboard.press('Enter');
  // The PIN pad is the staff's; behind it is the respondent's screen.
  await w.check('kiosk/wrong PIN', page, w.options.staffOnly ? '[data-testid="kiosk-pin-pad"]' : undefined);
  await page.getByTestId('kiosk-pin-input').fill('8642');
  await page.keyboard.press('Enter');
  await expect.poll(() => page.getByTestId('kiosk').count(), { timeout: 15_000 }).toBe(0);
  // Out of the kiosk, the app returns to the plan by itself: wait for it before going elsewhere.
  await see(page.getByTestId('campaign-detail'));
}

/** The station page on a lab PC: sign-in, a wrong slip, consent and a question. */
export async function walkStation(w: Walk): Promise<void> {
  const { page, inst } = w;
  await w.visit(`#/app/campaigns/${inst.campaignId}/board`, 'live-board', 'board');
  // Started by the walk in the other language, or not yet.
  await see(page.getByTestId('station-start').or(page.getByTestId('station-url')));
  if (await page.getByTestId('station-start').isVisible()) {
    await page.getByTestId('station-host').selectOption('127.0.0.1');
    await page.getByTestId('station-start').click();
  }
  const url = (await page.getByTestId('station-url').textContent({ timeout: 15_000 }))!.trim();
  const code = (await page.getByTestId('station-code').textContent())!.trim();
  await w.check('board/station running');

  const lab = await w.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
  await lab.addInitScript(`localStorage.setItem('anxin.station.language', ${JSON.stringify(w.language)})`);
  const pc = await lab.newPage();
  pc.setDefaultTimeout(15_000);
  pc.on('pageerror', (e) => w.problems.push(e.message));
  await pc.goto(url);
  await see(pc.getByTestId('station-identify'));
  await w.checkRespondent('station/identify', pc);
  await pc.getByTestId('station-code-input').fill(code);
  await pc.getByTestId('station-slip').fill('ZZZZZZ');
  await pc.getByTestId('station-start').click();
  await see(pc.getByTestId('station-error'));
  await w.checkRespondent('station/wrong slip', pc);
  await pc.getByTestId('station-slip').fill(inst.slips[w.language]);
  await pc.getByTestId('station-start').click();
  await see(pc.getByTestId('rs-consent'));
  await w.checkRespondent('station/consent', pc);
  await pc.getByTestId('rs-accept').click();
  await see(pc.getByTestId('rs-question'));
  await w.checkRespondent('station/question', pc);
  await lab.close();
}

/** Logged out: the login page with a wrong password. */
export async function walkLogin(w: Walk): Promise<void> {
  const { page, t } = w;
  await page.getByRole('button', { name: t.shell.logout }).click();
  const form = page.getByTestId('login-form');
  await see(form);
  await w.check('login');
  await form.getByLabel(t.fields.username).fill('admin');
  await form.getByLabel(t.fields.password, { exact: true }).fill('not-the-password');
  await form.locator('button[type="submit"]').click();
  await see(page.getByTestId('login-error'));
  await w.check('login/wrong password');
  // The recovery page, submitted empty.
  await page.evaluate(`location.hash = '#/recover'`);
  const recover = page.getByTestId('recover-form');
  await see(recover);
  await w.check('recover');
  await recover.locator('button[type="submit"]').click();
  await w.check('recover/errors');
}

/** The whole walk of one installation in one language under `rule`. */
export async function walk(
  browser: Browser,
  inst: Installation,
  language: Language,
  rule: Rule,
  options: WalkOptions = {},
): Promise<Walk> {
  const w = new Walk(browser, inst, language, rule, options);
  try {
    await w.open();
    await walkStaffPages(w);
    await walkKiosk(w);
    if (inst.programme === 'school') await walkStation(w);
    await walkLogin(w);
  } finally {
    // What the walk found before any step failed, so one run shows every leak seen so far.
    if (w.findings.length) console.log(`${inst.programme}/${language} so far:\n${report(w.findings)}`);
  }
  await w.page.context().close();
  return w;
}
