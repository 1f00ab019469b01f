import { describe, expect, test } from 'vitest';
import { missingPages, PAGE_SIZE } from '../../renderer/src/features/people/usePeoplePages';
import { registerQuery } from '../../renderer/src/features/people/RegisterPage';
import { remapped } from '../../renderer/src/features/import/useImportWizard';
import type { PeopleFilters } from '../../renderer/src/store/ui';

const filters: PeopleFilters = {
  query: '',
  grade: '七年级',
  className: '',
  township: '',
  stage: '',
  level: 'red',
  show: '',
  sort: 'class',
  descending: false,
};

describe('register paging', () => {
  test('asks only for the pages a window of rows needs and does not have', () => {
    expect(PAGE_SIZE).toBe(500);
    expect(missingPages([0], 0, 40)).toEqual([]);
    expect(missingPages([0], 480, 520)).toEqual([1]);
    expect(missingPages([0], 990, 1_010)).toEqual([1, 2]);
    expect(missingPages([0, 1], 990, 1_010)).toEqual([2]);
    expect(missingPages([0], 10, 10)).toEqual([]);
  });

  test('sends only the filters that are set, with the order', () => {
    expect(registerQuery('student', filters)).toEqual({
      kind: 'student',
      grade: '七年级',
      level: 'red',
      sort: 'class',
      descending: false,
    });
    // 在册 ('') is the server's default; the other parts of the women's register are sent.
    expect(registerQuery('woman', { ...filters, show: 'due' })).toMatchObject({ kind: 'woman', show: 'due' });
    expect(registerQuery('woman', filters)).not.toHaveProperty('show');
    expect(registerQuery('student', { ...filters, show: 'due' })).not.toHaveProperty('show');
  });
});

describe('import column mapping', () => {
  const columns = [
    { index: 0, field: null },
    { index: 1, field: 'studentNo' },
  ];

  test('maps a column to a field and leaves the rest as they were', () => {
    expect(remapped({}, columns, 0, 'name')).toEqual({ name: 0 });
  });

  test('moving a mapped column to another field unsets the old one; skipping only unsets', () => {
    expect(remapped({ studentNo: 1 }, columns, 1, 'name')).toEqual({ studentNo: null, name: 1 });
    expect(remapped({}, columns, 1, null)).toEqual({ studentNo: null });
  });
});
