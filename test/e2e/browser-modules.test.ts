import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { builtinInstruments, displayOptions, getInstrument } from '../../shared/instruments';
import { launchChromium } from './helpers/browser';
import { gone, see, seeText, textBecomes } from './helpers/page';
import { writeSampleFiles } from '../helpers/samples';
import { ensureBuilt, initDataDir, startServer, type RunningServer } from './helpers/server';

const PASSWORD = 'anxin-e2e-modules';

let browser: Browser;
const servers: RunningServer[] = [];
const dirs: string[] = [];
/** The generated sample roster, register and 问卷星 export, for the file pickers. */
let samplesDir: string;

beforeAll(async () => {
  ensureBuilt();
  samplesDir = await writeSampleFiles(mkdtempSync(join(tmpdir(), 'anxin-e2e-samples-')));
  dirs.push(samplesDir);
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  for (const server of servers) await server.stop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function freshOrg(orgType: 'school' | 'maternal', orgName: string): Promise<RunningServer> {
  const dir = mkdtempSync(join(tmpdir(), `anxin-e2e-${orgType}-`));
  dirs.push(dir);
  initDataDir(dir, { orgType, orgName, displayName: '李老师', password: PASSWORD });
  const server = await startServer(dir);
  servers.push(server);
  return server;
}

/** Logged in as the administrator at 1280×800 in Chinese; `problems` collects script errors. */
async function openLoggedIn(server: RunningServer): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  await page.goto(server.url);
  const form = page.getByTestId('login-form');
  await form.getByLabel('用户名').fill('admin');
  await form.getByLabel('密码', { exact: true }).fill(PASSWORD);
  await form.getByRole('button', { name: '登录' }).click();
  await see(page.getByTestId('header-user'));
  return { page, problems };
}

const shot = (page: Page, name: string) => page.screenshot({ path: join(tmpdir(), `anxin-${name}.png`) });

async function optionTexts(page: Page, itemNumber: number): Promise<string[]> {
  const item = page.getByTestId('preview-item').and(page.locator(`[data-item="${itemNumber}"]`));
  await see(item);
  return (await item.getByTestId('preview-option').allTextContents()).map((s) => s.trim());
}

describe('量表库 (instrument library)', () => {
  test('lists the programme’s five built-ins (no PSC-17 at a clinic) with their licence lines; EPDS previews in printed order', async () => {
    const server = await freshOrg('maternal', '安心县妇幼保健院');
    const { page, problems } = await openLoggedIn(server);

    await page.getByRole('link', { name: '量表库' }).click();
    await see(page.getByTestId('library-page'));
    const cards = page.getByTestId('instrument-card');
    const clinicBuiltins = builtinInstruments.filter((d) => d.population.programmes.includes('perinatal'));
    await textBecomes(page.getByTestId('library-count'), '共 5 个量表，已启用 5 个');
    expect(await cards.count()).toBe(5);
    expect(await cards.and(page.locator('[data-instrument="PSC-17"]')).count()).toBe(0);
    for (const def of clinicBuiltins) {
      const card = cards.and(page.locator(`[data-instrument="${def.id}"]`));
      await seeText(card, def.names.zh);
      await textBecomes(
        card.getByTestId('instrument-licence').getByTestId('licence-line'),
        def.licence.attribution.zh,
      );
      // Only instruments whose holder requires it carry the written-permission notice.
      expect(await card.getByTestId('licence-permission').count()).toBe(
        def.licence.requiresPermission ? 1 : 0,
      );
    }
    await seeText(
      cards.and(page.locator('[data-instrument="EPDS"]')).getByTestId('licence-permission'),
      '需取得版权方书面授权',
    );
    await shot(page, 'library');

    // The preview shows the form as a respondent sees it: EPDS item 10 mild-first in Chinese …
    const epds = getInstrument('EPDS')!;
    await cards.and(page.locator('[data-instrument="EPDS"]')).getByRole('button', { name: '预览' }).click();
    const dialog = page.getByTestId('preview-dialog');
    await see(dialog);
    expect(await optionTexts(page, 10)).toEqual(displayOptions(epds, 'q10', 'zh').map((o) => o.label.zh));
    expect(await optionTexts(page, 10)).toEqual(['没有这样', '很少这样', '有时候这样', '相当多时候这样']);
    await seeText(dialog.getByTestId('preview-licence'), epds.licence.attribution.zh);

    // … and severe-first in English, from the toggle inside the preview.
    await dialog.getByTestId('preview-lang-en').click();
    expect(await optionTexts(page, 10)).toEqual(['Yes, quite often', 'Sometimes', 'Hardly ever', 'Never']);
    expect(await optionTexts(page, 3)).toEqual(displayOptions(epds, 'q3', 'en').map((o) => o.label.en));

    // Try-out scores by value, not position: "Yes, quite often" on item 10 is 3 and fires the critical item.
    await dialog.getByRole('switch', { name: '试算' }).check();
    const item10 = page.getByTestId('preview-item').and(page.locator('[data-item="10"]'));
    await item10.getByRole('radio', { name: /Yes, quite often/ }).click();
    await textBecomes(dialog.getByTestId('tryout-total'), '3 (完整作答时为 3–30)');
    await see(dialog.getByTestId('tryout-critical'));
    await shot(page, 'library-preview');
    await dialog.getByRole('button', { name: '关闭' }).first().click();
    await gone(dialog);

    // 下载模板 gives the custom-instrument workbook; a wrong file is refused sheet by sheet, the template imports.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载模板' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const templatePath = join(dirs.at(-1)!, 'instrument-template.xlsx');
    await download.saveAs(templatePath);
    await page.getByRole('button', { name: '导入自定义量表' }).click();
    const importDialog = page.getByTestId('import-instrument-dialog');
    await importDialog.getByTestId('instrument-file').setInputFiles(join(samplesDir, 'school-roster.xlsx'));
    await importDialog.getByRole('button', { name: '导入', exact: true }).click();
    const issues = importDialog.getByTestId('import-issues');
    await see(issues);
    await seeText(issues.locator('tbody tr').first(), '基本信息');
    await shot(page, 'library-import-issues');
    await importDialog.getByTestId('instrument-file').setInputFiles(templatePath);
    await importDialog.getByRole('button', { name: '导入', exact: true }).click();
    await gone(importDialog);
    await textBecomes(page.getByTestId('library-count'), '共 6 个量表，已启用 6 个');
    const custom = cards.filter({ hasText: '自定义' });
    await see(custom);

    // An administrator can switch an instrument off; it stays listed, greyed.
    await custom.getByRole('switch').uncheck();
    await textBecomes(page.getByTestId('library-count'), '共 6 个量表，已启用 5 个');
    await expect.poll(() => custom.getAttribute('data-enabled')).toBe('false');
    await custom.getByRole('switch').check();
    await textBecomes(page.getByTestId('library-count'), '共 6 个量表，已启用 6 个');

    // The whole page in English: every licence line in English.
    await page.getByRole('button', { name: 'English' }).click();
    await see(page.getByRole('heading', { name: 'Instrument library' }));
    for (const def of clinicBuiltins) {
      const card = cards.and(page.locator(`[data-instrument="${def.id}"]`));
      await textBecomes(
        card.getByTestId('instrument-licence').getByTestId('licence-line'),
        def.licence.attribution.en,
      );
    }
    await seeText(
      cards.and(page.locator('[data-instrument="EPDS"]')).getByTestId('licence-permission'),
      'Written permission from the copyright holder',
    );
    // Each card is titled in English only; the Chinese UI adds the English name under the Chinese.
    for (const def of clinicBuiltins) {
      const card = cards.and(page.locator(`[data-instrument="${def.id}"]`));
      await textBecomes(card.getByTestId('instrument-name'), def.names.en);
      expect(await card.locator('.instrument-name-en').count()).toBe(0);
    }
    // A wrong file's problems are worded in English; sheet names are the template's own words.
    await page.getByRole('button', { name: 'Import custom instrument' }).click();
    await importDialog.getByTestId('instrument-file').setInputFiles(join(samplesDir, 'school-roster.xlsx'));
    await importDialog.getByRole('button', { name: 'Import', exact: true }).click();
    await seeText(issues.locator('tbody tr').first(), 'The sheet “基本信息” is missing');
    const problemsText = await issues.locator('tbody td:nth-child(3)').allTextContents();
    for (const text of problemsText) expect(text.replace(/“[^”]*”/g, '')).not.toMatch(/\p{Script=Han}/u);
    await importDialog.getByRole('button', { name: 'Cancel' }).first().click();
    await gone(importDialog);
    await page.getByRole('button', { name: '中文' }).click();
    await see(page.getByRole('heading', { name: '量表库' }));

    expect(problems).toEqual([]);
    await page.context().close();
  }, 90_000);
});

describe('学生名册导入 → 学生档案 → 个人档案', () => {
  test('imports the 600-student roster, finds a student by pinyin initials and keeps a note in the file', async () => {
    const server = await freshOrg('school', '安心市第一中学');
    const { page, problems } = await openLoggedIn(server);

    await page.getByRole('link', { name: '学生档案' }).first().click();
    await seeText(page.getByTestId('students-empty'), '还没有学生档案');
    await page.getByRole('link', { name: '导入名册' }).first().click();
    await see(page.getByTestId('import-page'));
    const [template] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('import-template').click(),
    ]);
    expect(template.suggestedFilename()).toMatch(/\.xlsx$/);
    await page.getByTestId('import-file').setInputFiles(join(samplesDir, 'school-roster.xlsx'));
    await seeText(page.getByTestId('picked-file'), 'school-roster.xlsx');
    await page.getByTestId('import-next').click();
    // The detected columns are shown for checking before any row is previewed.
    await see(page.getByTestId('mapping-table'), 20_000);
    await page.getByTestId('mapping-done').click();

    // Every row is new; nothing is written before the confirmation.
    const preview = page.getByTestId('import-preview');
    await see(preview, 20_000);
    await textBecomes(page.getByTestId('count-new').getByTestId('count-num'), '600');
    await textBecomes(page.getByTestId('count-error').getByTestId('count-num'), '0');
    expect(await preview.getByTestId('preview-row').count()).toBe(600);
    await shot(page, 'import-preview');

    // The column mapping can be opened and lists the detected columns with fields chosen.
    await page.getByTestId('open-mapping').click();
    await see(page.getByTestId('mapping-table'));
    expect(await page.getByTestId('mapping-select').count()).toBeGreaterThanOrEqual(6);
    await page.getByTestId('mapping-done').click();

    await page.getByTestId('import-commit').click();
    await page.getByTestId('import-confirm-ok').click();
    await see(page.getByTestId('import-summary'), 20_000);
    await textBecomes(page.getByTestId('summary-created'), '600');
    await page.getByTestId('import-to-list').click();

    // The register: 600 in the count, grades → classes in the tree, only a window of rows rendered.
    await textBecomes(page.getByTestId('student-count'), '共 600 名学生');
    await seeText(page.getByTestId('group-tree'), '七年级');
    const rendered = await page.getByTestId('student-row').count();
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(100);
    await shot(page, 'students-register');

    // Scrolling to the end fetches the second page (rows 501–600) on demand.
    await page.getByTestId('students-table-scroll').evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await see(page.locator('[data-testid="student-row"][aria-rowindex="601"]'));

    // A class from the tree narrows the list.
    await page.getByTestId('tree-class').first().click();
    await textBecomes(page.getByTestId('student-count'), '找到 50 名学生（共 600 名）');

    // Pinyin initials find 张思雨.
    await page.getByTestId('student-search').fill('zsy');
    await textBecomes(page.getByTestId('student-count'), '找到 0 名学生（共 600 名）');
    await page.getByRole('button', { name: '取消年级班级筛选' }).click();
    const row = page.getByTestId('student-row').filter({ hasText: '张思雨' });
    await see(row);
    await row.click();

    // The personal file: identity, no screenings yet, the import in the timeline.
    await textBecomes(page.getByTestId('person-name'), '张思雨');
    await seeText(page.getByTestId('current-result'), '暂无测评记录');
    await see(page.getByTestId('trend-empty'));
    await seeText(page.getByTestId('timeline-item').first(), '由名册导入');

    // A note goes to the top of the timeline.
    await page.getByTestId('note-input').fill('已与家长电话沟通，家长表示会关注孩子睡眠。');
    await page.getByRole('button', { name: '添加备注' }).click();
    await seeText(page.getByTestId('timeline-item').first(), '已与家长电话沟通');
    await seeText(page.getByTestId('timeline-item').first(), '备注');

    // A correction needs a reason and shows 旧值 → 新值.
    await page.getByRole('button', { name: '更正信息' }).click();
    const correct = page.getByTestId('correct-dialog');
    await see(correct);
    await correct.getByLabel('班主任').fill('王老师');
    await correct.getByRole('button', { name: /保存 1 项更正/ }).click();
    await see(correct.getByText('请填写更正原因'));
    await correct.getByTestId('correct-reason').fill('学籍系统未登记班主任');
    await correct.getByRole('button', { name: /保存 1 项更正/ }).click();
    await gone(correct);
    const top = page.getByTestId('timeline-item').first();
    await seeText(top, '更正信息');
    await seeText(top, '学籍系统未登记班主任');
    await seeText(top.locator('.change-new'), '王老师');
    await shot(page, 'person-file');

    // Back to the register: the search is still there.
    await page.getByRole('link', { name: '学生档案' }).first().click();
    expect(await page.getByTestId('student-search').inputValue()).toBe('zsy');
    await see(page.getByTestId('student-row').filter({ hasText: '张思雨' }));

    expect(problems).toEqual([]);
    await page.context().close();
  }, 120_000);
});

