import { buttonClass } from '../../../ui/Button';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiCallError, invoke } from '../../../api/client';
import { describeError, secondsToWait } from '../../../api/errors';

/** The services refused a PIN because too many wrong ones came before: only an administrator helps now. */
export const isPinLocked = (error: unknown) =>
  error instanceof ApiCallError &&
  error.code === 'too_many_attempts' &&
  error.detail?.reason === 'kiosk.pin_locked';

/**
 * The way out of a PIN lock: an administrator types their own user name and password here, on the
 * kiosk screen. The services check it (as slowly as a log-in) and end kiosk mode; the screener's
 * session carries on.
 */
export function AdminUnlock({ respondent, onUnlocked }: { respondent: boolean; onUnlocked(): void }) {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = respondent ? 'rs-input' : 'input';

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!username.trim() || !password || busy) return;
    setBusy(true);
    setError(null);
    invoke('kiosk.unlockWithAdmin', { username: username.trim(), password })
      .then(onUnlocked)
      .catch((e: unknown) => {
        setPassword('');
        const wait = secondsToWait(e);
        const code = e instanceof ApiCallError ? e.code : null;
        setError(
          code === 'forbidden'
            ? t('screening.kiosk.adminNotAdmin')
            : code === 'wrong_password'
              ? t('screening.kiosk.adminWrong')
              : code === 'too_many_attempts' && wait
                ? t('screening.kiosk.adminWait', { count: wait })
                : describeError(e),
        );
      })
      .finally(() => setBusy(false));
  }

  return (
    <form className="kiosk-admin" onSubmit={submit} noValidate data-testid="kiosk-admin">
      <p className={respondent ? 'rs-lead' : undefined}>{t('screening.kiosk.adminBody')}</p>
      <label className="kiosk-admin-field">
        <span>{t('screening.kiosk.adminUser')}</span>
        <input
          className={input}
          autoComplete="off"
          autoFocus
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          data-testid="kiosk-admin-user"
        />
      </label>
      <label className="kiosk-admin-field">
        <span>{t('screening.kiosk.adminPassword')}</span>
        <input
          className={input}
          type="password"
          autoComplete="off"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          data-testid="kiosk-admin-password"
        />
      </label>
      {error ? (
        <p className={respondent ? 'rs-error' : 'field-error'} role="alert">
          {error}
        </p>
      ) : null}
      <button
        type="submit"
        className={respondent ? 'rs-btn rs-btn-primary' : buttonClass({ variant: 'primary' })}
        disabled={busy || !username.trim() || !password}
        data-testid="kiosk-admin-submit"
      >
        {t('screening.kiosk.adminConfirm')}
      </button>
    </form>
  );
}
