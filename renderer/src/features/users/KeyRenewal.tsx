import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  isClinicalRole as clinical,
  type ClassRef,
  type KeyRenewal,
  type Role,
} from '../../../../shared/api/auth';
import { useApiMutation } from '../../api/query';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { Dialog } from '../../ui/Dialog';
import { RecoveryCodePanel } from '../../ui/RecoveryCodePanel';
import { useSession } from '../../store/session';
import { toast } from '../../store/toast';
import type { Account } from './AccountSecurity';
import { classesMissing, RoleFields } from './RoleFields';

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
      title={t('users.keys.needReset', { names: keys.usersNeedingReset.join(t('errors.listSeparator')) })}
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
  const setRoleCall = useApiMutation('users.setRole', ['users.list']);
  const [role, setRole] = useState<Role>(user.role);
  const [classes, setClasses] = useState<ClassRef[]>(user.classes);
  const downgrade = clinical(user.role) && !clinical(role);
  const missingClasses = classesMissing(role, classes);

  function confirm() {
    if (missingClasses) return;
    setRoleCall.mutate(
      { id: user.id, role, classes: role === 'class_teacher' ? classes : [] },
      {
        onSuccess: (result) => {
          toast.success(t('users.roleChanged', { name: user.displayName, role: t(`roles.${role}`) }));
          onDone(result.keys);
        },
      },
    );
  }
  return (
    <ConfirmDialog
      title={t('users.changeRoleTitle', { name: user.displayName })}
      onClose={onClose}
      onConfirm={confirm}
      busy={setRoleCall.isPending}
      error={setRoleCall.error}
      disabled={(role === user.role && role !== 'class_teacher') || missingClasses}
      confirmLabel={t('users.changeRoleConfirm')}
      testId="change-role-dialog"
    >
      <RoleFields
        role={role}
        onRole={setRole}
        classes={classes}
        onClasses={setClasses}
        classesError={missingClasses ? t('users.form.classesRequired') : undefined}
      />
      {downgrade ? <Alert kind="warning" title={t('users.keys.downgradeWarning')} /> : null}
    </ConfirmDialog>
  );
}
