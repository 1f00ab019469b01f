import type { ButtonHTMLAttributes, ReactNode, Ref } from 'react';
import { Link, type LinkProps } from 'react-router';
import styles from './Button.module.css';
import { Icon, type IconName } from './Icon';
import { Spinner } from './Spinner';

export type ButtonVariant = 'primary' | 'secondary' | 'ghost' | 'danger' | 'link';
export type ButtonSize = 'sm' | 'md' | 'lg';

interface Look {
  variant?: ButtonVariant;
  size?: ButtonSize;
  block?: boolean;
  /** An icon before the label, at the size the button's text uses. */
  icon?: IconName;
}

/** Class names for a button look; also for the rare element that must look like one (a file label). */
export function buttonClass(
  { variant = 'secondary', size = 'md', block = false }: Look,
  extra?: string,
): string {
  return [
    styles.btn,
    styles[variant],
    size === 'md' ? '' : styles[size],
    block ? styles.block : '',
    extra ?? '',
  ]
    .filter(Boolean)
    .join(' ');
}

const iconSize = (size: ButtonSize) => (size === 'sm' ? 14 : 16);

export interface ButtonProps extends Look, Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'type'> {
  ref?: Ref<HTMLButtonElement>;
  /** `submit` only inside a form; every other button is `button` so Enter never submits by accident. */
  type?: 'button' | 'submit';
  /** Shows a spinner and disables the button while an action runs. */
  busy?: boolean;
  children?: ReactNode;
}

export function Button({
  variant,
  size = 'md',
  block,
  icon,
  busy = false,
  type = 'button',
  className,
  disabled,
  children,
  ...rest
}: ButtonProps) {
  return (
    <button
      {...rest}
      type={type}
      className={buttonClass({ variant, size, block }, className)}
      disabled={disabled || busy}
      aria-busy={busy || undefined}
    >
      {busy ? <Spinner size={iconSize(size)} /> : icon ? <Icon name={icon} size={iconSize(size)} /> : null}
      {children}
    </button>
  );
}

/** A router link that looks like a button (opening a page is navigation, not an action). */
export function LinkButton({
  variant,
  size = 'md',
  block,
  icon,
  className,
  children,
  ...rest
}: Look & LinkProps) {
  return (
    <Link {...rest} className={buttonClass({ variant, size, block }, className)}>
      {icon ? <Icon name={icon} size={iconSize(size)} /> : null}
      {children}
    </Link>
  );
}

/** A square button holding only an icon; `label` is its accessible name. */
export function IconButton({
  icon,
  label,
  size = 18,
  className,
  ...rest
}: Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'type' | 'aria-label'> & {
  icon: IconName;
  label: string;
  size?: number;
}) {
  return (
    <button
      {...rest}
      type="button"
      className={[styles.icon, className].filter(Boolean).join(' ')}
      aria-label={label}
      title={label}
    >
      <Icon name={icon} size={size} />
    </button>
  );
}
