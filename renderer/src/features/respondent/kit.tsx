import type { ButtonHTMLAttributes, HTMLAttributes, ReactNode, Ref } from 'react';
import { RespondentIcon, type RespondentIconName } from './RespondentIcon';
import styles from './kit.module.css';

/**
 * The respondent's building blocks, shared by the kiosk (staff app) and the LAN station page:
 * one look for cards, titles, messages, buttons and choices, so neither app restyles them.
 * Kept apart from the staff kit (renderer/src/ui) because respondents need bigger type and
 * targets, and the station bundle must stay small.
 */
const join = (...names: (string | false | undefined)[]) => names.filter(Boolean).join(' ');

export function Card({
  center = false,
  testId,
  className,
  children,
  ...rest
}: {
  center?: boolean;
  testId?: string;
  className?: string;
  children: ReactNode;
} & Omit<HTMLAttributes<HTMLElement>, 'className'>) {
  return (
    <section {...rest} className={join(styles.card, center && styles.center, className)} data-testid={testId}>
      {children}
    </section>
  );
}

export function Title({ id, children }: { id?: string; children: ReactNode }) {
  return (
    <h2 id={id} className={styles.title}>
      {children}
    </h2>
  );
}

export function Lead({ children }: { children: ReactNode }) {
  return <p className={styles.lead}>{children}</p>;
}

export function Hint({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <p className={styles.hint} data-testid={testId}>
      {children}
    </p>
  );
}

/** A problem the respondent can act on, announced at once. Renders nothing without a message. */
export function ErrorText({ children, testId }: { children: ReactNode; testId?: string }) {
  if (!children) return null;
  return (
    <p className={styles.error} role="alert" data-testid={testId}>
      {children}
    </p>
  );
}

/** The round icon above a message (thanks, review). */
export function IconBadge({ name, size = 40 }: { name: RespondentIconName; size?: number }) {
  return (
    <div className={styles.iconBadge} aria-hidden="true">
      <RespondentIcon name={name} size={size} />
    </div>
  );
}

export type RsButtonVariant = 'primary' | 'secondary' | 'ghost';

/** A big button; `type` is `button` unless said otherwise, so Enter never submits by accident. */
export function RsButton({
  variant = 'secondary',
  block = false,
  type = 'button',
  ref,
  children,
  ...rest
}: {
  variant?: RsButtonVariant;
  block?: boolean;
  type?: 'button' | 'submit';
  ref?: Ref<HTMLButtonElement>;
  children: ReactNode;
} & Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'type' | 'className'>) {
  return (
    <button
      {...rest}
      ref={ref}
      type={type}
      className={join(styles.btn, styles[variant], block && styles.block)}
    >
      {children}
    </button>
  );
}

/** A row of buttons, centred; `split` spreads two choices of equal weight (yes / no). */
export function Actions({ split = false, children }: { split?: boolean; children: ReactNode }) {
  return <div className={join(styles.actions, split && styles.split)}>{children}</div>;
}

/**
 * A whole-card message with an icon, a title, a line and its buttons: offline, waiting for
 * staff, the screen left full-screen. The same shape everywhere a respondent is told to wait.
 */
export function MessageCard({
  icon,
  title,
  titleId,
  body,
  children,
  testId,
  className,
  live = false,
}: {
  icon?: RespondentIconName;
  title: ReactNode;
  titleId?: string;
  body?: ReactNode;
  children?: ReactNode;
  testId?: string;
  className?: string;
  live?: boolean;
}) {
  return (
    <Card center testId={testId} className={className} aria-live={live ? 'polite' : undefined}>
      {icon ? <RespondentIcon name={icon} size={40} /> : null}
      <Title id={titleId}>{title}</Title>
      {body ? <Lead>{body}</Lead> : null}
      {children}
    </Card>
  );
}

/** The big text input's look, for the rare input that is not a `BigField` (the kiosk's PIN). */
export const inputClass = styles.input;

/** A respondent's form: a column of big fields. */
export function RsForm({
  onSubmit,
  children,
}: {
  onSubmit(event: React.FormEvent): void;
  children: ReactNode;
}) {
  return (
    <form className={styles.form} noValidate onSubmit={onSubmit} autoComplete="off">
      {children}
    </form>
  );
}

/** Fields side by side on a wide screen, stacked on a phone. */
export function FieldRow({ children }: { children: ReactNode }) {
  return <div className={styles.formRow}>{children}</div>;
}

export interface ChoiceItem<V extends string> {
  value: V;
  label: ReactNode;
  testId?: string;
}

/** Two or three ways to do one thing (sign in by slip or by check-in code), as big tabs. */
export function ChoiceTabs<V extends string>({
  items,
  value,
  onChange,
  label,
}: {
  items: readonly ChoiceItem<V>[];
  value: V;
  onChange(value: V): void;
  label: string;
}) {
  return (
    <div className={styles.tabs} role="tablist" aria-label={label}>
      {items.map((item) => (
        <button
          key={item.value}
          type="button"
          role="tab"
          className={styles.tab}
          aria-selected={item.value === value}
          onClick={() => onChange(item.value)}
          data-testid={item.testId}
        >
          {item.label}
        </button>
      ))}
    </div>
  );
}

/** Class names of a big field, for `BigField` in Frame.tsx. */
export const fieldStyles = {
  field: styles.field,
  invalid: styles.invalid,
  label: styles.label,
  input: styles.input,
  error: styles.fieldError,
  hint: styles.fieldHint,
};
