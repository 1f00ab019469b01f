import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { personCorrectionSchema, type Person, type PersonCorrection } from '../../../../shared/api/people';
import type { PersonFile } from '../../../../shared/api/person-file';
import { ApiCallError } from '../../api/client';
import { useApiMutation } from '../../api/query';
import { describeError, fieldErrorsFromIssues, fieldLabel } from '../../api/errors';
import { Alert } from '../../ui/Alert';
import { Field, SelectField, TextField } from '../../ui/Field';
import { Dialog, DialogActions } from '../../ui/Dialog';
import styles from './CorrectDialog.module.css';
import { schemaErrors } from '../../lib/validation';

type Key = keyof PersonCorrection;
type Kind = 'text' | 'date' | 'sex' | 'int' | 'bool' | 'status';

const studentFields: [Key, Kind][] = [
  ['name', 'text'],
  ['sex', 'sex'],
  ['birthDate', 'date'],
  ['school', 'text'],
  ['grade', 'text'],
  ['className', 'text'],
  ['headTeacher', 'text'],
  ['guardianName', 'text'],
  ['guardianPhone', 'text'],
  ['status', 'status'],
];
const womanFields: [Key, Kind][] = [
  ['name', 'text'],
  ['phone', 'text'],
  ['handbookNo', 'text'],
  ['township', 'text'],
  ['lmp', 'date'],
  ['edd', 'date'],
  ['deliveryDate', 'date'],
  ['gravidity', 'int'],
  ['parity', 'int'],
  ['familyPsychHistory', 'bool'],
];

const REQUIRED: readonly Key[] = ['name', 'grade', 'className'];

function asText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return String(value);
}

/** Edits identity fields; every change needs a reason and keeps the old value in the file's history. */
export function CorrectDialog({
  person,
  onClose,
  onSaved,
}: {
  person: Person;
  onClose(): void;
  onSaved(file: PersonFile): void;
}) {
  const { t } = useTranslation();
  const fields = person.kind === 'student' ? studentFields : womanFields;
  const initial = Object.fromEntries(fields.map(([key]) => [key, asText(person[key as keyof Person])]));
  const [values, setValues] = useState<Record<string, string>>(initial);
  const [reason, setReason] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const correct = useApiMutation('people.correct');
  const busy = correct.isPending;
  const [error, setError] = useState<unknown>(null);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});

  const changed = fields.filter(([key]) => values[key] !== initial[key]);
  const changes = Object.fromEntries(changed.map(([key, kind]) => [key, toValue(key, kind)]));
  // The contract's schema for the correction checks each changed field, as the server will.
  const errors = schemaErrors(personCorrectionSchema, changes);
  const reasonError = submitted && !reason.trim() ? t('person.correct.reasonRequired') : undefined;

  function toValue(key: Key, kind: Kind): unknown {
    const v = values[key]!.trim();
    // An empty count is no number (NaN), so the schema refuses it rather than reading 0.
    if (kind === 'int') return v === '' ? Number.NaN : Number(v);
    if (kind === 'bool') return v === 'yes';
    return v;
  }

  async function submit() {
    setSubmitted(true);
    setError(null);
    if (changed.length === 0 || Object.keys(errors).length > 0 || !reason.trim()) return;
    const changes = Object.fromEntries(
      changed.map(([key, kind]) => [key, toValue(key, kind)]),
    ) as PersonCorrection;
    try {
      onSaved(await correct.mutateAsync({ id: person.id, changes, reason: reason.trim() }));
      onClose();
    } catch (err) {
      setError(err);
      if (err instanceof ApiCallError)
        setServerErrors(
          fieldErrorsFromIssues(err.issues.map((i) => ({ ...i, path: i.path.replace(/^changes\./, '') }))),
        );
    }
  }

  const set = (key: string) => (value: string) => {
    setValues((v) => ({ ...v, [key]: value }));
    setServerErrors(({ [key]: _drop, ...rest }) => rest);
  };

  return (
    <Dialog
      size="lg"
      title={t('person.correct.title', { name: person.name })}
      subtitle={t('person.correct.intro')}
      onClose={onClose}
      busy={busy}
      testId="correct-dialog"
      onSubmit={() => void submit()}
      footer={
        <DialogActions
          onCancel={onClose}
          busy={busy}
          confirmLabel={t('person.correct.submit', { count: changed.length })}
        />
      }
    >
      <div className="form">
        <div className="form-grid">
          {fields.map(([key, kind]) => {
            const label = fieldLabel(key);
            const err = (submitted ? errors[key] : undefined) ?? serverErrors[key];
            const modified = values[key] !== initial[key];
            const hint = modified
              ? t('person.correct.was', { value: initial[key] || t('person.emptyValue') })
              : undefined;
            if (kind === 'sex' || kind === 'bool' || kind === 'status') {
              const options =
                kind === 'sex'
                  ? [
                      { value: 'M', label: t('students.sex.M') },
                      { value: 'F', label: t('students.sex.F') },
                    ]
                  : kind === 'bool'
                    ? [
                        { value: 'yes', label: t('common.yes') },
                        { value: 'no', label: t('common.no') },
                      ]
                    : (['enrolled', 'transferred', 'graduated'] as const).map((s) => ({
                        value: s,
                        label: t(`students.status.${s}`),
                      }));
              return (
                <SelectField
                  key={key}
                  label={label}
                  value={values[key]!}
                  onValue={set(key)}
                  options={options}
                  placeholder={initial[key] ? undefined : t('person.correct.unset')}
                  error={err}
                  hint={hint}
                  fieldClassName={modified ? styles.modified : undefined}
                />
              );
            }
            return (
              <TextField
                key={key}
                label={label}
                type={kind === 'date' ? 'date' : kind === 'int' ? 'number' : 'text'}
                value={values[key]!}
                onValue={set(key)}
                error={err}
                hint={hint}
                required={REQUIRED.includes(key)}
                maxLength={64}
                fieldClassName={modified ? styles.modified : undefined}
              />
            );
          })}
        </div>
        <Field
          label={t('person.correct.reason')}
          required
          error={reasonError}
          hint={t('person.correct.reasonHint')}
        >
          {(control) => (
            <textarea
              {...control}
              className="input textarea"
              rows={2}
              maxLength={500}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              placeholder={t('person.correct.reasonPlaceholder')}
              data-testid="correct-reason"
            />
          )}
        </Field>
        {submitted && changed.length === 0 ? (
          <Alert kind="warning">{t('person.correct.nothing')}</Alert>
        ) : null}
        {error ? <Alert>{describeError(error)}</Alert> : null}
      </div>
    </Dialog>
  );
}
