import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { contract } from '../../../../shared/api/contract';
import { invoke } from '../../api/client';
import { describeError } from '../../api/errors';
import { Alert } from '../../ui/Alert';
import { PasswordField, TextField } from '../../ui/Field';
import { Icon } from '../../ui/Icon';
import { PasswordRules } from '../../ui/PasswordRules';
import { RecoveryCodePanel } from '../../ui/RecoveryCodePanel';
import { Spinner } from '../../ui/Spinner';
import { checkConfirm, schemaErrors, type Errors } from '../../lib/validation';
import { useSession } from '../../store/session';
import { AuthLayout } from './AuthLayout';
import { useFormState } from '../../lib/useFormState';
import { Button } from '../../ui/Button';

interface Values {
  recoveryCode: string;
  username: string;
  newPassword: string;
  confirmNewPassword: string;
}

function validate(v: Values): Errors<keyof Values> {
  return {
    ...schemaErrors(contract['auth.recover'].input, v),
    confirmNewPassword: checkConfirm(v.newPassword, v.confirmNewPassword, 'confirmNewPassword'),
  };
}

export function RecoverScreen() {
  const { t } = useTranslation();
  const refresh = useSession((s) => s.refresh);
  const { formRef, values, set, errors, error, busy, ready, send } = useFormState<Values>(
    { recoveryCode: '', username: '', newPassword: '', confirmNewPassword: '' },
    validate,
  );
  const [done, setDone] = useState<{
    code: string;
    orgName: string;
    rebuilt: boolean;
    usersNeedingReset: string[];
  } | null>(null);

  async function handleSubmit(event: FormEvent) {
    event.preventDefault();
    if (!ready()) return;
    await send(async () => {
      const result = await invoke('auth.recover', {
        recoveryCode: values.recoveryCode.trim(),
        username: values.username.trim(),
        newPassword: values.newPassword,
      });
      // Not the session store: refreshing it now would leave this screen before the code is seen.
      const status = await invoke('app.status', {});
      setDone({
        code: result.recoveryCode,
        orgName: status.org?.name ?? '',
        rebuilt: result.keyringRebuilt,
        usersNeedingReset: result.usersNeedingReset,
      });
    });
  }

  if (done) {
    const notes =
      done.rebuilt || done.usersNeedingReset.length > 0 ? (
        <Alert kind="info" testId="recover-notes">
          {done.rebuilt ? t('recoverDone.rebuilt') : null}{' '}
          {done.usersNeedingReset.length > 0
            ? t('recoverDone.needReset', { users: done.usersNeedingReset.join(t('errors.listSeparator')) })
            : null}
        </Alert>
      ) : null;
    return (
      <AuthLayout wide>
        <RecoveryCodePanel
          code={done.code}
          orgName={done.orgName}
          afterReset
          notes={notes}
          onEnter={refresh}
        />
      </AuthLayout>
    );
  }

  return (
    <AuthLayout>
      <div className="recovery-badge">
        <Icon name="shield" size={22} />
      </div>
      <h1 className="auth-title">{t('recover.title')}</h1>
      <p className="auth-subtitle">{t('recover.subtitle')}</p>

      <form
        ref={formRef}
        className="form"
        noValidate
        onSubmit={(e) => void handleSubmit(e)}
        data-testid="recover-form"
      >
        <TextField
          label={t('fields.recoveryCode')}
          required
          value={values.recoveryCode}
          onValue={(v) => set('recoveryCode')(v.toUpperCase())}
          error={errors.recoveryCode}
          placeholder={t('recover.codePlaceholder')}
          inputClassName="input-mono"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={64}
          autoFocus
        />
        <TextField
          label={t('fields.username')}
          required
          value={values.username}
          onValue={set('username')}
          error={errors.username}
          autoComplete="username"
          autoCapitalize="off"
          spellCheck={false}
          maxLength={32}
        />
        <PasswordField
          label={t('fields.newPassword')}
          required
          value={values.newPassword}
          onValue={set('newPassword')}
          error={errors.newPassword}
          autoComplete="new-password"
        />
        <PasswordField
          label={t('fields.confirmNewPassword')}
          required
          value={values.confirmNewPassword}
          onValue={set('confirmNewPassword')}
          error={errors.confirmNewPassword}
          autoComplete="new-password"
        />
        <PasswordRules password={values.newPassword} confirm={values.confirmNewPassword} />

        {error ? (
          <Alert testId="recover-error">
            {describeError(error, { wrong_password: t('errors.wrongRecovery') })}
          </Alert>
        ) : null}

        <Button variant="primary" size="lg" block type="submit" disabled={busy}>
          {busy ? <Spinner /> : null}
          {busy ? t('recover.submitting') : t('recover.submit')}
        </Button>
      </form>

      <p className="auth-alt">
        <Link to="/login" className="link">
          <Icon name="chevronLeft" size={14} />
          {t('recover.back')}
        </Link>
      </p>
    </AuthLayout>
  );
}
