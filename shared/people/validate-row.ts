import type { CellValue } from './cell';
import { cellText } from './cell';
import { type IsoDate, addDays, ageOn, daysBetween, todayIso } from './date';
import { type StudentField, type WomanField, studentFields, womanFields } from './fields';
import { parseIdNumber } from './id-number';
import { type Sex, parseClassName, parseGrade } from './normalise';
import { pregnancyStart } from './perinatal';
import { type RowIssue, RowReader } from './row-reader';
import { cleanText } from './text';

export type { RowIssue } from './row-reader';
export { neutraliseFormula } from './text';

export type RowResult<T> =
  | { status: 'empty' }
  | { status: 'ok'; record: T; warnings: RowIssue[] }
  | { status: 'invalid'; issues: RowIssue[]; warnings: RowIssue[] };

export interface ValidateOptions {
  /** The day "in the future" is judged against; defaults to the local calendar date. */
  today?: IsoDate;
  /** Plausible student ages in completed years. */
  studentAge?: { min: number; max: number };
}

export interface StudentRecord {
  studentNo: string;
  name: string;
  sex: Sex;
  birthDate: IsoDate;
  school?: string;
  grade: string;
  gradeOrdinal: number;
  className: string;
  headTeacher?: string;
  guardianName?: string;
  guardianPhone?: string;
  idNumber?: string;
}

export interface WomanRecord {
  name: string;
  idNumber: string;
  phone?: string;
  handbookNo?: string;
  lmp?: IsoDate;
  edd?: IsoDate;
  gravidity?: number;
  parity?: number;
  deliveryDate?: IsoDate;
  township?: string;
  familyPsychHistory?: boolean;
}

const DEFAULT_STUDENT_AGE = { min: 3, max: 25 };
// An EDD more than two weeks off LMP + 280 days usually means one of the two was mistyped.
const EDD_TOLERANCE_DAYS = 14;
// 全国学籍号 is 'G' followed by the student's resident ID number.
const STUDENT_NO_WITH_ID = /^G(\d{17}[\dX])$/;

const inRange = (n: number, { min, max }: { min: number; max: number }): boolean => n >= min && n <= max;

/** A row whose mapped cells are all blank: skipped, not reported. */
export const isEmptyRow = (raw: Partial<Record<string, CellValue>>): boolean =>
  Object.values(raw).every((value) => cleanText(cellText(value)) === '');

// Callers build the record with `!` on required fields: it is only returned when no issue was found.
function finish<T extends object>(
  reader: Pick<RowReader<never>, 'issues' | 'warnings'>,
  record: T,
): RowResult<T> {
  if (reader.issues.length) return { status: 'invalid', issues: reader.issues, warnings: reader.warnings };
  const defined: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) if (value !== undefined) defined[key] = value;
  return { status: 'ok', record: defined as T, warnings: reader.warnings };
}

export function validateStudentRow(
  raw: Partial<Record<StudentField, CellValue>>,
  options: ValidateOptions = {},
): RowResult<StudentRecord> {
  if (isEmptyRow(raw)) return { status: 'empty' };
  const r = new RowReader(raw, studentFields, options.today ?? todayIso());
  const studentNo = r.code('studentNo', { required: true });
  const name = r.name('name', { required: true });
  const id = r.idNumber('idNumber');
  // Either may be left out when the ID number says it.
  const givenSex = r.sex('sex', !id);
  const givenBirthDate = r.date('birthDate', !id);
  const given = { sex: givenSex, birthDate: givenBirthDate };
  if (id) r.checkAgainstId('idNumber', id, given);
  const embedded = STUDENT_NO_WITH_ID.exec(studentNo ?? '');
  const embeddedId = embedded && parseIdNumber(embedded[1]!, r.today);
  if (embeddedId?.ok) r.checkAgainstId('studentNo', embeddedId.value, given, 1);

  const birthDate = givenBirthDate ?? id?.birthDate;
  const age = options.studentAge ?? DEFAULT_STUDENT_AGE;
  if (birthDate && !inRange(ageOn(birthDate, r.today), age)) {
    r.fail(givenBirthDate ? 'birthDate' : 'idNumber', 'implausible', { other: 'birthDate' });
  }
  const grade = r.parse('grade', parseGrade, true);
  return finish(r, {
    studentNo: studentNo!,
    name: name!,
    sex: (givenSex ?? id?.sex)!,
    birthDate: birthDate!,
    school: r.text('school'),
    grade: grade?.name as string,
    gradeOrdinal: grade?.ordinal as number,
    className: r.parse('className', parseClassName, true)!,
    headTeacher: r.name('headTeacher'),
    guardianName: r.name('guardianName'),
    guardianPhone: r.phone('guardianPhone'),
    idNumber: id?.id,
  });
}

function checkPregnancyDates(
  r: RowReader<WomanField>,
  dates: Pick<WomanRecord, 'lmp' | 'edd' | 'deliveryDate'>,
) {
  const { lmp, edd, deliveryDate } = dates;
  if (!lmp && !edd && !deliveryDate) {
    r.warn('lmp', 'no_pregnancy_dates');
    return;
  }
  if (lmp && lmp > r.today) r.fail('lmp', 'after_today');
  if (deliveryDate && deliveryDate > r.today) r.fail('deliveryDate', 'after_today');
  const start = pregnancyStart(dates);
  if (edd && !lmp && start && start > r.today) r.fail('edd', 'implausible', { other: 'edd' });
  if (lmp && edd) {
    const offBy = Math.abs(daysBetween(addDays(lmp, 280), edd));
    if (offBy > EDD_TOLERANCE_DAYS) r.warn('edd', 'edd_off_lmp', { other: 'lmp', days: offBy });
  }
  if (deliveryDate && start && deliveryDate < start) {
    r.fail('deliveryDate', 'before_lmp', { other: 'lmp' });
  }
}

export function validateWomanRow(
  raw: Partial<Record<WomanField, CellValue>>,
  options: ValidateOptions = {},
): RowResult<WomanRecord> {
  if (isEmptyRow(raw)) return { status: 'empty' };
  const r = new RowReader(raw, womanFields, options.today ?? todayIso());
  const name = r.name('name', { required: true });
  const id = r.idNumber('idNumber', true);
  if (id?.sex === 'M') r.fail('idNumber', 'id_male');
  const gravidity = r.count('gravidity');
  const parity = r.count('parity');
  if (gravidity !== undefined && parity !== undefined && parity > gravidity) {
    r.fail('parity', 'above', { other: 'gravidity' });
  }
  const dates = { lmp: r.date('lmp'), edd: r.date('edd'), deliveryDate: r.date('deliveryDate') };
  checkPregnancyDates(r, dates);
  return finish(r, {
    name: name!,
    idNumber: id?.id as string,
    phone: r.phone('phone'),
    handbookNo: r.code('handbookNo', { max: 64 }),
    ...dates,
    gravidity,
    parity,
    township: r.text('township'),
    familyPsychHistory: r.yesNo('familyPsychHistory'),
  });
}
