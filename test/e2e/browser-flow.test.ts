import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium } from './helpers/browser';
import { gone, see, seeText, textBecomes } from './helpers/page';
import { ensureBuilt, startServer, type RunningServer } from './helpers/server';

const PASSWORD = 'anxin-e2e-pass';
const STUDENT = {
  studentNo: '20230101',
  name: '张三',
  sex: 'M',
  birthDate: '2011-03-05',
  grade: '七年级',
  className: '1班',
};

let dataDir: string;
let server: RunningServer | null = null;
let browser: Browser;

beforeAll(async () => {
  ensureBuilt();
  dataDir = mkdtempSync(join(tmpdir(), 'anxin-e2e-'));
  [server, browser] = await Promise.all([startServer(dataDir), launchChromium()]);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** A fresh tab at 1280×800 in Chinese; `problems` collects script errors the UI should never have. */
async function openApp(url: string): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  await page.goto(url);
  return { page, problems };
}

async function logIn(page: Page, password: string): Promise<void> {
  const form = page.getByTestId('login-form');
  await form.getByLabel('用户名').fill('admin');
  await form.getByLabel('密码', { exact: true }).fill(password);
  await form.getByRole('button', { name: '登录' }).click();
}

describe('browser mode: setup → login → students → restart', () => {
  test('a school sets up, adds a student, and finds them again after a restart', async () => {
    const { page, problems } = await openApp(server!.url);

    // The launch token leaves the address bar at once.
    await expect.poll(() => page.url()).not.toContain('token=');

    // First run, in Chinese by default.
    await see(page.getByRole('heading', { name: '欢迎使用安心筛查' }));
    for (const label of ['学校', '妇幼保健机构', '机构名称', '管理员姓名', '用户名', '确认密码']) {
      await see(page.getByText(label, { exact: true }).first());
    }
    await seeText(page.getByTestId('password-rules'), '至少 8 个字符');
    const setup = page.getByTestId('setup-form');
    expect(await setup.getByLabel('用户名').inputValue()).toBe('admin');

    // An empty submit is answered field by field, in Chinese.
    await setup.getByRole('button', { name: '完成设置' }).click();
    await see(setup.getByText('请选择机构类型'));
    await see(setup.getByText('请填写机构名称'));

    await setup.getByText('学校', { exact: true }).click();
    await setup.getByLabel('机构名称').fill('安心市第一中学');
    await setup.getByLabel('管理员姓名').fill('李老师');
    await setup.getByLabel('密码', { exact: true }).fill('short');
    await setup.getByLabel('确认密码').fill('shorter');
    await setup.getByRole('button', { name: '完成设置' }).click();
    await see(setup.getByText('密码至少需要 8 个字符'));
    await see(setup.getByText('两次输入的密码不一致'));
    await setup.getByLabel('密码', { exact: true }).fill(PASSWORD);
    await setup.getByLabel('确认密码').fill(PASSWORD);
    await setup.getByRole('button', { name: '完成设置' }).click();

    // The recovery code, once; entering needs the acknowledgement.
    const code = page.getByTestId('recovery-code');
    await see(code, 15_000);
    const recoveryCode = (await code.textContent())!.trim();
    expect(recoveryCode).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){5}$/);
    await see(page.getByText('恢复码只显示这一次'));
    await see(page.getByRole('button', { name: '复制' }));
    const enter = page.getByRole('button', { name: '进入系统' });
    await see(enter);
    expect(await enter.isDisabled()).toBe(true);
    await page.getByLabel('我已抄写恢复码').check();
    await enter.click();

    // The shell: organisation, user and role in the header; the school's student register.
    await seeText(page.getByTestId('header-org'), '安心市第一中学');
    await seeText(page.getByTestId('header-user'), '李老师');
    await seeText(page.getByTestId('header-user'), '系统管理员');
    // The first module is the 工作台; the register is one click away.
    await page.getByRole('link', { name: '学生档案' }).first().click();
    await seeText(page.getByTestId('students-empty'), '还没有学生档案');

    // Log out; a wrong password is refused in Chinese.
    await page.getByRole('button', { name: '退出登录' }).click();
    await seeText(page.getByTestId('login-org'), '安心市第一中学');
    await logIn(page, 'not-the-password');
    await seeText(page.getByTestId('login-error'), '用户名或密码不正确');

    // The password forgotten: the recovery code sets a new one and is replaced by a fresh code.
    await page.getByRole('link', { name: '忘记密码？使用恢复码' }).click();
    const recover = page.getByTestId('recover-form');
    await recover.getByRole('button', { name: '重置密码' }).click();
    await see(recover.getByText('请填写恢复码'));
    await recover.getByLabel('恢复码').fill('AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA');
    await recover.getByLabel('用户名').fill('admin');
    await recover.getByLabel('新密码', { exact: true }).fill(PASSWORD);
    await recover.getByLabel('确认新密码').fill(PASSWORD);
    await recover.getByRole('button', { name: '重置密码' }).click();
    await see(page.getByTestId('recover-error'), 15_000);
    await recover.getByLabel('恢复码').fill(recoveryCode);
    await recover.getByRole('button', { name: '重置密码' }).click();
    await see(page.getByText('密码已重置，请抄写新的恢复码'), 15_000);
    expect((await page.getByTestId('recovery-code').textContent())?.trim()).not.toBe(recoveryCode);
    await page.getByLabel('我已抄写恢复码').check();
    await page.getByRole('button', { name: '进入系统' }).click();
    await seeText(page.getByTestId('header-user'), '李老师');
    await page.getByRole('link', { name: '学生档案' }).first().click();

    // Add a student through the form.
    await page.getByRole('button', { name: '添加学生' }).first().click();
    const dialog = page.getByTestId('add-student-dialog');
    await see(dialog);
    await dialog.getByRole('button', { name: '保存', exact: true }).click();
    await see(dialog.getByText('请填写学籍号'));
    await see(dialog.getByText('请选择性别'));
    await dialog.getByLabel('学籍号').fill(STUDENT.studentNo);
    await dialog.getByLabel('姓名').fill(STUDENT.name);
    await dialog.getByLabel('性别').selectOption({ label: '男' });
    await dialog.getByLabel('出生日期').fill(STUDENT.birthDate);
    await dialog.getByLabel('年级').fill(STUDENT.grade);
    await dialog.getByLabel('班级').fill(STUDENT.className);
    await dialog.getByRole('button', { name: '保存', exact: true }).click();
    await gone(dialog);
    await seeText(page.getByTestId('toast'), '已添加学生：张三');

    const row = page.getByTestId('student-row').filter({ hasText: STUDENT.studentNo });
    await see(row);
    expect(await row.count()).toBe(1);
    for (const cell of ['张三', '男', '2011-03-05', '七年级', '1班', '在读']) await seeText(row, cell);
    await textBecomes(page.getByTestId('student-count'), '共 1 名学生');

    // The same 学籍号 again is refused with a clear reason.
    await page.getByRole('button', { name: '添加学生' }).first().click();
    await dialog.getByLabel('学籍号').fill(STUDENT.studentNo);
    await dialog.getByLabel('姓名').fill('张三丰');
    await dialog.getByLabel('性别').selectOption({ label: '男' });
    await dialog.getByLabel('出生日期').fill('2011-04-01');
    await dialog.getByLabel('年级').fill(STUDENT.grade);
    await dialog.getByLabel('班级').fill(STUDENT.className);
    await dialog.getByRole('button', { name: '保存', exact: true }).click();
    await see(dialog.getByText('学籍号已存在'));
    await dialog.getByRole('button', { name: '取消' }).click();
    await gone(dialog);

    // Search narrows the list; the count says so.
    await page.getByTestId('student-search').fill('李');
    await seeText(page.getByTestId('students-empty'), '没有符合条件的学生');
    await page.getByTestId('student-search').fill('2023');
    await see(row);

    await page.screenshot({ path: join(tmpdir(), 'anxin-students.png') });
    expect(problems).toEqual([]);
    await page.context().close();

    // Restart the server on the same data folder: the data survives, encrypted at rest.
    await server!.stop();
    server = await startServer(dataDir);
    const { page: again, problems: againProblems } = await openApp(server.url);
    await see(again.getByTestId('login-form'));
    await logIn(again, PASSWORD);
    await again.getByRole('link', { name: '学生档案' }).first().click();
    await seeText(again.getByTestId('student-row').filter({ hasText: STUDENT.studentNo }), '张三');

    const files = readdirSync(dataDir).filter((f) => f.startsWith('anxin.db'));
    expect(files).toContain('anxin.db');
    for (const file of files) {
      const bytes = readFileSync(join(dataDir, file));
      expect(bytes.includes(Buffer.from('张三', 'utf8')), `${file} holds the name in clear`).toBe(false);
      expect(bytes.includes(Buffer.from('20230101', 'utf8')), `${file} holds the 学籍号 in clear`).toBe(
        false,
      );
    }
    expect(againProblems).toEqual([]);
    await again.context().close();
  }, 120_000);
});
