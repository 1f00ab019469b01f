import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DashboardView } from '../../../../shared/api/dashboard';
import { percentText as percent, ratio } from '../../../../shared/figures/rates';
import { warningCount } from '../../../../shared/figures/warning';
import { MANAGED_COLOURS } from '../../../../shared/api/cases';
import type { Programme } from '../../../../shared/instruments/schema';
import type { TierLevel } from '../../../../shared/tiers/schema';
import { localized, useContentLanguage } from '../../lib/format';
import { Card } from '../../ui/Card';
import { Table, type Column } from '../../ui/Table';
import styles from './DashboardPage.module.css';

export const flaggedOf = (d: DashboardView, byLevel = d.byLevel) => warningCount(byLevel, d.warningLevels);

interface StatItem {
  id: string;
  label: string;
  value: ReactNode;
  sub?: string | undefined;
}

/** A card of figures, each a label over a big number (and a line under it). */
function StatCard({
  id,
  title,
  stats,
  empty,
}: {
  id: string;
  title: string;
  stats: StatItem[];
  empty?: string;
}) {
  return (
    <Card title={title} titleId={`db-${id}`}>
      {stats.length === 0 && empty ? (
        <p className={styles.empty}>{empty}</p>
      ) : (
        <div className={styles.stats}>
          {stats.map((s) => (
            <div key={s.id} className={styles.stat}>
              <span className={styles.statLabel}>{s.label}</span>
              <span className={styles.statValue} data-testid={`fig-${s.id}`}>
                {s.value}
              </span>
              {s.sub ? <span className={styles.statSub}>{s.sub}</span> : null}
            </div>
          ))}
        </div>
      )}
    </Card>
  );
}

