import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClassRef } from '../../../../shared/api/auth';
import {
  EXPORT_VARIANTS_BY_ROLE,
  type ExportProgress,
  type ExportVariant,
} from '../../../../shared/api/exports';
import type { Programme } from '../../../../shared/instruments/schema';
import { useApiQuery } from '../../api/query';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { PageHeader } from '../../ui/PageHeader';
import { usePageTitle } from '../../lib/usePageTitle';
import { useSession } from '../../store/session';
import { GroupReportPicker } from '../reports/GroupReportPicker';
import { exportFailureWords } from './failure';
import { useExportJob } from './useExportJob';
import styles from './ExportPage.module.css';

const toggle = <T,>(list: readonly T[], item: T, same = (a: T, b: T) => a === b) =>
  list.some((x) => same(x, item)) ? list.filter((x) => !same(x, item)) : [...list, item];
const sameClass = (a: ClassRef, b: ClassRef) => a.grade === b.grade && a.className === b.className;

interface Options {
  variant: ExportVariant;
  from: string;
  to: string;
  levels: string[];
  grades: string[];
  classes: ClassRef[];
  townships: string[];
  leaveOut: ('diagnosis' | 'items')[];
  shiftDates: boolean;
}

/** One checkbox with its words; the option groups are rows of these. */
function Check({ checked, onToggle, children }: { checked: boolean; onToggle(): void; children: ReactNode }) {
  return (
    <label className="checkbox">
      <input type="checkbox" checked={checked} onChange={onToggle} />
      {children}
    </label>
  );
}

function OptionGroup({ legend, hint, children }: { legend: string; hint?: string; children: ReactNode }) {
  return (
    <fieldset className={`field ${styles.group}`}>
      <legend className="field-label">{legend}</legend>
      {hint ? <p className="field-hint">{hint}</p> : null}
      <div className={styles.options}>{children}</div>
    </fieldset>
  );
}

/** Whom the file covers: grades and classes (school) or townships (perinatal), all when none ticked. */
function Population({
  programme,
  options,
  set,
}: {
  programme: Programme;
  options: Options;
  set(patch: Partial<Options>): void;
}) {
  const { t } = useTranslation();
  const groups = useApiQuery('people.groups', {});
  // The de-identified file covers whole grades (or everyone), never one class or township.
  const wholeGroups = options.variant === 'deidentified';
  if (!groups.data) return null;
  return (
    <OptionGroup
      legend={t('export.population')}
      hint={wholeGroups ? t('export.populationDeidentified') : t('export.populationHint')}
    >
      {programme === 'school'
        ? groups.data.grades.flatMap((g) => [
            <Check
              key={g.grade}
              checked={options.grades.includes(g.grade)}
              onToggle={() => set({ grades: toggle(options.grades, g.grade) })}
            >
              {t('export.grade', { grade: g.grade })}
            </Check>,
            ...(wholeGroups ? [] : g.classes).map((c) => {
              const ref = { grade: g.grade, className: c.className };
              return (
                <Check
                  key={`${g.grade}/${c.className}`}
                  checked={options.classes.some((x) => sameClass(x, ref))}
                  onToggle={() => set({ classes: toggle(options.classes, ref, sameClass) })}
                >
                  {g.grade}
                  {c.className}
                </Check>
              );
            }),
          ])
        : (wholeGroups ? [] : groups.data.townships).map((w) => (
            <Check
              key={w.township}
              checked={options.townships.includes(w.township)}
              onToggle={() => set({ townships: toggle(options.townships, w.township) })}
            >
              {w.township}
            </Check>
          ))}
    </OptionGroup>
  );
}

function Progress({ progress }: { progress: ExportProgress }) {
  const { t } = useTranslation();
  return (
    <div className={`field ${styles.progress}`} data-testid="export-progress" aria-live="polite">
      {progress.state === 'running' ? (
        <>
          <span>
            {t('export.running')} {t(`export.phases.${progress.phase}`)} ·{' '}
            {t('export.rows', { done: progress.done, total: progress.total })}
          </span>
          <progress
            max={Math.max(progress.total, 1)}
            value={progress.done}
            aria-label={t('export.running')}
          />
        </>
      ) : null}
      {progress.state === 'done' ? (
        <Alert kind="info" testId="export-done">
          {t('export.done', { people: progress.people ?? 0, screenings: progress.screenings ?? 0 })}
        </Alert>
      ) : null}
      {progress.state === 'cancelled' ? <Alert kind="info">{t('export.cancelled')}</Alert> : null}
      {progress.state === 'failed' ? (
        <Alert kind="error" testId="export-failed">
          {t(exportFailureWords(progress).key, { code: exportFailureWords(progress).code })}
        </Alert>
      ) : null}
    </div>
  );
}

