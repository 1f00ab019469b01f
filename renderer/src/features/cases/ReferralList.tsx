import { useTranslation } from 'react-i18next';
import type { Case, Referral } from '../../../../shared/api/cases';
import { REFERRAL_NEXT, type ReferralStep } from '../../../../shared/cases/transitions';
import { Button, LinkButton } from '../../ui/Button';

const STEP_LABEL = {
  attended: 'cases.referral.markAttended',
  diagnosed: 'cases.referral.recordDiagnosis',
  closed: 'cases.referral.recordOutcome',
} as const;

/** 转介: each referral with its status and the next step it can take. */
export function ReferralList({
  c,
  onStep,
}: {
  c: Case;
  onStep(referral: Referral, step: ReferralStep): void;
}) {
  const { t } = useTranslation();
  return (
    <section className="card file-card" data-testid="case-referrals">
      <header className="card-head">
        <h2 className="card-title">{t('cases.page.referrals')}</h2>
      </header>
      {c.referrals.length === 0 ? (
        <p className="fact-note case-empty">{t('cases.page.noReferrals')}</p>
      ) : (
        <ul className="case-referrals">
          {c.referrals.map((r) => (
            <li key={r.id} data-testid="referral" data-status={r.status}>
              <p className="case-referral-head">
                <strong>{[r.institution, r.department].filter(Boolean).join(' · ')}</strong>
                <span className={`chip ${r.status === 'referred' ? 'chip-warn' : 'chip-ok'}`}>
                  {t(`cases.referral.status.${r.status}`)}
                </span>
              </p>
              <p className="fact-note">
                {t('cases.referral.referredOn', { date: r.referredOn })} ·{' '}
                {r.consent ? t('cases.referral.consent') : t('cases.referral.noConsent')}
              </p>
              {r.attendedOn ? (
                <p className="fact-note">{t('cases.referral.attendedOn', { date: r.attendedOn })}</p>
              ) : null}
              {r.diagnosis ? (
                <p className="fact-note">
                  {t('cases.referral.diagnosis', { diagnosis: r.diagnosis, date: r.diagnosedOn ?? '' })}
                </p>
              ) : null}
              {r.outcome ? (
                <p className="fact-note">{t('cases.referral.outcome', { outcome: r.outcome })}</p>
              ) : null}
              <div className="case-referral-actions">
                {c.status === 'open'
                  ? REFERRAL_NEXT[r.status].map((step) => (
                      <Button variant="secondary" size="sm" key={step} onClick={() => onStep(r, step)}>
                        {t(STEP_LABEL[step])}
                      </Button>
                    ))
                  : null}
                <LinkButton
                  variant="secondary"
                  size="sm"
                  icon="printer"
                  to={`/app/print/referral/${r.id}`}
                  data-testid="referral-print"
                >
                  {t('reports.referral.open')}
                </LinkButton>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