/** The period's figures: screening, then follow-through, then (perinatal) management by colour. */
export function Figures({
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
  const school = programme === 'school';
  const flagged = flaggedOf(view);
  const shown = school ? levels.filter((l) => view.warningLevels.includes(l.id)) : levels.slice(0, -1);
  const label = (key: string) => t(`dashboard.figures.${key}.${programme}` as 'dashboard.figures.due.school');
  const stat = (id: string, text: string, value: ReactNode, sub?: string): StatItem => ({
    id,
    label: text,
    value,
    sub,
  });

  const screening = [
    stat('due', label('due'), view.due),
    stat('screened', label('screened'), view.screened),
    stat('rate', label('rate'), percent(view.screenedRate)),
    stat('flagged', label('flagged'), flagged),
    stat('flaggedRate', label('flaggedRate'), percent(ratio(flagged, view.screened))),
    ...shown.map((l) =>
      stat(
        `level-${l.id}`,
        localized(l.name, lang),
        view.byLevel[l.id] ?? 0,
        t('dashboard.figures.levelRate', { rate: percent(ratio(view.byLevel[l.id] ?? 0, view.screened)) }),
      ),
    ),
    stat(
      'critical',
      t('dashboard.figures.critical'),
      view.criticalItems,
      view.criticalUnsubmitted
        ? t('dashboard.figures.criticalUnsubmitted', { count: view.criticalUnsubmitted })
        : undefined,
    ),
  ];
  const followThrough = [
    ...(school ? [stat('interviewed', t('dashboard.figures.interviewed'), view.interviewed)] : []),
    stat('referred', label('referred'), view.referred),
    ...(school
      ? []
      : [stat('referralRate', t('dashboard.figures.referralRate'), percent(ratio(view.referred, flagged)))]),
    stat(
      'attended',
      label('attended'),
      view.attended,
      t('dashboard.figures.attendedRate', { rate: percent(ratio(view.attended, view.referred)) }),
    ),
    stat('diagnosed', label('diagnosed'), view.diagnosed),
    stat('underManagement', t('dashboard.figures.underManagement'), view.underManagement),
    stat('followUps', t('dashboard.figures.followUps'), view.followUps),
    stat(
      'followUpRate',
      t('dashboard.figures.followUpRate'),
      percent(ratio(view.followUpsDone, view.followUpsDue)),
      t('dashboard.figures.followUpRateHint', { due: view.followUpsDue, done: view.followUpsDone }),
    ),
    school
      ? stat('lifted', t('dashboard.figures.lifted'), view.lifted)
      : stat('closed', t('dashboard.figures.closed'), view.closed),
  ];
  const managed = MANAGED_COLOURS.filter((c) => view.managedByColour[c]).map((c) =>
    stat(
      `managed-${c}`,
      t('dashboard.figures.managed', { colour: t(`dashboard.figures.colours.${c}`) }),
      view.managedByColour[c],
    ),
  );

  return (
    <>
      <StatCard id="screening" title={t('dashboard.figures.screening')} stats={screening} />
      <StatCard id="follow" title={t('dashboard.figures.followThrough')} stats={followThrough} />
      {school ? null : (
        <StatCard
          id="managed"
          title={t('dashboard.figures.management')}
          stats={managed}
          empty={t('dashboard.figures.noManaged')}
        />
      )}
    </>
  );
}

interface RateRow {
  key: string;
  /** Time points: women whose window overlaps the period (应筛), before screened. */
  due?: number;
  screened: number;
  positive: number;
  undetermined?: number;
}

/** A small table of screened, positive and rate per row (a time point, a scale). */
function RateTable({
  title,
  rows,
  first,
  positive,
  withUndetermined = false,
  withDue = false,
  note,
  testId,
}: {
  title: string;
  rows: RateRow[];
  first: string;
  positive: string;
  withUndetermined?: boolean;
  withDue?: boolean;
  note?: string;
  testId: string;
}) {
  const { t } = useTranslation();
  const columns: Column<RateRow>[] = [
    { key: 'key', header: first, kind: 'strong', cell: (r) => r.key },
    ...(withDue
      ? [
          { key: 'due', header: t('dashboard.byTimePoint.due'), cell: (r: RateRow) => r.due ?? 0 },
          {
            key: 'screenedRate',
            header: t('dashboard.byTimePoint.rate'),
            cell: (r: RateRow) => percent(ratio(r.screened, r.due ?? 0)),
          },
        ]
      : []),
    { key: 'screened', header: t('dashboard.byInstrument.screened'), cell: (r) => r.screened },
    { key: 'positive', header: positive, cell: (r) => r.positive },
    {
      key: 'rate',
      header: t('dashboard.byInstrument.rate'),
      cell: (r) => percent(ratio(r.positive, r.screened)),
    },
    ...(withUndetermined
      ? [
          {
            key: 'undetermined',
            header: t('dashboard.byInstrument.undetermined'),
            cell: (r: RateRow) => r.undetermined,
          },
        ]
      : []),
  ];
  return (
    <Card title={title} footNote={note} testId={testId}>
      <Table columns={columns} rows={rows} rowKey={(r) => r.key} label={title} dense />
    </Card>
  );
}

/** Perinatal: flagged women per time point (the breakdown the charts also draw). */
export function TimePointTable({ view, flaggedLabel }: { view: DashboardView; flaggedLabel: string }) {
  const { t } = useTranslation();
  const groups = view.breakdowns.find((b) => b.dimension === 'timePoint')?.groups ?? [];
  return (
    <RateTable
      title={t('dashboard.charts.timePoint')}
      first={t('dashboard.charts.group')}
      positive={flaggedLabel}
      rows={groups.map((g) => ({
        key: g.group,
        due: g.due,
        screened: g.screened,
        positive: flaggedOf(view, g.byLevel),
      }))}
      withDue
      testId="table-timePoint"
    />
  );
}

/** School: screened and flagged students by sex (男/女), each with its rate. */
export function SexTable({ view, flaggedLabel }: { view: DashboardView; flaggedLabel: string }) {
  const { t } = useTranslation();
  const groups = view.breakdowns.find((b) => b.dimension === 'sex')?.groups ?? [];
  return (
    <RateTable
      title={t('dashboard.bySex.title')}
      first={t('dashboard.bySex.sex')}
      positive={flaggedLabel}
      rows={groups.map((g) => ({ key: g.group, screened: g.screened, positive: flaggedOf(view, g.byLevel) }))}
      testId="table-sex"
    />
  );
}

/** How many people stand at each level now: the register's level, the same for every screen. */
export function CurrentLevels({ view, levels }: { view: DashboardView; levels: readonly TierLevel[] }) {
  const { t } = useTranslation();
  const lang = useContentLanguage();
  return (
    <Card
      title={t('dashboard.figures.current')}
      footNote={t('dashboard.figures.currentNote')}
      testId="current-levels"
    >
      <div className={styles.stats}>
        {levels.map((l) => (
          <div key={l.id} className={styles.stat}>
            <span className={styles.statLabel}>{localized(l.name, lang)}</span>
            <span className={styles.statValue} data-testid={`current-${l.id}`}>
              {view.currentByLevel[l.id] ?? 0}
            </span>
          </div>
        ))}
      </div>
    </Card>
  );
}

/**
 * Per instrument, positives by that scale's own band (PHQ-9 ≥ 10, GAD-7 ≥ 10, PHQ-2 ≥ 3), never
 * the battery's combined level; sheets whose blanks leave the verdict open are counted apart.
 */
export function ScaleTable({ rows }: { rows: DashboardView['byInstrument'] }) {
  const { t } = useTranslation();
  return (
    <RateTable
      title={t('dashboard.byInstrument.title')}
      first={t('dashboard.byInstrument.instrument')}
      positive={t('dashboard.byInstrument.positive')}
      rows={rows.map((r) => ({ key: r.instrumentId, ...r }))}
      withUndetermined
      note={t('dashboard.byInstrument.note')}
      testId="table-instrument"
    />
  );
}
