import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KeyRenewal, User } from '../../../../shared/api/auth';
import { contract } from '../../../../shared/api/contract';
import { describeError } from '../../api/errors';
import { useApiMutation } from '../../api/query';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { PasswordField } from '../../ui/Field';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { schemaErrors } from '../../lib/validation';
import { useSession } from '../../store/session';
import { toast } from '../../store/toast';
import styles from './users.module.css';

export type Account = User & { active: boolean };

/** The idle limit after which staff screens lock (kiosk and station go on). */
export function AutoLockCard() {
  const { t } = useTranslation();
  const current = useSession((s) => s.status?.idleMinutes ?? 10);
  const refresh = useSession((s) => s.refresh);
  const [minutes, setMinutes] = useState(String(current));
  const save = useApiMutation('settings.setIdleMinutes');
  function submit() {
    save.mutate(
      { minutes: Number(minutes) },
      {
        onSuccess: async (saved) => {
          toast.success(t('lock.saved', { minutes: saved.minutes }));
          await refresh();
        },
      },
    );
  }
  return (
    <section className={`card card-pad ${styles.lockCard}`} data-testid="auto-lock-card">
      <h2 className="card-title">{t('lock.settingTitle')}</h2>
      <p className="page-subtitle">{t('lock.settingBody')}</p>
      <div className={styles.lockRow}>
        <input
          className="input"
          type="number"
          min={0}
          max={240}
          step={1}
          value={minutes}
          aria-label={t('lock.minutes')}
          data-testid="idle-minutes"
          onChange={(e) => setMinutes(e.target.value)}
        />
        <span>{t('lock.minutes')}</span>
        <Button variant="secondary" onClick={submit} busy={save.isPending}>
          {t('lock.save')}
        </Button>
      </div>
      {save.error ? <Alert>{describeError(save.error)}</Alert> : null}
    </section>
  );
}

/** An administrator sets a new password for another account (after a keyring rebuild, or a lost password). */
export function ResetPasswordDialog({ user, onClose }: { user: User; onClose(): void }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const reset = useApiMutation('users.resetPassword');
  const invalid = schemaErrors(
    contract['users.resetPassword'].input,
    { id: user.id, password },
    { password: 'newPassword' },
  ).password;
  function confirm() {
    if (invalid) return;
    reset.mutate(
      { id: user.id, password },
      {
        onSuccess: () => {
          toast.success(t('users.passwordReset', { name: user.displayName }));
          onClose();
        },
      },
    );
  }
  return (
    <ConfirmDialog
      title={t('users.resetPasswordTitle', { name: user.displayName })}
      onClose={onClose}
      onConfirm={confirm}
      asForm
      busy={reset.isPending}
      error={reset.error}
      confirmLabel={t('users.resetPassword')}
      testId="reset-password-dialog"
    >
      <PasswordField
        label={t('fields.newPassword')}
        required
        value={password}
        onValue={setPassword}
        error={password ? invalid : undefined}
        autoComplete="new-password"
      />
    </ConfirmDialog>
  );
}

/** Ending an account renews the keys when it held them; the result goes to `onDone`. */
export function DeactivateDialog({
  user,
  onClose,
  onDone,
}: {
  user: Account;
  onClose(): void;
  onDone(keys: KeyRenewal | null): void;
}) {
  const { t } = useTranslation();
  const deactivate = useApiMutation('users.deactivate', ['users.list']);
  function confirm() {
    deactivate.mutate(
      { id: user.id },
      {
        onSuccess: (result) => {
          toast.success(t('users.deactivated', { name: user.displayName }));
          onDone(result.keys);
        },
      },
    );
  }
  return (
    <ConfirmDialog
      title={t('users.deactivateTitle', { name: user.displayName })}
      onClose={onClose}
      onConfirm={confirm}
      danger
      busy={deactivate.isPending}
      error={deactivate.error}
      confirmLabel={deactivate.isPending ? t('users.deactivating') : t('users.deactivateConfirm')}
      testId="deactivate-dialog"
    >
      <p>{t('users.deactivateBody')}</p>
    </ConfirmDialog>
  );
}
