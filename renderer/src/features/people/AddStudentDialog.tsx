import { useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { studentInputSchema, type Student } from '../../../../shared/api/people';
import { rowIssueSchema } from '../../../../shared/people/issues';
import { describeRowIssue } from '../import/rowIssues';
import { todayIso } from '../../../../shared/people/date';
import { ApiCallError } from '../../api/client';
import { useApiMutation } from '../../api/query';
import { describeError } from '../../api/errors';
import { Alert } from '../../ui/Alert';
import { SelectField, TextField } from '../../ui/Field';
import { Dialog, DialogActions } from '../../ui/Dialog';
import { checkBirthDateRange, focusFirstInvalid, schemaErrors, type Errors } from '../../lib/validation';
import { useFormState } from '../../lib/useFormState';
import { Button } from '../../ui/Button';

interface Values {
  studentNo: string;
  name: string;
  sex: '' | Student['sex'];
  birthDate: string;
  grade: string;
  className: string;
}

function validate(v: Values): Errors<keyof Values> {
  const errors: Errors<keyof Values> = schemaErrors(studentInputSchema, v);
  errors.birthDate ??= checkBirthDateRange(v.birthDate);
  return errors;
}

export function AddStudentDialog({
  initialGrade,
  initialClass,
  gradeSuggestions,
  classSuggestions,
  onAdded,
  onClose,
  initial,
}: {
  /** Known details to start from, e.g. a name and number read from an imported answer sheet. */
  initial?: Partial<Pick<Values, 'studentNo' | 'name'>>;
  initialGrade: string;
  initialClass: string;
  gradeSuggestions: readonly string[];
  classSuggestions: readonly string[];
  onAdded(student: Student): void;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const add = useApiMutation('students.add', ['people.list', 'people.groups']);
  const firstRef = useRef<HTMLInputElement>(null);
  const gradeListId = useId();
  const classListId = useId();
  const blank: Values = {
    studentNo: initial?.studentNo ?? '',
    name: initial?.name ?? '',
    sex: '',
    birthDate: '',
    grade: initialGrade,
    className: initialClass,
  };
  const { formRef, values, setValues, set, errors, error, busy, ready, send, setServerErrors, setSubmitted } =
    useFormState<Values>(blank, validate);

  async function save(andNext: boolean) {
    if (!ready(!values.sex)) return;
    await send(
      async () => {
        const student = await add.mutateAsync({
          studentNo: values.studentNo.trim(),
          name: values.name.trim(),
          sex: values.sex as 'M' | 'F',
          birthDate: values.birthDate,
          grade: values.grade.trim(),
          className: values.className.trim(),
        });
        onAdded(student);
        if (!andNext) {
          onClose();
          return;
        }
        // Entering a whole class: keep grade and class, clear the rest.
        setValues({ ...blank, grade: values.grade, className: values.className });
        setSubmitted(false);
        requestAnimationFrame(() => firstRef.current?.focus());
      },
      (err) => {
        if (!(err instanceof ApiCallError)) return false;
        if (err.code === 'conflict') {
          setServerErrors({ studentNo: t('students.form.studentNoExists') });
        } else {
          // The importer's row checks (a 学籍号 that contradicts the sex…), worded under each field.
          const rowIssues = err.issues.flatMap((i) => {
            const issue = rowIssueSchema.safeParse({ field: i.path, code: i.code, params: i.params });
            return issue.success ? [issue.data] : [];
          });
          if (rowIssues.length === 0) return false;
          const byField: Record<string, string> = {};
          for (const issue of rowIssues) byField[issue.field] ??= describeRowIssue(issue);
          setServerErrors(byField);
        }
        focusFirstInvalid(formRef.current);
        return true;
      },
    );
  }

  return (
    <Dialog
      title={t('students.form.title')}
      subtitle={t('students.form.intro')}
      onClose={onClose}
      busy={busy}
      onSubmit={() => void save(false)}
      formRef={formRef}
      testId="add-student-dialog"
      footer={
        <DialogActions
          onCancel={onClose}
          busy={busy}
          confirmLabel={busy ? t('students.form.submitting') : t('students.form.submit')}
        >
          <Button variant="secondary" onClick={() => void save(true)} disabled={busy}>
            {t('students.form.submitAndNext')}
          </Button>
        </DialogActions>
      }
    >
      <div className="form-grid">
        <TextField
          ref={firstRef}
          label={t('fields.studentNo')}
          required
          value={values.studentNo}
          onValue={set('studentNo')}
          error={errors.studentNo}
          placeholder={t('students.form.studentNoPlaceholder')}
          maxLength={32}
          autoComplete="off"
          spellCheck={false}
          autoFocus
        />
        <TextField
          label={t('fields.name')}
          required
          value={values.name}
          onValue={set('name')}
          error={errors.name}
          placeholder={t('students.form.namePlaceholder')}
          maxLength={64}
          autoComplete="off"
        />
        <SelectField
          label={t('fields.sex')}
          required
          value={values.sex}
          onValue={set('sex')}
          error={errors.sex}
          placeholder={t('students.form.sexPlaceholder')}
          options={[
            { value: 'M', label: t('students.sex.M') },
            { value: 'F', label: t('students.sex.F') },
          ]}
        />
        <TextField
          label={t('fields.birthDate')}
          required
          type="date"
          value={values.birthDate}
          onValue={set('birthDate')}
          error={errors.birthDate}
          min="1900-01-01"
          max={todayIso()}
        />
        <TextField
          label={t('fields.grade')}
          required
          value={values.grade}
          onValue={set('grade')}
          error={errors.grade}
          placeholder={t('students.form.gradePlaceholder')}
          list={gradeListId}
          maxLength={32}
          autoComplete="off"
        />
        <TextField
          label={t('fields.className')}
          required
          value={values.className}
          onValue={set('className')}
          error={errors.className}
          placeholder={t('students.form.classPlaceholder')}
          list={classListId}
          maxLength={32}
          autoComplete="off"
        />
      </div>
      <datalist id={gradeListId}>
        {gradeSuggestions.map((g) => (
          <option key={g} value={g} />
        ))}
      </datalist>
      <datalist id={classListId}>
        {classSuggestions.map((c) => (
          <option key={c} value={c} />
        ))}
      </datalist>
      {error ? <Alert testId="add-student-error">{describeError(error)}</Alert> : null}
    </Dialog>
  );
}
