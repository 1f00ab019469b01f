import type { Person } from '../../../shared/api/people';

/** A `people` row as SQLite returns it. */
export interface PersonRow {
  id: number;
  kind: Person['kind'];
  name: string;
  sex: 'M' | 'F' | null;
  birth_date: string | null;
  id_number: string | null;
  phone: string | null;
  status: string;
  student_no: string | null;
  school: string | null;
  grade: string | null;
  grade_ordinal: number | null;
  class_name: string | null;
  head_teacher: string | null;
  guardian_name: string | null;
  guardian_phone: string | null;
  handbook_no: string | null;
  lmp: string | null;
  edd: string | null;
  gravidity: number | null;
  parity: number | null;
  delivery_date: string | null;
  township: string | null;
  family_psych_history: number | null;
  created_at: string;
  updated_at: string;
}

/** Person field ↔ column; the single place the two spellings meet. */
export const PERSON_COLUMNS = {
  name: 'name',
  sex: 'sex',
  birthDate: 'birth_date',
  idNumber: 'id_number',
  phone: 'phone',
  status: 'status',
  studentNo: 'student_no',
  school: 'school',
  grade: 'grade',
  gradeOrdinal: 'grade_ordinal',
  className: 'class_name',
  headTeacher: 'head_teacher',
  guardianName: 'guardian_name',
  guardianPhone: 'guardian_phone',
  handbookNo: 'handbook_no',
  lmp: 'lmp',
  edd: 'edd',
  gravidity: 'gravidity',
  parity: 'parity',
  deliveryDate: 'delivery_date',
  township: 'township',
  familyPsychHistory: 'family_psych_history',
} as const satisfies Partial<Record<keyof Person, keyof PersonRow>>;
export type PersonField = keyof typeof PERSON_COLUMNS;
export const PERSON_FIELDS = Object.keys(PERSON_COLUMNS) as PersonField[];

export const PERSON_SELECT_LIST = `id, kind, created_at, updated_at, ${Object.values(PERSON_COLUMNS).join(', ')}`;
export const SELECT_PERSON = `SELECT ${PERSON_SELECT_LIST} FROM people`;

export function toPerson(row: PersonRow): Person {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    sex: row.sex,
    birthDate: row.birth_date,
    idNumber: row.id_number,
    phone: row.phone,
    status: row.status,
    studentNo: row.student_no,
    school: row.school,
    grade: row.grade,
    gradeOrdinal: row.grade_ordinal,
    className: row.class_name,
    headTeacher: row.head_teacher,
    guardianName: row.guardian_name,
    guardianPhone: row.guardian_phone,
    handbookNo: row.handbook_no,
    lmp: row.lmp,
    edd: row.edd,
    gravidity: row.gravidity,
    parity: row.parity,
    deliveryDate: row.delivery_date,
    township: row.township,
    familyPsychHistory: row.family_psych_history === null ? null : row.family_psych_history === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** SQLite stores booleans as 0/1. */
export function toColumnValue(value: unknown): string | number | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value as string | number;
}
