import { Button } from '../../ui/Button';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Case, Referral } from '../../../../shared/api/cases';
import { invoke } from '../../api/client';
import { describeError } from '../../api/errors';
import { Alert } from '../../ui/Alert';
import { Icon } from '../../ui/Icon';
import { Spinner } from '../../ui/Spinner';
import { formatDate } from '../../lib/format';
import { useApi } from '../../lib/useApi';
import { usePageTitle } from '../../lib/usePageTitle';
import { toast } from '../../store/toast';
import type { ActionProps } from './actions/ActionDialog';
import { CloseDialog, ColourDialog, LiftDialog } from './actions/decisionDialogs';
import {
  ConfirmInPersonDialog,
  FollowUpDialog,
  GuardianDialog,
  InterviewDialog,
  SafetyCheckDialog,
} from './actions/recordDialogs';
import { ReferDialog, ReferralUpdateDialog, type ReferralStep } from './actions/referralDialogs';
import { CaseHistory } from './CaseHistory';
import { DueText, LevelChip, nextAction, RiskColours, taskKey, useLevels, type Levels } from './caseText';
import { ReferralList } from './ReferralList';
import { SuggestedColour } from './SuggestedColour';

type Simple =
  'safety' | 'confirm' | 'interview' | 'followUp' | 'guardian' | 'refer' | 'colour' | 'lift' | 'close';
type Open = { kind: Simple } | { kind: 'referral'; referral: Referral; step: ReferralStep };

function Facts({ rows }: { rows: [string, ReactNode, string?][] }) {
  return (
    <dl className="facts">
      {rows.map(([label, value, testId]) => (
        <div key={label} className="fact" data-testid={testId}>
          <dt>{label}</dt>
          <dd>{value ?? '—'}</dd>
        </div>
      ))}
    </dl>
  );
}

function NextAction({ c }: { c: Case }) {
  const { t } = useTranslation();
  const next = nextAction(c);
  return (
    <section className={`card case-next${next ? '' : ' is-idle'}`} data-testid="case-next">
      <Icon name="clock" size={20} />
      <div>
        <p className="case-next-label">{t('cases.page.next')}</p>
        {next ? (
          <p className="case-next-text">
            <strong>{t(taskKey(next.kind))}</strong> <DueText dueOn={next.dueOn} />
          </p>
        ) : (
          <p className="case-next-text">
            {c.status === 'open' ? t('cases.page.nextNone') : t(`cases.page.status.${c.status}`)}
          </p>
        )}
      </div>
    </section>
  );
}

function Summary({ c, levels }: { c: Case; levels: Levels }) {
  const { t } = useTranslation();
  const rows: [string, ReactNode, string?][] = [
    [t('cases.page.screenLevel'), <LevelChip levels={levels} level={c.screenLevel} />, 'case-screen-level'],
    [
      t('cases.page.confirmedLevel'),
      c.confirmedLevel ? (
        <LevelChip levels={levels} level={c.confirmedLevel} />
      ) : (
        t('cases.page.notConfirmed')
      ),
      'case-confirmed-level',
    ],
    [t('cases.page.reasons'), c.reasons.length ? c.reasons.join(t('common.clauseSeparator')) : null],
    [t('cases.page.responsible'), c.responsible, 'case-responsible'],
    [t('cases.page.openedAt'), formatDate(c.openedAt)],
    [t('cases.page.rescreen'), c.status === 'open' ? c.rescreenOn : null, 'case-rescreen'],
  ];
  if (c.programme === 'perinatal')
    rows.push(
      [
        t('cases.page.colour'),
        c.colour || c.purple ? <RiskColours item={c} /> : t('cases.page.noColour'),
        'case-colour',
      ],
      [t('cases.page.managedSince'), c.managedSince ? formatDate(c.managedSince) : null],
      [t('cases.page.plan'), c.plan, 'case-plan'],
    );
  return <Facts rows={rows} />;
}

function Actions({ c, onOpen }: { c: Case; onOpen(kind: Simple): void }) {
  const { t } = useTranslation();
  const school = c.programme === 'school';
  const safetyDue = c.openTasks.some((task) => task.kind === 'safety_check');
  const confirmDue = c.openTasks.some((task) => task.kind === 'confirm_in_person');
  const buttons: [Simple, string, boolean][] = [
    ['safety', t('cases.form.safety.title'), safetyDue],
    ['confirm', t('cases.form.confirm.title'), confirmDue],
    ['interview', t('cases.form.interview.title'), true],
    ['followUp', t('cases.form.followUp.title'), true],
    ['guardian', t('cases.form.guardian.title'), school],
    ['refer', t('cases.form.refer.title'), true],
    ['colour', t('cases.form.colour.title'), !school],
    ['lift', t('cases.form.lift.title'), school],
    ['close', t('cases.form.close.title'), !school],
  ];
  return (
    <div className="page-actions case-actions" role="group" aria-label={t('cases.page.actions')}>
      {buttons
        .filter(([, , shown]) => shown)
        .map(([kind, label]) => (
          <Button
            key={kind}
            variant={kind === 'safety' || kind === 'confirm' ? 'primary' : 'secondary'}
            onClick={() => onOpen(kind)}
          >
            {label}
          </Button>
        ))}
    </div>
  );
}

