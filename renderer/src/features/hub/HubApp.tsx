import { useEffect, useState } from 'react';
import { Button } from '../../ui/Button';
import { LanguageSwitch } from '../../ui/LanguageSwitch';
import { hubCan, type HubMe, type HubMethod, type HubStatus } from '../../../../shared/hub/contract';
import styles from './HubApp.module.css';
import { HubApiError, hubCall } from './api';
import { Cases } from './Cases';
import { Dashboard } from './Dashboard';
import { Installations } from './Installations';
import { ErrorAlert } from './kit';
import { Login } from './Login';
import { Upload } from './Upload';
import { scopeText, Users } from './Users';
import { useHubWords } from './words';

type Page =
  | { kind: 'dashboard' }
  | { kind: 'cases'; installationId: string }
  | { kind: 'upload' }
  | { kind: 'installations' }
  | { kind: 'users' };

/** The navigation: each entry shown only to a role the contract lets call its method. */
const NAV: { kind: Exclude<Page['kind'], 'cases'>; method: HubMethod }[] = [
  { kind: 'dashboard', method: 'hub.dashboard' },
  { kind: 'upload', method: 'hub.ingest' },
  { kind: 'installations', method: 'hub.invite' },
  { kind: 'users', method: 'hub.users.add' },
];

export function HubApp() {
  const { w } = useHubWords();
  const [status, setStatus] = useState<HubStatus | null>(null);
  const [me, setMe] = useState<HubMe | null>(null);
  const [page, setPage] = useState<Page>({ kind: 'dashboard' });
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    hubCall('hub.status', {})
      .then((s) => {
        setStatus(s);
        // An open session (the cookie survives a reload) goes straight in.
        setMe(s.me);
      })
      .catch((e: unknown) => setError(e));
  }, []);

  useEffect(() => {
    document.title = status?.hubName ?? w.title;
  }, [status, w]);

  if (error) return <ErrorAlert error={error} />;
  if (!status) return <p className={styles.who}>{w.common.loading}</p>;
  if (!me)
    return (
      <Login
        status={status}
        onLogin={(user) => {
          setMe(user);
          setPage({ kind: 'dashboard' });
        }}
      />
    );

  async function logout() {
    await hubCall('hub.logout', {}).catch((e: unknown) => {
      if (!(e instanceof HubApiError)) throw e;
    });
    setMe(null);
  }

  return (
    <div className={styles.shell}>
      <header className={styles.top}>
        <span className={styles.brand}>{status.hubName ?? w.title}</span>
        <nav className={styles.nav} aria-label={w.nav.label}>
          {NAV.filter((n) => hubCan(me.role, n.method)).map((n) => (
            <Button
              key={n.kind}
              variant="ghost"
              size="sm"
              className={styles.navItem}
              aria-current={page.kind === n.kind ? 'page' : undefined}
              onClick={() => setPage({ kind: n.kind })}
              data-testid={`nav-${n.kind}`}
            >
              {w.nav[n.kind]}
            </Button>
          ))}
        </nav>
        <span className={styles.who} data-testid="hub-me">
          {`${me.displayName} · ${w.roles[me.role]} · ${scopeText(w, me.scope)}`}
        </span>
        <LanguageSwitch />
        <Button size="sm" variant="secondary" onClick={() => void logout()} data-testid="logout">
          {w.nav.logout}
        </Button>
      </header>
      <main className={styles.main}>
        {page.kind === 'dashboard' ? (
          <Dashboard me={me} onOpen={(row) => setPage({ kind: 'cases', installationId: row.id })} />
        ) : page.kind === 'cases' ? (
          <Cases installationId={page.installationId} onBack={() => setPage({ kind: 'dashboard' })} />
        ) : page.kind === 'upload' ? (
          <Upload />
        ) : page.kind === 'installations' ? (
          <Installations />
        ) : (
          <Users />
        )}
      </main>
    </div>
  );
}
