import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  cleanName,
  cleanText,
  neutraliseFormula,
  parseClassName,
  parseCount,
  parseGrade,
  parsePhone,
  parseSex,
  parseYesNo,
  toHalfWidth,
} from '../../shared/people/normalise';
import { parseChineseNumber } from '../../shared/people/numerals';

describe('text', () => {
  test('full-width digits, letters and punctuation become half-width', () => {
    expect(toHalfWidth('Ｇ５１０４２１（１）班，ＡＢｃ＠')).toBe('G510421(1)班,ABc@');
  });

  test('NBSP, ideographic and repeated spaces collapse; zero-width marks vanish', () => {
    expect(cleanText('\u00a0 七年级\u3000\u3000 1班\u200b\t')).toBe('七年级 1班');
  });

  test('the fast path for already-clean text changes nothing the full cleaning would not', () => {
    const full = (text: string) =>
      toHalfWidth(text)
        .replace(/[\u200B-\u200D\u2060\uFEFF]/g, '')
        .replace(/\s+/gu, ' ')
        .trim();
    const tricky = fc.constantFrom(...' \t\r\n\u00a0\u3000\u200b\u2060\ufeff\u2028ＧＡ１a张三·'.split(''));
    const text = fc.array(fc.oneof(tricky, fc.string({ unit: 'grapheme', maxLength: 2 })), { maxLength: 12 });
    fc.assert(
      fc.property(text, (parts) => cleanText(parts.join('')) === full(parts.join(''))),
      { numRuns: 5000 },
    );
  });

  test('spaces inside Chinese names go, Latin names keep theirs, dots are unified', () => {
    expect(cleanName('张 三')).toBe('张三');
    expect(cleanName('欧\u3000阳  修')).toBe('欧阳修');
    expect(cleanName(' Mary  Smith ')).toBe('Mary Smith');
    expect(cleanName('阿依古丽 • 买买提')).toBe('阿依古丽·买买提');
    expect(cleanName('阿依古丽．买买提')).toBe('阿依古丽·买买提');
  });

  test('text a spreadsheet would run as a formula gets an apostrophe', () => {
    for (const text of ['=1+1', '+86 138', '-2', '@SUM(A1)', '\t=cmd']) {
      expect(neutraliseFormula(text)).toBe(`'${text}`);
    }
    expect(neutraliseFormula('张三 = 好')).toBe('张三 = 好');
    expect(neutraliseFormula('')).toBe('');
  });
});

describe('numbers written in Chinese', () => {
  test.each([
    ['一', 1],
    ['十', 10],
    ['十二', 12],
    ['二十', 20],
    ['二十三', 23],
    ['两', 2],
    ['〇', 0],
  ])('%s = %i', (text, n) => expect(parseChineseNumber(text)).toBe(n));

  test.each(['', '二五', '百', '十十'])('%j is not a number', (text) =>
    expect(parseChineseNumber(text)).toBeNull(),
  );
});

describe('sex', () => {
  test.each([
    ['男', 'M'],
    ['男性', 'M'],
    ['男生', 'M'],
    ['女生', 'F'],
    ['Girl', 'F'],
    ['M', 'M'],
    ['m', 'M'],
    ['Male', 'M'],
    ['1', 'M'],
    [1, 'M'],
    ['女', 'F'],
    [' 女性 ', 'F'],
    ['F', 'F'],
    ['f', 'F'],
    ['2', 'F'],
    [2, 'F'],
    ['２', 'F'],
  ] as const)('%j → %s', (value, sex) => expect(parseSex(value)).toBe(sex));

  test.each(['', '未知', '0', '9', 3, null])('%j is not recognised', (value) =>
    expect(parseSex(value)).toBeNull(),
  );
});

