import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ApiInput, ApiMethod, ApiOutput } from '../../shared/api/contract';
import { callApi } from './helpers/api';
import { addDays, todayIso } from '../../shared/people/date';
import { launchChromium, watchedPage } from './helpers/browser';
import { gone, see, seeText } from './helpers/page';
import { ensureBuilt, startServer, type RunningServer } from './helpers/server';

const PASSWORD = 'anxin-e2e-pass';
const SHOTS = process.env.ANXIN_SCREENSHOTS ?? tmpdir();
const TODAY = todayIso();

let browser: Browser;
const cleanups: (() => Promise<void>)[] = [];

interface App {
  server: RunningServer;
  api<M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiOutput<M>>;
}

/** A fresh data folder and `anxin serve`, set up as the given organisation with 李老师 as administrator. */
async function boot(orgType: 'school' | 'maternal'): Promise<App> {
  const dataDir = mkdtempSync(join(tmpdir(), `anxin-e2e-cases-${orgType}-`));
  const server = await startServer(dataDir);
  cleanups.push(async () => {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });
  const api = <M extends ApiMethod>(method: M, input: ApiInput<M>) => callApi(server, method, input);
  await api('auth.setup', {
    orgType,
    orgName: orgType === 'school' ? '安心市第一中学' : '安心县妇幼保健院',
    username: 'admin',
    displayName: '李老师',
    password: PASSWORD,
  });
  return { server, api };
}

/** A paper screening entered through the API, as the paper-entry page would. */
async function screen(app: App, personId: number, instrumentId: 'PHQ-9' | 'EPDS', values: number[]) {
  const s = await app.api('screening.start', { personId, mode: 'paper', battery: [instrumentId] });
  for (const [i, value] of values.entries())
    await app.api('screening.saveAnswer', {
      screeningId: s.screeningId,
      instrumentId,
      itemId: `q${i + 1}`,
      value,
    });
  return app.api('screening.submit', { screeningId: s.screeningId });
}

async function open(url: string): Promise<{ page: Page; problems: string[] }> {
  const opened = await watchedPage(browser, { width: 1360 });
  await opened.page.goto(url);
  return opened;
}

/** Opens an action on the case page, lets `fill` complete its form, saves and waits for it to close. */
async function record(
  page: Page,
  action: string,
  dialogId: string,
  fill: (dialog: Locator) => Promise<void>,
) {
  await page.getByRole('group', { name: '记录' }).getByRole('button', { name: action, exact: true }).click();
  const dialog = page.getByTestId(dialogId);
  await see(dialog);
  await fill(dialog);
  await dialog.getByRole('button', { name: '保存' }).click();
  await gone(dialog);
}

const next = (page: Page) => page.getByTestId('case-next');
const factText = (page: Page, id: string) => page.getByTestId(id).locator('dd').textContent();

beforeAll(async () => {
  ensureBuilt();
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  for (const cleanup of cleanups) await cleanup();
});

