import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { setupInputSchema, type OrgType } from '../../../../shared/api/auth';
import { ApiCallError } from '../../api/client';
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
import { programmeOf, setProgramme } from '../../i18n/programme';
import { AuthForm, AuthLayout } from './AuthLayout';
import { OrgTypeCards } from './OrgTypeCards';
import { useFormState } from '../../lib/useFormState';

type FieldKey = 'orgType' | 'orgName' | 'displayName' | 'username' | 'password' | 'confirmPassword';

interface Values {
  orgType: OrgType | '';
  orgName: string;
  displayName: string;
  username: string;
  password: string;
  confirmPassword: string;
}

function validate(v: Values): Errors<FieldKey> {
  return {
    ...schemaErrors(setupInputSchema, v),
    confirmPassword: checkConfirm(v.password, v.confirmPassword),
  };
}

export function SetupScreen() {
  const { t } = useTranslation();
  const refresh = useSession((s) => s.refresh);
  const { formRef, values, set, errors, error, busy, ready, send } = useFormState<Values>(
    { orgType: '', orgName: '', displayName: '', username: 'admin', password: '', confirmPassword: '' },
    validate,
  );
  const [recoveryCode, setRecoveryCode] = useState<string | null>(null);
  // The kind of organisation chosen decides the vocabulary at once (a clinic's admin is no 李老师).
  useEffect(() => setProgramme(programmeOf(values.orgType || null)), [values.orgType]);

  async function submit() {
    if (!ready(!values.orgType)) return;
    await send(
      async () => {
        const result = await invoke('auth.setup', {
          orgType: values.orgType as OrgType,
          orgName: values.orgName.trim(),
          displayName: values.displayName.trim(),
          username: values.username.trim(),
          password: values.password,
        });
        setRecoveryCode(result.recoveryCode);
      },
      (err) => {
        // Another window may have finished setup meanwhile; the status decides where to go.
        if (err instanceof ApiCallError && err.code === 'already_set_up') void refresh();
        return false;
      },
    );
  }

  if (recoveryCode) {
    return (
      <AuthLayout wide>
        <RecoveryCodePanel code={recoveryCode} orgName={values.orgName.trim()} onEnter={refresh} />
      </AuthLayout>
    );
  }

  return (
    <AuthLayout wide>
      <ScreenTitle title={t('setup.title')} subtitle={t('setup.subtitle')} />
      <AuthForm
        formRef={formRef}
        onSubmit={submit}
        testId="setup-form"
        busy={busy}
        submit={busy ? t('setup.submitting') : t('setup.submit')}
        error={error ? <Alert testId="form-error">{describeError(error)}</Alert> : null}
      >
        <fieldset className="form-section">
          <legend className="form-section-title">{t('setup.orgSection')}</legend>
          <OrgTypeCards value={values.orgType} onChange={set('orgType')} error={errors.orgType} />
          <TextField
            label={t('fields.orgName')}
            required
            value={values.orgName}
            onValue={set('orgName')}
            error={errors.orgName}
            placeholder={values.orgType ? t(`setup.orgNamePlaceholder.${values.orgType}`) : undefined}
            maxLength={100}
            autoComplete="organization"
          />
        </fieldset>

        <fieldset className="form-section">
          <legend className="form-section-title">{t('setup.adminSection')}</legend>
          <div className="form-grid">
            <TextField
              label={t('fields.displayName')}
              required
              value={values.displayName}
              onValue={set('displayName')}
              error={errors.displayName}
              placeholder={t('setup.displayNamePlaceholder')}
              maxLength={64}
              autoComplete="name"
            />
            <TextField
              label={t('fields.username')}
              required
              value={values.username}
              onValue={set('username')}
              error={errors.username}
              hint={t('setup.usernameHint')}
              maxLength={32}
              autoComplete="username"
              autoCapitalize="off"
              spellCheck={false}
            />
          </div>
          <NewPasswordFields
            sideBySide
            password={values.password}
            confirm={values.confirmPassword}
            onPassword={set('password')}
            onConfirm={set('confirmPassword')}
            errors={{ password: errors.password, confirm: errors.confirmPassword }}
            labels={{ password: t('fields.password'), confirm: t('fields.confirmPassword') }}
          />
          <p className="form-note">
            <Icon name="lock" size={14} />
            {t('setup.passwordNote')}
          </p>
        </fieldset>
      </AuthForm>
    </AuthLayout>
  );
}
