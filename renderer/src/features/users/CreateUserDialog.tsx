import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { newUserSchema, type ClassRef, type Role, type User } from '../../../../shared/api/auth';
import { ALL_ROLES } from '../../../../shared/api/contract';
import { invoke, isApiCallError } from '../../api/client';
import { describeError } from '../../api/errors';
import { Alert } from '../../ui/Alert';
import { PasswordField, SelectField, TextField } from '../../ui/Field';
import { Icon } from '../../ui/Icon';
import { Dialog } from '../../ui/Dialog';
import { PasswordRules } from '../../ui/PasswordRules';
import { Spinner } from '../../ui/Spinner';
import { useApi } from '../../lib/useApi';
import { checkConfirm, hasErrors, schemaErrors } from '../../lib/validation';
import { Button } from '../../ui/Button';

const classKey = (c: ClassRef) => `${c.grade}\u0000${c.className}`;

/** The grades and classes on the roster as toggles; a class teacher must have at least one. */
export function ClassPicker({
  selected,
  onChange,
  error,
}: {
  selected: ClassRef[];
  onChange(classes: ClassRef[]): void;
  error?: string;
}) {
  const { t } = useTranslation();
  const groups = useApi(() => invoke('people.groups', {}), []);
  const chosen = new Set(selected.map(classKey));
  const toggle = (c: ClassRef) =>
    onChange(
      chosen.has(classKey(c)) ? selected.filter((s) => classKey(s) !== classKey(c)) : [...selected, c],
    );
  return (
    <fieldset className={`field${error ? ' field-invalid' : ''}`} data-testid="class-picker">
      <legend className="field-label">{t('users.form.classes')}</legend>
      {groups.loading && !groups.data ? <Spinner /> : null}
      {groups.data && groups.data.grades.length === 0 ? (
        <p className="field-hint">{t('users.form.noClasses')}</p>
      ) : null}
      {groups.data?.grades.map((g) => (
        <div key={g.grade} className="user-class-row">
          <span className="user-class-grade">{g.grade}</span>
          <span className="user-class-list">
            {g.classes.map((c) => {
              const ref = { grade: g.grade, className: c.className };
              return (
                <button
                  key={c.className}
                  type="button"
                  className="chip user-class-chip"
                  aria-pressed={chosen.has(classKey(ref))}
                  onClick={() => toggle(ref)}
                >
                  {c.className}
                </button>
              );
            })}
          </span>
        </div>
      ))}
      {error ? (
        <p className="field-error">
          <Icon name="alert" size={14} />
          {error}
        </p>
      ) : (
        <p className="field-hint">{t('users.form.classesHint')}</p>
      )}
    </fieldset>
  );
}

export function CreateUserDialog({ onClose, onCreated }: { onClose(): void; onCreated(user: User): void }) {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role | ''>('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [classes, setClasses] = useState<ClassRef[]>([]);
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [taken, setTaken] = useState(false);

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
    classes: role === 'class_teacher' && classes.length === 0 ? t('users.form.classesRequired') : undefined,
  };
  const shown = (key: keyof typeof errors) =>
    submitted || (key === 'username' && taken) ? errors[key] : undefined;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSubmitted(true);
    if (hasErrors(errors) || !role) return;
    setBusy(true);
    setError(null);
    try {
      const user = await invoke('users.create', {
        username: username.trim(),
        displayName: displayName.trim(),
        role,
        password,
        classes: role === 'class_teacher' ? classes : [],
      });
      onCreated(user);
    } catch (err) {
      if (isApiCallError(err, 'conflict')) setTaken(true);
      else setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog
      title={t('users.form.title')}
      onClose={onClose}
      busy={busy}
      testId="create-user-dialog"
      footer={
        <>
          <Button variant="ghost" onClick={onClose} disabled={busy}>
            {t('common.cancel')}
          </Button>
          <Button variant="primary" type="submit" form="create-user-form" disabled={busy}>
            {busy ? <Spinner /> : <Icon name="plus" size={16} />}
            {busy ? t('users.form.submitting') : t('users.form.submit')}
          </Button>
        </>
      }
    >
      <form id="create-user-form" noValidate onSubmit={(e) => void submit(e)} className="form">
        {error ? <Alert title={describeError(error)} /> : null}
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
            onValue={(v) => {
              setUsername(v);
              setTaken(false);
            }}
            error={shown('username')}
            hint={t('setup.usernameHint')}
            required
            autoComplete="off"
            spellCheck={false}
            autoCapitalize="off"
          />
        </div>
        <SelectField
          label={t('users.form.role')}
          value={role}
          onValue={(v) => setRole(v as Role)}
          options={ALL_ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          placeholder={t('users.form.rolePlaceholder')}
          error={shown('role')}
          hint={role ? t(`users.roleHints.${role}`) : undefined}
          required
        />
        {role === 'class_teacher' ? (
          <ClassPicker selected={classes} onChange={setClasses} error={shown('classes')} />
        ) : null}
        <div className="form-grid">
          <PasswordField
            label={t('fields.password')}
            value={password}
            onValue={setPassword}
            error={shown('password')}
            required
            autoComplete="new-password"
          />
          <PasswordField
            label={t('fields.confirmPassword')}
            value={confirm}
            onValue={setConfirm}
            error={shown('confirm')}
            required
            autoComplete="new-password"
          />
        </div>
        <PasswordRules password={password} confirm={confirm} />
      </form>
    </Dialog>
  );
}
