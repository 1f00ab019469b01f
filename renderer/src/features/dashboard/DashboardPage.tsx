import { useMemo, useState, type CSSProperties, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { MANAGED_COLOURS } from '../../../../shared/api/cases';
import type { DashboardTask, DashboardView } from '../../../../shared/api/dashboard';
import { percentText, ratio } from '../../../../shared/figures/rates';
import { PRESETS, presetPeriod, type Period, type PeriodPreset } from '../../../../shared/figures/periods';
import { warningCount } from '../../../../shared/figures/warning';
import type { Programme } from '../../../../shared/instruments/schema';
import type { TierLevel } from '../../../../shared/tiers/schema';
import { todayIso } from '../../../../shared/people/date';
import { UrgentAlerts } from '../alerts/AlertBlocks';
import { invoke } from '../../api/client';
import { describeError } from '../../api/errors';
import { Alert } from '../../ui/Alert';
import { Icon } from '../../ui/Icon';
import { Spinner } from '../../ui/Spinner';
import { formatDate, localized, useContentLanguage } from '../../lib/format';
import { useApi } from '../../lib/useApi';
import { usePageTitle } from '../../lib/usePageTitle';
import { useSession } from '../../store/session';
import { LevelBars, MonthlyTrend } from './DashboardCharts';
import { withTimePointNames } from './timePoints';
import './dashboard.css';
import { Button } from '../../ui/Button';

const percent = percentText;
const isInvalid = (p: Period) => !p.from || !p.to || p.from > p.to;
const flaggedOf = (d: DashboardView, byLevel = d.byLevel) => warningCount(byLevel, d.warningLevels);

function Stat({ id, label, value, sub }: { id: string; label: string; value: ReactNode; sub?: string }) {
  return (
    <div className="db-stat">
      <span className="db-stat-label">{label}</span>
      <span className="db-stat-value" data-testid={`fig-${id}`}>
        {value}
      </span>
      {sub ? <span className="db-stat-sub">{sub}</span> : null}
    </div>
  );
}

function LevelChip({ level, levels }: { level: string; levels: readonly TierLevel[] }) {
  const lang = useContentLanguage();
  const found = levels.find((l) => l.id === level);
  return (
    <span className="level-chip" style={{ '--level': found?.colour ?? '#687886' } as CSSProperties}>
      {found ? localized(found.name, lang) : level}
    </span>
  );
}

function TaskCard({
  title,
  count,
  items,
  empty,
  tone,
  levels,
  testId,
}: {
  title: string;
  count: number;
  items: DashboardTask[];
  empty: string;
  tone: 'urgent' | 'today' | 'overdue';
  levels: readonly TierLevel[];
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <section className={`card db-tasks-card db-tasks-${tone}`} data-testid={testId}>
      <div className="card-head">
        <span className="card-title">{title}</span>
        <span className="db-task-count" data-testid={`${testId}-count`}>
          {count}
        </span>
      </div>
      {items.length === 0 ? (
        <p className="db-empty">
          <Icon name="check" size={15} />
          {empty}
        </p>
      ) : (
        <ul className="db-task-list">
          {items.map((task) => (
            <li key={task.taskId}>
              <Link to={`/app/cases/${task.caseId}`} className="db-task" data-testid="task-row">
                <span className="db-task-name">
                  {task.name}
                  {task.incomplete ? (
                    <span
                      className="chip chip-warn db-task-mark"
                      title={t('cases.worklist.incompleteHint')}
                      data-testid="task-incomplete"
                    >
                      {t('cases.worklist.incomplete')}
                    </span>
                  ) : null}
                </span>
                <span className="db-task-group">{task.group}</span>
                <LevelChip level={task.level} levels={levels} />
                <span className="db-task-kind">{t(`dashboard.tasks.kinds.${task.kind}`)}</span>
                <span className="db-task-due">
                  {t('dashboard.tasks.due', { date: formatDate(task.dueOn) })}
                </span>
                <Icon name="chevronRight" size={16} />
              </Link>
            </li>
          ))}
        </ul>
      )}
      {count > items.length ? (
        <p className="card-foot-note">{t('dashboard.tasks.more', { count: count - items.length })}</p>
      ) : null}
    </section>
  );
}

function PositiveTable({
  title,
  rows,
  view,
  flaggedLabel,
  testId,
}: {
  title: string;
  rows: { group: string; screened: number; byLevel: Record<string, number> }[];
  view: DashboardView;
  flaggedLabel: string;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <section className="card" data-testid={testId}>
      <div className="card-head">
        <span className="card-title">{title}</span>
      </div>
      <div className="table-wrap">
        <table className="table table-compact">
          <thead>
            <tr>
              <th scope="col">{t('dashboard.charts.group')}</th>
              <th scope="col">{t('dashboard.byInstrument.screened')}</th>
              <th scope="col">{flaggedLabel}</th>
              <th scope="col">{t('dashboard.byInstrument.rate')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const flagged = flaggedOf(view, r.byLevel);
              return (
                <tr key={r.group}>
                  <th scope="row">{r.group}</th>
                  <td>{r.screened}</td>
                  <td>{flagged}</td>
                  <td>{percent(ratio(flagged, r.screened))}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/**
 * Per instrument, positives by that scale's own band (PHQ-9 ≥ 10, GAD-7 ≥ 10, PHQ-2 ≥ 3), never
 * the battery's combined level; sheets whose blanks leave the verdict open are counted apart.
 */
function ScaleTable({ rows }: { rows: DashboardView['byInstrument'] }) {
  const { t } = useTranslation();
  return (
    <section className="card" data-testid="table-instrument">
      <div className="card-head">
        <span className="card-title">{t('dashboard.byInstrument.title')}</span>
      </div>
      <div className="table-wrap">
        <table className="table table-compact">
          <thead>
            <tr>
              <th scope="col">{t('dashboard.byInstrument.instrument')}</th>
              <th scope="col">{t('dashboard.byInstrument.screened')}</th>
              <th scope="col">{t('dashboard.byInstrument.positive')}</th>
              <th scope="col">{t('dashboard.byInstrument.rate')}</th>
              <th scope="col">{t('dashboard.byInstrument.undetermined')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.instrumentId}>
                <th scope="row">{r.instrumentId}</th>
                <td>{r.screened}</td>
                <td>{r.positive}</td>
                <td>{percent(ratio(r.positive, r.screened))}</td>
                <td>{r.undetermined}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="card-foot-note">{t('dashboard.byInstrument.note')}</p>
    </section>
  );
}

function Figures({
  view,
  levels,
  programme,
}: {
  view: DashboardView;
  levels: readonly TierLevel[];
  programme: Programme;
}) {
  const { t } = useTranslation();
  const lang = useContentLanguage();
  const flagged = flaggedOf(view);
  const shown =
    programme === 'school' ? levels.filter((l) => view.warningLevels.includes(l.id)) : levels.slice(0, -1);
  const followUpRate = ratio(view.followUpsDone, view.followUpsDue);
  return (
    <>
      <section className="card db-figures" aria-labelledby="db-screening">
        <div className="card-head">
          <span className="card-title" id="db-screening">
            {t('dashboard.figures.screening')}
          </span>
        </div>
        <div className="db-stats">
          <Stat id="due" label={t(`dashboard.figures.due.${programme}`)} value={view.due} />
          <Stat id="screened" label={t(`dashboard.figures.screened.${programme}`)} value={view.screened} />
          <Stat
            id="rate"
            label={t(`dashboard.figures.rate.${programme}`)}
            value={percent(view.screenedRate)}
          />
          <Stat id="flagged" label={t(`dashboard.figures.flagged.${programme}`)} value={flagged} />
          <Stat
            id="flaggedRate"
            label={t(`dashboard.figures.flaggedRate.${programme}`)}
            value={percent(ratio(flagged, view.screened))}
          />
          {shown.map((l) => (
            <Stat
              key={l.id}
              id={`level-${l.id}`}
              label={localized(l.name, lang)}
              value={view.byLevel[l.id] ?? 0}
              sub={t('dashboard.figures.levelRate', {
                rate: percent(ratio(view.byLevel[l.id] ?? 0, view.screened)),
              })}
            />
          ))}
          <Stat
            id="critical"
            label={t('dashboard.figures.critical')}
            value={view.criticalItems}
            sub={
              view.criticalUnsubmitted
                ? t('dashboard.figures.criticalUnsubmitted', { count: view.criticalUnsubmitted })
                : undefined
            }
          />
        </div>
      </section>
      <section className="card db-figures" aria-labelledby="db-follow">
        <div className="card-head">
          <span className="card-title" id="db-follow">
            {t('dashboard.figures.followThrough')}
          </span>
        </div>
        <div className="db-stats">
          {programme === 'school' ? (
            <Stat id="interviewed" label={t('dashboard.figures.interviewed')} value={view.interviewed} />
          ) : null}
          <Stat id="referred" label={t(`dashboard.figures.referred.${programme}`)} value={view.referred} />
          {programme === 'perinatal' ? (
            <Stat
              id="referralRate"
              label={t('dashboard.figures.referralRate')}
              value={percent(ratio(view.referred, flagged))}
            />
          ) : null}
          <Stat
            id="attended"
            label={t(`dashboard.figures.attended.${programme}`)}
            value={view.attended}
            sub={t('dashboard.figures.attendedRate', { rate: percent(ratio(view.attended, view.referred)) })}
          />
          <Stat id="diagnosed" label={t(`dashboard.figures.diagnosed.${programme}`)} value={view.diagnosed} />
          <Stat
            id="underManagement"
            label={t('dashboard.figures.underManagement')}
            value={view.underManagement}
          />
          <Stat id="followUps" label={t('dashboard.figures.followUps')} value={view.followUps} />
          <Stat
            id="followUpRate"
            label={t('dashboard.figures.followUpRate')}
            value={percent(followUpRate)}
            sub={t('dashboard.figures.followUpRateHint', {
              due: view.followUpsDue,
              done: view.followUpsDone,
            })}
          />
          {programme === 'school' ? (
            <Stat id="lifted" label={t('dashboard.figures.lifted')} value={view.lifted} />
          ) : (
            <Stat id="closed" label={t('dashboard.figures.closed')} value={view.closed} />
          )}
        </div>
      </section>
      {programme === 'perinatal' ? (
        <section className="card db-figures" aria-labelledby="db-managed">
          <div className="card-head">
            <span className="card-title" id="db-managed">
              {t('dashboard.figures.management')}
            </span>
          </div>
          {MANAGED_COLOURS.some((c) => view.managedByColour[c]) ? (
            <div className="db-stats">
              {MANAGED_COLOURS.filter((c) => view.managedByColour[c]).map((c) => (
                <Stat
                  key={c}
                  id={`managed-${c}`}
                  label={t('dashboard.figures.managed', { colour: t(`dashboard.figures.colours.${c}`) })}
                  value={view.managedByColour[c]}
                />
              ))}
            </div>
          ) : (
            <p className="db-empty">{t('dashboard.figures.noManaged')}</p>
          )}
        </section>
      ) : null}
    </>
  );
}

function PeriodPicker({
  programme,
  preset,
  custom,
  onPreset,
  onCustom,
  invalid,
}: {
  programme: Programme;
  preset: PeriodPreset;
  custom: Period;
  onPreset(preset: PeriodPreset): void;
  onCustom(period: Period): void;
  invalid: boolean;
}) {
  const { t } = useTranslation();
  return (
    <div className="db-period" role="group" aria-label={t('dashboard.period')}>
      <div className="segmented" data-testid="period-presets">
        {PRESETS[programme].map((p) => (
          <button key={p} type="button" aria-pressed={preset === p} onClick={() => onPreset(p)}>
            {t(`dashboard.presets.${p}`)}
          </button>
        ))}
      </div>
      {preset === 'custom' ? (
        <span className="db-period-dates">
          <input
            type="date"
            className="input input-sm"
            aria-label={t('dashboard.from')}
            aria-invalid={invalid || undefined}
            value={custom.from}
            onChange={(e) => onCustom({ ...custom, from: e.target.value })}
          />
          <span aria-hidden="true">–</span>
          <input
            type="date"
            className="input input-sm"
            aria-label={t('dashboard.to')}
            aria-invalid={invalid || undefined}
            value={custom.to}
            onChange={(e) => onCustom({ ...custom, to: e.target.value })}
          />
        </span>
      ) : null}
    </div>
  );
}

export function DashboardPage() {
  const { t } = useTranslation();
  usePageTitle(t('dashboard.title'));
  const orgType = useSession((s) => s.status?.org?.type);
  const role = useSession((s) => s.status?.user?.role);
  const programme: Programme = orgType === 'maternal' ? 'perinatal' : 'school';
  const today = todayIso();
  const first = PRESETS[programme][0] as Exclude<PeriodPreset, 'custom'>;
  const [preset, setPreset] = useState<PeriodPreset>(first);
  const [custom, setCustom] = useState<Period>(() => presetPeriod(first, today));
  // While a custom range is half typed, the figures stay those of the last complete one.
  const [applied, setApplied] = useState<Period>(custom);
  const invalid = isInvalid(custom);
  const period = preset === 'custom' ? applied : presetPeriod(preset, today);

  const view = useApi(
    () => invoke('dashboard.get', { programme, from: period.from, to: period.to }),
    [programme, period.from, period.to],
  );
  const tiers = useApi(() => invoke('tiers.get', { programme }), [programme]);
  const levels = tiers.data?.active.ruleSet.levels ?? [];
  const data = useMemo(() => view.data && withTimePointNames(view.data, t), [view.data, t]);
  const flaggedLabel = t(`dashboard.charts.flagged.${programme}`);

  return (
    <div className="page db-page" data-testid="dashboard-page">
      <div className="page-header">
        <div>
          <h1 className="page-title">{t('dashboard.title')}</h1>
          <p className="page-subtitle">
            {t(role === 'supervisor' ? 'dashboard.subtitleSupervisor' : 'dashboard.subtitle')}
          </p>
        </div>
      </div>

      {view.error || tiers.error ? (
        <Alert title={t('dashboard.loadFailed')}>
          {describeError(view.error ?? tiers.error)}{' '}
          <Button
            variant="link"
            onClick={() => {
              view.reload();
              tiers.reload();
            }}
          >
            {t('common.retry')}
          </Button>
        </Alert>
      ) : null}

      <UrgentAlerts />

      {data?.tasks ? (
        <div className="db-tasks" data-testid="dashboard-tasks">
          {/* Safety checks after a critical answer are not routine work: their own card, first. */}
          <TaskCard
            title={t('dashboard.tasks.urgent')}
            count={data.safetyChecksDueToday + data.safetyChecksOverdue}
            items={data.tasks.urgent}
            empty={t('dashboard.tasks.noneUrgent')}
            tone="urgent"
            levels={levels}
            testId="tasks-urgent"
          />
          <TaskCard
            title={t('dashboard.tasks.overdue')}
            count={data.tasksOverdue - data.safetyChecksOverdue}
            items={data.tasks.overdue}
            empty={t('dashboard.tasks.noneOverdue')}
            tone="overdue"
            levels={levels}
            testId="tasks-overdue"
          />
          <TaskCard
            title={t('dashboard.tasks.today')}
            count={data.tasksDueToday - data.safetyChecksDueToday}
            items={data.tasks.dueToday}
            empty={t('dashboard.tasks.noneToday')}
            tone="today"
            levels={levels}
            testId="tasks-today"
          />
        </div>
      ) : null}

      <div className="db-toolbar">
        <PeriodPicker
          programme={programme}
          preset={preset}
          custom={custom}
          onPreset={(p) => {
            if (p === 'custom') {
              setCustom(period);
              setApplied(period);
            }
            setPreset(p);
          }}
          onCustom={(next) => {
            setCustom(next);
            if (!isInvalid(next)) setApplied(next);
          }}
          invalid={invalid}
        />
        <span className="db-period-range" data-testid="period-range">
          {t('dashboard.periodRange', { from: period.from, to: period.to })}
        </span>
        {view.loading ? <Spinner size={16} /> : null}
      </div>

      {!data || !tiers.data ? (
        !view.error && !tiers.error ? (
          <div className="card card-loading">
            <Spinner size={20} />
            {t('common.loading')}
          </div>
        ) : null
      ) : (
        <>
          <Figures view={data} levels={levels} programme={programme} />
          <div className="db-tables">
            {programme === 'perinatal' ? (
              <PositiveTable
                title={t('dashboard.charts.timePoint')}
                rows={data.breakdowns.find((b) => b.dimension === 'timePoint')?.groups ?? []}
                view={data}
                flaggedLabel={flaggedLabel}
                testId="table-timePoint"
              />
            ) : null}
            <ScaleTable rows={data.byInstrument} />
          </div>
          <div className="db-charts">
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
    </div>
  );
}
