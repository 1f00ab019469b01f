import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { contract } from '../../../../shared/api/contract';
import { ApiCallError, invoke } from '../../api/client';
import { describeError } from '../../api/errors';
import { Alert } from '../../ui/Alert';
import { PasswordField, TextField } from '../../ui/Field';
import { Icon } from '../../ui/Icon';
import { focusFirstInvalid, hasErrors, schemaErrors } from '../../lib/validation';
import { ScreenTitle } from '../../ui/ScreenTitle';
import { useCountdown } from '../../lib/useCountdown';
import { useSession } from '../../store/session';
import { AuthAltLink, AuthForm, AuthLayout } from './AuthLayout';
import styles from './LoginScreen.module.css';

export function LoginScreen() {
  const { t } = useTranslation();
  const org = useSession((s) => s.status?.org ?? null);
  const locked = useSession((s) => s.status?.locked ?? false);
  const lockedAfter = useSession((s) => s.lockedAfterMinutes);
  const refresh = useSession((s) => s.refresh);
  const formRef = useRef<HTMLFormElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [lockedUntil, setLockedUntil] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const secondsLeft = useCountdown(lockedUntil);

  const checked = schemaErrors(contract['auth.login'].input, { username, password });
  const usernameError = submitted ? checked.username : undefined;
  const passwordError = submitted ? checked.password : undefined;

  async function submit() {
    setSubmitted(true);
    if (hasErrors(checked)) {
      focusFirstInvalid(formRef.current);
      return;
    }
    if (secondsLeft > 0) return;
    setBusy(true);
    setError(null);
    try {
      await invoke('auth.login', { username: username.trim(), password });
      await refresh();
    } catch (err) {
      setError(err);
      const wait = err instanceof ApiCallError ? err.retryAfterMs : undefined;
      setLockedUntil(wait ? Date.now() + wait : null);
      if (err instanceof ApiCallError && err.code === 'wrong_password') {
        setPassword('');
        setSubmitted(false);
        requestAnimationFrame(() => passwordRef.current?.focus());
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <AuthLayout>
      {org ? (
        <div className={styles.org} data-testid="login-org">
          <span className={styles.orgIcon}>
            <Icon name={org.type} size={20} />
          </span>
          <span>
            <span className={styles.orgName}>{org.name}</span>
            <span className={styles.orgType}>{t(`orgType.${org.type}`)}</span>
          </span>
        </div>
      ) : null}
      <ScreenTitle title={t('login.title')} subtitle={t('login.subtitle')} />
      {locked ? (
        <Alert kind="info" testId="login-locked">
          {lockedAfter ? t('lock.locked', { minutes: lockedAfter }) : t('lock.lockedShort')}
        </Alert>
      ) : null}

      <AuthForm
        formRef={formRef}
        onSubmit={submit}
        testId="login-form"
        busy={busy}
        disabled={secondsLeft > 0}
        submit={
          secondsLeft > 0
            ? t('login.waiting', { seconds: secondsLeft })
            : busy
              ? t('login.submitting')
              : t('login.submit')
        }
        error={
          error ? (
            <Alert testId="login-error">
              {describeError(error, {}, lockedUntil ? secondsLeft : undefined)}
            </Alert>
          ) : null
        }
      >
        <TextField
          label={t('fields.username')}
          value={username}
          onValue={setUsername}
          error={usernameError}
          autoComplete="username"
          autoCapitalize="off"
          spellCheck={false}
          autoFocus
          maxLength={64}
        />
        <PasswordField
          ref={passwordRef}
          label={t('fields.password')}
          value={password}
          onValue={setPassword}
          error={passwordError}
          autoComplete="current-password"
          maxLength={256}
        />
      </AuthForm>

      <AuthAltLink to="/recover">{t('login.forgot')}</AuthAltLink>
    </AuthLayout>
  );
}
