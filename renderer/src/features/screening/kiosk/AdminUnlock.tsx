import { useState, type FormEvent } from 'react';
import { Button } from '../../../ui/Button';
import { useTranslation } from 'react-i18next';
import { ApiCallError, invoke } from '../../../api/client';
import { describeError, secondsToWait } from '../../../api/errors';
import { ErrorText, inputClass, Lead, RsButton } from '../../respondent/kit';
import styles from './Kiosk.module.css';

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
  const input = respondent ? inputClass : 'input';

  const ready = !busy && Boolean(username.trim()) && Boolean(password);

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
    <form className={styles.admin} onSubmit={submit} noValidate data-testid="kiosk-admin">
      {respondent ? <Lead>{t('screening.kiosk.adminBody')}</Lead> : <p>{t('screening.kiosk.adminBody')}</p>}
      <label className={styles.adminField}>
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
      <label className={styles.adminField}>
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
      {respondent ? (
        <ErrorText>{error}</ErrorText>
      ) : error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      {respondent ? (
        <RsButton variant="primary" type="submit" disabled={!ready} data-testid="kiosk-admin-submit">
          {t('screening.kiosk.adminConfirm')}
        </RsButton>
      ) : (
        <Button variant="primary" type="submit" disabled={!ready} data-testid="kiosk-admin-submit">
          {t('screening.kiosk.adminConfirm')}
        </Button>
      )}
    </form>
  );
}
