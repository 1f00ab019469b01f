import { pinyin } from 'pinyin-pro';

// Han runs become pinyin; Latin letters and digits (Mary, 二班 2) are kept as they are.
const TOKENS = /\p{Script=Han}+|[a-z0-9]+/giu;

/**
 * Syllables of a name, reading its first characters as a surname when they are one (单 shàn,
 * 曾 zēng, 尉迟 yùchí), since searching by the everyday reading would miss the person.
 */
function syllables(name: string, pattern: 'pinyin' | 'first'): string[] {
  const text = name.normalize('NFKC');
  return [...text.matchAll(TOKENS)].flatMap(({ 0: token, index }) => {
    if (!/\p{Script=Han}/u.test(token)) return [pattern === 'first' ? token[0]! : token];
    const atStart = text.slice(0, index).trim() === '';
    return pinyin(token, {
      pattern,
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

/** 张三 → 'zs', 单田芳 → 'stf': what users type to find a name quickly. */
export const pinyinInitials = (name: string): string => searchKey(syllables(name, 'first'));

/** 张三 → 'zhangsan', 吕布 → 'lvbu': an ASCII key for full-pinyin search. */
export const pinyinFull = (name: string): string => searchKey(syllables(name, 'pinyin'));
