import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PersonKind } from '../../../../shared/api/people';
import type { RowIssue } from '../../../../shared/people/issues';
import { fieldLabel, describeError } from '../../api/errors';
import { useApiMutation } from '../../api/query';
import { todayIso } from '../../../../shared/people/date';
import { focusFirstInvalid } from '../../lib/validation';
import { useFormState } from '../../lib/useFormState';
import { Alert } from '../../ui/Alert';
import { Dialog, DialogActions } from '../../ui/Dialog';
import { SelectField, TextField } from '../../ui/Field';
import { toast } from '../../store/toast';
import { describeRowIssue } from '../import/rowIssues';

/** One input of the form: a roster field key (its label is the register's), and how it is typed. */
export interface PersonInput {
  field: string;
  type?: 'text' | 'date' | 'tel' | 'count' | 'yesNo';
  required?: boolean;
  placeholder?: string;
  maxLength?: number;
  /** Known values to pick from (townships already in the register). */
  suggestions?: readonly string[];
  /** A date that cannot lie ahead (末次月经, 分娩日期). */
  notFuture?: boolean;
}

type Values = Record<string, string>;

/** 新建孕产妇: the register's columns, in the order the county register lists them. */
export const womanInputs = (townships: readonly string[]): PersonInput[] => [
  { field: 'name', required: true, maxLength: 64 },
  { field: 'idNumber', required: true, maxLength: 18 },
  { field: 'handbookNo', maxLength: 64 },
  { field: 'phone', type: 'tel', maxLength: 20 },
  { field: 'lmp', type: 'date', notFuture: true },
  { field: 'edd', type: 'date' },
  { field: 'deliveryDate', type: 'date', notFuture: true },
  { field: 'township', suggestions: townships },
  { field: 'gravidity', type: 'count', maxLength: 2 },
  { field: 'parity', type: 'count', maxLength: 2 },
  { field: 'familyPsychHistory', type: 'yesNo' },
];

/**
 * A person added by hand with the register's own fields (新建孕产妇). The server reads the values
 * exactly as an imported row and answers with the row's issues, shown under each field in the
 * UI's language; nothing is written until there are none.
 */
export function AddPersonDialog({
  kind,
  inputs,
  title,
  intro,
  testId,
  initial,
  onAdded,
  onClose,
}: {
  kind: PersonKind;
  /** Known details to start from (a name and number read from an imported answer sheet). */
  initial?: Readonly<Record<string, string>>;
  inputs: readonly PersonInput[];
  title: string;
  intro: string;
  testId: string;
  onAdded(personId: number, name: string): void;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const add = useApiMutation('people.add', ['people.list', 'people.groups', 'students.list']);
  const blank: Values = Object.fromEntries(inputs.map((i) => [i.field, initial?.[i.field] ?? '']));
  // The server's issues are kept as codes and worded on each render, so they follow the language.
  const [issues, setIssues] = useState<RowIssue[]>([]);
  const { formRef, values, set, error, busy, ready, send } = useFormState<Values>(blank, () => ({}));
  const fieldError = (field: string) => {
    const own = issues.filter((i) => i.field === field);
    return own.length ? own.map(describeRowIssue).join(t('errors.listSeparator')) : undefined;
  };
  // Issues under a field the form does not show (none expected) still reach the user.
  const shown = new Set(inputs.map((i) => i.field));
  const elsewhere = issues.filter((i) => !shown.has(i.field));
  const edit = (field: string) => (value: string) => {
    set(field)(value);
    setIssues((all) => all.filter((i) => i.field !== field));
  };

  async function save() {
    if (!ready()) return;
    await send(async () => {
      const given = Object.fromEntries(Object.entries(values).filter(([, v]) => v.trim() !== ''));
      const result = await add.mutateAsync({ kind, values: given });
      if (!result.created) {
        setIssues(result.issues);
        requestAnimationFrame(() => focusFirstInvalid(formRef.current));
        return;
      }
      for (const warning of result.warnings) toast.info(describeRowIssue(warning));
      onAdded(result.personId, values.name?.trim() ?? '');
      onClose();
    });
  }

  return (
    <Dialog
      title={title}
      subtitle={intro}
      onClose={onClose}
      busy={busy}
      onSubmit={() => void save()}
      formRef={formRef}
      testId={testId}
      footer={
        <DialogActions
          onCancel={onClose}
          busy={busy}
          confirmLabel={busy ? t('people.addForm.submitting') : t('people.addForm.submit')}
          confirmTestId={`${testId}-submit`}
        />
      }
    >
      <div className="form-grid">
        {inputs.map((input, index) => {
          const common = {
            label: fieldLabel(input.field),
            required: input.required,
            value: values[input.field] ?? '',
            onValue: edit(input.field),
            error: fieldError(input.field),
          };
          if (input.type === 'yesNo')
            return (
              <SelectField
                key={input.field}
                {...common}
                placeholder={t('people.addForm.unknown')}
                options={[
                  { value: 'yes', label: t('common.yes') },
                  { value: 'no', label: t('common.no') },
                ]}
                data-field={input.field}
              />
            );
          return (
            <TextField
              key={input.field}
              {...common}
              type={input.type === 'date' ? 'date' : input.type === 'tel' ? 'tel' : 'text'}
              inputMode={input.type === 'count' ? 'numeric' : undefined}
              placeholder={input.placeholder}
              maxLength={input.maxLength ?? 64}
              min={input.type === 'date' ? '1900-01-01' : undefined}
              max={input.notFuture ? todayIso() : undefined}
              list={input.suggestions ? `${testId}-${input.field}` : undefined}
              autoComplete="off"
              spellCheck={false}
              autoFocus={index === 0}
              data-field={input.field}
            />
          );
        })}
      </div>
      {inputs
        .filter((input) => input.suggestions)
        .map((input) => (
          <datalist key={input.field} id={`${testId}-${input.field}`}>
            {input.suggestions!.map((s) => (
              <option key={s} value={s} />
            ))}
          </datalist>
        ))}
      {elsewhere.length ? (
        <Alert testId={`${testId}-issues`}>
          {elsewhere.map(describeRowIssue).join(t('errors.listSeparator'))}
        </Alert>
      ) : null}
      {error ? <Alert testId={`${testId}-error`}>{describeError(error)}</Alert> : null}
    </Dialog>
  );
}
