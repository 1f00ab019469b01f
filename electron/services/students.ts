import { AppError } from '../../shared/api/errors';
import type { Student, StudentInput, StudentListInput } from '../../shared/api/people';
import { studentListInputSchema } from '../../shared/api/people';
import type { Db } from '../db/database';
import { nowIso } from '../db/database';

interface StudentRow {
  id: number;
  student_no: string;
  name: string;
  sex: 'M' | 'F';
  birth_date: string;
  grade: string;
  class_name: string;
  status: Student['status'];
  created_at: string;
  updated_at: string;
}

const COLUMNS = 'id, student_no, name, sex, birth_date, grade, class_name, status, created_at, updated_at';
const STUDENTS = "people WHERE kind = 'student'";

const toStudent = (r: StudentRow): Student => ({
  id: r.id,
  studentNo: r.student_no,
  name: r.name,
  sex: r.sex,
  birthDate: r.birth_date,
  grade: r.grade,
  className: r.class_name,
  status: r.status,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export function addStudent(db: Db, input: StudentInput): Student {
  const exists = db.prepare(`SELECT 1 FROM ${STUDENTS} AND student_no = ?`).get(input.studentNo);
  if (exists) throw new AppError('conflict', `A student with 学籍号 ${input.studentNo} already exists.`);
  const now = nowIso();
  const { lastInsertRowid } = db
    .prepare(
      `INSERT INTO people (kind, student_no, name, sex, birth_date, grade, class_name, status, created_at, updated_at)
       VALUES ('student', ?, ?, ?, ?, ?, ?, 'enrolled', ?, ?)`,
    )
    .run(input.studentNo, input.name, input.sex, input.birthDate, input.grade, input.className, now, now);
  return getStudent(db, Number(lastInsertRowid));
}

export function getStudent(db: Db, id: number): Student {
  const row = db.prepare<[number], StudentRow>(`SELECT ${COLUMNS} FROM ${STUDENTS} AND id = ?`).get(id);
  if (!row) throw new AppError('not_found', `No student with id ${id}.`);
  return toStudent(row);
}

export function listStudents(db: Db, rawFilter: StudentListInput = {}): { items: Student[]; total: number } {
  const filter = studentListInputSchema.parse(rawFilter);
  const where: string[] = ["kind = 'student'"];
  const params: Record<string, string | number> = {};
  if (filter.query) {
    where.push("(name LIKE :q ESCAPE '\\' OR student_no LIKE :q ESCAPE '\\')");
    params.q = `%${filter.query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  }
  if (filter.grade) {
    where.push('grade = :grade');
    params.grade = filter.grade;
  }
  if (filter.className) {
    where.push('class_name = :className');
    params.className = filter.className;
  }
  const clause = `WHERE ${where.join(' AND ')}`;
  const total = (db.prepare(`SELECT count(*) AS n FROM people ${clause}`).get(params) as { n: number }).n;
  const items = db
    .prepare<Record<string, string | number>, StudentRow>(
      `SELECT ${COLUMNS} FROM people ${clause} ORDER BY grade_ordinal, grade, class_name, name LIMIT :limit OFFSET :offset`,
    )
    .all({ ...params, limit: filter.limit, offset: filter.offset })
    .map(toStudent);
  return { items, total };
}
