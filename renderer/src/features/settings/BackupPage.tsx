import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupStatus } from '../../../../shared/api/backup';
import { can } from '../../../../shared/api/contract';
import { useApiMutation, useApiQuery } from '../../api/query';
import { useServerEvents } from '../../api/events';
import { describeError } from '../../api/errors';
import { Alert } from '../../ui/Alert';
import { SelectField, TextField } from '../../ui/Field';
import { Icon } from '../../ui/Icon';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { LoadState } from '../../ui/LoadState';
import { PageHeader } from '../../ui/PageHeader';
import { usePageTitle } from '../../lib/usePageTitle';
import { useSession } from '../../store/session';
import { toast } from '../../store/toast';
import { Button } from '../../ui/Button';
import styles from './BackupPage.module.css';

type Schedule = BackupStatus['schedule'];
type Progress = { done: number; total: number } | null;

/** Follows the job.progress events of one kind (a backup or a restore) while it runs. */
function useJobProgress(kind: 'backup' | 'restore', active: boolean): Progress {
  const [progress, setProgress] = useState<Progress>(null);
  useEffect(() => {
    if (!active) setProgress(null);
  }, [active]);
  useServerEvents(['job.progress'], (event) => {
    if (event.type === 'job.progress' && event.kind === kind && active)
      setProgress({ done: event.done, total: event.total });
  });
  return progress;
}

/** One of the page's cards: a title over a column of lines, fields and buttons. */
function Section({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <section className={`card card-pad ${styles.section}`} data-testid={testId}>
      <h2 className="card-title">{title}</h2>
      {children}
    </section>
  );
}

function ProgressBar({ progress, label }: { progress: Progress; label: string }) {
  return (
    <div className={`field ${styles.progress}`} aria-live="polite" data-testid="backup-progress">
      <span>{label}</span>
      <progress max={Math.max(progress?.total ?? 1, 1)} value={progress?.done ?? 0} aria-label={label} />
    </div>
  );
}

/** 上次备份 in words: when, or never. */
function LastBackup({ status }: { status: BackupStatus }) {
  const { t } = useTranslation();
  // The time of this render's mount: the age is read when the status is shown.
  const [now] = useState(() => Date.now());
  if (!status.lastAt) return <>{t('backup.never')}</>;
  const days = Math.floor((now - Date.parse(status.lastAt)) / 86_400_000);
  return <>{t('backup.lastAgo', { date: new Date(status.lastAt).toLocaleString(), days })}</>;
}

function StatusCard({ status }: { status: BackupStatus }) {
  const { t } = useTranslation();
  const create = useApiMutation('backup.create', ['backup.status']);
  const progress = useJobProgress('backup', create.isPending);
  function backupNow() {
    create.mutate({}, { onSuccess: (result) => toast.success(t('backup.done', { file: result.file })) });
  }
  return (
    <Section title={t('backup.statusTitle')} testId="backup-status">
      <p>
        <strong>{t('backup.last')}</strong> <LastBackup status={status} />
      </p>
      {status.lastFile ? <p className={styles.muted}>{status.lastFile}</p> : null}
      {status.stale ? (
        <Alert kind="warning" testId="backup-stale" title={t('backup.staleTitle')}>
          {t('backup.staleBody')}
        </Alert>
      ) : null}
      {status.lastError ? (
        <Alert title={t('backup.lastErrorTitle', { date: new Date(status.lastError.at).toLocaleString() })}>
          {status.lastError.message}
        </Alert>
      ) : null}
      {create.error ? <Alert title={describeError(create.error)} /> : null}
      {create.isPending ? <ProgressBar progress={progress} label={t('backup.running')} /> : null}
      <Button
        variant="primary"
        icon="download"
        onClick={backupNow}
        busy={create.isPending}
        disabled={!status.folder}
        data-testid="backup-now"
      >
        {t('backup.now')}
      </Button>
      {!status.folder ? <p className={styles.muted}>{t('backup.chooseFolderFirst')}</p> : null}
    </Section>
  );
}

function SettingsCard({ status }: { status: BackupStatus }) {
  const { t } = useTranslation();
  const [folder, setFolder] = useState(status.folder ?? '');
  const [schedule, setSchedule] = useState<Schedule>(status.schedule);
  const save = useApiMutation('backup.saveSettings', ['backup.status']);
  function submit() {
    save.mutate(
      { folder: folder.trim() || null, schedule },
      { onSuccess: () => toast.success(t('backup.saved')) },
    );
  }
  return (
    <Section title={t('backup.settingsTitle')} testId="backup-settings">
      {save.error ? <Alert title={describeError(save.error)} /> : null}
      <TextField
        label={t('backup.folder')}
        hint={t('backup.folderHint')}
        value={folder}
        onValue={setFolder}
        data-testid="backup-folder"
      />
      <SelectField
        label={t('backup.schedule')}
        hint={t('backup.rotationHint')}
        value={schedule}
        onValue={(v) => setSchedule(v as Schedule)}
        options={(['off', 'daily', 'weekly'] as const).map((v) => ({
          value: v,
          label: t(`backup.schedules.${v}`),
        }))}
        data-testid="backup-schedule"
      />
      <Button variant="secondary" icon="check" onClick={submit} busy={save.isPending}>
        {t('common.save')}
      </Button>
    </Section>
  );
}

