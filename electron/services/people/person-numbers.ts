import type { PersonKind } from '../../../shared/api/people';
import type { RowIssue } from '../../../shared/people';
import type { Db } from '../../db/database';
import { statement } from '../../db/statements';

/**
 * The numbers no two people of the organisation share, and among whom: a 学籍号 among students,
 * a handbook number (保健手册编号) among women, an ID number among everyone. The database holds
 * unique indexes on them (handbook numbers from migration 18, leaving out duplicates older data
 * already had); these checks come first so a clash is a row issue naming the field, not a failed
 * INSERT.
 */
export const UNIQUE_NUMBERS = {
  studentNo: { column: 'student_no', kind: 'student' },
  handbookNo: { column: 'handbook_no', kind: 'woman' },
  idNumber: { column: 'id_number', kind: null },
} as const satisfies Record<string, { column: string; kind: PersonKind | null }>;
export type UniqueNumber = keyof typeof UNIQUE_NUMBERS;

/** The unique numbers a person of this kind can hold. */
export const uniqueNumbersOf = (kind: PersonKind): UniqueNumber[] =>
  (Object.keys(UNIQUE_NUMBERS) as UniqueNumber[]).filter((field) => {
    const of = UNIQUE_NUMBERS[field].kind;
    return of === null || of === kind;
  });

const scopeOf = (field: UniqueNumber) => {
  const { column, kind } = UNIQUE_NUMBERS[field];
  return `${column} IS NOT NULL${kind ? ` AND kind = '${kind}'` : ''}`;
};

/** Every holder of each value of one number, read at once (an import checks thousands of rows). */
export function holderIndex(db: Db, field: UniqueNumber): Map<string, number[]> {
  const { column } = UNIQUE_NUMBERS[field];
  const index = new Map<string, number[]>();
  const rows = db
    .prepare<[], { id: number; value: string }>(
      `SELECT id, ${column} AS value FROM people WHERE ${scopeOf(field)}`,
    )
    .all();
  for (const { id, value } of rows) {
    const holders = index.get(value);
    if (holders) holders.push(id);
    else index.set(value, [id]);
  }
  return index;
}

/** The people holding one value of a number (more than one only where old data has duplicates). */
export function holdersOf(db: Db, field: UniqueNumber, value: string): number[] {
  const { column } = UNIQUE_NUMBERS[field];
  return statement<[string], { id: number }>(
    db,
    `SELECT id FROM people WHERE ${scopeOf(field)} AND ${column} = ?`,
  )
    .all(value)
    .map((row) => row.id);
}

/**
 * An issue for each number in `values` that already belongs to someone other than `self` (the
 * person a row updates, if any); `holders` looks them up, from the database or an index.
 */
export function takenNumbers(
  kind: PersonKind,
  values: Partial<Record<string, unknown>>,
  holders: (field: UniqueNumber, value: string) => readonly number[],
  self?: number,
): RowIssue[] {
  return uniqueNumbersOf(kind).flatMap((field): RowIssue[] => {
    const value = values[field];
    if (typeof value !== 'string' || value === '') return [];
    const others = holders(field, value).filter((id) => id !== self);
    return others.length ? [{ field, code: 'id_taken', params: {} }] : [];
  });
}

/**
 * Whether a typed handbook number belongs to more than one woman (older data, see migration 18):
 * such a number identifies nobody, so the station never signs anyone in by it.
 */
export function handbookShared(db: Db, typed: string): boolean {
  const holders = statement<[string], { n: number }>(
    db,
    `SELECT count(*) AS n FROM people WHERE kind = 'woman' AND upper(handbook_no) = ?`,
  ).get(typed.trim().toUpperCase());
  return (holders?.n ?? 0) > 1;
}

/** Every handbook number (upper case) more than one woman holds. */
export function sharedHandbookNumbers(db: Db): string[] {
  return statement<[], { no: string }>(
    db,
    `SELECT upper(handbook_no) AS no FROM people WHERE kind = 'woman' AND handbook_no IS NOT NULL
     GROUP BY upper(handbook_no) HAVING count(*) > 1`,
  )
    .all()
    .map((row) => row.no);
}
