import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { newUserSchema, type ClassRef, type Role, type User } from '../../../../shared/api/auth';
import { isApiCallError } from '../../api/client';
import { describeError } from '../../api/errors';
import { useApiMutation } from '../../api/query';
import { Alert } from '../../ui/Alert';
import { TextField } from '../../ui/Field';
import { Dialog, DialogActions } from '../../ui/Dialog';
import { NewPasswordFields } from '../../ui/NewPasswordFields';
import { checkConfirm, hasErrors, schemaErrors } from '../../lib/validation';
import { classesMissing, RoleFields } from './RoleFields';

export function CreateUserDialog({ onClose, onCreated }: { onClose(): void; onCreated(user: User): void }) {
  const { t } = useTranslation();
  const create = useApiMutation('users.create', ['users.list']);
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role | ''>('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [classes, setClasses] = useState<ClassRef[]>([]);
  const [submitted, setSubmitted] = useState(false);
  // A taken username is the one failure the form words beside its field, not above the form.
  const taken = isApiCallError(create.error, 'conflict') && create.variables?.username === username.trim();

  const checked = schemaErrors(
    newUserSchema,
    { username, displayName, role, password, classes },
    { displayName: 'name' },
  );
  const errors = {
    displayName: checked.displayName,
    username: taken ? t('users.form.usernameTaken') : checked.username,
    role: role ? undefined : t('users.form.rolePlaceholder'),
    password: checked.password,
    confirm: checkConfirm(password, confirm),
    classes: classesMissing(role, classes) ? t('users.form.classesRequired') : undefined,
  };
  const shown = (key: keyof typeof errors) =>
    submitted || (key === 'username' && taken) ? errors[key] : undefined;

  function submit() {
    setSubmitted(true);
    if (hasErrors(errors) || !role) return;
    create.mutate(
      {
        username: username.trim(),
        displayName: displayName.trim(),
        role,
        password,
        classes: role === 'class_teacher' ? classes : [],
      },
      { onSuccess: onCreated },
    );
  }

  return (
    <Dialog
      title={t('users.form.title')}
      onClose={onClose}
      busy={create.isPending}
      testId="create-user-dialog"
      onSubmit={submit}
      footer={
        <DialogActions
          onCancel={onClose}
          busy={create.isPending}
          confirmLabel={create.isPending ? t('users.form.submitting') : t('users.form.submit')}
        />
      }
    >
      {create.error && !taken ? <Alert title={describeError(create.error)} /> : null}
      <div className="form-grid">
        <TextField
          label={t('users.form.displayName')}
          value={displayName}
          onValue={setDisplayName}
          placeholder={t('users.form.displayNamePlaceholder')}
          error={shown('displayName')}
          required
          maxLength={64}
        />
        <TextField
          label={t('fields.username')}
          value={username}
          onValue={setUsername}
          error={shown('username')}
          hint={t('setup.usernameHint')}
          required
          autoComplete="off"
          spellCheck={false}
          autoCapitalize="off"
        />
      </div>
      <RoleFields
        role={role}
        onRole={setRole}
        classes={classes}
        onClasses={setClasses}
        roleError={shown('role')}
        classesError={shown('classes')}
        placeholder={t('users.form.rolePlaceholder')}
      />
      <NewPasswordFields
        sideBySide
        password={password}
        confirm={confirm}
        onPassword={setPassword}
        onConfirm={setConfirm}
        errors={{ password: shown('password'), confirm: shown('confirm') }}
        labels={{ password: t('fields.password'), confirm: t('fields.confirmPassword') }}
      />
    </Dialog>
  );
}
