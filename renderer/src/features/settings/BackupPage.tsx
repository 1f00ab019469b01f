import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupStatus } from '../../../../shared/api/backup';
import { can } from '../../../../shared/api/contract';
import { invoke } from '../../api/client';
import { useServerEvents } from '../../api/events';
import { describeError } from '../../api/errors';
import { Alert } from '../../ui/Alert';
import { Field } from '../../ui/Field';
import { Icon } from '../../ui/Icon';
import { Dialog } from '../../ui/Dialog';
import { Spinner } from '../../ui/Spinner';
import { useApi } from '../../lib/useApi';
import { usePageTitle } from '../../lib/usePageTitle';
import { useSession } from '../../store/session';
import { toast } from '../../store/toast';
import { Button } from '../../ui/Button';

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

function ProgressBar({ progress, label }: { progress: Progress; label: string }) {
  return (
    <div className="field" aria-live="polite" data-testid="backup-progress">
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

function StatusCard({ status, onBackedUp }: { status: BackupStatus; onBackedUp(): void }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const progress = useJobProgress('backup', busy);
  async function backupNow() {
    setBusy(true);
    setError(null);
    try {
      const result = await invoke('backup.create', {});
      toast.success(t('backup.done', { file: result.file }));
      onBackedUp();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <section className="card" data-testid="backup-status">
      <h2 className="card-title">{t('backup.statusTitle')}</h2>
      <p>
        <strong>{t('backup.last')}</strong> <LastBackup status={status} />
      </p>
      {status.lastFile ? <p className="muted">{status.lastFile}</p> : null}
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
      {error ? <Alert title={describeError(error)} /> : null}
      {busy ? <ProgressBar progress={progress} label={t('backup.running')} /> : null}
      <Button
        variant="primary"
        onClick={() => void backupNow()}
        disabled={busy || !status.folder}
        data-testid="backup-now"
      >
        {busy ? <Spinner /> : <Icon name="download" size={16} />}
        {t('backup.now')}
      </Button>
      {!status.folder ? <p className="muted">{t('backup.chooseFolderFirst')}</p> : null}
    </section>
  );
}

function SettingsCard({ status, onSaved }: { status: BackupStatus; onSaved(): void }) {
  const { t } = useTranslation();
  const [folder, setFolder] = useState(status.folder ?? '');
  const [schedule, setSchedule] = useState<Schedule>(status.schedule);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  async function save() {
    setBusy(true);
    setError(null);
    try {
      await invoke('backup.saveSettings', { folder: folder.trim() || null, schedule });
      toast.success(t('backup.saved'));
      onSaved();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <section className="card" data-testid="backup-settings">
      <h2 className="card-title">{t('backup.settingsTitle')}</h2>
      {error ? <Alert title={describeError(error)} /> : null}
      <Field label={t('backup.folder')} hint={t('backup.folderHint')}>
        {(control) => (
          <input
            {...control}
            className="input"
            value={folder}
            onChange={(e) => setFolder(e.target.value)}
            data-testid="backup-folder"
          />
        )}
      </Field>
      <Field label={t('backup.schedule')} hint={t('backup.rotationHint')}>
        {(control) => (
          <select
            {...control}
            className="input"
            value={schedule}
            onChange={(e) => setSchedule(e.target.value as Schedule)}
            data-testid="backup-schedule"
          >
            {(['off', 'daily', 'weekly'] as const).map((s) => (
              <option key={s} value={s}>
                {t(`backup.schedules.${s}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Button variant="secondary" onClick={() => void save()} disabled={busy}>
        {busy ? <Spinner /> : <Icon name="check" size={16} />}
        {t('common.save')}
      </Button>
    </section>
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
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const progress = useJobProgress('restore', busy);
  async function restore() {
    setBusy(true);
    setError(null);
    try {
      const input =
        method === 'password'
          ? { file: file.trim(), username, password: secret }
          : { file: file.trim(), recoveryCode: secret };
      const result = await invoke('backup.restore', input);
      toast.success(t('backup.restored', { folder: result.safetyCopy ?? '—' }));
      // The session ended with the old data: back to the log-in screen for the restored one.
      await refresh();
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }
  return (
    <section className="card" data-testid="backup-restore">
      <h2 className="card-title">{t('backup.restoreTitle')}</h2>
      <p className="muted">{t('backup.restoreBody')}</p>
      <Field label={t('backup.file')}>
        {(control) => (
          <input
            {...control}
            className="input"
            value={file}
            onChange={(e) => setFile(e.target.value)}
            data-testid="restore-file"
          />
        )}
      </Field>
      <div className="field">
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
        <Field label={t('backup.username')}>
          {(control) => (
            <input
              {...control}
              className="input"
              value={username}
              onChange={(e) => setUsername(e.target.value)}
            />
          )}
        </Field>
      ) : null}
      <Field label={method === 'password' ? t('backup.password') : t('backup.recoveryCode')}>
        {(control) => (
          <input
            {...control}
            className="input"
            type={method === 'password' ? 'password' : 'text'}
            value={secret}
            onChange={(e) => setSecret(e.target.value)}
            data-testid="restore-secret"
          />
        )}
      </Field>
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
        <Dialog
          title={t('backup.confirmTitle')}
          onClose={() => setConfirming(false)}
          busy={busy}
          testId="restore-confirm"
          footer={
            <>
              <Button variant="ghost" onClick={() => setConfirming(false)} disabled={busy}>
                {t('common.cancel')}
              </Button>
              <Button
                variant="danger"
                onClick={() => void restore()}
                disabled={busy || !understood}
                data-testid="restore-confirm-button"
              >
                {busy ? <Spinner /> : null}
                {t('backup.confirmRestore')}
              </Button>
            </>
          }
        >
          {error ? <Alert title={describeError(error)} /> : null}
          <p>{t('backup.confirmBody', { file: file.trim() })}</p>
          <label>
            <input type="checkbox" checked={understood} onChange={(e) => setUnderstood(e.target.checked)} />{' '}
            {t('backup.confirmCheck')}
          </label>
          {busy ? <ProgressBar progress={progress} label={t('backup.restoring')} /> : null}
        </Dialog>
      ) : null}
    </section>
  );
}

export function BackupPage() {
  const { t } = useTranslation();
  usePageTitle(t('backup.title'));
  const status = useApi(() => invoke('backup.status', {}), []);
  return (
    <div className="page" data-testid="backup-page">
      <div className="page-header">
        <div>
          <h1 className="page-title">{t('backup.title')}</h1>
          <p className="page-subtitle">{t('backup.subtitle')}</p>
        </div>
      </div>
      {status.error ? <Alert title={describeError(status.error)} /> : null}
      {status.data ? (
        <>
          <StatusCard status={status.data} onBackedUp={status.reload} />
          <SettingsCard
            key={`${status.data.folder}-${status.data.schedule}`}
            status={status.data}
            onSaved={status.reload}
          />
          <RestoreCard />
        </>
      ) : (
        <Spinner />
      )}
    </div>
  );
}

/** The header's warning for an administrator: no backup, or none for over a week. */
export function BackupStaleChip() {
  const { t } = useTranslation();
  const role = useSession((s) => s.status?.user?.role);
  const [status, setStatus] = useState<BackupStatus | null>(null);
  useEffect(() => {
    if (!can(role, 'backup.settings')) return;
    invoke('backup.status', {})
      .then(setStatus)
      .catch(() => setStatus(null));
  }, [role]);
  useServerEvents(['job.progress'], (event) => {
    if (
      event.type === 'job.progress' &&
      event.kind === 'backup' &&
      event.state === 'done' &&
      can(role, 'backup.settings')
    )
      void invoke('backup.status', {}).then(setStatus);
  });
  if (!status?.stale) return null;
  return (
    <a
      href="#/app/backup"
      className="chip chip-warning"
      data-testid="backup-stale-chip"
      title={t('backup.staleBody')}
    >
      <Icon name="alert" size={14} /> {t('backup.last')} <LastBackup status={status} />
    </a>
  );
}
