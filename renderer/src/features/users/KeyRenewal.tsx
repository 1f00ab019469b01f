import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  isClinicalRole as clinical,
  type ClassRef,
  type KeyRenewal,
  type Role,
  type User,
} from '../../../../shared/api/auth';
import { ALL_ROLES } from '../../../../shared/api/contract';
import { invoke } from '../../api/client';
import { describeError } from '../../api/errors';
import { Alert } from '../../ui/Alert';
import { SelectField } from '../../ui/Field';
import { Icon } from '../../ui/Icon';
import { Dialog } from '../../ui/Dialog';
import { RecoveryCodePanel } from '../../ui/RecoveryCodePanel';
import { Spinner } from '../../ui/Spinner';
import { useSession } from '../../store/session';
import { toast } from '../../store/toast';
import { ClassPicker } from './CreateUserDialog';
import { Button } from '../../ui/Button';

type Account = User & { active: boolean };

/**
 * What renewing the keys came to, said once: a new recovery code to write down (a keyring from an
 * older version could not give the old code the new keys), accounts that need new passwords, or
 * that the renewal waits for the next administrator log-in because the data was busy.
 */
export function KeyRenewalNotice({ keys, onClose }: { keys: KeyRenewal; onClose(): void }) {
  const { t } = useTranslation();
  const orgName = useSession((s) => s.status?.org?.name ?? '');
  const needing = keys.usersNeedingReset.length ? (
    <Alert
      kind="warning"
      title={t('users.keys.needReset', { names: keys.usersNeedingReset.join(t('common.listSeparator')) })}
    />
  ) : null;
  if (keys.recoveryCode)
    return (
      <Dialog title={t('users.keys.newRecoveryTitle')} onClose={onClose} testId="key-renewal-dialog">
        <p>{t('users.keys.newRecoveryBody')}</p>
        <RecoveryCodePanel code={keys.recoveryCode} orgName={orgName} notes={needing} onEnter={onClose} />
      </Dialog>
    );
  return (
    <Dialog
      title={t(keys.rotated ? 'users.keys.renewedTitle' : 'users.keys.deferredTitle')}
      onClose={onClose}
      testId="key-renewal-dialog"
      footer={
        <Button variant="primary" onClick={onClose}>
          {t('common.close')}
        </Button>
      }
    >
      <p>{t(keys.rotated ? 'users.keys.renewedBody' : 'users.keys.deferredBody')}</p>
      {needing}
    </Dialog>
  );
}

/** A new role for an account; leaving 管理员/心理专职人员 renews the keys (the dialog says so first). */
export function ChangeRoleDialog({
  user,
  onClose,
  onDone,
}: {
  user: Account;
  onClose(): void;
  onDone(keys: KeyRenewal | null): void;
}) {
  const { t } = useTranslation();
  const [role, setRole] = useState<Role>(user.role);
  const [classes, setClasses] = useState<ClassRef[]>(user.classes);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const downgrade = clinical(user.role) && !clinical(role);
  const missingClasses = role === 'class_teacher' && classes.length === 0;

  async function confirm() {
    if (missingClasses) return;
    setBusy(true);
    setError(null);
    try {
      const result = await invoke('users.setRole', {
        id: user.id,
        role,
        classes: role === 'class_teacher' ? classes : [],
      });
      toast.success(t('users.roleChanged', { name: user.displayName, role: t(`roles.${role}`) }));
      onDone(result.keys);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }
  return (
    <Dialog
      title={t('users.changeRoleTitle', { name: user.displayName })}
      onClose={onClose}
      busy={busy}
      testId="change-role-dialog"
      footer={
        <>
          <Button variant="ghost" onClick={onClose} disabled={busy}>
            {t('common.cancel')}
          </Button>
          <Button
            variant="primary"
            onClick={() => void confirm()}
            disabled={busy || (role === user.role && role !== 'class_teacher') || missingClasses}
          >
            {busy ? <Spinner /> : <Icon name="check" size={16} />}
            {t('users.changeRoleConfirm')}
          </Button>
        </>
      }
    >
      {error ? <Alert title={describeError(error)} /> : null}
      <SelectField
        label={t('users.form.role')}
        value={role}
        onValue={(v) => setRole(v as Role)}
        options={ALL_ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
        hint={t(`users.roleHints.${role}`)}
        required
      />
      {role === 'class_teacher' ? (
        <ClassPicker
          selected={classes}
          onChange={setClasses}
          error={missingClasses ? t('users.form.classesRequired') : undefined}
        />
      ) : null}
      {downgrade ? <Alert kind="warning" title={t('users.keys.downgradeWarning')} /> : null}
    </Dialog>
  );
}
