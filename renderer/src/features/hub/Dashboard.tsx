import { useEffect, useMemo, useState } from 'react';
import { Button } from '../../ui/Button';
import { Card } from '../../ui/Card';
import { SelectField, TextField } from '../../ui/Field';
import { Table, type Column } from '../../ui/Table';
import { HUB_REPORT_PATHS, hubCan, type HubMe } from '../../../../shared/hub/contract';
import {
  STALE_DAYS,
  type DistrictDashboard,
  type HubFigures,
  type HubInstallationRow,
  type HubLevel,
} from '../../../../shared/hub/views';
import { compareInstallations } from '../../../../shared/hub/figures';
import { districtParagraph } from '../../../../shared/hub/paragraph';
import { Alert } from '../../ui/Alert';
import styles from './HubApp.module.css';
import { downloadReport, hubCall } from './api';
import type { HubWords } from './i18n.zh';
import { ErrorAlert, Swatch, Tile } from './kit';
import { fill, percent, useHubWords } from './words';

interface Filter {
  township: string;
  from: string;
  to: string;
}

/** 应测/实测/参测率 for schools, 应筛/已筛/筛查率 at clinics, both when the scope holds both. */
export function coverageWords(w: HubWords, programmes: readonly string[]) {
  if (programmes.length === 1 && programmes[0] === 'perinatal') return w.words.perinatal;
  if (programmes.length === 1 && programmes[0] === 'school') return w.words.school;
  return programmes.length === 0 ? w.words.school : w.words.mixed;
}

export const levelName = (level: HubLevel, en: boolean): string => (en ? level.name.en : level.name.zh);

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

function query(filter: Filter, en: boolean): string {
  const params = new URLSearchParams();
  if (filter.township) params.set('township', filter.township);
  if (MONTH.test(filter.from)) params.set('from', filter.from);
  if (MONTH.test(filter.to)) params.set('to', filter.to);
  params.set('lang', en ? 'en' : 'zh');
  return params.toString();
}

