import { AppError, refusal } from '../../../shared/api/errors';
import type { ClassRef } from '../../../shared/api/auth';
import type { Student, StudentInput, StudentListInput } from '../../../shared/api/people';
import { studentListInputSchema } from '../../../shared/api/people';
import { wordRowIssue } from '../../../shared/people';
import type { Db } from '../../db/database';
import { addPerson } from './add-person';
import { getPerson, listPeople } from './people';
import type { Person } from '../../../shared/api/people';

function toStudent(p: Person): Student {
  return {
    id: p.id,
    studentNo: p.studentNo ?? '',
    name: p.name,
    sex: p.sex ?? 'M',
    birthDate: p.birthDate ?? '',
    grade: p.grade ?? '',
    className: p.className ?? '',
    status: (['enrolled', 'transferred', 'graduated'] as const).find((s) => s === p.status) ?? 'enrolled',
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  };
}

/**
 * A student added by hand (`students.add`): `people.add` for a student under the older input's
 * shape; a 学籍号 already taken stays the conflict it always was, other issues are invalid input.
 */
export function addStudent(db: Db, userId: number | null, input: StudentInput): Student {
  const result = addPerson(db, userId, 'student', { ...input });
  if (result.created) return toStudent(getPerson(db, result.personId));
  if (result.issues.some((i) => i.field === 'studentNo' && i.code === 'id_taken'))
    throw refusal('conflict', 'people.student_no_taken', `Student number ${input.studentNo} is taken.`, {
      studentNo: input.studentNo,
    });
  throw new AppError('invalid_input', result.issues.map((i) => wordRowIssue(i, 'en')).join('; '), {
    issues: result.issues.map((i) => ({
      path: i.field,
      message: wordRowIssue(i),
      code: i.code,
      params: i.params,
    })),
  });
}

export function listStudents(
  db: Db,
  rawFilter: StudentListInput = {},
  scope: ClassRef[] | null = null,
): { items: Student[]; total: number } {
  const filter = studentListInputSchema.parse(rawFilter);
  const { items, total } = listPeople(db, { kind: 'student', ...filter }, scope);
  return { items: items.map(toStudent), total };
}
