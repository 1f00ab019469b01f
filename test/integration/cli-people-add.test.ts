import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { idCheckChar } from '../../shared/people/id-number';
import { anxin, ensureBuilt } from '../helpers/cli';
import { useTempDirs } from '../helpers/temp';

// Issue 14: `anxin people add` (one person, the register's column names) and the import preview's
// report of a number used on two rows, through the built CLI.

const tempDir = useTempDirs();
const password = { ANXIN_PASSWORD: 'cli-password-1' };

beforeAll(ensureBuilt, 300_000);

function womanId(birth: string, seq: number): string {
  const first17 = `510421${birth.replaceAll('-', '')}${String(seq % 100).padStart(2, '0')}2`;
  return first17 + idCheckChar(first17);
}

function clinic(): string {
  const dir = tempDir();
  const init = anxin(['init', '--data-dir', dir, '--org-type', 'maternal', '--org-name', '卫生院', '--json'], password); // prettier-ignore
  expect(init.code).toBe(0);
  return dir;
}

const add = (dir: string, kind: string, sets: string[], env: Record<string, string> = password) =>
  anxin(['people', 'add', '--data-dir', dir, '--kind', kind, ...sets.flatMap((s) => ['--set', s]), '--json'], env); // prettier-ignore

describe('anxin people add', () => {
  test('a woman by the register column names and synonyms; a taken handbook number and bad dates are refused, nothing written', () => {
    const dir = clinic();
    const created = add(dir, 'woman', [
      '姓名=刘一',
      `身份证号=${womanId('1995-01-01', 1)}`,
      '手册号=hb-001',
      '末次月经=2026年6月1日',
      '预产期=2027-03-08',
      '所属乡镇=撒莲镇',
    ]);
    expect(created.code).toBe(0);
    expect(created.json()).toEqual({ personId: expect.any(Number), created: true, warnings: [] });

    const taken = add(dir, 'woman', [
      '姓名=陈二',
      `身份证号=${womanId('1996-02-02', 2)}`,
      '保健手册编号=HB-001',
    ]);
    expect(taken.code).not.toBe(0);
    expect(taken.json()).toEqual({
      errors: [
        {
          field: 'handbookNo',
          code: 'id_taken',
          params: {},
          message: '保健手册编号已属于系统中的另一人',
          messageEn: 'Handbook no. already belongs to another person in Anxin',
        },
      ],
    });
    const dates = add(dir, 'woman', ['姓名=周三', `身份证号=${womanId('1997-03-03', 3)}`, '末次月经=2026-06-01', '分娩日期=2026-05-01']); // prettier-ignore
    expect(dates.code).not.toBe(0);
    expect(dates.json().errors.map((e: { code: string; message: string }) => [e.code, e.message])).toEqual([
      ['before_lmp', '分娩日期早于末次月经'],
    ]);

    const found = anxin(['people', 'search', '--data-dir', dir, '--query', '刘一', '--json'], password);
    expect(found.json()).toEqual([
      expect.objectContaining({ name: '刘一', handbookNo: 'HB-001', township: '撒莲镇' }),
    ]);
    expect(
      anxin(['people', 'search', '--data-dir', dir, '--query', '陈二', '--json'], password).json(),
    ).toEqual([]);
  });

  test('a student with 学籍号, 性别 as 男生; an unknown column is named; a screener is refused', () => {
    const dir = tempDir();
    anxin(['init', '--data-dir', dir, '--org-type', 'school', '--org-name', '中学', '--json'], password);
    const sets = [
      '学籍号=20250001',
      '姓名=张三',
      '性别=男生',
      '出生日期=2013-03-05',
      '年级=初一',
      '班级=(1)班',
    ];
    const created = add(dir, 'student', sets);
    expect(created.code).toBe(0);
    expect(created.json()).toMatchObject({ created: true });
    const student = anxin(
      ['people', 'search', '--data-dir', dir, '--query', '张三', '--json'],
      password,
    ).json()[0];
    expect(student).toMatchObject({ studentNo: '20250001', grade: '七年级', className: '1班' });

    const unknown = add(dir, 'student', [...sets, '座位号=12']);
    expect(unknown.code).not.toBe(0);
    expect(unknown.json().error).toMatchObject({ code: 'invalid_input' });
    expect(unknown.json().error.message).toContain('座位号');

    const newPassword = { ...password, ANXIN_NEW_PASSWORD: 'screen-pass-1' };
    anxin(
      ['users', 'add', '--data-dir', dir, '--username', 'scr', '--role', 'screener', '--json'],
      newPassword,
    );
    const screener = anxin(
      [
        'people',
        'add',
        '--data-dir',
        dir,
        '--user',
        'scr',
        '--kind',
        'student',
        '--set',
        '学籍号=20250002',
        '--json',
      ],
      { ANXIN_PASSWORD: 'screen-pass-1' },
    );
    expect(screener.code).not.toBe(0);
    expect(screener.json().error.code).toBe('forbidden');
  });
});

describe('anxin import women preview', () => {
  test('a handbook number on two rows is reported on both, and neither is planned', () => {
    const dir = clinic();
    const file = join(tempDir(), '登记.csv');
    writeFileSync(
      file,
      [
        '姓名,身份证号,保健手册编号,末次月经',
        `刘一,${womanId('1995-01-01', 1)},HB-001,2026-06-01`,
        `陈二,${womanId('1996-02-02', 2)},HB-001,2026-06-02`,
        `周三,${womanId('1997-03-03', 3)},HB-003,2026-06-03`,
      ].join('\n'),
    );
    const preview = anxin(['import', 'women', file, '--data-dir', dir, '--json'], password);
    expect(preview.code).toBe(0);
    const summary = preview.json();
    expect(summary).toMatchObject({ created: 1, committed: false, rejected: [] });
    expect(summary.duplicates).toEqual([
      { row: 2, number: womanId('1995-01-01', 1), reason: '保健手册编号与第3行重复', issues: [{ field: 'handbookNo', code: 'repeats_row', params: { row: 3 } }] }, // prettier-ignore
      { row: 3, number: womanId('1996-02-02', 2), reason: '保健手册编号与第2行重复', issues: [{ field: 'handbookNo', code: 'repeats_row', params: { row: 2 } }] }, // prettier-ignore
    ]);
  });
});
