import { useTranslation } from 'react-i18next';
import { Tag } from '../../ui/Tag';
import { FileCard } from '../people/FileLayout';
import styles from './CasePage.module.css';
import type { Case, Referral } from '../../../../shared/api/cases';
import { referralSteps, type ReferralStep } from '../../../../shared/cases/transitions';
import { useConclusionText } from './caseText';
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
  const conclusionText = useConclusionText();
  return (
    <FileCard title={t('cases.page.referrals')} testId="case-referrals">
      {c.referrals.length === 0 ? (
        <p className={`fact-note ${styles.empty}`}>{t('cases.page.noReferrals')}</p>
      ) : (
        <ul className={`${styles.list} ${styles.referrals}`}>
          {c.referrals.map((r) => (
            <li key={r.id} data-testid="referral" data-status={r.status}>
              <p className={styles.referralHead}>
                <strong>{[r.institution, r.department].filter(Boolean).join(' · ')}</strong>
                <Tag tone={r.status === 'referred' ? 'warning' : 'success'}>
                  {t(`cases.referral.status.${r.status}`)}
                </Tag>
              </p>
              <p className="fact-note">
                {t('cases.referral.referredOn', { date: r.referredOn })} ·{' '}
                {r.consent ? t('cases.referral.consent') : t('cases.referral.noConsent')}
              </p>
              {r.attendedOn ? (
                <p className="fact-note">{t('cases.referral.attendedOn', { date: r.attendedOn })}</p>
              ) : null}
              {r.conclusion ? (
                <p className="fact-note" data-testid="referral-conclusion" data-conclusion={r.conclusion}>
                  {t('cases.referral.diagnosis', {
                    diagnosis: conclusionText(r.conclusion, r.icd10),
                    date: r.diagnosedOn ?? '',
                  })}
                </p>
              ) : null}
              {r.diagnosis ? (
                <p className="fact-note">{t('cases.referral.diagnosisText', { text: r.diagnosis })}</p>
              ) : null}
              {r.outcome ? (
                <p className="fact-note">{t('cases.referral.outcome', { outcome: r.outcome })}</p>
              ) : null}
              <div className={styles.buttons}>
                {c.status === 'open'
                  ? referralSteps(r).map((step) => (
                      <Button
                        variant="secondary"
                        size="sm"
                        key={step}
                        onClick={() => onStep(r, step)}
                        data-testid={`referral-step-${step}`}
                      >
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
    </FileCard>
  );
}
