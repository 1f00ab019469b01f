import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KeyRenewal } from '../../../../shared/api/auth';
import { useApiQuery } from '../../api/query';
import { Button } from '../../ui/Button';
import { LoadState } from '../../ui/LoadState';
import { PageHeader } from '../../ui/PageHeader';
import { Table, type Column } from '../../ui/Table';
import { Tag } from '../../ui/Tag';
import { usePageTitle } from '../../lib/usePageTitle';
import { useProgramme, useSession } from '../../store/session';
import { toast } from '../../store/toast';
import { AutoLockCard, DeactivateDialog, ResetPasswordDialog, type Account } from './AccountSecurity';
import { CreateUserDialog } from './CreateUserDialog';
import { ChangeRoleDialog, KeyRenewalNotice } from './KeyRenewal';
import styles from './users.module.css';

/** Which dialog is open, for which account: one at a time. */
type Open =
  | { kind: 'create' }
  | { kind: 'reset' | 'role' | 'deactivate'; user: Account }
  | { kind: 'keys'; keys: KeyRenewal }
  | null;

const ACTIONS = [
  { kind: 'reset', label: 'users.resetPassword' },
  { kind: 'role', label: 'users.changeRole' },
  { kind: 'deactivate', label: 'users.deactivate' },
] as const;

export function UsersPage() {
  const { t } = useTranslation();
  usePageTitle(t('users.title'));
  const me = useSession((s) => s.status?.user?.id);
  const programme = useProgramme();
  const users = useApiQuery('users.list', {});
  const [open, setOpen] = useState<Open>(null);
  const close = () => setOpen(null);
  // A plain renewal needs no words; a new recovery code, a reset list or a deferral does.
  const settled = (keys: KeyRenewal | null) =>
    setOpen(
      keys && (keys.recoveryCode || keys.usersNeedingReset.length || !keys.rotated)
        ? { kind: 'keys', keys }
        : null,
    );

  const columns: Column<Account>[] = [
    {
      key: 'displayName',
      header: t('users.columns.displayName'),
      cell: (u) => (
        <>
          {u.displayName}
          {u.id === me ? <span className={styles.you}>{t('users.you')}</span> : null}
        </>
      ),
    },
    { key: 'username', header: t('users.columns.username'), cell: (u) => u.username },
    { key: 'role', header: t('users.columns.role'), cell: (u) => t(`roles.${u.role}`) },
    // Classes are a school's: a maternal service's accounts have none.
    ...(programme === 'school'
      ? [
          {
            key: 'classes',
            header: t('users.columns.classes'),
            kind: 'wrap',
            cell: (u) =>
              u.classes.map((c) => `${c.grade} ${c.className}`).join(t('errors.listSeparator')) || '—',
          } satisfies Column<Account>,
        ]
      : []),
    {
      key: 'status',
      header: t('users.columns.status'),
      cell: (u) => (
        <Tag tone={u.active ? 'success' : 'muted'} testId="user-status">
          {u.active ? t('users.active') : t('users.inactive')}
        </Tag>
      ),
    },
    {
      key: 'actions',
      header: t('users.columns.actions'),
      cell: (u) =>
        u.active && u.id !== me ? (
          <div className={styles.actions}>
            {ACTIONS.map((a) => (
              <Button
                key={a.kind}
                variant="ghost"
                size="sm"
                onClick={() => setOpen({ kind: a.kind, user: u })}
              >
                {t(a.label)}
              </Button>
            ))}
          </div>
        ) : null,
    },
  ];

  return (
    <div className="page" data-testid="users-page">
      <PageHeader
        title={t('users.title')}
        subtitle={t('users.subtitle')}
        actions={
          <Button variant="primary" icon="plus" onClick={() => setOpen({ kind: 'create' })}>
            {t('users.add')}
          </Button>
        }
      />
      <LoadState query={users} failed={t('users.loadFailed')}>
        {(list) => (
          <section className="card">
            <Table
              columns={columns}
              rows={list}
              rowKey={(u) => u.id}
              label={t('users.title')}
              testId="users-table"
              rowTestId="user-row"
              rowClassName={(u) => (u.active ? undefined : styles.inactive)}
            />
          </section>
        )}
      </LoadState>
      <AutoLockCard />
      {open?.kind === 'reset' ? <ResetPasswordDialog user={open.user} onClose={close} /> : null}
      {open?.kind === 'create' ? (
        <CreateUserDialog
          onClose={close}
          onCreated={(user) => {
            close();
            toast.success(t('users.created', { name: user.displayName }));
          }}
        />
      ) : null}
      {open?.kind === 'deactivate' ? (
        <DeactivateDialog user={open.user} onClose={close} onDone={settled} />
      ) : null}
      {open?.kind === 'role' ? <ChangeRoleDialog user={open.user} onClose={close} onDone={settled} /> : null}
      {open?.kind === 'keys' ? <KeyRenewalNotice keys={open.keys} onClose={close} /> : null}
    </div>
  );
}
