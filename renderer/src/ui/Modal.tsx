import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from './Icon';

/**
 * A native modal dialog (focus trap, Esc and an inert background come with it) in the app's
 * frame: header with title and close, scrolling body, footer for actions.
 */
export function Modal({
  title,
  subtitle,
  headerExtra,
  children,
  footer,
  onClose,
  busy = false,
  size = 'md',
  testId,
}: {
  title: ReactNode;
  subtitle?: ReactNode;
  /** Controls beside the title, such as a language toggle. */
  headerExtra?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
  onClose(): void;
  /** While true, Esc and the close button do nothing (a save is running). */
  busy?: boolean;
  size?: 'md' | 'lg' | 'xl';
  testId?: string;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  return (
    <dialog
      ref={ref}
      className={`dialog dialog-${size}`}
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        if (!busy) onClose();
      }}
      data-testid={testId}
    >
      <div className="dialog-form dialog-frame">
        <header className="dialog-header">
          <div className="dialog-heading">
            <h2 id={titleId} className="dialog-title">
              {title}
            </h2>
            {subtitle ? <p className="dialog-subtitle">{subtitle}</p> : null}
          </div>
          <div className="dialog-header-actions">
            {headerExtra}
            <button
              type="button"
              className="icon-btn"
              onClick={onClose}
              aria-label={t('common.close')}
              disabled={busy}
            >
              <Icon name="x" size={18} />
            </button>
          </div>
        </header>
        <div className="dialog-body dialog-scroll">{children}</div>
        {footer ? <footer className="dialog-footer">{footer}</footer> : null}
      </div>
    </dialog>
  );
}
