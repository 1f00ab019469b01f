import { pinyin } from 'pinyin-pro';

// Han runs become pinyin; Latin letters and digits (Mary, 二班 2) are kept as they are.
const TOKENS = /\p{Script=Han}+|[a-z0-9]+/giu;

/**
 * Full-pinyin syllables of a name, reading its first characters as a surname when they are one
 * (单 shàn, 曾 zēng, 尉迟 yùchí), since searching by the everyday reading would miss the person.
 */
function syllables(name: string): string[] {
  const text = name.normalize('NFKC');
  return [...text.matchAll(TOKENS)].flatMap(({ 0: token, index }) => {
    if (!/\p{Script=Han}/u.test(token)) return [token];
    const atStart = text.slice(0, index).trim() === '';
    return pinyin(token, {
      toneType: 'none',
      type: 'array',
      v: true,
      ...(atStart ? { mode: 'surname', surname: 'head' } : {}),
    });
  });
}

const searchKey = (parts: string[]): string =>
  parts
    .join('')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');

/**
 * 张三 → { initials: 'zs', full: 'zhangsan' }, 吕布 → 'lb', 'lvbu': what users type to find a name.
 * One pinyin conversion serves both keys (an initial is its syllable's first letter; pinyin-pro's own
 * 'first' pattern gives the same for every CJK character), which halves the cost of a large import.
 */
export function pinyinKeys(name: string): { initials: string; full: string } {
  const parts = syllables(name);
  return { initials: searchKey(parts.map((part) => part.slice(0, 1))), full: searchKey(parts) };
}