describe('导入向导：列对应', () => {
  test('a column the import does not recognise is mapped by hand and the preview re-runs', async () => {
    const server = await freshOrg('school', '安心市第二中学');
    const { page, problems } = await openLoggedIn(server);
    const csv = join(dirs.at(-1)!, '名单.csv');
    writeFileSync(
      csv,
      [
        '学号,名字,性别,出生日期,年级,班级',
        '20240001,张小明,男,2012-05-01,七年级,1班',
        '20240002,李小红,女,2012-07-11,七年级,2班',
        '20240003,王小刚,男,2012-13-40,七年级,2班',
      ].join('\n'),
    );

    await page.goto(`${server.url.split('?')[0]}#/app/students/import`);
    await page.getByTestId('import-file').setInputFiles(csv);
    await page.getByTestId('import-next').click();

    // "名字" is not a known header: the wizard stops at the mapping step and says what is missing.
    await see(page.getByTestId('mapping-table'));
    await seeText(page.locator('[data-alert="warning"]'), '没有找到：姓名');
    expect(await page.getByTestId('mapping-done').isDisabled()).toBe(true);
    await page.getByLabel('“名字”对应的信息').selectOption({ label: '姓名 *' });
    // The preview re-runs on the server: allow for a busy machine.
    await expect.poll(() => page.getByTestId('mapping-done').isDisabled(), { timeout: 20_000 }).toBe(false);
    await page.getByTestId('mapping-done').click();

    // Two rows import; the impossible date is an error with its reason.
    await textBecomes(page.getByTestId('count-new').getByTestId('count-num'), '2');
    await textBecomes(page.getByTestId('count-error').getByTestId('count-num'), '1');
    await page.getByTestId('count-error').click();
    await seeText(page.getByTestId('preview-row'), '王小刚');
    await seeText(page.getByTestId('preview-row'), '出生日期无法识别：2012-13-40');
    // The reason is a code: in English it names the field in English.
    await page.getByRole('button', { name: 'English' }).click();
    await seeText(page.getByTestId('preview-row'), 'Date of birth is not recognised: 2012-13-40');
    await page.getByRole('button', { name: '中文' }).click();
    await seeText(page.getByTestId('preview-row'), '出生日期无法识别');
    await page.getByTestId('import-commit').click();
    await seeText(page.getByTestId('import-confirm'), '1 行有错误或重复，将被跳过');
    await page.getByTestId('import-confirm-ok').click();
    await textBecomes(page.getByTestId('summary-created'), '2');
    // The skipped row is listed by its row number in the file (header is row 1).
    await seeText(page.getByTestId('import-summary').locator('tbody tr td').first(), '4');
    await page.getByTestId('import-to-list').click();
    await textBecomes(page.getByTestId('student-count'), '共 2 名学生');

    expect(problems).toEqual([]);
    await page.context().close();
  }, 60_000);
});

