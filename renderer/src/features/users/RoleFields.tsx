import { useTranslation } from 'react-i18next';
import type { ClassRef, Role } from '../../../../shared/api/auth';
import { ALL_ROLES } from '../../../../shared/api/contract';
import { useApiQuery } from '../../api/query';
import { useProgramme } from '../../store/session';
import { FieldError, SelectField } from '../../ui/Field';
import { Spinner } from '../../ui/Spinner';
import styles from './users.module.css';

const classKey = (c: ClassRef) => `${c.grade}\u0000${c.className}`;

/** A class teacher must have at least one class; every other role has none. */
export const classesMissing = (role: Role | '', classes: readonly ClassRef[]) =>
  role === 'class_teacher' && classes.length === 0;

/** The grades and classes on the roster as toggles; a class teacher must have at least one. */
export function ClassPicker({
  selected,
  onChange,
  error,
}: {
  selected: ClassRef[];
  onChange(classes: ClassRef[]): void;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  const groups = useApiQuery('people.groups', {});
  const chosen = new Set(selected.map(classKey));
  const toggle = (c: ClassRef) =>
    onChange(
      chosen.has(classKey(c)) ? selected.filter((s) => classKey(s) !== classKey(c)) : [...selected, c],
    );
  return (
    <fieldset className={`field${error ? ' field-invalid' : ''}`} data-testid="class-picker">
      <legend className="field-label">{t('users.form.classes')}</legend>
      {groups.isPending ? <Spinner /> : null}
      {groups.data && groups.data.grades.length === 0 ? (
        <p className="field-hint">{t('users.form.noClasses')}</p>
      ) : null}
      {groups.data?.grades.map((g) => (
        <div key={g.grade} className={styles.classRow}>
          <span className={styles.classGrade}>{g.grade}</span>
          <span className={styles.classList}>
            {g.classes.map((c) => {
              const ref = { grade: g.grade, className: c.className };
              return (
                <button
                  key={c.className}
                  type="button"
                  className={`chip ${styles.classChip}`}
                  aria-pressed={chosen.has(classKey(ref))}
                  onClick={() => toggle(ref)}
                >
                  {c.className}
                </button>
              );
            })}
          </span>
        </div>
      ))}
      {error ? <FieldError>{error}</FieldError> : <p className="field-hint">{t('users.form.classesHint')}</p>}
    </fieldset>
  );
}

/** Role, its one-line meaning, and the classes when the role is 班主任: new accounts and role changes. */
export function RoleFields({
  role,
  onRole,
  classes,
  onClasses,
  roleError,
  classesError,
  placeholder,
}: {
  role: Role | '';
  onRole(role: Role): void;
  classes: ClassRef[];
  onClasses(classes: ClassRef[]): void;
  roleError?: string | undefined;
  classesError?: string | undefined;
  placeholder?: string;
}) {
  const { t } = useTranslation();
  const programme = useProgramme();
  // A maternal service has no classes, so no class teachers (an account that is one keeps its role).
  const roles = ALL_ROLES.filter((r) => r !== 'class_teacher' || programme === 'school' || r === role);
  return (
    <>
      <SelectField
        label={t('users.form.role')}
        value={role}
        onValue={(v) => onRole(v as Role)}
        options={roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
        placeholder={placeholder}
        error={roleError}
        hint={role ? t(`users.roleHints.${role}`) : undefined}
        required
      />
      {role === 'class_teacher' ? (
        <ClassPicker selected={classes} onChange={onClasses} error={classesError} />
      ) : null}
    </>
  );
}
