import type { ClassRef, User } from '../../shared/api/auth';
import { AppError, refusal } from '../../shared/api/errors';
import type { Person } from '../../shared/api/people';
import type { PersonFile } from '../../shared/api/person-file';
import type { CampaignProgress } from '../../shared/api/screening';

/**
 * Whether the user may read what a sheet reveals of the answers (scores, critical items, the
 * reasons for a level) and the staff's notes: the psychology staff, not a class teacher or screener.
 */
export function seesAnswers(user: User): boolean {
  return user.role === 'admin' || user.role === 'psychologist';
}

/** The classes a user may see, or null when the role is not limited to classes. */
export function classScope(user: User): ClassRef[] | null {
  return user.role === 'class_teacher' ? user.classes : null;
}

/** A SQL condition (over a `people` row aliased as given) limiting rows to the scope. */
export function scopeCondition(
  scope: ClassRef[] | null,
  params: Record<string, unknown>,
  alias = 'people',
): string {
  if (scope === null) return '1';
  params.scope = JSON.stringify(scope);
  return `EXISTS (SELECT 1 FROM json_each(:scope) j WHERE json_extract(j.value, '$.grade') = ${alias}.grade
    AND json_extract(j.value, '$.className') = ${alias}.class_name)`;
}

export const inScope = (
  scope: ClassRef[] | null,
  person: { grade: string | null; className: string | null },
) => !scope || scope.some((c) => c.grade === person.grade && c.className === person.className);

export function assertInScope(
  scope: ClassRef[] | null,
  person: { grade: string | null; className: string | null },
): void {
  if (!inScope(scope, person)) {
    throw refusal(
      'forbidden',
      'scope.own_class_only',
      'A class teacher sees only the students of their own classes.',
    );
  }
}

/**
 * Whether the user may read who a person is beyond name and class: identity numbers (学籍号, 身份证号,
 * 手册编号), phones, birth date, guardian and pregnancy details, and levels. A screener runs the
 * screening day with names, classes and progress only (施测员不看作答); the kiosk and station find
 * people by their numbers on the server side, never by showing them.
 */
export function seesIdentity(user: User): boolean {
  return user.role !== 'screener';
}

/** Every person field a screener receives as null. */
const IDENTITY_FIELDS = [
  'birthDate',
  'idNumber',
  'phone',
  'studentNo',
  'handbookNo',
  'guardianName',
  'guardianPhone',
  'lmp',
  'edd',
  'deliveryDate',
  'gravidity',
  'parity',
  'familyPsychHistory',
] as const satisfies readonly (keyof Person)[];

/** A person (or list row) cut to what the user's role may read; levels go with the identity. */
export function minimumPerson<T extends Person & { level?: string | null }>(user: User, person: T): T {
  if (seesIdentity(user)) return person;
  const cut: T = { ...person };
  for (const field of IDENTITY_FIELDS) (cut as Record<string, unknown>)[field] = null;
  if ('level' in cut) cut.level = null;
  // A case's colour and state say as much as a level does.
  if ('perinatalCase' in cut) (cut as { perinatalCase: unknown }).perinatalCase = null;
  return cut;
}

/**
 * The individual file cut to the role: a screener gets the person's name, class and where she
 * stands in pregnancy (which screening is due), never levels, sheets, history or cases.
 */
export function minimumFile(user: User, file: PersonFile): PersonFile {
  if (seesIdentity(user)) return file;
  return {
    person: minimumPerson(user, file.person),
    perinatal: file.perinatal,
    currentLevel: null,
    current: null,
    screenings: [],
    unsubmitted: [],
    events: [],
    cases: [],
  };
}

/**
 * What a screener may not filter by either, since which rows come back would tell it: a level, or
 * a number (searches match 学籍号, ID and handbook numbers and phones); she finds people by name.
 */
export function assertMayFilter(user: User, { level, query }: { level?: string; query?: string }): void {
  if (seesIdentity(user)) return;
  if (level !== undefined) throw new AppError('forbidden', 'Your role does not see levels.');
  // Three digits are where a search starts matching numbers (see searchClause).
  if ((query?.match(/\d/g)?.length ?? 0) >= 3)
    throw new AppError('forbidden', 'Your role finds people by name only.');
}

/** A campaign's progress board cut to the role: a screener sees who is done, not numbers or levels. */
export function minimumProgress(user: User, progress: CampaignProgress): CampaignProgress {
  if (seesIdentity(user)) return progress;
  return { ...progress, people: progress.people.map((p) => ({ ...p, number: null, level: null })) };
}