function Dialog({ open, ...props }: ActionProps & { open: Open; levels: Levels }) {
  const intervals = useApi(
    () => invoke('followUp.intervals', { programme: props.c.programme }),
    [props.c.programme],
  );
  switch (open.kind) {
    case 'safety':
      return <SafetyCheckDialog {...props} />;
    case 'confirm':
      return <ConfirmInPersonDialog {...props} />;
    case 'interview':
      return <InterviewDialog {...props} />;
    case 'followUp':
      return <FollowUpDialog {...props} intervals={intervals.data} />;
    case 'guardian':
      return <GuardianDialog {...props} />;
    case 'refer':
      return <ReferDialog {...props} />;
    case 'referral':
      return <ReferralUpdateDialog {...props} referral={open.referral} step={open.step} />;
    case 'colour':
      return <ColourDialog {...props} />;
    case 'lift':
      return <LiftDialog {...props} />;
    case 'close':
      return <CloseDialog {...props} />;
  }
}

export function CasePage() {
  const { t } = useTranslation();
  const caseId = Number(useParams().id);
  const loaded = useApi(() => invoke('cases.get', { id: caseId }), [caseId]);
  const c = loaded.data;
  const file = useApi(
    () => (c ? invoke('people.get', { id: c.personId }) : Promise.resolve(null)),
    [c?.personId],
  );
  const levels = useLevels(c?.programme ?? 'school');
  const [open, setOpen] = useState<Open | null>(null);
  const person = file.data?.person;
  usePageTitle(person ? `${person.name} · ${t('cases.page.title')}` : t('cases.page.title'));

  const back = (
    <Link to="/app/worklist" className="link back-link">
      <Icon name="arrowLeft" size={15} />
      {t('cases.page.back')}
    </Link>
  );
  if (loaded.error)
    return (
      <div className="page">
        {back}
        <Alert title={t('cases.page.loadFailed')}>{describeError(loaded.error)}</Alert>
      </div>
    );
  if (!c)
    return (
      <div className="page">
        <div className="card card-loading">
          <Spinner size={20} />
          {t('common.loading')}
        </div>
      </div>
    );

  const saved = (next: Case, message: string) => {
    loaded.set(next);
    toast.success(message);
  };
  const subtitle = person
    ? person.kind === 'student'
      ? [person.grade, person.className].filter(Boolean).join(' ')
      : person.township
    : '';

  return (
    <div className="page case-page" data-testid="case-page">
      {back}
      <div className="page-header">
        <div className="person-heading">
          <span className="person-avatar" aria-hidden="true">
            {Array.from(person?.name ?? '·')[0]}
          </span>
          <div>
            <h1 className="page-title" data-testid="case-person">
              {person?.name ?? ''}
            </h1>
            <p className="page-subtitle">
              {subtitle}
              {subtitle ? ' · ' : ''}
              <span className="chip" data-testid="case-status">
                {t(`cases.page.status.${c.status}`)}
              </span>{' '}
              <Link to={`/app/people/${c.personId}`} className="link">
                {t('cases.page.openFile')}
              </Link>
            </p>
          </div>
        </div>
        {c.status === 'open' ? <Actions c={c} onOpen={(kind) => setOpen({ kind })} /> : null}
      </div>

      <NextAction c={c} />
      {c.status !== 'open' ? <Alert kind="info">{t('cases.page.ended')}</Alert> : null}
      {c.status === 'open' && c.suggestedColour ? (
        <SuggestedColour c={c} onSaved={saved} onChange={() => setOpen({ kind: 'colour' })} />
      ) : null}

      <div className="file-grid">
        <div className="file-col">
          <section className="card file-card">
            <Summary c={c} levels={levels} />
          </section>
          <section className="card file-card" data-testid="case-tasks">
            <header className="card-head">
              <h2 className="card-title">{t('cases.page.tasks')}</h2>
            </header>
            {c.openTasks.length ? (
              <ul className="case-tasks">
                {c.openTasks.map((task) => (
                  <li key={task.id}>
                    <span>{t(taskKey(task.kind))}</span>
                    <DueText dueOn={task.dueOn} />
                  </li>
                ))}
              </ul>
            ) : (
              <p className="fact-note case-empty">{t('cases.page.noTasks')}</p>
            )}
          </section>
          <ReferralList c={c} onStep={(referral, step) => setOpen({ kind: 'referral', referral, step })} />
        </div>
        <div className="file-col file-col-wide">
          <section className="card file-card">
            <header className="card-head">
              <h2 className="card-title">{t('cases.page.history')}</h2>
            </header>
            <CaseHistory events={c.events} levels={levels} />
          </section>
        </div>
      </div>

      {open ? (
        <Dialog open={open} c={c} levels={levels} onClose={() => setOpen(null)} onSaved={saved} />
      ) : null}
    </div>
  );
}
