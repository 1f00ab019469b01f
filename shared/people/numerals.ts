const DIGITS: Record<string, number> = {
  〇: 0,
  零: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** Chinese numerals up to 99 (一, 十二, 二十, 二十三): enough for grades, classes and counts. */
export function parseChineseNumber(text: string): number | null {
  const match = /^([一二两三四五六七八九]?)(十?)([〇零一二两三四五六七八九]?)$/u.exec(text);
  if (!match || text === '') return null;
  const [, tensDigit = '', ten = '', unit = ''] = match;
  // Without 十 the pattern can only have matched one digit, in whichever group took it.
  if (!ten) return tensDigit && unit ? null : (DIGITS[tensDigit || unit] ?? null);
  const tens = tensDigit ? DIGITS[tensDigit]! : 1;
  return tens * 10 + (unit ? DIGITS[unit]! : 0);
}

/** Arabic digits or Chinese numerals, as people type them in rosters. */
export function parseSmallNumber(text: string): number | null {
  if (/^\d{1,4}$/.test(text)) return Number(text);
  return parseChineseNumber(text);
}
