import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { Card } from '../../ui/Card';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { SelectField, TextField } from '../../ui/Field';
import { Switch } from '../../ui/Switch';
import { Table } from '../../ui/Table';
import { HUB_BUNDLES_PATH, type HubInstallationItem } from '../../../../shared/hub/contract';
import styles from './HubApp.module.css';
import { downloadText, hubCall } from './api';
import { ErrorAlert } from './kit';
import { fill, useHubWords } from './words';

/** The administrator's list: invite an installation (its invitation file downloads), revoke one. */
export function Installations() {
  const { w } = useHubWords();
  const [rows, setRows] = useState<HubInstallationItem[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [programme, setProgramme] = useState<'school' | 'perinatal'>('school');
  const [township, setTownship] = useState('');
  const [shareNames, setShareNames] = useState(false);
  // Where installations push their bundles: this page's own address when it is served over HTTPS.
  const [uploadUrl, setUploadUrl] = useState(() =>
    location.protocol === 'https:' ? `${location.origin}${HUB_BUNDLES_PATH}` : '',
  );
  const [busy, setBusy] = useState(false);
  const [revoking, setRevoking] = useState<HubInstallationItem | null>(null);

  const load = useCallback(() => {
    hubCall('hub.installations', {})
      .then(setRows)
      .catch((e: unknown) => setError(e));
  }, []);
  useEffect(load, [load]);

  async function invite(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const made = await hubCall('hub.invite', {
        name: name.trim(),
        programme,
        ...(township.trim() ? { township: township.trim() } : {}),
        ...(uploadUrl.trim() ? { uploadUrl: uploadUrl.trim() } : {}),
        shareNames,
      });
      downloadText(made.fileName, made.text);
      setNotice(fill(w.installations.made, { name: name.trim() }));
      setName('');
      setTownship('');
      setShareNames(false);
      load();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  async function revoke(row: HubInstallationItem) {
    setBusy(true);
    try {
      await hubCall('hub.revoke', { installationId: row.id });
      setNotice(fill(w.installations.revoked, { name: row.name }));
      setRevoking(null);
      load();
    } catch (e) {
      setError(e);
      setRevoking(null);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <ErrorAlert error={error} />
      {notice ? <Alert kind="info" title={notice} testId="hub-notice" /> : null}
      <Card title={w.installations.invite} testId="hub-invite">
        <form className={`card-pad ${styles.form}`} onSubmit={(e) => void invite(e)}>
          <div className={styles.grid2}>
            <TextField label={w.installations.name} value={name} onValue={setName} required maxLength={100} />
            <SelectField
              label={w.installations.programme}
              value={programme}
              onValue={(v) => setProgramme(v === 'perinatal' ? 'perinatal' : 'school')}
              options={[
                { value: 'school', label: w.dashboard.programme.school },
                { value: 'perinatal', label: w.dashboard.programme.perinatal },
              ]}
            />
            <TextField
              label={w.installations.township}
              value={township}
              onValue={setTownship}
              maxLength={60}
            />
            <TextField
              label={w.installations.uploadUrl}
              hint={w.installations.uploadUrlHint}
              value={uploadUrl}
              onValue={setUploadUrl}
              type="url"
              maxLength={300}
            />
          </div>
          <Switch checked={shareNames} onChange={setShareNames} label={w.installations.shareNames} />
          <p className={styles.who}>{w.installations.shareNamesHint}</p>
          <div className={styles.actions}>
            <Button
              type="submit"
              variant="primary"
              busy={busy}
              disabled={!name.trim()}
              data-testid="invite-submit"
            >
              {w.installations.submit}
            </Button>
          </div>
        </form>
      </Card>
      <Card title={w.installations.heading}>
        <Table
          columns={[
            { key: 'name', header: w.installations.cols.name, kind: 'strong', cell: (r) => r.name },
            {
              key: 'programme',
              header: w.installations.cols.programme,
              cell: (r) => w.dashboard.programme[r.programme],
            },
            {
              key: 'township',
              header: w.installations.cols.township,
              cell: (r) => r.township ?? w.common.none,
            },
            { key: 'status', header: w.installations.cols.status, cell: (r) => w.dashboard.status[r.status] },
            {
              key: 'names',
              header: w.installations.cols.names,
              cell: (r) => (r.namesShared ? w.installations.shareNames : w.common.none),
            },
            {
              key: 'received',
              header: w.installations.cols.received,
              cell: (r) => r.lastReceivedAt?.slice(0, 10) ?? w.dashboard.never,
            },
            {
              key: 'actions',
              header: w.installations.cols.actions,
              cell: (r) =>
                r.status === 'revoked' ? null : (
                  <Button size="sm" variant="danger" onClick={() => setRevoking(r)} data-testid="revoke">
                    {w.installations.revoke}
                  </Button>
                ),
            },
          ]}
          rows={rows}
          rowKey={(r) => r.id}
          label={w.installations.heading}
          testId="hub-installation-admin"
          rowTestId="hub-installation-item"
          rowData={(r) => ({ installation: r.name, status: r.status })}
          empty={<p className={`card-pad ${styles.who}`}>{w.installations.empty}</p>}
        />
      </Card>
      {revoking ? (
        <ConfirmDialog
          title={w.installations.revoke}
          confirmLabel={w.installations.revoke}
          danger
          busy={busy}
          onClose={() => setRevoking(null)}
          onConfirm={() => void revoke(revoking)}
        >
          <p>{fill(w.installations.revokeConfirm, { name: revoking.name })}</p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}
