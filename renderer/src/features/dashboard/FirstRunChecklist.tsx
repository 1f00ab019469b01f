import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { DashboardView } from '../../../../shared/api/dashboard';
import type { Programme } from '../../../../shared/instruments/schema';
import { Card } from '../../ui/Card';
import { Icon } from '../../ui/Icon';
import styles from './DashboardPage.module.css';

type Step = keyof DashboardView['firstRun'];

/** Where each step is done, per programme: the register, then the campaigns page twice. */
const STEPS: { step: Step; to: Record<Programme, string> }[] = [
  { step: 'people', to: { school: '/app/students/import', perinatal: '/app/women' } },
  { step: 'campaign', to: { school: '/app/campaigns', perinatal: '/app/campaigns' } },
  { step: 'screening', to: { school: '/app/campaigns', perinatal: '/app/campaigns' } },
];

/**
 * The first dashboard is all zeros: until each step has been done once (ticked from the data, not
 * from clicks), a short checklist says what to do next. Hidden once every step is done.
 */
export function FirstRunChecklist({
  done,
  programme,
}: {
  done: DashboardView['firstRun'];
  programme: Programme;
}) {
  const { t } = useTranslation();
  if (STEPS.every((s) => done[s.step])) return null;
  return (
    <Card title={t('dashboard.firstRun.title')} testId="first-run" footNote={t('dashboard.firstRun.note')}>
      <ol className={styles.checklist}>
        {STEPS.map(({ step, to }) => (
          <li key={step} data-testid={`first-run-${step}`} data-done={done[step] ? 'true' : 'false'}>
            <Icon name={done[step] ? 'check' : 'chevronRight'} size={15} />
            {done[step] ? (
              <span className={styles.checkDone}>{t(`dashboard.firstRun.${step}.${programme}`)}</span>
            ) : (
              <Link to={to[programme]} className="link">
                {t(`dashboard.firstRun.${step}.${programme}`)}
              </Link>
            )}
            {done[step] ? <span className="sr-only">{t('dashboard.firstRun.done')}</span> : null}
          </li>
        ))}
      </ol>
    </Card>
  );
}
