import { describe, expect, test } from 'vitest';
import { getInstrument } from '../../shared/instruments';
import { sheetLayout } from '../../renderer/src/features/screening/paper/PrintSheets';

const defs = (...ids: string[]) => ids.map((id) => getInstrument(id)!);

describe('printed sheet layout', () => {
  test('PHQ-9 + GAD-7 is one page: no break, no blank page', () => {
    expect(sheetLayout(defs('PHQ-9', 'GAD-7'))).toEqual({ pages: 1, breakBefore: new Set() });
    expect(sheetLayout(defs('PHQ-9')).pages).toBe(1);
  });

  test('a longer battery is cut between parts into an even number of pages, for two-sided printing', () => {
    const long = sheetLayout(defs('PSC-17', 'PHQ-9', 'GAD-7'));
    expect(long.pages).toBe(2);
    expect([...long.breakBefore]).toEqual(['PHQ-9']);
    expect(sheetLayout(defs('EPDS', 'PHQ-9', 'GAD-7'))).toEqual({
      pages: 2,
      breakBefore: new Set(['PHQ-9']),
    });
  });
});
