import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { setupInputSchema, type OrgType } from '../../../../shared/api/auth';
import { ApiCallError } from '../../api/client';
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

const orgTypes: OrgType[] = ['school', 'maternal'];

export function SetupScreen() {
  const { t } = useTranslation();
  const refresh = useSession((s) => s.refresh);
  const {
    formRef,
    values,
    set,
    errors,
    error: submitError,
    busy,
    ready,
    send,
  } = useFormState<Values>(
    { orgType: '', orgName: '', displayName: '', username: 'admin', password: '', confirmPassword: '' },
    validate,
  );
  const [recoveryCode, setRecoveryCode] = useState<string | null>(null);

  async function handleSubmit(event: FormEvent) {
    event.preventDefault();
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
      (error) => {
        // Another window may have finished setup meanwhile; the status decides where to go.
        if (error instanceof ApiCallError && error.code === 'already_set_up') void refresh();
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

  const orgNamePlaceholder = values.orgType ? t(`setup.orgNamePlaceholder.${values.orgType}`) : undefined;

  return (
    <AuthLayout wide>
      <h1 className="auth-title">{t('setup.title')}</h1>
      <p className="auth-subtitle">{t('setup.subtitle')}</p>

      <form
        ref={formRef}
        className="form"
        noValidate
        onSubmit={(e) => void handleSubmit(e)}
        data-testid="setup-form"
      >
        <fieldset className="form-section">
          <legend className="form-section-title">{t('setup.orgSection')}</legend>

          <div
            className={`org-cards${errors.orgType ? ' field-invalid' : ''}`}
            role="radiogroup"
            aria-label={t('fields.orgType')}
            aria-required="true"
          >
            {orgTypes.map((type) => (
              <label key={type} className={`org-card${values.orgType === type ? ' org-card-selected' : ''}`}>
                <input
                  type="radio"
                  name="orgType"
                  value={type}
                  checked={values.orgType === type}
                  onChange={() => set('orgType')(type)}
                  aria-invalid={Boolean(errors.orgType)}
                  className="org-card-input"
                />
                <span className="org-card-icon">
                  <Icon name={type} size={26} />
                </span>
                <span className="org-card-text">
                  <span className="org-card-title">{t(`orgType.${type}`)}</span>
                  <span className="org-card-hint">{t(`orgTypeHint.${type}`)}</span>
                </span>
                <span className="org-card-check" aria-hidden="true">
                  <Icon name="check" size={14} />
                </span>
              </label>
            ))}
          </div>
          {errors.orgType ? (
            <p className="field-error">
              <Icon name="alert" size={14} />
              {errors.orgType}
            </p>
          ) : null}

          <TextField
            label={t('fields.orgName')}
            required
            value={values.orgName}
            onValue={set('orgName')}
            error={errors.orgName}
            placeholder={orgNamePlaceholder}
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
            <PasswordField
              label={t('fields.password')}
              required
              value={values.password}
              onValue={set('password')}
              error={errors.password}
              autoComplete="new-password"
            />
            <PasswordField
              label={t('fields.confirmPassword')}
              required
              value={values.confirmPassword}
              onValue={set('confirmPassword')}
              error={errors.confirmPassword}
              autoComplete="new-password"
            />
          </div>
          <PasswordRules password={values.password} confirm={values.confirmPassword} />
          <p className="form-note">
            <Icon name="lock" size={14} />
            {t('setup.passwordNote')}
          </p>
        </fieldset>

        {submitError ? <Alert testId="form-error">{describeError(submitError)}</Alert> : null}

        <Button variant="primary" size="lg" block type="submit" disabled={busy}>
          {busy ? <Spinner /> : null}
          {busy ? t('setup.submitting') : t('setup.submit')}
        </Button>
      </form>
    </AuthLayout>
  );
}
