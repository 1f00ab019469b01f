import i18next from 'i18next';
import { beforeAll, describe, expect, test } from 'vitest';
import { ApiCallError } from '../../renderer/src/api/client';
import { describeError } from '../../renderer/src/api/errors';
import { en } from '../../renderer/src/i18n/en';
import { zhCN } from '../../renderer/src/i18n/zh-CN';

beforeAll(async () => {
  await i18next.init({
    resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
    lng: 'zh-CN',
    interpolation: { escapeValue: false },
  });
});

const failure = (code: 'conflict' | 'not_found' | 'internal', message: string) =>
  new ApiCallError('cases.followUp', { code, message });

describe('describeError', () => {
  test("words a reason in the UI language, never the server's sentence", async () => {
    const error = new ApiCallError('cases.followUp', {
      code: 'invalid_input',
      message: 'The next follow-up date is before today.',
      detail: { reason: 'cases.next_on_past' },
    });
    await i18next.changeLanguage('zh-CN');
    expect(describeError(error)).toBe('下次随访日期不能早于今天。');
    await i18next.changeLanguage('en');
    expect(describeError(error)).toBe('The next follow-up date cannot be before today.');
    const taken = new ApiCallError('users.create', {
      code: 'conflict',
      message: 'User name wang is taken.',
      detail: { reason: 'users.username_taken', params: { username: 'wang' } },
    });
    expect(describeError(taken)).toBe('The user name wang is already taken.');
    await i18next.changeLanguage('zh-CN');
    expect(describeError(taken)).toBe('用户名 wang 已存在。');
  });

  test('a message without a reason is not shown, even in Chinese: the code words it', async () => {
    await i18next.changeLanguage('zh-CN');
    expect(describeError(failure('conflict', '下次随访日期不能早于今天。'))).toBe(zhCN.errors.codes.conflict);
  });

  test('keeps internal English text and internal failures out of sight', async () => {
    await i18next.changeLanguage('zh-CN');
    expect(describeError(failure('not_found', 'No campaign 5.'))).toBe(zhCN.errors.codes.not_found);
    expect(describeError(failure('internal', '数据库错误'))).toBe(zhCN.errors.codes.internal);
  });
});

describe('a refused file is worded from its reason, not "以下内容填写有误：file"', () => {
  const refused = (message: string, reason: string, params: Record<string, string | number> = {}) =>
    new ApiCallError('people.importPreview', {
      code: 'invalid_input',
      message,
      issues: [{ path: 'file', message }],
      detail: { reason, params },
    });

  test('a limit names the row and the cap in both languages', async () => {
    const error = refused('第 4000000000 行超出…', 'file.limit', {
      limit: 'excelRows',
      value: 4000000000,
      cap: 1048576,
    });
    await i18next.changeLanguage('zh-CN');
    expect(describeError(error)).toBe(
      '第 4000000000 行超出允许的最大行数 1048576。请只保留名单所在的行，另存为新文件后再导入。',
    );
    await i18next.changeLanguage('en');
    expect(describeError(error)).toMatch(/^Row 4000000000 is beyond the allowed maximum of 1048576 rows/);
    const merges = refused('…', 'file.limit', { limit: 'mergedRanges', value: 10001, cap: 10000 });
    expect(describeError(merges)).toMatch(
      /^The number of merged ranges exceeds the limit: 10001, at most 10000/,
    );
  });

  test('.xls, no header and bad encoding say what to do', async () => {
    await i18next.changeLanguage('zh-CN');
    expect(describeError(refused('x', 'file.xls'))).toContain('另存为 .xlsx 后再导入');
    expect(describeError(refused('x', 'file.no_header', { columns: '学籍号、姓名、性别' }))).toBe(
      '找不到表头行。第一行应写列名，至少包括：学籍号、姓名、性别。',
    );
    expect(describeError(refused('x', 'file.bad_encoding', { row: 3 }))).toMatch(
      /^第 3 行含有无法识别的字符/,
    );
    await i18next.changeLanguage('en');
    expect(describeError(refused('x', 'file.bad_encoding', { row: 3 }))).toMatch(
      /^Row 3 contains characters/,
    );
  });

  test("a file issue without a known reason gets the code's words, not the service's sentence", async () => {
    await i18next.changeLanguage('zh-CN');
    const error = new ApiCallError('people.importPreview', {
      code: 'invalid_input',
      message: '文件已加密。',
      issues: [{ path: 'file', message: '文件已加密。' }],
    });
    expect(describeError(error)).toBe(zhCN.errors.codes.invalid_input);
  });
});
