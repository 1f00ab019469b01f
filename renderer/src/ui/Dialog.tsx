import { useEffect, useId, useRef, type FormEvent, type ReactNode, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import styles from './Dialog.module.css';
import { Button } from './Button';
import { Icon } from './Icon';

export interface DialogProps {
  title: ReactNode;
  subtitle?: ReactNode;
  /** Controls beside the title, such as a language toggle. */
  headerExtra?: ReactNode;
  children: ReactNode;
  /** Buttons at the bottom; see `DialogActions` for the usual cancel + confirm pair. */
  footer?: ReactNode;
  onClose(): void;
  /** While true, Esc and the close button do nothing (a save is running). */
  busy?: boolean;
  size?: 'md' | 'lg' | 'xl';
  /** Makes the dialog a form: Enter in a field submits, the browser's own validation stays off. */
  onSubmit?(event: FormEvent<HTMLFormElement>): void;
  formRef?: Ref<HTMLFormElement>;
  testId?: string;
  className?: string;
}

/**
 * A native modal dialog (focus trap, Esc and an inert background come with it) in the app's
 * frame: header with title and close, scrolling body, footer for actions.
 */
export function Dialog({
  title,
  subtitle,
  headerExtra,
  children,
  footer,
  onClose,
  busy = false,
  size = 'md',
  onSubmit,
  formRef,
  testId,
  className,
}: DialogProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  const inner = (
    <>
      <header className={styles.header}>
        <div>
          <h2 id={titleId} className={styles.title}>
            {title}
          </h2>
          {subtitle ? <p className={styles.subtitle}>{subtitle}</p> : null}
        </div>
        <div className={styles.headerActions}>
          {headerExtra}
          <button
            type="button"
            className={styles.close}
            onClick={onClose}
            aria-label={t('common.close')}
            disabled={busy}
          >
            <Icon name="x" size={18} />
          </button>
        </div>
      </header>
      <div className={styles.body}>{children}</div>
      {footer ? <footer className={styles.footer}>{footer}</footer> : null}
    </>
  );

  return (
    <dialog
      ref={ref}
      className={[styles.dialog, size === 'md' ? '' : styles[size], className].filter(Boolean).join(' ')}
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        if (!busy) onClose();
      }}
      data-testid={testId}
    >
      {onSubmit ? (
        <form
          ref={formRef}
          noValidate
          className={styles.frame}
          onSubmit={(e) => {
            e.preventDefault();
            onSubmit(e);
          }}
        >
          {inner}
        </form>
      ) : (
        <div className={styles.frame}>{inner}</div>
      )}
    </dialog>
  );
}

/**
 * The usual footer: cancel, then the confirming action. The confirm button submits when the
 * dialog is a form (`onSubmit`), otherwise it calls `onConfirm`.
 */
export function DialogActions({
  onCancel,
  confirmLabel,
  onConfirm,
  busy = false,
  disabled = false,
  danger = false,
  cancelLabel,
  confirmTestId,
  children,
}: {
  onCancel(): void;
  confirmLabel: ReactNode;
  onConfirm?(): void;
  busy?: boolean;
  disabled?: boolean;
  danger?: boolean;
  cancelLabel?: ReactNode;
  confirmTestId?: string;
  /** Extra controls on the left of the pair (a secondary action). */
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <>
      {children}
      <Button variant="secondary" onClick={onCancel} disabled={busy}>
        {cancelLabel ?? t('common.cancel')}
      </Button>
      <Button
        variant={danger ? 'danger' : 'primary'}
        type={onConfirm ? 'button' : 'submit'}
        onClick={onConfirm}
        busy={busy}
        disabled={disabled}
        data-testid={confirmTestId}
      >
        {confirmLabel}
      </Button>
    </>
  );
}
