import { describe, expect, test } from 'vitest';
import { EXPORT_TOO_LARGE } from '../../shared/api/exports';
import { exportFailureWords } from '../../renderer/src/features/exports/failure';

// The page's own message files, loaded by path: imported by name they would pull the whole
// renderer (DOM types and all) into the Node project's type check; tsconfig.web.json checks them.
const load = async (file: string, name: string) =>
  (
    (await import(/* @vite-ignore */ `../../renderer/src/features/exports/${file}`)) as Record<string, object>
  )[name]!;
const en = { export: await load('i18n.en.ts', 'exportEn') };
const zhCN = { export: await load('i18n.zh.ts', 'exportZh') };

// A failed export job reports a code (and maybe a reason), never a sentence: the export page words
// it in the UI's language.

const lookup = (messages: object, key: string, code: string) =>
  (
    key
      .split('.')
      .reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], messages) as string
  ).replace('{{code}}', code);

describe('export failure words', () => {
  test.each([
    [
      { errorCode: 'conflict' as const, errorReason: EXPORT_TOO_LARGE },
      'export.failures.tooLarge',
      /memory/,
      /内存/,
    ],
    [{ errorCode: 'internal' as const }, 'export.failures.internal', /internal error/, /内部出错/],
    [{}, 'export.failures.internal', /internal error/, /内部出错/],
    [
      { errorCode: 'unauthenticated' as const },
      'export.failures.unauthenticated',
      /session ended/,
      /登录已失效/,
    ],
    [
      { errorCode: 'database_locked' as const },
      'export.failures.other',
      /error code database_locked/,
      /错误代码 database_locked/,
    ],
  ])('%o → %s, in English and Chinese', (progress, key, english, chinese) => {
    const words = exportFailureWords(progress);
    expect(words.key).toBe(key);
    const inEnglish = lookup(en, words.key, words.code);
    expect(inEnglish).toMatch(english);
    expect(inEnglish).not.toMatch(/\p{Script=Han}/u);
    expect(lookup(zhCN, words.key, words.code)).toMatch(chinese);
  });
});
