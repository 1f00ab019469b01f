import { Button } from '../../ui/Button';
import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Case, Referral } from '../../../../shared/api/cases';
import { canReopen, type ReferralStep } from '../../../../shared/cases/transitions';
import { apiKey, useApiQuery } from '../../api/query';
import { Alert } from '../../ui/Alert';
import { Icon } from '../../ui/Icon';
import { LoadState } from '../../ui/LoadState';
import { PageHeader } from '../../ui/PageHeader';
import { Tag } from '../../ui/Tag';
import { formatDate } from '../../lib/format';
import { reasonsText } from '../../i18n/reasons';
import { usePageTitle } from '../../lib/usePageTitle';
import { toast } from '../../store/toast';
import type { ActionProps } from './actions/ActionDialog';
import { CloseDialog, ColourDialog, LiftDialog, type CasePerson } from './actions/decisionDialogs';
import {
  ConfirmInPersonDialog,
  FollowUpDialog,
  GuardianDialog,
  InterviewDialog,
  SafetyCheckDialog,
} from './actions/recordDialogs';
import { ReferDialog, ReferralUpdateDialog } from './actions/referralDialogs';
import { AssignDialog, assignedMessage } from './actions/AssignDialog';
import { ReopenDialog } from './actions/ReopenDialog';
import { CaseResponsible } from './CaseResponsible';
import { can } from '../../../../shared/api/contract';
import { useSession } from '../../store/session';
import { CaseHistory } from './CaseHistory';
import { DueText, LevelChip, nextAction, RiskColours, taskKey, useLevels, type Levels } from './caseText';
import { ReferralList } from './ReferralList';
import { SuggestedColour } from './SuggestedColour';
import { Avatar, Facts, FileCard, FileGrid, type FactRow } from '../people/FileLayout';
import styles from './CasePage.module.css';

type Simple =
  | 'safety'
  | 'confirm'
  | 'interview'
  | 'followUp'
  | 'guardian'
  | 'refer'
  | 'colour'
  | 'lift'
  | 'close'
  | 'reopen'
  | 'assign';
type Open = { kind: Simple } | { kind: 'referral'; referral: Referral; step: ReferralStep };

function NextAction({ c }: { c: Case }) {
  const { t } = useTranslation();
  const next = nextAction(c);
  return (
    <section className={`card ${styles.next}${next ? '' : ` ${styles.idle}`}`} data-testid="case-next">
      <Icon name="clock" size={20} />
      <div>
        <p className={styles.nextLabel}>{t('cases.page.next')}</p>
        {next ? (
          <p className={styles.nextText}>
            <strong>{t(taskKey(next.kind))}</strong> <DueText dueOn={next.dueOn} />
          </p>
        ) : (
          <p className={styles.nextText}>
            {c.status === 'open' ? t('cases.page.nextNone') : t(`cases.page.status.${c.status}`)}
          </p>
        )}
      </div>
    </section>
  );
}

