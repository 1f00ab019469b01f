import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ApiInput, ApiMethod } from '../../shared/api/contract';
import { callApi } from './helpers/api';
import { launchChromium, watchedPage } from './helpers/browser';
import { see, textBecomes } from './helpers/page';
import { ensureBuilt, startServer, type RunningServer } from './helpers/server';

const PASSWORD = 'anxin-e2e-pass';
const TEACHER_PASSWORD = 'teacher-pass-1';
/** Nine students in three classes; 李老师 teaches 七年级 2班 (2) and 八年级 1班 (4). */
const CLASSES: [string, string, number][] = [
  ['七年级', '1班', 3],
  ['七年级', '2班', 2],
  ['八年级', '1班', 4],
];

let dataDir: string;
let server: RunningServer;
let browser: Browser;
const api = <M extends ApiMethod>(method: M, input: ApiInput<M>) => callApi(server, method, input);

beforeAll(async () => {
  ensureBuilt();
  dataDir = mkdtempSync(join(tmpdir(), 'anxin-e2e-class-tree-'));
  [server, browser] = await Promise.all([startServer(dataDir), launchChromium()]);
  await api('auth.setup', { orgType: 'school', orgName: '安心市第一中学', username: 'admin', displayName: '王老师', password: PASSWORD }); // prettier-ignore
  let n = 0;
  for (const [grade, className, count] of CLASSES)
    for (let i = 0; i < count; i++) {
      n += 1;
      await api('students.add', { studentNo: `2023${String(n).padStart(4, '0')}`, name: `学生${n}`, sex: 'F', birthDate: '2011-03-05', grade, className }); // prettier-ignore
    }
  await api('users.create', { username: 'li', displayName: '李老师', role: 'class_teacher', password: TEACHER_PASSWORD, classes: [{ grade: '七年级', className: '2班' }, { grade: '八年级', className: '1班' }] }); // prettier-ignore
  // The launch token's session is the administrator's: end it, so the browser meets the login page.
  await api('auth.logout', {});
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('a class teacher’s class tree', () => {
  test('counts her classes only: six students in two classes, not the school’s nine in three', async () => {
    const { page, problems } = await watchedPage(browser);
    await page.goto(server.url);
    const form = page.getByTestId('login-form');
    await form.getByLabel('用户名').fill('li');
    await form.getByLabel('密码', { exact: true }).fill(TEACHER_PASSWORD);
    await form.getByRole('button', { name: '登录' }).click();
    await see(page.getByTestId('header-user'));
    await page.getByRole('link', { name: '学生档案' }).click();

    const tree = page.getByTestId('group-tree');
    await see(tree.getByTestId('tree-class'));
    // 全部学生: her six students, not the school’s nine.
    await textBecomes(tree.locator('button').first().locator('span').last(), '6');
    const classes = await tree
      .getByTestId('tree-class')
      .evaluateAll((nodes) => nodes.map((n) => [...n.querySelectorAll('span')].map((s) => s.textContent)));
    expect(classes).toEqual([
      ['2班', '2'],
      ['1班', '4'],
    ]);
    const grades = await tree.locator('li > div > button:not([aria-expanded])').allTextContents();
    expect(grades).toEqual(['七年级2', '八年级4']);
    expect(problems).toEqual([]);
  });
});