describe('孕产妇登记导入 → 孕产妇档案 → 筛查结果规则', () => {
  test('imports the county register, filters by township and stage, and saves a new rule version', async () => {
    const server = await freshOrg('maternal', '安心县妇幼保健院');
    const { page, problems } = await openLoggedIn(server);

    await page.getByRole('link', { name: '孕产妇档案' }).first().click();
    await seeText(page.getByTestId('women-empty'), '还没有孕产妇档案');
    await page.getByRole('link', { name: '导入登记表' }).first().click();
    await page.getByTestId('import-file').setInputFiles(join(samplesDir, 'maternal-register.xlsx'));
    await page.getByTestId('import-next').click();
    // The columns are shown for checking first, every one of them mapped.
    await see(page.getByTestId('mapping-table'), 20_000);
    await page.getByTestId('mapping-done').click();
    await see(page.getByTestId('import-preview'), 20_000);
    // The register gives one ID number to two women: both rows are held back, each naming the other.
    await textBecomes(page.getByTestId('count-duplicate').getByTestId('count-num'), '2');
    await page.getByTestId('count-duplicate').click();
    const duplicate = page.getByTestId('preview-row');
    expect(await duplicate.count()).toBe(2);
    await seeText(duplicate.first(), '身份证号与第82行重复');
    await seeText(duplicate.last(), '身份证号与第5行重复');
    await page.getByTestId('import-commit').click();
    await page.getByTestId('import-confirm-ok').click();
    await see(page.getByTestId('import-summary'), 20_000);
    await textBecomes(page.getByTestId('summary-created'), '178');
    await page.getByTestId('import-to-list').click();

    // The register with stage and next screening; a township narrows it, then a stage.
    await textBecomes(page.getByTestId('woman-count'), '共 178 名孕产妇');
    await see(page.getByTestId('next-due'));
    const township = page.getByTestId('township-list').getByRole('button').nth(1);
    const [name, count] = ((await township.textContent()) ?? '').match(/^(.+?)(\d+)$/)!.slice(1);
    await township.click();
    await textBecomes(page.getByTestId('woman-count'), `找到 ${count} 名（共 178 名）`);
    const rows = page.getByTestId('woman-row');
    for (const text of await rows.allTextContents()) expect(text).toContain(name!.trim());
    await page.getByTestId('stage-filter').getByRole('button', { name: '产后' }).click();
    await expect
      .poll(async () => {
        const texts = await rows.allTextContents();
        return (
          texts.length > 0 && texts.every((text) => /产后\d+天/.test(text) && text.includes(name!.trim()))
        );
      })
      .toBe(true);
    await shot(page, 'women-register');

    // A woman's file shows her time points.
    await page.getByTestId('stage-filter').getByRole('button', { name: '全部' }).click();
    await rows.first().click();
    await see(page.getByTestId('person-file'));
    await see(page.getByTestId('perinatal-card'));

    // 筛查结果规则: raise the EPDS positive threshold; the save explains past results keep theirs.
    await page.getByRole('link', { name: '筛查结果规则' }).click();
    await see(page.getByTestId('rules-page'));
    await seeText(page.getByTestId('rules-version'), '内置默认规则');
    await page.getByLabel('EPDS 总分 ≥ 13的下限').fill('14');
    await seeText(page.getByTestId('save-bar'), '有 1 处修改尚未保存');
    // The rules' own save bar (the time-point windows card has a button of the same name).
    await page.getByTestId('save-bar').getByRole('button', { name: '另存为新版本' }).click();
    const confirm = page.getByTestId('rules-confirm');
    await seeText(confirm, '保存为第 1 版规则？');
    await seeText(confirm, '已有的测评结果仍按当时所用的规则和界值判定');
    await seeText(confirm, 'EPDS 总分 ≥ 13 → EPDS 总分 ≥ 14');
    await confirm.getByRole('button', { name: '确认保存' }).click();
    await gone(confirm);
    await seeText(page.getByTestId('rules-version'), '第 1 版');
    await seeText(page.getByTestId('rules-history').locator('li').first(), '第 1 版');
    await seeText(page.getByTestId('rules-history'), '内置默认');
    await shot(page, 'rules');

    expect(problems).toEqual([]);
    await page.context().close();
  }, 120_000);
});
