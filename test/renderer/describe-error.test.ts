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
  test("shows the server's own Chinese sentence in the Chinese UI, the code's message in English", async () => {
    const error = failure('conflict', '下次随访日期不能早于今天。');
    await i18next.changeLanguage('zh-CN');
    expect(describeError(error)).toBe('下次随访日期不能早于今天。');
    await i18next.changeLanguage('en');
    expect(describeError(error)).toBe(en.errors.codes.conflict);
  });

  test('keeps internal English text and internal failures out of sight', async () => {
    await i18next.changeLanguage('zh-CN');
    expect(describeError(failure('not_found', 'No campaign 5.'))).toBe(zhCN.errors.codes.not_found);
    expect(describeError(failure('internal', '数据库错误'))).toBe(zhCN.errors.codes.internal);
  });
});
