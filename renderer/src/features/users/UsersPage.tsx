import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KeyRenewal, User } from '../../../../shared/api/auth';
import { invoke } from '../../api/client';
import { describeError } from '../../api/errors';
import { Alert } from '../../ui/Alert';
import { Icon } from '../../ui/Icon';
import { Dialog } from '../../ui/Dialog';
import { Spinner } from '../../ui/Spinner';
import { useApi } from '../../lib/useApi';
import { usePageTitle } from '../../lib/usePageTitle';
import { useSession } from '../../store/session';
import { toast } from '../../store/toast';
import { AutoLockCard, ResetPasswordDialog } from './AccountSecurity';
import { CreateUserDialog } from './CreateUserDialog';
import { ChangeRoleDialog, KeyRenewalNotice } from './KeyRenewal';
import './users.css';
import { Button } from '../../ui/Button';

type Account = User & { active: boolean };

function DeactivateDialog({
  user,
  onClose,
  onDone,
}: {
  user: Account;
  onClose(): void;
  onDone(keys: KeyRenewal | null): void;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      const result = await invoke('users.deactivate', { id: user.id });
      toast.success(t('users.deactivated', { name: user.displayName }));
      onDone(result.keys);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }
  return (
    <Dialog
      title={t('users.deactivateTitle', { name: user.displayName })}
      onClose={onClose}
      busy={busy}
      testId="deactivate-dialog"
      footer={
        <>
          <Button variant="ghost" onClick={onClose} disabled={busy}>
            {t('common.cancel')}
          </Button>
          <Button variant="danger" onClick={() => void confirm()} disabled={busy}>
            {busy ? <Spinner /> : <Icon name="lock" size={16} />}
            {busy ? t('users.deactivating') : t('users.deactivateConfirm')}
          </Button>
        </>
      }
    >
      {error ? <Alert title={describeError(error)} /> : null}
      <p>{t('users.deactivateBody')}</p>
    </Dialog>
  );
}

export function UsersPage() {
  const { t } = useTranslation();
  usePageTitle(t('users.title'));
  const me = useSession((s) => s.status?.user?.id);
  const users = useApi(() => invoke('users.list', {}), []);
  const [creating, setCreating] = useState(false);
  const [ending, setEnding] = useState<Account | null>(null);
  const [resetting, setResetting] = useState<Account | null>(null);
  const [changing, setChanging] = useState<Account | null>(null);
  const [renewal, setRenewal] = useState<KeyRenewal | null>(null);
  const settled = (keys: KeyRenewal | null) => {
    // A plain renewal needs no words; a new recovery code, a reset list or a deferral does.
    if (keys && (keys.recoveryCode || keys.usersNeedingReset.length || !keys.rotated)) setRenewal(keys);
    users.reload();
  };

  return (
    <div className="page" data-testid="users-page">
      <div className="page-header">
        <div>
          <h1 className="page-title">{t('users.title')}</h1>
          <p className="page-subtitle">{t('users.subtitle')}</p>
        </div>
        <div className="page-actions">
          <Button variant="primary" icon="plus" onClick={() => setCreating(true)}>
            {t('users.add')}
          </Button>
        </div>
      </div>
      {users.error ? (
        <Alert title={t('users.loadFailed')}>
          {describeError(users.error)}{' '}
          <Button variant="link" onClick={users.reload}>
            {t('common.retry')}
          </Button>
        </Alert>
      ) : null}
      {users.loading && !users.data ? (
        <div className="card card-loading">
          <Spinner size={20} />
          {t('common.loading')}
        </div>
      ) : null}
      {users.data ? (
        <section className="card">
          <div className="table-wrap">
            <table className="table" data-testid="users-table">
              <thead>
                <tr>
                  <th scope="col">{t('users.columns.displayName')}</th>
                  <th scope="col">{t('users.columns.username')}</th>
                  <th scope="col">{t('users.columns.role')}</th>
                  <th scope="col">{t('users.columns.classes')}</th>
                  <th scope="col">{t('users.columns.status')}</th>
                  <th scope="col">
                    <span className="sr-only">{t('users.columns.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {users.data.map((u) => (
                  <tr key={u.id} data-testid="user-row" className={u.active ? undefined : 'user-inactive'}>
                    <td>
                      {u.displayName}
                      {u.id === me ? <span className="user-you">{t('users.you')}</span> : null}
                    </td>
                    <td>{u.username}</td>
                    <td>{t(`roles.${u.role}`)}</td>
                    <td className="cell-wrap">
                      {u.classes.map((c) => `${c.grade} ${c.className}`).join(t('common.listSeparator')) ||
                        '—'}
                    </td>
                    <td>
                      <span className={`chip ${u.active ? 'chip-ok' : 'chip-off'}`} data-testid="user-status">
                        {u.active ? t('users.active') : t('users.inactive')}
                      </span>
                    </td>
                    <td className="user-actions">
                      {u.active && u.id !== me ? (
                        <Button variant="ghost" size="sm" onClick={() => setResetting(u)}>
                          {t('users.resetPassword')}
                        </Button>
                      ) : null}
                      {u.active && u.id !== me ? (
                        <Button variant="ghost" size="sm" onClick={() => setChanging(u)}>
                          {t('users.changeRole')}
                        </Button>
                      ) : null}
                      {u.active && u.id !== me ? (
                        <Button variant="ghost" size="sm" onClick={() => setEnding(u)}>
                          {t('users.deactivate')}
                        </Button>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
      <AutoLockCard />
      {resetting ? <ResetPasswordDialog user={resetting} onClose={() => setResetting(null)} /> : null}
      {creating ? (
        <CreateUserDialog
          onClose={() => setCreating(false)}
          onCreated={(user) => {
            setCreating(false);
            toast.success(t('users.created', { name: user.displayName }));
            users.reload();
          }}
        />
      ) : null}
      {ending ? (
        <DeactivateDialog
          user={ending}
          onClose={() => setEnding(null)}
          onDone={(keys) => {
            setEnding(null);
            settled(keys);
          }}
        />
      ) : null}
      {changing ? (
        <ChangeRoleDialog
          user={changing}
          onClose={() => setChanging(null)}
          onDone={(keys) => {
            setChanging(null);
            settled(keys);
          }}
        />
      ) : null}
      {renewal ? <KeyRenewalNotice keys={renewal} onClose={() => setRenewal(null)} /> : null}
    </div>
  );
}