describe('follow-through in the browser', () => {
  test('school: a red flag is checked, interviewed down to orange, followed up, referred and lifted', async () => {
    const app = await boot('school');
    const student = await app.api('students.add', {
      studentNo: '20230101',
      name: '张三',
      sex: 'M',
      birthDate: '2011-03-05',
      grade: '七年级',
      className: '1班',
    });
    await app.api('students.add', {
      studentNo: '20230102',
      name: '李四',
      sex: 'F',
      birthDate: '2011-04-05',
      grade: '七年级',
      className: '2班',
    });
    // PHQ-9 item 9 (thoughts of self-harm) answered 1: red, with a same-day safety check.
    expect((await screen(app, student.id, 'PHQ-9', [1, 1, 1, 1, 1, 1, 1, 1, 1])).level).toBe('red');

    const { page, problems } = await open(app.server.url);
    await page.getByRole('link', { name: '预警台账' }).click();
    const row = page.getByTestId('worklist-row');
    await see(row);
    expect(await row.count()).toBe(1);
    expect(await row.getByTestId('worklist-level').getAttribute('data-level')).toBe('red');
    await seeText(row.getByTestId('worklist-level'), '红色预警（一级）');
    await seeText(row, 'PHQ-9 第9题阳性（自伤念头）');
    await seeText(row, '当日安全评估');
    expect(await row.getByTestId('worklist-due').textContent()).toBe(TODAY);
    await seeText(page.getByTestId('worklist-count'), '共 1 人');

    // A saved view: the red tab, kept under a name, applied again after clearing.
    await page
      .getByTestId('level-tabs')
      .getByRole('button', { name: /红色预警/ })
      .click();
    await page.getByTestId('saved-views').getByRole('button', { name: '保存视图' }).click();
    const saveView = page.getByTestId('save-view-dialog');
    await seeText(saveView, '将保存：红色预警（一级）');
    await saveView.getByLabel('视图名称').fill('红色名单');
    await saveView.getByRole('button', { name: '保存视图' }).click();
    await gone(saveView);
    await page.getByRole('button', { name: '清除筛选' }).click();
    await page.getByRole('button', { name: '应用视图 红色名单' }).click();
    expect(
      await page
        .getByTestId('level-tabs')
        .getByRole('button', { name: /红色预警/ })
        .getAttribute('aria-pressed'),
    ).toBe('true');
    await page.screenshot({ path: join(SHOTS, 'anxin-worklist.png') });

    await row.getByTestId('worklist-name').click();
    await seeText(page.getByTestId('case-person'), '张三');
    await seeText(next(page), '当日安全评估 今天截止');

    // The safety check refuses an empty form, then closes with its checklist.
    await page.getByRole('group', { name: '记录' }).getByRole('button', { name: '当日安全评估' }).click();
    const safety = page.getByTestId('safety-dialog');
    await safety.getByRole('button', { name: '保存' }).click();
    await see(safety.getByText('请先完成面谈和风险评估'));
    await see(safety.getByText('请填写评估结果'));
    await safety.getByLabel('已与本人面谈').check();
    await safety.getByLabel('已完成风险评估').check();
    await safety.getByLabel('已联系家长/家属').check();
    await safety.getByLabel('处置').selectOption('monitor');
    await safety.getByLabel('评估结果').fill('已面谈，无自伤计划；已通知母亲，密切观察');
    await safety.getByRole('button', { name: '保存' }).click();
    await gone(safety);
    // The check was the first contact: the first follow-up (red: 7 days) is next.
    await seeText(next(page), `随访 截止 ${addDays(TODAY, 7)}`);
    expect(await page.getByTestId('case-tasks').textContent()).not.toContain('当日安全评估');

    await record(page, '复核约谈', 'interview-dialog', async (d) => {
      await seeText(d, '约谈人：李老师');
      await d.getByLabel('约谈记录').fill('与学生约谈40分钟，近两周情绪低落，无具体计划');
      await d.getByLabel('复核等级').selectOption('orange');
      await d.getByLabel('调整理由').fill('无自伤计划，支持系统良好');
    });
    expect(await factText(page, 'case-screen-level')).toBe('红色预警（一级）');
    expect(await factText(page, 'case-confirmed-level')).toBe('橙色预警（二级）');
    expect(await page.getByTestId('case-responsible-name').textContent()).toBe('李老师');
    await seeText(next(page), `随访 截止 ${addDays(TODAY, 14)}`);

    await record(page, '随访记录', 'follow-up-dialog', async (d) => {
      // The next date defaults from the orange interval (every 14 days).
      expect(await d.getByLabel('下次随访日期').inputValue()).toBe(addDays(TODAY, 14));
      await d.getByLabel('随访内容').fill('情绪较前好转，按时上课');
      await d.getByLabel('风险变化').selectOption('lower');
    });
    await record(page, '随访记录', 'follow-up-dialog', async (d) => {
      await d.getByLabel('方式').selectOption('电话');
      await d.getByLabel('随访内容').fill('家长反馈在家情况良好');
      await d.getByLabel('下次随访日期').fill(addDays(TODAY, 7));
    });
    await seeText(next(page), `随访 截止 ${addDays(TODAY, 7)}`);

    await record(page, '转介', 'refer-dialog', async (d) => {
      await d.getByLabel('转介机构').fill('市精神卫生中心');
      await d.getByLabel('科室').fill('儿少科');
      await d.getByLabel('本人/监护人同意转介').check();
    });
    const referral = page.getByTestId('referral');
    expect(await referral.getAttribute('data-status')).toBe('referred');
    await seeText(page.getByTestId('case-tasks'), '核实转介是否到位');
    await referral.getByRole('button', { name: '记录到位' }).click();
    const attended = page.getByTestId('referral-update-dialog');
    expect(await attended.getByLabel('到位日期').inputValue()).toBe(TODAY);
    await attended.getByRole('button', { name: '保存' }).click();
    await gone(attended);
    await seeText(referral, '已到位');
    expect(await page.getByTestId('case-tasks').textContent()).not.toContain('核实转介是否到位');

    // 解除预警 needs its reason.
    await page.getByRole('group', { name: '记录' }).getByRole('button', { name: '解除预警' }).click();
    const lift = page.getByTestId('lift-dialog');
    await lift.getByRole('button', { name: '保存' }).click();
    await see(lift.getByText('请填写解除理由'));
    await lift.getByLabel('解除理由').fill('复诊评估稳定，复核约谈确认风险解除');
    await lift.getByRole('button', { name: '保存' }).click();
    await gone(lift);
    await seeText(page.getByTestId('case-status'), '已解除预警');
    await seeText(next(page), '已解除预警');
    await page.screenshot({ path: join(SHOTS, 'anxin-case-lifted.png'), fullPage: true });

    // The file tells the whole story, newest first.
    await page.getByRole('link', { name: '查看档案' }).click();
    const cases = page.getByTestId('person-cases');
    await see(cases);
    expect(await cases.getByTestId('person-case').getAttribute('data-status')).toBe('lifted');
    expect(
      await cases.getByTestId('case-event').evaluateAll((els) => els.map((e) => e.getAttribute('data-kind'))),
    ).toEqual([
      'lifted',
      'referral',
      'referral',
      'follow_up',
      'follow_up',
      'interview',
      'safety_check',
      'flagged',
    ]);
    await seeText(cases, '市精神卫生中心：已到位');
    await seeText(cases, '调整理由：无自伤计划，支持系统良好');

    // Lifted: the student has left the warning list.
    await page.getByRole('link', { name: '预警台账' }).click();
    await see(page.getByTestId('worklist-empty'));
    expect(problems).toEqual([]);
  }, 120_000);

  test('school: a paper sheet with item 9 blank is marked partial, drawn hollow and confirmed in person', async () => {
    const app = await boot('school');
    const student = await app.api('students.add', {
      studentNo: '20230103',
      name: '王五',
      sex: 'M',
      birthDate: '2011-03-05',
      grade: '七年级',
      className: '1班',
    });
    const s = await app.api('screening.start', { personId: student.id, mode: 'paper', battery: ['PHQ-9'] });
    for (const [i, value] of [1, 1, 1, 1, 0, 0, 0, 0].entries())
      await app.api('screening.saveAnswer', { screeningId: s.screeningId, instrumentId: 'PHQ-9', itemId: `q${i + 1}`, value }); // prettier-ignore
    expect(
      await app.api('screening.submit', { screeningId: s.screeningId, allowIncomplete: true }),
    ).toMatchObject({
      level: 'green',
      possibleHigher: 'red',
    });

    // The worklist has the student although no rule fired: the blank item 9 must be asked about.
    const { page, problems } = await open(app.server.url);
    await page.getByRole('link', { name: '预警台账' }).click();
    const row = page.getByTestId('worklist-row');
    await seeText(row, 'PHQ-9 第9题未作答');
    await seeText(row, '需当面确认');
    await row.getByTestId('worklist-name').click();
    await seeText(next(page), '需当面确认 今天截止');

    // The file: a partial badge, item 9 by number, no band, the level a floor, a hollow point.
    await page.getByRole('link', { name: '查看档案' }).click();
    const result = page.getByTestId('current-result');
    await seeText(result.getByTestId('incomplete-badge'), '部分作答（1 题未答）');
    await seeText(result.getByTestId('blank-critical'), 'PHQ-9 第9题未作答 · 需当面确认');
    await seeText(result.getByTestId('band-open'), '—/未定');
    await seeText(result.getByTestId('level-floor'), '红色预警（一级）');
    await expect.poll(() => page.getByTestId('trend-chart').getAttribute('data-incomplete')).toBe('1');
    await see(page.getByTestId('trend-hollow-note'));
    await page.screenshot({ path: join(SHOTS, 'anxin-partial-sheet.png'), fullPage: true });

    // Confirmed in person with a reason: the task closes.
    await page.goBack();
    await record(page, '需当面确认', 'confirm-dialog', async (dialog) => {
      await dialog.getByLabel('询问结果').selectOption('denied');
      await dialog.getByLabel('确认情况').fill('班主任当面询问，本人否认有自伤念头');
    });
    await seeText(page.getByTestId('case-tasks'), '没有待办事项');
    expect(problems).toEqual([]);
  }, 120_000);

  test('perinatal: a positive EPDS is referred, diagnosed, managed as orange, followed up and closed', async () => {
    const app = await boot('maternal');
    const csv = '姓名,身份证号,末次月经,乡镇\n李梅,110101199001010023,2026-01-10,城关镇\n';
    await app.api('people.importCommit', {
      kind: 'woman',
      file: { fileName: 'women.csv', contentBase64: Buffer.from(csv).toString('base64') },
    });
    const [woman] = (await app.api('people.list', { kind: 'woman' })).items;
    expect((await screen(app, woman!.id, 'EPDS', [2, 2, 2, 2, 1, 2, 1, 1, 1, 0])).level).toBe('positive');

    const { page, problems } = await open(app.server.url);
    await page.getByRole('link', { name: '高危名单' }).click();
    const row = page.getByTestId('worklist-row');
    await see(row);
    await seeText(row.getByTestId('worklist-level'), '筛查阳性（建议进一步评估）');
    await seeText(row, '城关镇');
    await seeText(row, '首次联系');
    expect(await row.getByTestId('worklist-due').textContent()).toBe(addDays(TODAY, 3));
    await row.getByTestId('worklist-name').click();
    await seeText(page.getByTestId('case-person'), '李梅');
    expect(await factText(page, 'case-colour')).toBe('未评估');

    // A maternal service refers as 转诊 (renderer/src/i18n/perinatal.zh.ts).
    await record(page, '转诊', 'refer-dialog', async (d) => {
      await d.getByLabel('转诊机构').fill('县人民医院');
      await d.getByLabel('科室').fill('心理科');
      await d.getByLabel('本人/家属同意转诊').check();
    });
    const referral = page.getByTestId('referral');
    await referral.getByRole('button', { name: '记录到位' }).click();
    const update = page.getByTestId('referral-update-dialog');
    await update.getByRole('button', { name: '保存' }).click();
    await gone(update);
    expect(await referral.getAttribute('data-status')).toBe('attended');
    await referral.getByRole('button', { name: '记录专科结论' }).click();
    await update.getByRole('button', { name: '保存' }).click();
    await see(update.getByText('请填写专科结论'));
    await update.getByLabel('专科结论').selectOption('confirmed');
    await update.getByLabel('ICD-10 编码').selectOption('F32');
    await update.getByLabel('诊断说明').fill('围产期抑郁');
    await update.getByRole('button', { name: '保存' }).click();
    await gone(update);
    await seeText(referral, '专科结论：确诊 F32 抑郁发作');

    // The app suggests orange; the clinician accepts it.
    const suggestion = page.getByTestId('suggested-colour');
    await seeText(suggestion, '系统建议：橙色');
    await suggestion.getByRole('button', { name: '接受建议' }).click();
    await gone(suggestion);
    expect(await factText(page, 'case-colour')).toBe('橙色');
    expect(await page.getByTestId('case-responsible-name').textContent()).toBe('李老师');

    await record(page, '风险颜色评估', 'colour-dialog', async (d) => {
      expect(await d.getByLabel('颜色', { exact: true }).inputValue()).toBe('orange');
      await d.getByLabel('理由').fill('补充专案管理计划');
      await d.getByLabel('专案管理计划').fill('每两周电话随访，产后42天门诊复评');
    });
    expect(await factText(page, 'case-plan')).toBe('每两周电话随访，产后42天门诊复评');

    for (const content of ['按时服药，睡眠改善', '情绪平稳，家属支持良好'])
      await record(page, '随访记录', 'follow-up-dialog', async (d) => {
        await d.getByLabel('方式').selectOption('电话');
        await d.getByLabel('随访内容').fill(content);
      });
    expect(
      await page
        .getByTestId('case-event')
        .evaluateAll((els) => els.filter((e) => e.getAttribute('data-kind') === 'follow_up').length),
    ).toBe(2);

    // Under 专案管理 on the list, by colour.
    await page.getByRole('link', { name: '返回名单' }).click();
    await page
      .getByTestId('level-tabs')
      .getByRole('button', { name: /专案管理/ })
      .click();
    await page.getByLabel('按颜色筛选').selectOption('orange');
    await seeText(page.getByTestId('worklist-row'), '橙色');
    await page.getByTestId('worklist-name').click();

    await page.getByRole('group', { name: '记录' }).getByRole('button', { name: '结案' }).click();
    const close = page.getByTestId('close-dialog');
    await close.getByLabel('结案原因').selectOption('other');
    await close.getByRole('button', { name: '保存' }).click();
    await see(close.getByText('选择“其他”时请填写说明'));
    await close.getByLabel('结案原因').selectOption('recovered');
    await close.getByLabel('说明').fill('产后复评EPDS 6分，症状缓解');
    await close.getByRole('button', { name: '保存' }).click();
    await gone(close);
    await seeText(page.getByTestId('case-status'), '已结案');
    await seeText(next(page), '已结案');
    await seeText(page.getByTestId('case-history'), '康复');
    await page.screenshot({ path: join(SHOTS, 'anxin-case-closed.png'), fullPage: true });

    await page.getByRole('link', { name: '返回名单' }).click();
    await see(page.getByTestId('worklist-empty'));
    expect(problems).toEqual([]);
  }, 120_000);
  test('perinatal: a safety check makes the referral; 确诊 F53.0 suggests red, changed with a reason, all in the timeline', async () => {
    const app = await boot('maternal');
    const csv = `姓名,身份证号,末次月经,乡镇\n王芳,11010119900101004X,${addDays(TODAY, -30 * 7)},城关镇\n`;
    await app.api('people.importCommit', {
      kind: 'woman',
      file: { fileName: 'women.csv', contentBase64: Buffer.from(csv).toString('base64') },
    });
    const [woman] = (await app.api('people.list', { kind: 'woman' })).items;
    expect((await screen(app, woman!.id, 'EPDS', [2, 2, 2, 2, 1, 2, 1, 1, 1, 2])).level).toBe('critical');

    const { page, problems } = await open(app.server.url);
    await page.getByRole('link', { name: '高危名单' }).click();
    await page.getByTestId('worklist-name').click();
    await seeText(page.getByTestId('case-person'), '王芳');

    // 转介就医 asks where to, and saving makes the referral with its 14-day check.
    await record(page, '当日安全评估', 'safety-dialog', async (d) => {
      await d.getByLabel('已与本人面谈').check();
      await d.getByLabel('已完成风险评估').check();
      await d.getByLabel('处置').selectOption('referral');
      await see(d.getByTestId('safety-referral'));
      await d.getByLabel('转诊机构').fill('县人民医院');
      await d.getByLabel('科室').fill('精神科');
      await d.getByLabel('本人/家属同意转诊').check();
      await d.getByLabel('评估结果').fill('有自伤念头，无计划；家属陪同就医');
    });
    const referral = page.getByTestId('referral');
    expect(await referral.getAttribute('data-status')).toBe('referred');
    const tasks = page.getByTestId('case-tasks');
    await seeText(tasks, '核实转诊是否到位');
    expect(await tasks.textContent()).not.toContain('首次联系');

    await referral.getByRole('button', { name: '记录到位' }).click();
    const update = page.getByTestId('referral-update-dialog');
    await update.getByRole('button', { name: '保存' }).click();
    await gone(update);
    await referral.getByRole('button', { name: '记录专科结论' }).click();
    await update.getByLabel('专科结论').selectOption('confirmed');
    await update.getByLabel('ICD-10 编码').selectOption('F53.0');
    await update.getByRole('button', { name: '保存' }).click();
    await gone(update);
    await seeText(referral, '专科结论：确诊 F53.0 产后抑郁');

    // Critical screen + 确诊: red is suggested, with why; the clinician chooses orange, with a reason.
    const suggestion = page.getByTestId('suggested-colour');
    await seeText(suggestion, '系统建议：红色');
    await seeText(suggestion, '专科确诊 F53.0 产后抑郁');
    await suggestion.getByRole('button', { name: /改为其他颜色/ }).click();
    const colour = page.getByTestId('colour-dialog');
    await seeText(colour.getByTestId('colour-suggested-note'), '系统建议红色');
    await colour.getByLabel('颜色', { exact: true }).selectOption('orange');
    await colour.getByRole('button', { name: '保存' }).click();
    await see(colour.getByText('请填写理由'));
    await colour.getByLabel('理由').fill('已住院治疗，自伤风险已控制');
    await colour.getByRole('button', { name: '保存' }).click();
    await gone(colour);
    await gone(suggestion);
    expect(await factText(page, 'case-colour')).toBe('橙色');

    const history = page.getByTestId('case-history');
    await seeText(history, '未采纳系统建议（红色），改为橙色');
    await seeText(history, '理由：已住院治疗，自伤风险已控制');
    await seeText(history, '系统建议：红色');
    await seeText(history, '县人民医院：专科结论 确诊 F53.0 产后抑郁');
    await seeText(history, '转诊至 县人民医院 精神科');
    expect(
      await history
        .getByTestId('case-event')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-kind'))),
    ).toEqual(['colour', 'colour', 'referral', 'referral', 'referral', 'safety_check', 'flagged']);

    // 结案 offers only what fits a woman 30 weeks pregnant: no 产后42天到期.
    await page.getByRole('group', { name: '记录' }).getByRole('button', { name: '结案' }).click();
    const close = page.getByTestId('close-dialog');
    const offered = await close
      .getByLabel('结案原因')
      .locator('option')
      .evaluateAll((os) => os.map((o) => o.getAttribute('value') ?? '').filter(Boolean));
    expect(offered).not.toContain('postpartum42');
    expect(offered).toContain('transferred');
    await seeText(close.getByTestId('close-unavailable'), '孕30+0周');
    await page.screenshot({ path: join(SHOTS, 'anxin-case-loop.png'), fullPage: true });
    expect(problems).toEqual([]);
  }, 120_000);
});
