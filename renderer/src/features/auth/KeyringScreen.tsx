import { useTranslation } from 'react-i18next';
import { Alert } from '../../ui/Alert';
import { ScreenNote, ScreenTitle } from '../../ui/ScreenTitle';
import { useSession } from '../../store/session';
import { AuthLayout } from './AuthLayout';
import { LinkButton } from '../../ui/Button';

/** The command a restore takes; the backup screen, where there is one, offers the same. */
const RESTORE_COMMAND = 'anxin backup restore FILE --data-dir DIR [--recovery-code CODE]';

/**
 * A folder that holds a database whose keyring.json is gone or unreadable: say which file, never
 * offer first-run setup (it would write a keyring that cannot open this database), and show the
 * two ways out.
 */
export function KeyringScreen() {
  const { t } = useTranslation();
  const status = useSession((s) => s.status);
  const damaged = status?.keyring === 'damaged';
  const file = status?.keyringFile ?? 'keyring.json';
  return (
    <AuthLayout wide>
      <ScreenTitle
        icon="alert"
        title={damaged ? t('keyring.titleDamaged') : t('keyring.titleMissing')}
        testId="keyring-title"
        subtitle={damaged ? t('keyring.bodyDamaged', { file }) : t('keyring.bodyMissing', { file })}
        subtitleTestId="keyring-body"
      />
      <Alert kind="info">{t('keyring.noSetup')}</Alert>
      <section className="form-section">
        <h2 className="form-section-title">{t('keyring.wayRecover')}</h2>
        <ScreenNote>{t('keyring.wayRecoverBody')}</ScreenNote>
        <LinkButton variant="primary" size="lg" block to="/recover" data-testid="keyring-recover">
          {t('keyring.recoverButton')}
        </LinkButton>
      </section>
      <section className="form-section">
        <h2 className="form-section-title">{t('keyring.wayRestore')}</h2>
        <ScreenNote>{t('keyring.wayRestoreBody')}</ScreenNote>
        <code className="input-mono">{RESTORE_COMMAND}</code>
      </section>
    </AuthLayout>
  );
}
