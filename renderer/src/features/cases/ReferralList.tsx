import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Case, Referral } from '../../../../shared/api/cases';
import { REFERRAL_NEXT, type ReferralStep } from '../../../../shared/cases/transitions';
import { Icon } from '../../ui/Icon';

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
                      <button
                        key={step}
                        type="button"
                        className="btn btn-secondary btn-sm"
                        onClick={() => onStep(r, step)}
                      >
                        {t(STEP_LABEL[step])}
                      </button>
                    ))
                  : null}
                <Link
                  to={`/app/print/referral/${r.id}`}
                  className="btn btn-secondary btn-sm"
                  data-testid="referral-print"
                >
                  <Icon name="printer" size={14} />
                  {t('reports.referral.open')}
                </Link>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