describe('phone', () => {
  test.each([
    ['13800138000', '13800138000', 'mobile'],
    [13800138000, '13800138000', 'mobile'],
    ['138 0013 8000', '13800138000', 'mobile'],
    ['138-0013-8000', '13800138000', 'mobile'],
    ['+86 138 0013 8000', '13800138000', 'mobile'],
    ['008613800138000', '13800138000', 'mobile'],
    ['１３８００１３８０００', '13800138000', 'mobile'],
    ['0812-8123456', '08128123456', 'landline'],
    ['(0812)8123456', '08128123456', 'landline'],
    ['8123456', '8123456', 'landline'],
  ] as const)('%j → %s', (value, digits, kind) => {
    expect(parsePhone(value)).toEqual({ ok: true, value: { digits, kind } });
  });

  test('empty and unrecognisable numbers say why', () => {
    expect(parsePhone('  ')).toEqual({ ok: false, reason: 'empty' });
    expect(parsePhone('1380013800')).toEqual({ ok: false, reason: 'unrecognised' });
    expect(parsePhone('13800138000/13900139000')).toEqual({ ok: false, reason: 'unrecognised' });
    expect(parsePhone('12800138000')).toEqual({ ok: false, reason: 'unrecognised' });
  });
});

describe('yes / no and counts', () => {
  test.each([
    ['有', true],
    ['是', true],
    ['有（母亲抑郁症）', true],
    ['Y', true],
    ['无', false],
    ['否', false],
    ['没有', false],
    [0, false],
  ] as const)('%j → %s', (value, answer) => expect(parseYesNo(value)).toBe(answer));

  test('unclear answers are not guessed', () => {
    expect(parseYesNo('不详')).toBeNull();
    expect(parseYesNo('')).toBeNull();
  });

  test.each([
    [2, 2],
    ['2', 2],
    ['2次', 2],
    ['２ 次', 2],
    ['二', 2],
    [0, 0],
  ] as const)('count %j → %i', (value, n) => expect(parseCount(value)).toBe(n));

  test.each([-1, 1.5, 'G2P1', ''])('%j is not a count', (value) => expect(parseCount(value)).toBeNull());
});

describe('grade', () => {
  test.each([
    ['一年级', '一年级', 1],
    ['1年级', '一年级', 1],
    ['小学六年级', '六年级', 6],
    ['七年级', '七年级', 7],
    ['7年级', '七年级', 7],
    ['７年级', '七年级', 7],
    ['初一', '七年级', 7],
    ['初中一年级', '七年级', 7],
    ['初1', '七年级', 7],
    ['Grade 7', '七年级', 7],
    ['G7', '七年级', 7],
    ['7', '七年级', 7],
    [7, '七年级', 7],
    ['八年级', '八年级', 8],
    ['初二', '八年级', 8],
    ['九年级', '九年级', 9],
    ['初三', '九年级', 9],
    ['高一', '高一', 10],
    ['高中一年级', '高一', 10],
    ['十年级', '高一', 10],
    ['高二', '高二', 11],
    ['高三', '高三', 12],
    ['12年级', '高三', 12],
  ] as const)('%j → %s (%i)', (value, name, ordinal) => expect(parseGrade(value)).toEqual({ name, ordinal }));

  test.each(['', '初四', '小学七年级', '十三年级', 'Grade 13', '2013级', '0'])('%j is not a grade', (value) =>
    expect(parseGrade(value)).toBeNull(),
  );
});

describe('class', () => {
  test.each([
    ['1班', '1班'],
    ['一班', '1班'],
    ['(1)班', '1班'],
    ['（１）班', '1班'],
    ['01', '1班'],
    [1, '1班'],
    ['01班', '1班'],
    ['十二班', '12班'],
    [' 3 班 ', '3班'],
    ['实验班', '实验班'],
  ] as const)('%j → %s', (value, name) => expect(parseClassName(value)).toBe(name));

  test('an empty class is missing, class 0 is kept as typed', () => {
    expect(parseClassName('  ')).toBeNull();
    expect(parseClassName('0')).toBe('0');
  });
});
