import type { ClassRef, User } from '../../shared/api/auth';
import { AppError } from '../../shared/api/errors';

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
    throw new AppError('forbidden', '只能查看本班学生。');
  }
}
