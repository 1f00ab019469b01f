import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { contract } from '../../../../shared/api/contract';
import { invoke } from '../../api/client';
import { describeError } from '../../api/errors';
import { Alert } from '../../ui/Alert';
import { TextField } from '../../ui/Field';
import { Icon } from '../../ui/Icon';
import { NewPasswordFields } from '../../ui/NewPasswordFields';
import { RecoveryCodePanel } from '../../ui/RecoveryCodePanel';
import { checkConfirm, schemaErrors, type Errors } from '../../lib/validation';
import { ScreenTitle } from '../../ui/ScreenTitle';
import { useSession } from '../../store/session';
import { AuthAltLink, AuthForm, AuthLayout } from './AuthLayout';
import { useFormState } from '../../lib/useFormState';

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

interface Recovered {
  code: string;
  orgName: string;
  rebuilt: boolean;
  usersNeedingReset: string[];
}

/** After the reset: the new code, and what the rebuild means for other accounts. */
function RecoveredPanel({ done }: { done: Recovered }) {
  const { t } = useTranslation();
  const refresh = useSession((s) => s.refresh);
  const needReset = done.usersNeedingReset.length > 0;
  const notes =
    done.rebuilt || needReset ? (
      <Alert kind="info" testId="recover-notes">
        {done.rebuilt ? t('recoverDone.rebuilt') : null}{' '}
        {needReset
          ? t('recoverDone.needReset', { users: done.usersNeedingReset.join(t('errors.listSeparator')) })
          : null}
      </Alert>
    ) : null;
  return (
    <AuthLayout wide>
      <RecoveryCodePanel code={done.code} orgName={done.orgName} afterReset notes={notes} onEnter={refresh} />
    </AuthLayout>
  );
}

export function RecoverScreen() {
  const { t } = useTranslation();
  const { formRef, values, set, errors, error, busy, ready, send } = useFormState<Values>(
    { recoveryCode: '', username: '', newPassword: '', confirmNewPassword: '' },
    validate,
  );
  const [done, setDone] = useState<Recovered | null>(null);

  async function submit() {
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

  if (done) return <RecoveredPanel done={done} />;

  return (
    <AuthLayout>
      <ScreenTitle icon="shield" title={t('recover.title')} subtitle={t('recover.subtitle')} />
      <AuthForm
        formRef={formRef}
        onSubmit={submit}
        testId="recover-form"
        busy={busy}
        submit={busy ? t('recover.submitting') : t('recover.submit')}
        error={
          error ? (
            <Alert testId="recover-error">
              {describeError(error, { wrong_password: t('errors.wrongRecovery') })}
            </Alert>
          ) : null
        }
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
        <NewPasswordFields
          password={values.newPassword}
          confirm={values.confirmNewPassword}
          onPassword={set('newPassword')}
          onConfirm={set('confirmNewPassword')}
          errors={{ password: errors.newPassword, confirm: errors.confirmNewPassword }}
          labels={{ password: t('fields.newPassword'), confirm: t('fields.confirmNewPassword') }}
        />
      </AuthForm>

      <AuthAltLink to="/login">
        <Icon name="chevronLeft" size={14} />
        {t('recover.back')}
      </AuthAltLink>
    </AuthLayout>
  );
}
