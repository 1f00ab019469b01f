import { useState, type FormEvent } from 'react';
import { Button } from '../../ui/Button';
import { PasswordField, TextField } from '../../ui/Field';
import { LanguageSwitch } from '../../ui/LanguageSwitch';
import { Alert } from '../../ui/Alert';
import type { HubMe, HubStatus } from '../../../../shared/hub/contract';
import styles from './HubApp.module.css';
import { hubCall } from './api';
import { ErrorAlert } from './kit';
import { useHubWords } from './words';

export function Login({ status, onLogin }: { status: HubStatus; onLogin(me: HubMe): void }) {
  const { w } = useHubWords();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onLogin(await hubCall('hub.login', { username, password }));
    } catch (e) {
      setError(e);
      setPassword('');
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className={`card ${styles.login}`} data-testid="hub-login">
      <div className={styles.loginTop}>
        <strong>{status.hubName ?? w.title}</strong>
        <LanguageSwitch />
      </div>
      <h1 className="card-title">{w.login.heading}</h1>
      {status.initialised ? (
        <form className={styles.form} onSubmit={(e) => void submit(e)}>
          <ErrorAlert error={error} />
          <TextField
            label={w.login.username}
            value={username}
            onValue={setUsername}
            autoComplete="username"
            required
          />
          <PasswordField
            label={w.login.password}
            value={password}
            onValue={setPassword}
            autoComplete="current-password"
            required
          />
          <Button type="submit" variant="primary" busy={busy} block>
            {w.login.submit}
          </Button>
        </form>
      ) : (
        <Alert kind="warning" title={w.login.notInitialised} />
      )}
    </main>
  );
}