function RestoreCard() {
  const { t } = useTranslation();
  const me = useSession((s) => s.status?.user?.username ?? 'admin');
  const refresh = useSession((s) => s.refresh);
  const [file, setFile] = useState('');
  const [method, setMethod] = useState<'password' | 'code'>('password');
  const [username, setUsername] = useState(me);
  const [secret, setSecret] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [understood, setUnderstood] = useState(false);
  const restoreCall = useApiMutation('backup.restore');
  const busy = restoreCall.isPending;
  const progress = useJobProgress('restore', busy);
  function restore() {
    const input =
      method === 'password'
        ? { file: file.trim(), username, password: secret }
        : { file: file.trim(), recoveryCode: secret };
    restoreCall.mutate(input, {
      onSuccess: async (result) => {
        toast.success(t('backup.restored', { folder: result.safetyCopy ?? '—' }));
        // The session ended with the old data: back to the log-in screen for the restored one.
        await refresh();
      },
    });
  }
  return (
    <Section title={t('backup.restoreTitle')} testId="backup-restore">
      <p className={styles.muted}>{t('backup.restoreBody')}</p>
      <TextField label={t('backup.file')} value={file} onValue={setFile} data-testid="restore-file" />
      <div className={styles.methods}>
        <label>
          <input type="radio" checked={method === 'password'} onChange={() => setMethod('password')} />{' '}
          {t('backup.withPassword')}
        </label>{' '}
        <label>
          <input type="radio" checked={method === 'code'} onChange={() => setMethod('code')} />{' '}
          {t('backup.withCode')}
        </label>
      </div>
      {method === 'password' ? (
        <TextField label={t('backup.username')} value={username} onValue={setUsername} />
      ) : null}
      <TextField
        label={method === 'password' ? t('backup.password') : t('backup.recoveryCode')}
        type={method === 'password' ? 'password' : 'text'}
        value={secret}
        onValue={setSecret}
        data-testid="restore-secret"
      />
      <Button
        variant="danger"
        icon="upload"
        disabled={!file.trim() || !secret}
        onClick={() => {
          setUnderstood(false);
          setConfirming(true);
        }}
        data-testid="restore-start"
      >
        {t('backup.restore')}
      </Button>
      {confirming ? (
        <ConfirmDialog
          title={t('backup.confirmTitle')}
          onClose={() => setConfirming(false)}
          onConfirm={restore}
          danger
          busy={busy}
          error={restoreCall.error}
          disabled={!understood}
          confirmLabel={t('backup.confirmRestore')}
          testId="restore-confirm"
          confirmTestId="restore-confirm-button"
        >
          <p>{t('backup.confirmBody', { file: file.trim() })}</p>
          <label>
            <input type="checkbox" checked={understood} onChange={(e) => setUnderstood(e.target.checked)} />{' '}
            {t('backup.confirmCheck')}
          </label>
          {busy ? <ProgressBar progress={progress} label={t('backup.restoring')} /> : null}
        </ConfirmDialog>
      ) : null}
    </Section>
  );
}

export function BackupPage() {
  const { t } = useTranslation();
  usePageTitle(t('backup.title'));
  const status = useApiQuery('backup.status', {});
  return (
    <div className="page" data-testid="backup-page">
      <PageHeader title={t('backup.title')} subtitle={t('backup.subtitle')} />
      <LoadState query={status} failed={t('backup.loadFailed')}>
        {(data) => (
          <>
            <StatusCard status={data} />
            <SettingsCard key={`${data.folder}-${data.schedule}`} status={data} />
            <RestoreCard />
          </>
        )}
      </LoadState>
    </div>
  );
}

/** The header's warning for an administrator: no backup, or none for over a week. */
export function BackupStaleChip() {
  const { t } = useTranslation();
  const role = useSession((s) => s.status?.user?.role);
  // A finished backup invalidates backup.status (EVENT_INVALIDATES), so the chip goes by itself.
  const { data: status } = useApiQuery('backup.status', {}, { enabled: can(role, 'backup.settings') });
  if (!status?.stale) return null;
  return (
    <a
      href="#/app/backup"
      className={`chip ${styles.staleChip}`}
      data-testid="backup-stale-chip"
      title={t('backup.staleBody')}
    >
      <Icon name="alert" size={14} /> {t('backup.last')} <LastBackup status={status} />
    </a>
  );
}
