import type { SelectHTMLAttributes } from 'react';

export interface SelectOption<V extends string = string> {
  value: V;
  label: string;
  /** The label's own language when it differs from the UI's (a language name). */
  lang?: string;
}

export type SelectProps<V extends string> = Omit<
  SelectHTMLAttributes<HTMLSelectElement>,
  'value' | 'onChange' | 'children'
> & {
  value: V | '';
  onValue(value: V): void;
  options: readonly SelectOption<V>[];
  /** A first, empty choice ("全部年级", "请选择"); disabled when a value is required. */
  placeholder?: string;
};

/** A native select over typed options: the one list control of forms and toolbars. */
export function Select<V extends string>({
  value,
  onValue,
  options,
  placeholder,
  className,
  required,
  ...rest
}: SelectProps<V>) {
  return (
    <select
      {...rest}
      required={required}
      className={`input select${className ? ` ${className}` : ''}`}
      value={value}
      onChange={(e) => onValue(e.target.value as V)}
    >
      {placeholder !== undefined ? (
        <option value="" disabled={required}>
          {placeholder}
        </option>
      ) : null}
      {options.map((o) => (
        <option key={o.value} value={o.value} lang={o.lang}>
          {o.label}
        </option>
      ))}
    </select>
  );
}
