import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { Card } from '../../ui/Card';
import { PasswordField, SelectField, TextField } from '../../ui/Field';
import { Table } from '../../ui/Table';
import {
  HUB_ROLE_LIST,
  type HubInstallationItem,
  type HubMe,
  type HubRole,
  type HubUserItem,
} from '../../../../shared/hub/contract';
import styles from './HubApp.module.css';
import { hubCall } from './api';
import type { HubWords } from './i18n.zh';
import { ErrorAlert } from './kit';
import { fill, useHubWords } from './words';

export function scopeText(w: HubWords, scope: HubMe['scope']): string {
  if (scope.kind === 'township') return fill(w.scope.township, { township: scope.township });
  if (scope.kind === 'installations')
    return fill(w.scope.installations, { count: scope.installations.length });
  return w.scope.district;
}

type ScopeKind = HubMe['scope']['kind'];

/** The administrator's accounts page: the list, a new account with its role and scope, the audit check. */
export function Users() {
  const { w } = useHubWords();
  const [users, setUsers] = useState<HubUserItem[]>([]);
  const [installations, setInstallations] = useState<HubInstallationItem[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [form, setForm] = useState({
    username: '',
    displayName: '',
    role: 'district_staff' as HubRole,
    scope: 'district' as ScopeKind,
    township: '',
    picked: [] as string[],
    password: '',
  });
  const [audit, setAudit] = useState<{ ok: boolean; rows: number; brokenAt?: number } | null>(null);

  const load = useCallback(() => {
    hubCall('hub.users.list', {})
      .then(setUsers)
      .catch((e: unknown) => setError(e));
    hubCall('hub.installations', {})
      .then(setInstallations)
      .catch((e: unknown) => setError(e));
  }, []);
  useEffect(load, [load]);

  async function add(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const scope =
        form.scope === 'township'
          ? { kind: 'township' as const, township: form.township.trim() }
          : form.scope === 'installations'
            ? { kind: 'installations' as const, installations: form.picked }
            : { kind: 'district' as const };
      const made = await hubCall('hub.users.add', {
        username: form.username.trim(),
        displayName: form.displayName.trim(),
        role: form.role,
        scope,
        password: form.password,
      });
      setNotice(fill(w.users.added, { username: made.username }));
      setForm((f) => ({ ...f, username: '', displayName: '', password: '', township: '', picked: [] }));
      load();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  const set =
    <K extends keyof typeof form>(key: K) =>
    (value: (typeof form)[K]) =>
      setForm((f) => ({ ...f, [key]: value }));

  return (
    <>
      <ErrorAlert error={error} />
      {notice ? <Alert kind="info" title={notice} testId="hub-notice" /> : null}
      <Card title={w.users.add} testId="hub-user-add">
        <form className={`card-pad ${styles.form}`} onSubmit={(e) => void add(e)}>
          <div className={styles.grid2}>
            <TextField label={w.users.username} value={form.username} onValue={set('username')} required />
            <TextField
              label={w.users.displayName}
              value={form.displayName}
              onValue={set('displayName')}
              required
            />
            <SelectField
              label={w.users.role}
              value={form.role}
              onValue={(v) => set('role')(v as HubRole)}
              options={HUB_ROLE_LIST.map((r) => ({ value: r, label: w.roles[r] }))}
            />
            <SelectField
              label={w.users.scope}
              value={form.scope}
              onValue={(v) => set('scope')(v as ScopeKind)}
              options={[
                { value: 'district', label: w.scope.district },
                { value: 'township', label: w.users.scopeTownship },
                { value: 'installations', label: w.users.scopeInstallations },
              ]}
            />
            {form.scope === 'township' ? (
              <TextField
                label={w.users.scopeTownship}
                value={form.township}
                onValue={set('township')}
                required
              />
            ) : null}
            <PasswordField
              label={w.users.password}
              value={form.password}
              onValue={set('password')}
              required
              autoComplete="new-password"
            />
          </div>
          {form.scope === 'installations' ? (
            <fieldset className={styles.checks}>
              <legend className="field-label">{w.users.scopeInstallations}</legend>
              {installations.map((i) => (
                <label key={i.id}>
                  <input
                    type="checkbox"
                    checked={form.picked.includes(i.id)}
                    onChange={(e) =>
                      set('picked')(
                        e.target.checked ? [...form.picked, i.id] : form.picked.filter((p) => p !== i.id),
                      )
                    }
                  />{' '}
                  {i.name}
                </label>
              ))}
            </fieldset>
          ) : null}
          <div className={styles.actions}>
            <Button type="submit" variant="primary" busy={busy} data-testid="user-submit">
              {w.users.submit}
            </Button>
          </div>
        </form>
      </Card>
      <Card
        title={w.users.heading}
        extra={
          <Button
            size="sm"
            onClick={() =>
              void hubCall('hub.audit.verify', {})
                .then(setAudit)
                .catch((e: unknown) => setError(e))
            }
            data-testid="audit-verify"
          >
            {w.audit.verify}
          </Button>
        }
      >
        {audit ? (
          <Alert
            kind={audit.ok ? 'info' : 'error'}
            title={audit.ok ? w.audit.ok : fill(w.audit.broken, { seq: audit.brokenAt ?? 0 })}
            testId="audit-result"
          />
        ) : null}
        <Table
          columns={[
            { key: 'username', header: w.users.cols.username, kind: 'strong', cell: (u) => u.username },
            { key: 'displayName', header: w.users.cols.displayName, cell: (u) => u.displayName },
            { key: 'role', header: w.users.cols.role, cell: (u) => w.roles[u.role] },
            { key: 'scope', header: w.users.cols.scope, cell: (u) => scopeText(w, u.scope) },
            {
              key: 'active',
              header: w.users.cols.active,
              cell: (u) => (u.active ? w.users.active : w.users.inactive),
            },
          ]}
          rows={users}
          rowKey={(u) => u.id}
          label={w.users.heading}
          testId="hub-users"
          rowTestId="hub-user"
        />
      </Card>
    </>
  );
}
