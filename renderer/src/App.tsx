import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RouterProvider } from 'react-router/dom';
import { ApiCallError, hasLaunchToken } from './api/client';
import { describeError } from './api/errors';
import { Alert } from './ui/Alert';
import { Logo } from './ui/Icon';
import { LanguageSwitch } from './ui/LanguageSwitch';
import { Spinner } from './ui/Spinner';
import { createRouter } from './router';
import { useSession } from './store/session';
import { Button } from './ui/Button';
import { ScreenTitle } from './ui/ScreenTitle';
import styles from './App.module.css';

function BootError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const refresh = useSession((s) => s.refresh);
  const text = !hasLaunchToken()
    ? t('boot.noToken')
    : error instanceof ApiCallError && error.code === 'unauthenticated'
      ? t('boot.badToken')
      : describeError(error);
  return (
    <div className={styles.splash}>
      <div className={styles.top}>
        <LanguageSwitch />
      </div>
      <div className={styles.card} data-testid="boot-error">
        <Logo size={48} />
        <ScreenTitle title={t('boot.title')} />
        <Alert>{text}</Alert>
        <Button variant="primary" onClick={() => void refresh()}>
          {t('common.retry')}
        </Button>
      </div>
    </div>
  );
}

export function App() {
  const { t } = useTranslation();
  const status = useSession((s) => s.status);
  const bootError = useSession((s) => s.bootError);
  const refresh = useSession((s) => s.refresh);
  const [router] = useState(createRouter);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  if (bootError) return <BootError error={bootError} />;
  if (!status) {
    return (
      <div className={styles.splash} aria-busy="true">
        <div className={`${styles.card} ${styles.quiet}`}>
          <Logo size={48} />
          <p className={styles.text}>
            <Spinner /> {t('app.loading')}
          </p>
        </div>
      </div>
    );
  }
  return <RouterProvider router={router} />;
}
