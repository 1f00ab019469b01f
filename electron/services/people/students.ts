import { refusal } from '../../../shared/api/errors';
import type { ClassRef } from '../../../shared/api/auth';
import type { Student, StudentInput, StudentListInput } from '../../../shared/api/people';
import { studentListInputSchema } from '../../../shared/api/people';
import { parseClassName, parseGrade } from '../../../shared/people';
import type { Db } from '../../db/database';
import { getPerson, insertPerson, listPeople } from './people';
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

/** A student added by hand: the grade and class are written the way the importer writes them. */
export function addStudent(db: Db, userId: number | null, input: StudentInput): Student {
  const exists = db
    .prepare("SELECT 1 FROM people WHERE kind = 'student' AND student_no = ?")
    .get(input.studentNo);
  if (exists)
    throw refusal('conflict', 'people.student_no_taken', `Student number ${input.studentNo} is taken.`, {
      studentNo: input.studentNo,
    });
  const grade = parseGrade(input.grade);
  const id = db.transaction(() =>
    insertPerson(
      db,
      'student',
      {
        ...input,
        grade: grade?.name ?? input.grade,
        gradeOrdinal: grade?.ordinal ?? null,
        className: parseClassName(input.className) ?? input.className,
        status: 'enrolled',
      },
      userId,
    ),
  )();
  return toStudent(getPerson(db, id));
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
