import type { AddPersonResult, PersonKind } from '../../../shared/api/people';
import { refusal } from '../../../shared/api/errors';
import {
  rosterFields,
  todayIso,
  validateStudentRow,
  validateWomanRow,
  type RowIssue,
} from '../../../shared/people';
import type { Db } from '../../db/database';
import { insertPerson, type PersonValues } from './people';
import { holdersOf, takenNumbers } from './person-numbers';

/** A student is enrolled when added; a woman keeps the table's default status. */
export function rowValues(kind: PersonKind, record: object): PersonValues {
  const values = { ...record } as PersonValues;
  if (kind === 'student') values.status = 'enrolled';
  return values;
}

const isConstraint = (error: unknown): boolean => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT');
};

/**
 * One person added by hand (新建学生, 新建孕产妇, `anxin people add`): the values are a roster row
 * under its field keys, read and checked exactly as an imported row is, and refused when a 学籍号,
 * ID or handbook number belongs to someone already. Nothing is written unless it is created.
 */
export function addPerson(
  db: Db,
  userId: number | null,
  kind: PersonKind,
  cells: Readonly<Record<string, string>>,
  today: string = todayIso(),
): AddPersonResult {
  const fields = rosterFields[kind];
  for (const field of Object.keys(cells)) {
    if (!Object.hasOwn(fields, field))
      throw refusal('invalid_input', 'people.unknown_field', `Unknown field ${field}.`, { field });
  }
  const result =
    kind === 'student' ? validateStudentRow(cells, { today }) : validateWomanRow(cells, { today });
  if (result.status === 'empty') {
    return { created: false, issues: [{ field: 'name', code: 'required', params: {} }], warnings: [] };
  }
  if (result.status === 'invalid')
    return { created: false, issues: result.issues, warnings: result.warnings };
  const values = rowValues(kind, result.record);
  const taken = (): RowIssue[] => takenNumbers(kind, values, (field, value) => holdersOf(db, field, value));
  const issues = taken();
  if (issues.length) return { created: false, issues, warnings: result.warnings };
  try {
    // The file starts with a 'created' event naming who added her or him.
    const personId = db.transaction(() => insertPerson(db, kind, values, userId))();
    return { created: true, personId, warnings: result.warnings };
  } catch (error) {
    // Someone else took the number between the check and the insert (another window, the CLI).
    if (!isConstraint(error)) throw error;
    return { created: false, issues: taken(), warnings: result.warnings };
  }
}
