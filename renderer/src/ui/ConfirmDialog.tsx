import type { ReactNode } from 'react';
import { describeError } from '../api/errors';
import { Alert } from './Alert';
import { Dialog, DialogActions } from './Dialog';

/**
 * A dialog that asks before one action: what will happen, the failure if the last try failed,
 * cancel and the confirming button (busy while the call runs). `asForm` makes Enter confirm.
 */
export function ConfirmDialog({
  title,
  onClose,
  onConfirm,
  confirmLabel,
  busy = false,
  error,
  danger = false,
  disabled = false,
  asForm = false,
  testId,
  confirmTestId,
  children,
}: {
  title: ReactNode;
  onClose(): void;
  onConfirm(): void;
  confirmLabel: ReactNode;
  busy?: boolean;
  /** The last attempt's failure, worded above the body. */
  error?: unknown;
  danger?: boolean;
  disabled?: boolean;
  asForm?: boolean;
  testId?: string;
  confirmTestId?: string;
  children: ReactNode;
}) {
  return (
    <Dialog
      title={title}
      onClose={onClose}
      busy={busy}
      testId={testId}
      onSubmit={asForm ? onConfirm : undefined}
      footer={
        <DialogActions
          onCancel={onClose}
          onConfirm={asForm ? undefined : onConfirm}
          confirmLabel={confirmLabel}
          busy={busy}
          danger={danger}
          disabled={disabled}
          confirmTestId={confirmTestId}
        />
      }
    >
      {error ? <Alert title={describeError(error)} /> : null}
      {children}
    </Dialog>
  );
}
