const HAN = String.raw`\p{Script=Han}`;
const SPACES_BETWEEN_HAN = new RegExp(`(?<=${HAN})\\s+(?=${HAN})`, 'gu');
// Minority names (阿依古丽·买买提) are typed with whatever dot the keyboard offers.
const DOT_BETWEEN_HAN = new RegExp(`(?<=${HAN})\\s*[.•・‧∙·]\\s*(?=${HAN})`, 'gu');

/** Full-width ASCII (Ｇ５１０，（１）) and the ideographic space become their half-width forms. */
export function toHalfWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E\u3000]/g, (c) =>
    c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0),
  );
}

// Anything cleanText would change: full-width forms, zero-width marks, whitespace other than a single
// inner space. Most cells have none, and one test is much cheaper than four replacements (50,000-row imports).
const UNCLEAN = /[\uFF01-\uFF5E\u3000\u200B-\u200D\u2060\uFEFF]|[^\S ]| {2}|^ | $/u;

/** Half-width, no zero-width marks, every run of spaces (NBSP and U+3000 too) one space, trimmed. */
export function cleanText(text: string): string {
  if (!UNCLEAN.test(text)) return text;
  return toHalfWidth(text)
    .replace(/[\u200B-\u200D\u2060\uFEFF]/g, '')
    .replace(/\s+/gu, ' ')
    .trim();
}

/** Like cleanText, but spaces used to align two-character names (张 三) are dropped. */
export function cleanName(text: string): string {
  return cleanText(text).replace(DOT_BETWEEN_HAN, '·').replace(SPACES_BETWEEN_HAN, '');
}

/**
 * Free text that a spreadsheet would run as a formula once a user edits the cell or opens a CSV
 * gets a leading apostrophe, which Excel and WPS show as plain text.
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