function Summary({ c, levels, onAssign }: { c: Case; levels: Levels; onAssign(): void }) {
  const { t } = useTranslation();
  const rows: FactRow[] = [
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
    [t('cases.page.reasons'), c.reasons.length ? reasonsText(c.reasons) : null],
    [t('cases.page.responsible'), <CaseResponsible c={c} onAssign={onAssign} />, 'case-responsible'],
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
    <div className={styles.actions} role="group" aria-label={t('cases.page.actions')}>
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

function ActionFor({
  open,
  person,
  ...props
}: ActionProps & { open: Open; levels: Levels; person: CasePerson | undefined }) {
  const intervals = useApiQuery('followUp.intervals', { programme: props.c.programme });
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
      return <CloseDialog {...props} person={person} />;
    case 'reopen':
      return <ReopenDialog {...props} intervals={intervals.data} />;
    case 'assign':
      return null;
  }
}

export function CasePage() {
  const { t } = useTranslation();
  const caseId = Number(useParams().id);
  const client = useQueryClient();
  const loaded = useApiQuery('cases.get', { id: caseId });
  const c = loaded.data;
  const file = useApiQuery('people.get', { id: c?.personId ?? 0 }, { enabled: c !== undefined });
  const levels = useLevels(c?.programme ?? 'school');
  const [open, setOpen] = useState<Open | null>(null);
  const role = useSession((s) => s.status?.user?.role);
  const person = file.data?.person;
  usePageTitle(person ? `${person.name} · ${t('cases.page.title')}` : t('cases.page.title'));

  const back = (
    <Link to="/app/worklist" className={`link ${styles.back}`}>
      <Icon name="arrowLeft" size={15} />
      {t('cases.page.back')}
    </Link>
  );
  if (!c)
    return (
      <div className="page">
        {loaded.error ? back : null}
        <LoadState query={loaded} failed={t('cases.page.loadFailed')}>
          {() => null}
        </LoadState>
      </div>
    );

  // The step's answer is the case as it now is: show it at once (lists refetch on their own).
  const saved = (next: Case, message: string) => {
    client.setQueryData(apiKey('cases.get', { id: caseId }), next);
    toast.success(message);
  };
  const subtitle = person
    ? person.kind === 'student'
      ? [person.grade, person.className].filter(Boolean).join(' ')
      : person.township
    : '';

  return (
    <div className="page" data-testid="case-page">
      {back}
      <PageHeader
        title={
          <>
            <Avatar name={person?.name ?? '·'} />
            <span data-testid="case-person">{person?.name ?? ''}</span>
          </>
        }
        subtitle={
          <>
            {subtitle}
            {subtitle ? ' · ' : ''}
            <Tag testId="case-status">{t(`cases.page.status.${c.status}`)}</Tag>{' '}
            <Link to={`/app/people/${c.personId}`} className="link">
              {t('cases.page.openFile')}
            </Link>
          </>
        }
        actions={
          c.status === 'open' ? (
            <Actions c={c} onOpen={(kind) => setOpen({ kind })} />
          ) : canReopen(c.status) && can(role, 'cases.reopen') ? (
            <Button variant="secondary" onClick={() => setOpen({ kind: 'reopen' })} data-testid="case-reopen">
              {t('cases.reopen.action')}
            </Button>
          ) : null
        }
      />

      <NextAction c={c} />
      {c.status !== 'open' ? <Alert kind="info">{t('cases.page.ended')}</Alert> : null}
      {c.status === 'open' && c.suggestedColour ? (
        <SuggestedColour c={c} onSaved={saved} onChange={() => setOpen({ kind: 'colour' })} />
      ) : null}

      <FileGrid
        left={
          <>
            <FileCard>
              <Summary c={c} levels={levels} onAssign={() => setOpen({ kind: 'assign' })} />
            </FileCard>
            <FileCard title={t('cases.page.tasks')} testId="case-tasks">
              {c.openTasks.length ? (
                <ul className={`${styles.list} ${styles.tasks}`}>
                  {c.openTasks.map((task) => (
                    <li key={task.id}>
                      <span>{t(taskKey(task.kind))}</span>
                      <DueText dueOn={task.dueOn} />
                    </li>
                  ))}
                </ul>
              ) : (
                <p className={`fact-note ${styles.empty}`}>{t('cases.page.noTasks')}</p>
              )}
            </FileCard>
            <ReferralList c={c} onStep={(referral, step) => setOpen({ kind: 'referral', referral, step })} />
          </>
        }
        right={
          <FileCard title={t('cases.page.history')}>
            <CaseHistory events={c.events} levels={levels} />
          </FileCard>
        }
      />

      {open?.kind === 'assign' ? (
        <AssignDialog
          caseIds={[c.id]}
          name={person?.name ?? ''}
          current={{ id: c.responsibleId, name: c.responsible }}
          onClose={() => setOpen(null)}
          onAssigned={(result) => toast.success(assignedMessage(result, t))}
        />
      ) : open ? (
        <ActionFor
          open={open}
          c={c}
          levels={levels}
          person={person}
          onClose={() => setOpen(null)}
          onSaved={saved}
        />
      ) : null}
    </div>
  );
}
