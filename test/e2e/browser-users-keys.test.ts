import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ApiInput, ApiMethod } from '../../shared/api/contract';
import { callApi } from './helpers/api';
import { launchChromium, watchedPage } from './helpers/browser';
import { gone, see, seeText } from './helpers/page';
import { ensureBuilt, startServer, type RunningServer } from './helpers/server';

const PASSWORD = 'anxin-e2e-pass';

let dataDir: string;
let server: RunningServer;
let browser: Browser;

const api = <M extends ApiMethod>(method: M, input: ApiInput<M>) => callApi(server, method, input);
const keyringEntry = (name: string) =>
  (
    JSON.parse(readFileSync(join(dataDir, 'keyring.json'), 'utf8')) as {
      users: Record<string, { clinical: unknown }>;
    }
  ).users[name];

beforeAll(async () => {
  ensureBuilt();
  dataDir = mkdtempSync(join(tmpdir(), 'anxin-e2e-users-keys-'));
  [server, browser] = await Promise.all([startServer(dataDir), launchChromium()]);
  await api('auth.setup', { orgType: 'school', orgName: '安心市第一中学', username: 'admin', displayName: '李老师', password: PASSWORD }); // prettier-ignore
  await api('students.add', { studentNo: '20230101', name: '张三', grade: '七年级', className: '1班', sex: 'F', birthDate: '2011-03-05' }); // prettier-ignore
  await api('users.create', { username: 'wu', displayName: '吴老师', role: 'psychologist', password: 'psych-pass-1', classes: [] }); // prettier-ignore
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('roles and keys on the 用户管理 page', () => {
  test('moving a psychologist to class teacher warns, saves, and takes the clinical key away', async () => {
    expect(keyringEntry('wu')!.clinical).not.toBeNull();
    const { page, problems } = await watchedPage(browser);
    await page.goto(server.url);
    await page.getByRole('link', { name: '用户管理' }).click();
    const row = page.getByTestId('user-row').filter({ hasText: '吴老师' });
    await row.getByRole('button', { name: '更改角色' }).click();
    const dialog = page.getByTestId('change-role-dialog');
    await see(dialog);
    await dialog.getByLabel('角色').selectOption({ label: '班主任' });
    await seeText(dialog, '不能再查看作答、记录和诊断');
    await seeText(dialog, '请至少选择一个班级');
    await dialog.getByTestId('class-picker').getByRole('button', { name: '1班' }).click();
    await dialog.getByRole('button', { name: '保存角色' }).click();
    await gone(dialog);
    await seeText(row, '班主任');
    await seeText(row, '七年级 1班');
    expect(keyringEntry('wu')!.clinical).toBeNull();
    // Back to psychologist: no warning, and the key is handed back without the password.
    await row.getByRole('button', { name: '更改角色' }).click();
    await see(dialog);
    await dialog.getByLabel('角色').selectOption({ label: '心理专职人员' });
    expect(await dialog.getByText('不能再查看作答').count()).toBe(0);
    await dialog.getByRole('button', { name: '保存角色' }).click();
    await gone(dialog);
    await seeText(row, '心理专职人员');
    expect(keyringEntry('wu')!.clinical).not.toBeNull();
    expect(problems).toEqual([]);
    await page.context().close();
  }, 60_000);
});
