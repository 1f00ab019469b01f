import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { checkIdConsistency, idCheckChar, parseIdNumber } from '../../shared/people/id-number';

const TODAY = '2026-11-23';

describe('resident ID numbers (GB 11643)', () => {
  test('the standard example and its check digit X', () => {
    expect(parseIdNumber('11010519491231002X', TODAY)).toEqual({
      ok: true,
      value: { id: '11010519491231002X', birthDate: '1949-12-31', sex: 'F' },
    });
  });

  test('the 17th digit gives the sex: odd is male', () => {
    expect(parseIdNumber('510421201303050019', TODAY)).toMatchObject({
      value: { sex: 'M', birthDate: '2013-03-05' },
    });
    expect(parseIdNumber('510421201303050027', TODAY)).toMatchObject({
      value: { sex: 'F', birthDate: '2013-03-05' },
    });
  });

  test('typing variants are accepted: lower-case x, full-width digits, spaces', () => {
    expect(parseIdNumber('11010519491231002x', TODAY)).toMatchObject({ ok: true });
    expect(parseIdNumber('５１０４２１ ２０１３０３０５ ００１９', TODAY)).toMatchObject({
      value: { id: '510421201303050019' },
    });
  });

  test.each([
    ['510421201303050018', 'checksum'],
    ['11010519491231002Y', 'format'],
    ['51042120130305001', 'format'],
    ['510421130305001', 'format'],
    ['001234201303050019', 'region'],
    ['440304201002290019', 'birth_date'],
    ['510421202701010017', 'birth_date'],
  ])('%s fails: %s', (id, reason) => expect(parseIdNumber(id, TODAY)).toEqual({ ok: false, reason }));

  test('29 February only in leap years', () => {
    expect(parseIdNumber('440304200802290012', TODAY)).toMatchObject({ value: { birthDate: '2008-02-29' } });
  });

  test('any single changed digit is caught by the checksum or another check', () => {
    const valid = '510421201303051230';
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 17 }), fc.integer({ min: 1, max: 9 }), (position, delta) => {
        const digit = (Number(valid[position]) + delta) % 10;
        const changed = valid.slice(0, position) + digit + valid.slice(position + 1);
        expect(parseIdNumber(changed, TODAY).ok).toBe(false);
      }),
    );
  });

  test('the check character of the standard example', () => {
    expect(idCheckChar('11010519491231002')).toBe('X');
  });
});

describe('consistency with the roster', () => {
  const id = { id: '510421201303050019', birthDate: '2013-03-05', sex: 'M' as const };

  test('agreeing or absent facts give no mismatch', () => {
    expect(checkIdConsistency(id, { sex: 'M', birthDate: '2013-03-05' })).toEqual([]);
    expect(checkIdConsistency(id, {})).toEqual([]);
  });

  test('each contradicted fact is named', () => {
    expect(checkIdConsistency(id, { sex: 'F' })).toEqual(['sex']);
    expect(checkIdConsistency(id, { sex: 'F', birthDate: '2013-03-06' })).toEqual(['sex', 'birth_date']);
  });
});
