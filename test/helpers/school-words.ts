/**
 * School words a maternal service's staff never reads (issue 14), as whole phrases or parts of
 * words, per UI language. The terms walk (test/e2e/browser-programme-terms.test.ts) reads them off
 * the screens; test/renderer/programme-terms.test.ts checks the perinatal overrides against them.
 */
export const SCHOOL_WORDS: Record<'zh-CN' | 'en', readonly RegExp[]> = {
  'zh-CN': [
    /学生|老师|教师|班主任|家长|学籍|学校|在校|校园/,
    /年级|班级|本班|各班|分班|全班|\d+班/,
    /考试|机房|座位|由名册导入/,
    // One term per concept: 应筛 / 筛查率 / 转诊 at a clinic, and 不参加 wherever a sheet is declined.
    /应测|参测|转介|拒绝作答/,
  ],
  en: [
    /\b(students?|pupils?|teachers?|parents?|schools?|classroom|homeroom|class(es)?|grades?)\b/i,
    /\b(exam|lab|seats?)\b/i,
  ],
};

/** The school words in `text`, in list order. */
export function schoolWordsIn(text: string, language: 'zh-CN' | 'en'): string[] {
  return SCHOOL_WORDS[language].flatMap((re) => text.match(re)?.[0] ?? []);
}