export function Dashboard({ me, onOpen }: { me: HubMe; onOpen(row: HubInstallationRow): void }) {
  const { w, en } = useHubWords();
  const [filter, setFilter] = useState<Filter>({ township: '', from: '', to: '' });
  const [data, setData] = useState<DistrictDashboard | null>(null);
  const [townships, setTownships] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let live = true;
    hubCall('hub.dashboard', {
      ...(filter.township ? { township: filter.township } : {}),
      ...(MONTH.test(filter.from) ? { from: filter.from } : {}),
      ...(MONTH.test(filter.to) ? { to: filter.to } : {}),
    })
      .then((value) => {
        if (!live) return;
        setData(value);
        setError(null);
        // The township list comes from the unfiltered view, so choosing one keeps the others.
        if (!filter.township)
          setTownships(
            value.byTownship.map((t) => t.township).filter((t): t is string => t !== null && t !== ''),
          );
      })
      .catch((e: unknown) => live && setError(e));
    return () => {
      live = false;
    };
  }, [filter]);

  const [downloading, setDownloading] = useState<'xlsx' | 'pdf' | null>(null);
  const [reportError, setReportError] = useState<unknown>(null);

  async function download(kind: 'xlsx' | 'pdf') {
    setDownloading(kind);
    setReportError(null);
    try {
      await downloadReport(`${HUB_REPORT_PATHS[kind]}?${query(filter, en)}`);
    } catch (e) {
      setReportError(e);
    } finally {
      setDownloading(null);
    }
  }

  // The views' order (overdue safety checks first), kept whatever order the answer came in.
  const rows = useMemo(() => [...(data?.installations ?? [])].sort(compareInstallations), [data]);
  const paragraph = useMemo(() => (data ? districtParagraph(data, en ? 'en' : 'zh') : ''), [data, en]);
  const stale = rows.filter((r) => r.stale && r.status !== 'revoked');
  const cover = coverageWords(w, data?.programmes ?? []);
  const canOpen = hubCan(me.role, 'hub.cases');
  const levels = data?.levels ?? [];

  const columns: Column<HubInstallationRow>[] = [
    { key: 'name', header: w.dashboard.cols.name, kind: 'strong', cell: (r) => r.name },
    { key: 'programme', header: w.dashboard.cols.programme, cell: (r) => w.dashboard.programme[r.programme] },
    { key: 'township', header: w.dashboard.cols.township, cell: (r) => r.township ?? w.common.none },
    {
      key: 'last',
      header: w.dashboard.cols.lastBundle,
      cell: (r) => (
        <>
          {r.lastBundleAt
            ? fill(w.dashboard.daysAgo, { date: r.lastBundleAt.slice(0, 10), days: r.daysSinceBundle ?? 0 })
            : w.dashboard.never}
          {r.stale ? (
            <span className={styles.stale} data-testid="stale">
              {w.dashboard.stale}
            </span>
          ) : null}
        </>
      ),
    },
    { key: 'people', header: w.dashboard.cols.people, kind: 'num', cell: (r) => r.people },
    { key: 'expected', header: cover.expected, kind: 'num', cell: (r) => r.figures.expected },
    { key: 'screened', header: cover.screened, kind: 'num', cell: (r) => r.figures.screened },
    { key: 'rate', header: cover.rate, kind: 'num', cell: (r) => percent(w, r.figures.rate) },
    {
      key: 'levels',
      header: w.dashboard.levels,
      cell: (r) => (
        <span className={styles.levels}>
          {levels
            .filter((level) => (r.figures.levels[level.id] ?? 0) > 0)
            .map((level) => (
              <span key={level.id} className={styles.level} title={levelName(level, en)}>
                <Swatch colour={level.colour} />
                {r.figures.levels[level.id]}
              </span>
            ))}
        </span>
      ),
    },
    {
      key: 'overdue',
      header: w.dashboard.cols.overdueSafety,
      kind: 'num',
      cell: (r) =>
        r.figures.overdueSafetyChecks > 0 ? (
          <span className={styles.dangerText}>{r.figures.overdueSafetyChecks}</span>
        ) : (
          0
        ),
    },
    ...(canOpen
      ? [
          {
            key: 'open',
            header: w.dashboard.cols.open,
            cell: (r: HubInstallationRow) => (
              <Button size="sm" variant="link" onClick={() => onOpen(r)} data-testid="open-cases">
                {w.dashboard.cols.open}
              </Button>
            ),
          } as Column<HubInstallationRow>,
        ]
      : []),
  ];

  return (
    <>
      <header className={styles.filters}>
        <div>
          <h1 className="card-title">{data?.hubName ?? w.dashboard.heading}</h1>
          {data ? <p className={styles.who}>{fill(w.dashboard.asOf, { date: data.asOf })}</p> : null}
        </div>
      </header>
      <ErrorAlert error={error ?? reportError} />
      <div className={styles.filters}>
        <SelectField
          label={w.dashboard.township}
          value={filter.township}
          onValue={(township) => setFilter((f) => ({ ...f, township }))}
          options={[
            { value: '', label: w.dashboard.allTownships },
            ...townships.map((t) => ({ value: t, label: t })),
          ]}
          data-testid="township-filter"
        />
        <TextField
          label={w.dashboard.from}
          type="month"
          value={filter.from}
          onValue={(from) => setFilter((f) => ({ ...f, from }))}
        />
        <TextField
          label={w.dashboard.to}
          type="month"
          value={filter.to}
          onValue={(to) => setFilter((f) => ({ ...f, to }))}
        />
        <div className={styles.actions}>
          <Button
            busy={downloading === 'xlsx'}
            onClick={() => void download('xlsx')}
            data-testid="report-xlsx"
          >
            {w.dashboard.workbook}
          </Button>
          <Button busy={downloading === 'pdf'} onClick={() => void download('pdf')} data-testid="report-pdf">
            {w.dashboard.pdf}
          </Button>
        </div>
      </div>
      {paragraph ? (
        <p className={styles.paragraph} data-testid="hub-paragraph">
          {paragraph}
        </p>
      ) : null}
      {data ? (
        <div className={styles.stack} data-testid="hub-totals">
          {(data.byProgramme.length > 0
            ? data.byProgramme
            : [{ programme: 'school' as const, levels, figures: data.totals }]
          ).map((p) => (
            <ProgrammeTotals
              key={p.programme}
              programme={p.programme}
              levels={p.levels}
              totals={p.figures}
              title={
                data.byProgramme.length > 1
                  ? `${w.dashboard.programme[p.programme]} · ${w.dashboard.totals}`
                  : w.dashboard.totals
              }
            />
          ))}
        </div>
      ) : null}
      {stale.length > 0 ? (
        <Alert
          kind="warning"
          title={fill(w.dashboard.staleAlert, { count: stale.length, days: STALE_DAYS })}
          testId="hub-stale"
        >
          {stale.map((r) => r.name).join(w.dashboard.separator)}
        </Alert>
      ) : null}
      {data && data.byTownship.length > 1 ? (
        <Card title={w.dashboard.byTownship}>
          <Table
            dense
            columns={[
              {
                key: 'township',
                header: w.dashboard.township,
                kind: 'strong',
                cell: (t) => t.township || w.dashboard.noTownship,
              },
              { key: 'expected', header: cover.expected, kind: 'num', cell: (t) => t.figures.expected },
              { key: 'screened', header: cover.screened, kind: 'num', cell: (t) => t.figures.screened },
              { key: 'rate', header: cover.rate, kind: 'num', cell: (t) => percent(w, t.figures.rate) },
              { key: 'critical', header: w.dashboard.critical, kind: 'num', cell: (t) => t.figures.critical },
              {
                key: 'attendance',
                header: w.dashboard.attendanceRate,
                kind: 'num',
                cell: (t) => percent(w, t.figures.attendanceRate),
              },
              {
                key: 'overdue',
                header: w.dashboard.overdueSafety,
                kind: 'num',
                cell: (t) => t.figures.overdueSafetyChecks,
              },
            ]}
            rows={data.byTownship}
            rowKey={(t) => t.township ?? ''}
            label={w.dashboard.byTownship}
            testId="hub-townships"
          />
        </Card>
      ) : null}
      {data ? (
        <Card title={w.dashboard.installations} footNote={w.dashboard.installationsHint}>
          <Table
            columns={columns}
            rows={rows}
            rowKey={(r) => r.id}
            label={w.dashboard.installations}
            testId="hub-installations"
            rowTestId="hub-installation"
            rowData={(r) => ({
              installation: r.name,
              overdue: r.figures.overdueSafetyChecks,
              stale: String(r.stale),
            })}
            empty={<p className={`card-pad ${styles.who}`}>{w.dashboard.empty}</p>}
          />
        </Card>
      ) : null}
      {data && data.trend.length > 0 ? (
        <Card title={w.dashboard.trend}>
          <Table
            dense
            columns={[
              { key: 'month', header: w.dashboard.month, cell: (p) => p.month },
              { key: 'expected', header: cover.expected, kind: 'num', cell: (p) => p.expected },
              { key: 'screened', header: cover.screened, kind: 'num', cell: (p) => p.screened },
              ...levels.map((level) => ({
                key: `level-${level.id}`,
                header: levelName(level, en),
                kind: 'num' as const,
                cell: (p: DistrictDashboard['trend'][number]) => p.levels[level.id] ?? 0,
              })),
              { key: 'critical', header: w.dashboard.critical, kind: 'num', cell: (p) => p.critical },
            ]}
            rows={data.trend}
            rowKey={(p) => p.month}
            label={w.dashboard.trend}
            testId="hub-trend"
          />
        </Card>
      ) : null}
    </>
  );
}

