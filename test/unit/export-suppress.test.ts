import { describe, expect, test } from 'vitest';
import { ageBand, exportPseudonymiser, monthOf } from '../../electron/services/export/mask';
import { SmallCells } from '../../electron/services/export/suppress';

describe('small-cell suppression', () => {
  /**
   *            红   绿   实测
   *   七年级     3   10    13
   *   八年级     6    2     8
   *   合计       9   12    21
   */
  function grid() {
    const small = new SmallCells();
    const c = (id: string, v: number) => small.count(id, v);
    const a = { red: c('a:red', 3), green: c('a:green', 10), all: c('a:all', 13) };
    const b = { red: c('b:red', 6), green: c('b:green', 2), all: c('b:all', 8) };
    const t = { red: c('t:red', 9), green: c('t:green', 12), all: c('t:all', 21) };
    for (const row of [a, b, t]) small.sum(row.all, [row.red, row.green]);
    for (const key of ['red', 'green', 'all'] as const) small.sum(t[key], [a[key], b[key]]);
    small.solve();
    return small;
  }

  test('counts 1–4 show as <5, and what would give them away by subtraction as *', () => {
    const small = grid();
    // 3 and 2 are small; 10 (13 − 3) and 6 (9 − 3) would give them back, so they go too.
    expect(['a:red', 'a:green', 'a:all', 'b:red', 'b:green', 'b:all'].map((id) => small.show(id))).toEqual([
      '<5',
      '*',
      13,
      '*',
      '<5',
      8,
    ]);
    // Every sum now has at least two hidden parts or none: nothing can be worked out.
    expect(['t:red', 't:green', 't:all'].map((id) => small.show(id))).toEqual([9, 12, 21]);
  });

  test('a rate is hidden with either of its counts; zero and five stay', () => {
    const small = new SmallCells();
    small.count('zero', 0);
    small.count('five', 5);
    small.count('four', 4);
    small.solve();
    expect([small.show('zero'), small.show('five'), small.show('four')]).toEqual([0, 5, '<5']);
    expect(small.rate(0.8, 'four', 'five')).toBe('—');
    expect(small.rate(0, 'zero', 'five')).toBe(0);
  });

  test('a single group equal to its total is hidden with it', () => {
    const small = new SmallCells();
    small.count('only', 3);
    small.count('total', 3);
    small.sum('total', ['only']);
    small.solve();
    expect([small.show('only'), small.show('total')]).toEqual(['<5', '<5']);
  });

  test('one figure under two ids keeps both values apart', () => {
    const small = new SmallCells();
    expect(small.count('total:critical', 7)).toBe('total:critical');
    expect(small.count('total:critical', 7)).toBe('total:critical');
    expect(small.count('total:critical', 2)).toBe('total:critical@2');
    small.solve();
    expect([small.show('total:critical'), small.show('total:critical@2')]).toEqual([7, '<5']);
  });
});

describe('bands and pseudonyms', () => {
  test('ages fall in five-year bands, open at both ends', () => {
    expect([17, 19, 20, 24, 25, 33, 39, 40, 47, null].map(ageBand)).toEqual([
      '19岁及以下',
      '19岁及以下',
      '20–24岁',
      '20–24岁',
      '25–29岁',
      '30–34岁',
      '35–39岁',
      '40岁及以上',
      '40岁及以上',
      null,
    ]);
    expect(monthOf('2027-03-14')).toBe('2027-03');
    expect(monthOf(null)).toBeNull();
  });

  test('pseudonyms are stable within one export and unrelated between two', () => {
    const first = exportPseudonymiser();
    const second = exportPseudonymiser();
    const ids = Array.from({ length: 2_000 }, (_, i) => i + 1);
    const a = ids.map(first);
    expect(ids.map(first)).toEqual(a);
    expect(new Set(a).size).toBe(ids.length);
    expect(a.every((code) => /^NM-[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/.test(code))).toBe(true);
    const b = new Set(ids.map(second));
    expect(a.filter((code) => b.has(code))).toEqual([]);
  });
});
