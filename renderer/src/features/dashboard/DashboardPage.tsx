import { useMemo, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { can } from '../../../../shared/api/contract';
import type { DashboardTask, DashboardView } from '../../../../shared/api/dashboard';
import type { Programme } from '../../../../shared/instruments/schema';
import type { TierLevel } from '../../../../shared/tiers/schema';
import { UrgentAlerts } from '../alerts/AlertBlocks';
import { useApiQuery } from '../../api/query';
import { Card } from '../../ui/Card';
import { Icon } from '../../ui/Icon';
import { allLoaded, LoadState } from '../../ui/LoadState';
import { PageHeader } from '../../ui/PageHeader';
import { Spinner } from '../../ui/Spinner';
import { Tag } from '../../ui/Tag';
import { formatDate, localized, useContentLanguage } from '../../lib/format';
import { usePageTitle } from '../../lib/usePageTitle';
import { useSession } from '../../store/session';
import { LevelBars, MonthlyTrend } from './DashboardCharts';
import { CurrentLevels, Figures, ScaleTable, SexTable, TimePointTable } from './DashboardFigures';
import { FirstRunChecklist } from './FirstRunChecklist';
import { PeriodPicker, usePeriodChoice } from './PeriodPicker';
import { withTimePointNames } from './timePoints';
import styles from './DashboardPage.module.css';

function LevelChip({ level, levels }: { level: string; levels: readonly TierLevel[] }) {
  const lang = useContentLanguage();
  const found = levels.find((l) => l.id === level);
  return (
    <span className="level-chip" style={{ '--level': found?.colour ?? '#687886' } as CSSProperties}>
      {found ? localized(found.name, lang) : level}
    </span>
  );
}

type Tone = 'urgent' | 'today' | 'overdue';

function TaskRow({ task, levels }: { task: DashboardTask; levels: readonly TierLevel[] }) {
  const { t } = useTranslation();
  return (
    <Link to={`/app/cases/${task.caseId}`} className={styles.task} data-testid="task-row">
      <span className={styles.taskName}>
        {task.name}
        {task.incomplete ? (
          <span className={styles.mark}>
            <Tag tone="danger" title={t('cases.worklist.incompleteHint')} testId="task-incomplete">
              {t('cases.worklist.incomplete')}
            </Tag>
          </span>
        ) : null}
      </span>
      <span className={styles.taskGroup}>{task.group}</span>
      <LevelChip level={task.level} levels={levels} />
      <span>{t(`dashboard.tasks.kinds.${task.kind}`)}</span>
      <span className={styles.taskDue}>{t('dashboard.tasks.due', { date: formatDate(task.dueOn) })}</span>
      <Icon name="chevronRight" size={16} />
    </Link>
  );
}

const TASK_EMPTY: Record<Tone, 'noneUrgent' | 'noneOverdue' | 'noneToday'> = {
  urgent: 'noneUrgent',
  overdue: 'noneOverdue',
  today: 'noneToday',
};

function TaskCard({
  tone,
  count,
  items,
  levels,
}: {
  tone: Tone;
  count: number;
  items: DashboardTask[];
  levels: readonly TierLevel[];
}) {
  const { t } = useTranslation();
  const testId = `tasks-${tone}`;
  return (
    <Card
      title={t(`dashboard.tasks.${tone}`)}
      className={styles[tone]}
      testId={testId}
      extra={
        <span className={`db-task-count ${styles.count}`} data-testid={`${testId}-count`}>
          {count}
        </span>
      }
      footNote={count > items.length ? t('dashboard.tasks.more', { count: count - items.length }) : null}
    >
      {items.length === 0 ? (
        <p className={styles.empty}>
          <Icon name="check" size={15} />
          {t(`dashboard.tasks.${TASK_EMPTY[tone]}`)}
        </p>
      ) : (
        <ul className={styles.taskList}>
          {items.map((task) => (
            <li key={task.taskId}>
              <TaskRow task={task} levels={levels} />
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

/** Safety checks after a critical answer are not routine work: their own card, first. */
function Tasks({ view, levels }: { view: DashboardView; levels: readonly TierLevel[] }) {
  if (!view.tasks) return null;
  return (
    <div className={styles.tasks} data-testid="dashboard-tasks">
      <TaskCard
        tone="urgent"
        count={view.safetyChecksDueToday + view.safetyChecksOverdue}
        items={view.tasks.urgent}
        levels={levels}
      />
      <TaskCard
        tone="overdue"
        count={view.tasksOverdue - view.safetyChecksOverdue}
        items={view.tasks.overdue}
        levels={levels}
      />
      <TaskCard
        tone="today"
        count={view.tasksDueToday - view.safetyChecksDueToday}
        items={view.tasks.dueToday}
        levels={levels}
      />
    </div>
  );
}

export function DashboardPage() {
  const { t } = useTranslation();
  usePageTitle(t('dashboard.title'));
  const orgType = useSession((s) => s.status?.org?.type);
  const role = useSession((s) => s.status?.user?.role);
  const programme: Programme = orgType === 'maternal' ? 'perinatal' : 'school';
  const choice = usePeriodChoice(programme);
  const { period } = choice;

  const view = useApiQuery(
    'dashboard.get',
    { programme, from: period.from, to: period.to },
    { keepPrevious: true },
  );
  const tiers = useApiQuery('tiers.get', { programme });
  const named = useMemo(() => view.data && withTimePointNames(view.data, t), [view.data, t]);
  const levels = tiers.data?.active.ruleSet.levels ?? [];
  const flaggedLabel = t(`dashboard.charts.flagged.${programme}`);

  return (
    <div className={`page ${styles.page}`} data-testid="dashboard-page">
      <PageHeader
        title={t('dashboard.title')}
        subtitle={t(role === 'supervisor' ? 'dashboard.subtitleSupervisor' : 'dashboard.subtitle')}
      />
      {/* Only for those who can take the steps: a class teacher or supervisor cannot plan a screening. */}
      {named && can(role, 'campaigns.create') ? (
        <FirstRunChecklist done={named.firstRun} programme={programme} />
      ) : null}
      <UrgentAlerts />
      {named ? <Tasks view={named} levels={levels} /> : null}

      <div className={styles.toolbar}>
        <PeriodPicker programme={programme} choice={choice} />
        <span className={styles.range} data-testid="period-range">
          {t('dashboard.periodRange', { from: period.from, to: period.to })}
        </span>
        {view.isFetching ? <Spinner size={16} /> : null}
      </div>

      <LoadState
        query={allLoaded({ view: { ...view, data: named }, tiers })}
        failed={t('dashboard.loadFailed')}
      >
        {({ view: data }) => (
          <>
            <Figures view={data} levels={levels} programme={programme} />
            <div className={styles.tables}>
              {programme === 'perinatal' ? (
                <TimePointTable view={data} flaggedLabel={flaggedLabel} />
              ) : (
                <SexTable view={data} flaggedLabel={flaggedLabel} />
              )}
              <ScaleTable rows={data.byInstrument} />
              <CurrentLevels view={data} levels={levels} />
            </div>
            <div className={styles.charts}>
              {data.breakdowns.map((b) => (
                <LevelBars
                  key={b.dimension}
                  title={t(`dashboard.charts.${b.dimension}`)}
                  groups={b.groups}
                  levels={levels}
                  testId={`chart-${b.dimension}`}
                />
              ))}
              <MonthlyTrend monthly={data.monthly} flaggedLabel={flaggedLabel} />
            </div>
          </>
        )}
      </LoadState>
    </div>
  );
}