/** 导出: the roster workbook as a background job with a progress bar and cancel; the file arrives as a download. */
export function ExportPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('export.title'));
  const status = useSession((s) => s.status);
  const role = status?.user?.role;
  const programme: Programme = status?.org?.type === 'maternal' ? 'perinatal' : 'school';
  const variants = role ? EXPORT_VARIANTS_BY_ROLE[role] : [];
  const [options, setOptions] = useState<Options>({
    variant: variants[0] ?? 'full',
    from: '',
    to: '',
    levels: [],
    grades: [],
    classes: [],
    townships: [],
    leaveOut: [],
    shiftDates: false,
  });
  const set = (patch: Partial<Options>) => setOptions((o) => ({ ...o, ...patch }));
  const job = useExportJob();
  const tiers = useApiQuery('tiers.get', { programme });
  const lang = i18n.language.startsWith('en') ? 'en' : 'zh';

  if (!variants.length) return <Alert kind="warning">{t('export.noVariants')}</Alert>;

  const { variant, from, to, levels, grades, classes, townships, leaveOut } = options;
  const deidentified = variant === 'deidentified';
  const start = () =>
    job.start({
      programme,
      variant,
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
      ...(levels.length ? { levels } : {}),
      population: deidentified ? { grades, classes: [], townships: [] } : { grades, classes, townships },
      leaveOut,
      shiftDates: deidentified && options.shiftDates,
    });
  const leave = (what: 'diagnosis' | 'items') => () => set({ leaveOut: toggle(leaveOut, what) });

  return (
    <div className="page" data-testid="export-page">
      <PageHeader title={t('export.title')} subtitle={t('export.subtitle')} />
      <div className="card card-pad">
        <div className="form-grid">
          <div className="field">
            <span className="field-label">{t('export.programme')}</span>
            <span>{t(`export.programmes.${programme}`)}</span>
          </div>
          <label className="field">
            <span className="field-label">{t('export.from')}</span>
            <input
              className="input"
              type="date"
              value={from}
              onChange={(e) => set({ from: e.target.value })}
            />
          </label>
          <label className="field">
            <span className="field-label">{t('export.to')}</span>
            <input className="input" type="date" value={to} onChange={(e) => set({ to: e.target.value })} />
          </label>
          <label className="field">
            <span className="field-label">{t('export.variant')}</span>
            <select
              className="input"
              data-testid="export-variant"
              value={variant}
              onChange={(e) => set({ variant: e.target.value as ExportVariant })}
            >
              {variants.map((v) => (
                <option key={v} value={v}>
                  {t(`export.variants.${v}`)}
                </option>
              ))}
            </select>
          </label>
        </div>

        <OptionGroup legend={t('export.levels')} hint={t('export.levelsHint')}>
          {(tiers.data?.active.ruleSet.levels ?? []).map((l) => (
            <Check
              key={l.id}
              checked={levels.includes(l.id)}
              onToggle={() => set({ levels: toggle(levels, l.id) })}
            >
              {l.name[lang]}
            </Check>
          ))}
        </OptionGroup>

        {/* Class teachers have no population to choose (their classes are their scope). */}
        {role === 'class_teacher' ? null : <Population programme={programme} options={options} set={set} />}

        <OptionGroup legend={t('export.options')}>
          <Check checked={leaveOut.includes('diagnosis')} onToggle={leave('diagnosis')}>
            {t('export.leaveOutDiagnosis')}
          </Check>
          <Check checked={leaveOut.includes('items')} onToggle={leave('items')}>
            {t('export.leaveOutItems')}
          </Check>
          {deidentified ? (
            <Check checked={options.shiftDates} onToggle={() => set({ shiftDates: !options.shiftDates })}>
              {t('export.shiftDates')}
            </Check>
          ) : null}
        </OptionGroup>

        {job.error ? <Alert kind="error">{job.error}</Alert> : null}
        <div className={styles.options}>
          <Button
            variant="primary"
            data-testid="export-start"
            disabled={job.running}
            onClick={() => void start()}
          >
            {t('export.start')}
          </Button>
          {job.running ? (
            <Button variant="secondary" data-testid="export-cancel" onClick={() => void job.cancel()}>
              {t('export.cancel')}
            </Button>
          ) : null}
        </div>
        {job.progress ? <Progress progress={job.progress} /> : null}
      </div>
      <GroupReportPicker programme={programme} />
    </div>
  );
}
