import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { GroupReport, GroupReportInput } from '../../../../shared/api/reports';
import { percentText, ratio } from '../../../../shared/figures/rates';
import type { TierLevel } from '../../../../shared/tiers/schema';
import { invoke } from '../../api/client';
import { localized, useContentLanguage } from '../../lib/format';
import { useApi } from '../../lib/useApi';
import { todayIso } from '../../lib/validation';
import { loadResultLabels, type ResultLabels } from '../people/personApi';
import { BandHistogram, LevelCounts } from './ReportCharts';
import { ReportFrame, ReportHead } from './ReportFrame';

/** The same rounding as the dashboard and the export (shared/figures/rates.ts). */
const percent = (part: number, whole: number) => percentText(ratio(part, whole));
const sumOf = (byLevel: Record<string, number>, ids: readonly string[]) =>
  ids.reduce((n, id) => n + (byLevel[id] ?? 0), 0);

/** The query string of a group report's route, from what the export page picked. */
export function groupReportPath(input: GroupReportInput): string {
  const query = new URLSearchParams(
    Object.entries(input).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''),
  );
  return `/app/print/group?${query.toString()}`;
}

function inputFrom(params: URLSearchParams): GroupReportInput {
  const get = (key: string) => params.get(key) || undefined;
  return {
    programme: params.get('programme') === 'perinatal' ? 'perinatal' : 'school',
    grade: get('grade'),
    className: get('className'),
    township: get('township'),
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
  };
}

function Stat({ id, label, value }: { id: string; label: string; value: string | number }) {
  return (
    <div className="report-stat">
      <span className="report-stat-label">{label}</span>
      <span className="report-stat-value" data-testid={`report-fig-${id}`}>
        {value}
      </span>
    </div>
  );
}

function Report({ report, labels }: { report: GroupReport; labels: ResultLabels }) {
  const { t } = useTranslation();
  const lang = useContentLanguage();
  const f = report.figures;
  const school = report.programme === 'school';
  const levels: TierLevel[] = [...labels.levels.values()];
  const flagged = sumOf(f.byLevel, report.warningLevels);
  const g = (key: string) => t(`reports.group.${key}` as 'reports.group.due');
  const title = g(
    ({ class: 'titleSchool', grade: 'titleGrade', township: 'titlePerinatal' } as const)[report.scope],
  );
  const warning = levels.filter((l) => report.warningLevels.includes(l.id));
  return (
    <>
      <ReportHead
        org={report.orgName}
        title={`${report.group} ${title}`}
        meta={`${t('reports.group.period', { from: report.from, to: report.to })} · ${t('reports.printedOn', { date: todayIso() })}`}
      />
      <section className="report-section">
        <h2>{g('figures')}</h2>
        <div className="report-stats" data-testid="report-figures">
          <Stat id="due" label={g('due')} value={f.due} />
          <Stat id="screened" label={g('screened')} value={f.screened} />
          <Stat id="rate" label={g('rate')} value={percent(f.screened, f.due)} />
          <Stat id="flagged" label={school ? g('flagged') : g('positive')} value={flagged} />
          <Stat
            id="flagged-rate"
            label={school ? g('flaggedRate') : g('positiveRate')}
            value={percent(flagged, f.screened)}
          />
          <Stat id="critical" label={g('critical')} value={f.critical} />
          <Stat id="referred" label={g('referred')} value={f.referred} />
          <Stat id="attended" label={g('attended')} value={f.attended} />
        </div>
      </section>
      <section className="report-section report-columns">
        <div>
          <h2>{g('byLevel')}</h2>
          <table className="report-table" data-testid="report-levels">
            <thead>
              <tr>
                <th>{g('levelCol')}</th>
                <th className="num">{g('countCol')}</th>
                <th className="num">{g('shareCol')}</th>
              </tr>
            </thead>
            <tbody>
              {levels.map((l) => (
                <tr key={l.id} data-level={l.id}>
                  <td>
                    <span className="report-swatch" style={{ background: l.colour }} />
                    {localized(l.name, lang)}
                  </td>
                  <td className="num">{f.byLevel[l.id] ?? 0}</td>
                  <td className="num">{percent(f.byLevel[l.id] ?? 0, f.screened)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="fact-note">
            {g('managed')}
            {t('common.colon')}
            {f.underManagement}
          </p>
        </div>
        <LevelCounts byLevel={f.byLevel} levels={levels} />
      </section>
      {report.classes.length ? (
        <section className="report-section">
          <h2>{g('classes')}</h2>
          <table className="report-table" data-testid="report-classes">
            <thead>
              <tr>
                <th>{g('classCol')}</th>
                <th className="num">{g('due')}</th>
                <th className="num">{g('screened')}</th>
                <th className="num">{g('rate')}</th>
                {warning.map((l) => (
                  <th key={l.id} className="num">
                    {localized(l.name, lang)}
                  </th>
                ))}
                <th className="num">{g('flaggedRate')}</th>
              </tr>
            </thead>
            <tbody>
              {report.classes.map((c) => (
                <tr key={c.group}>
                  <td>{c.group}</td>
                  <td className="num">{c.due}</td>
                  <td className="num">{c.screened}</td>
                  <td className="num">{percent(c.screened, c.due)}</td>
                  {warning.map((l) => (
                    <td key={l.id} className="num">
                      {c.byLevel[l.id] ?? 0}
                    </td>
                  ))}
                  <td className="num">{percent(sumOf(c.byLevel, report.warningLevels), c.screened)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      <section className="report-section">
        <h2>{g('instruments')}</h2>
        {report.instruments.length ? (
          <div className="report-grid-2">
            {report.instruments.map((i) => {
              const summary = labels.instruments.get(i.instrumentId);
              return (
                <BandHistogram
                  key={i.instrumentId}
                  title={t('reports.group.instrumentScreened', {
                    name: summary ? localized(summary.names, lang) : i.instrumentId,
                    count: i.screened,
                    positive: i.positive,
                  })}
                  byBand={i.byBand}
                  bands={summary?.bands ?? []}
                />
              );
            })}
          </div>
        ) : (
          <p className="fact-note">{g('noInstruments')}</p>
        )}
      </section>
      <p className="report-note">
        {g('privacy')} {t('reports.notDiagnosis')}
      </p>
    </>
  );
}

/** /app/print/group?programme=…&grade=…&className=…&township=…&from=…&to=… — figures only, for a supervisor. */
export function GroupReportPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const key = params.toString();
  const input = inputFrom(params);
  // The query string is the input: a new one fetches again.
  const report = useApi(() => invoke('reports.group', input), [key]);
  const labels = useApi(() => loadResultLabels(input.programme), [input.programme]);
  return (
    <ReportFrame
      title={report.data ? report.data.group : t('reports.group.titleSchool')}
      error={report.error ?? labels.error}
      ready={Boolean(report.data && labels.data)}
      testId="group-report"
    >
      {() => <Report report={report.data!} labels={labels.data!} />}
    </ReportFrame>
  );
}
