import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../../shared/api/auth';
import { contract } from '../../../../shared/api/contract';
import { invoke } from '../../api/client';
import { describeError } from '../../api/errors';
import { Alert } from '../../ui/Alert';
import { PasswordField } from '../../ui/Field';
import { Dialog } from '../../ui/Dialog';
import { schemaErrors } from '../../lib/validation';
import { useSession } from '../../store/session';
import { toast } from '../../store/toast';
import { Button } from '../../ui/Button';

/** The idle limit after which staff screens lock (kiosk and station go on). */
export function AutoLockCard() {
  const { t } = useTranslation();
  const current = useSession((s) => s.status?.idleMinutes ?? 10);
  const refresh = useSession((s) => s.refresh);
  const [minutes, setMinutes] = useState(String(current));
  const [error, setError] = useState<unknown>(null);
  async function save() {
    setError(null);
    try {
      const saved = await invoke('settings.setIdleMinutes', { minutes: Number(minutes) });
      toast.success(t('lock.saved', { minutes: saved.minutes }));
      await refresh();
    } catch (err) {
      setError(err);
    }
  }
  return (
    <section className="card" data-testid="auto-lock-card">
      <h2 className="card-title">{t('lock.settingTitle')}</h2>
      <p className="page-subtitle">{t('lock.settingBody')}</p>
      <div className="form-row">
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
        <Button variant="secondary" onClick={() => void save()}>
          {t('lock.save')}
        </Button>
      </div>
      {error ? <Alert>{describeError(error)}</Alert> : null}
    </section>
  );
}

/** An administrator sets a new password for another account (after a keyring rebuild, or a lost password). */
export function ResetPasswordDialog({ user, onClose }: { user: User; onClose(): void }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const invalid = schemaErrors(
    contract['users.resetPassword'].input,
    { id: user.id, password },
    { password: 'newPassword' },
  ).password;
  async function confirm() {
    if (invalid) return;
    setBusy(true);
    setError(null);
    try {
      await invoke('users.resetPassword', { id: user.id, password });
      toast.success(t('users.passwordReset', { name: user.displayName }));
      onClose();
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }
  return (
    <Dialog
      title={t('users.resetPasswordTitle', { name: user.displayName })}
      onClose={onClose}
      busy={busy}
      testId="reset-password-dialog"
      footer={
        <Button variant="primary" disabled={busy} onClick={() => void confirm()}>
          {t('users.resetPassword')}
        </Button>
      }
    >
      <PasswordField
        label={t('fields.newPassword')}
        required
        value={password}
        onValue={setPassword}
        error={password ? invalid : undefined}
        autoComplete="new-password"
      />
      {error ? <Alert>{describeError(error)}</Alert> : null}
    </Dialog>
  );
}