/**
 * One programme's totals: a school's 人次 and a clinic's 孕产妇 never add up, so each programme in
 * scope has its own block, in its own words (应测/实测/参测率 or 应筛/已筛/筛查率) and levels.
 */
function ProgrammeTotals({
  programme,
  levels,
  totals,
  title,
}: {
  programme: 'school' | 'perinatal';
  levels: readonly HubLevel[];
  totals: HubFigures;
  title: string;
}) {
  const { w, en } = useHubWords();
  const cover = coverageWords(w, [programme]);
  return (
    <Card title={title} testId={`hub-totals-${programme}`}>
      <div className="card-pad">
        <div className={styles.tiles}>
          <Tile label={cover.expected} value={totals.expected} testId="total-expected" />
          <Tile label={cover.screened} value={totals.screened} testId="total-screened" />
          <Tile label={cover.rate} value={percent(w, totals.rate)} testId="total-rate" />
          <Tile
            label={w.dashboard.critical}
            value={totals.critical}
            danger={totals.critical > 0}
            testId="total-critical"
          />
          <Tile label={w.dashboard.referred} value={totals.referred} testId="total-referred" />
          <Tile label={w.dashboard.attended} value={totals.attended} testId="total-attended" />
          <Tile
            label={w.dashboard.attendanceRate}
            value={percent(w, totals.attendanceRate)}
            testId="total-attendance"
          />
          <Tile label={w.dashboard.openCases} value={totals.openCases} testId="total-open" />
          <Tile
            label={w.dashboard.overdueSafety}
            value={totals.overdueSafetyChecks}
            danger={totals.overdueSafetyChecks > 0}
            testId="total-overdue-safety"
          />
          <Tile label={w.dashboard.overdueTasks} value={totals.overdueTasks} testId="total-overdue-tasks" />
        </div>
        <h3 className={styles.tileLabel}>{w.dashboard.levels}</h3>
        <ul className={styles.levels} data-testid="hub-levels">
          {levels.map((level) => (
            <li key={level.id} className={styles.level} data-level={level.id}>
              <Swatch colour={level.colour} />
              <span>{levelName(level, en)}</span>
              <strong data-testid={`level-${level.id}`}>{totals.levels[level.id] ?? 0}</strong>
            </li>
          ))}
        </ul>
      </div>
    </Card>
  );
}
