import { useId, useState, type InputHTMLAttributes, type ReactNode, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from './Icon';
import styles from './Field.module.css';
import { Select, type SelectProps } from './Select';

interface ControlProps {
  id: string;
  'aria-invalid': boolean;
  'aria-describedby': string | undefined;
  'aria-required': boolean | undefined;
}

interface FieldProps {
  label: string;
  error?: string | null | undefined;
  hint?: ReactNode;
  required?: boolean;
  className?: string;
  children: (control: ControlProps) => ReactNode;
}

/** Label, control, hint and error wired together so screen readers announce all three. */
export function Field({ label, error, hint, required, className, children }: FieldProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field-invalid' : ''}${className ? ` ${className}` : ''}`}>
      <div className={styles.labelRow}>
        <label className="field-label" htmlFor={id}>
          {label}
        </label>
        {/* Outside the label so the accessible name stays the plain field name; aria-required says it. */}
        {required ? (
          <span className={styles.required} aria-hidden="true">
            *
          </span>
        ) : null}
      </div>
      {children({
        id,
        'aria-invalid': Boolean(error),
        'aria-describedby': describedBy,
        'aria-required': required || undefined,
      })}
      {error ? (
        <FieldError id={errorId}>{error}</FieldError>
      ) : hint ? (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** A field's problem in words, with the alert mark (also for groups the kit's fields do not draw). */
export function FieldError({ id, children }: { id?: string; children: ReactNode }) {
  return (
    <p className="field-error" id={id}>
      <Icon name="alert" size={14} />
      {children}
    </p>
  );
}

type InputRest = Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'value' | 'onChange' | 'id' | 'className' | 'required'
>;

interface TextFieldProps extends InputRest {
  ref?: Ref<HTMLInputElement>;
  label: string;
  value: string;
  onValue(value: string): void;
  error?: string | null | undefined;
  hint?: ReactNode;
  required?: boolean;
  fieldClassName?: string;
  inputClassName?: string;
}

export function TextField({
  label,
  value,
  onValue,
  error,
  hint,
  required,
  fieldClassName,
  inputClassName,
  type = 'text',
  ...rest
}: TextFieldProps) {
  return (
    <Field label={label} error={error} hint={hint} required={required} className={fieldClassName}>
      {(control) => (
        <input
          {...rest}
          {...control}
          type={type}
          className={`input${inputClassName ? ` ${inputClassName}` : ''}`}
          value={value}
          onChange={(e) => onValue(e.target.value)}
        />
      )}
    </Field>
  );
}

export function PasswordField({
  label,
  value,
  onValue,
  error,
  hint,
  required,
  fieldClassName,
  ...rest
}: Omit<TextFieldProps, 'type' | 'inputClassName'>) {
  const { t } = useTranslation();
  const [visible, setVisible] = useState(false);
  return (
    <Field label={label} error={error} hint={hint} required={required} className={fieldClassName}>
      {(control) => (
        <div className={styles.group}>
          <input
            {...rest}
            {...control}
            type={visible ? 'text' : 'password'}
            className="input"
            value={value}
            onChange={(e) => onValue(e.target.value)}
            spellCheck={false}
            autoCapitalize="off"
          />
          <button
            type="button"
            className={styles.addon}
            onClick={() => setVisible((v) => !v)}
            title={visible ? t('common.hidePassword') : t('common.showPassword')}
            aria-label={visible ? t('common.hidePassword') : t('common.showPassword')}
            aria-pressed={visible}
          >
            <Icon name={visible ? 'eyeOff' : 'eye'} size={16} />
          </button>
        </div>
      )}
    </Field>
  );
}

type SelectRest = Omit<
  SelectProps<string>,
  'value' | 'onValue' | 'options' | 'placeholder' | 'id' | 'className' | 'required'
>;

interface SelectFieldProps extends SelectRest {
  label: string;
  value: string;
  onValue(value: string): void;
  options: readonly { value: string; label: string }[];
  placeholder?: string;
  error?: string | null | undefined;
  hint?: ReactNode;
  required?: boolean;
  fieldClassName?: string;
}

export function SelectField({
  label,
  value,
  onValue,
  options,
  placeholder,
  error,
  hint,
  required,
  fieldClassName,
  ...rest
}: SelectFieldProps) {
  return (
    <Field label={label} error={error} hint={hint} required={required} className={fieldClassName}>
      {(control) => (
        <Select
          {...rest}
          {...control}
          value={value}
          onValue={onValue}
          options={options}
          placeholder={placeholder}
          required={required}
        />
      )}
    </Field>
  );
}
