import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { Button } from './Button';

/**
 * The printable recovery sheet (A4): the code, the organisation, the date and what to do with it.
 * It sits outside the app's root, hidden on screen; printing hides the app and shows only the
 * sheet, so "print" or "save as PDF" gives exactly one page to lock away.
 */
export function RecoverySheet({ code, orgName }: { code: string; orgName: string }) {
  const { t, i18n } = useTranslation();
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long' }).format(new Date());
  return createPortal(
    <article className="recovery-sheet" data-testid="recovery-sheet" aria-hidden="true">
      <h1>{t('recoverySheet.title')}</h1>
      <dl>
        <dt>{t('recoverySheet.org')}</dt>
        <dd data-testid="recovery-sheet-org">{orgName}</dd>
        <dt>{t('recoverySheet.date')}</dt>
        <dd>{date}</dd>
        <dt>{t('recoverySheet.code')}</dt>
        <dd className="recovery-sheet-code" data-testid="recovery-sheet-code">
          {code}
        </dd>
      </dl>
      <h2>{t('recoverySheet.whatTitle')}</h2>
      <p>{t('recoverySheet.what')}</p>
      <h2>{t('recoverySheet.howTitle')}</h2>
      <ol>
        <li>{t('recoverySheet.how1')}</li>
        <li>{t('recoverySheet.how2')}</li>
        <li>{t('recoverySheet.how3')}</li>
        <li>{t('recoverySheet.how4')}</li>
      </ol>
      <h2>{t('recoverySheet.keepTitle')}</h2>
      <p>{t('recoverySheet.keep')}</p>
    </article>,
    document.body,
  );
}

export function PrintRecoverySheetButton() {
  const { t } = useTranslation();
  return (
    <Button variant="secondary" size="sm" icon="printer" onClick={() => window.print()}>
      {t('recoverySheet.print')}
    </Button>
  );
}
