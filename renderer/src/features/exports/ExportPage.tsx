import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClassRef } from '../../../../shared/api/auth';
import {
  EXPORT_VARIANTS_BY_ROLE,
  type ExportProgress,
  type ExportVariant,
} from '../../../../shared/api/exports';
import { invoke } from '../../api/client';
import { useServerEvents } from '../../api/events';
import { describeError } from '../../api/errors';
import { Alert } from '../../ui/Alert';
import { downloadBase64 } from '../../lib/files';
import { useApi } from '../../lib/useApi';
import { usePageTitle } from '../../lib/usePageTitle';
import { useSession } from '../../store/session';
import { GroupReportPicker } from '../reports/GroupReportPicker';
import { Button } from '../../ui/Button';
import { exportFailureWords } from './failure';

const QUIET_MS = 5_000;
const toggle = <T,>(list: readonly T[], item: T, same = (a: T, b: T) => a === b) =>
  list.some((x) => same(x, item)) ? list.filter((x) => !same(x, item)) : [...list, item];
const sameClass = (a: ClassRef, b: ClassRef) => a.grade === b.grade && a.className === b.className;

/** 导出: the roster workbook as a background job with a progress bar and cancel; the file arrives as a download. */
export function ExportPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('export.title'));
  const status = useSession((s) => s.status);
  const role = status?.user?.role;
  const programme = status?.org?.type === 'maternal' ? 'perinatal' : 'school';
  const variants = role ? EXPORT_VARIANTS_BY_ROLE[role] : [];
  const [variant, setVariant] = useState<ExportVariant>(variants[0] ?? 'full');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [levels, setLevels] = useState<string[]>([]);
  const [grades, setGrades] = useState<string[]>([]);
  const [classes, setClasses] = useState<ClassRef[]>([]);
  const [townships, setTownships] = useState<string[]>([]);
  const [leaveOut, setLeaveOut] = useState<('diagnosis' | 'items')[]>([]);
  const [shiftDates, setShiftDates] = useState(false);
  const [jobId, setJobId] = useState<string | null>(null);
  const [progress, setProgress] = useState<ExportProgress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const lang = i18n.language.startsWith('en') ? 'en' : 'zh';

  const tiers = useApi(() => invoke('tiers.get', { programme }), [programme]);
  // Class teachers have no population to choose (their classes are their scope).
  const groups = useApi(
    () => (role === 'class_teacher' ? Promise.resolve(null) : invoke('people.groups', {})),
    [role],
  );
  // The job this page follows; events and replies for any other (an older, cancelled one) are ignored.
  const latest = useRef<string | null>(null);

  /** Reads the job's state (phase, counts, error) and, once it is done, downloads the workbook once. */
  const follow = useCallback(async (id: string) => {
    try {
      const p = await invoke('exports.progress', { jobId: id });
      if (latest.current !== id) return;
      setProgress(p);
      if (p.state === 'running') return;
      // Cleared before the fetch, so a second event for the same job cannot fetch it again.
      latest.current = null;
      setJobId(null);
      if (p.state === 'done') {
        const file = await invoke('exports.fetch', { jobId: id });
        downloadBase64(file.fileName, file.contentBase64);
      }
    } catch (err) {
      if (latest.current === id) {
        latest.current = null;
        setJobId(null);
      }
      setError(describeError(err));
    }
  }, []);

  // Pushed by the export job (about ten a second while rows are written), instead of polling.
  const lastEvent = useRef(0);
  useServerEvents(['job.progress'], (event) => {
    if (event.type !== 'job.progress' || event.jobId !== latest.current) return;
    lastEvent.current = Date.now();
    void follow(event.jobId);
  });
  // Only if the event stream went quiet (a dropped connection reconnecting) is the job asked directly.
  useEffect(() => {
    if (!jobId) return;
    const timer = setInterval(() => {
      if (Date.now() - lastEvent.current > QUIET_MS) void follow(jobId);
    }, QUIET_MS);
    return () => clearInterval(timer);
  }, [jobId, follow]);

  if (!variants.length) return <Alert kind="warning">{t('export.noVariants')}</Alert>;

  const wholeGroups = variant === 'deidentified';
  const failure = progress?.state === 'failed' ? exportFailureWords(progress) : null;
  const start = async () => {
    setError(null);
    setProgress(null);
    try {
      const started = await invoke('exports.start', {
        programme,
        variant,
        ...(from ? { from } : {}),
        ...(to ? { to } : {}),
        ...(levels.length ? { levels } : {}),
        // The de-identified file covers whole grades (or everyone), never one class or township.
        population: wholeGroups ? { grades, classes: [], townships: [] } : { grades, classes, townships },
        leaveOut,
        shiftDates: variant === 'deidentified' && shiftDates,
      });
      setJobId(started.jobId);
      latest.current = started.jobId;
      // Catches up with what happened before this page knew the job's id (a small export may be done).
      void follow(started.jobId);
    } catch (err) {
      setError(describeError(err));
    }
  };
  const cancel = async () => {
    if (!jobId) return;
    const id = jobId;
    setJobId(null);
    latest.current = null;
    try {
      await invoke('exports.cancel', { jobId: id });
      setProgress((p) => (p ? { ...p, state: 'cancelled' } : p));
    } catch (err) {
      setError(describeError(err));
    }
  };
  const running = jobId !== null;
  const levelList = tiers.data?.active.ruleSet.levels ?? [];

  return (
    <div className="page" data-testid="export-page">
      <div className="page-header">
        <div>
          <h1 className="page-title">{t('export.title')}</h1>
          <p className="page-subtitle">{t('export.subtitle')}</p>
        </div>
      </div>
      <div className="card card-pad">
        <div className="form-grid">
          <div className="field">
            <span className="field-label">{t('export.programme')}</span>
            <span>{t(`export.programmes.${programme}`)}</span>
          </div>
          <label className="field">
            <span className="field-label">{t('export.from')}</span>
            <input className="input" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
          </label>
          <label className="field">
            <span className="field-label">{t('export.to')}</span>
            <input className="input" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
          </label>
          <label className="field">
            <span className="field-label">{t('export.variant')}</span>
            <select
              className="input"
              data-testid="export-variant"
              value={variant}
              onChange={(e) => setVariant(e.target.value as ExportVariant)}
            >
              {variants.map((v) => (
                <option key={v} value={v}>
                  {t(`export.variants.${v}`)}
                </option>
              ))}
            </select>
          </label>
        </div>

        <fieldset className="field">
          <legend className="field-label">{t('export.levels')}</legend>
          <p className="field-hint">{t('export.levelsHint')}</p>
          <div className="chip-row">
            {levelList.map((l) => (
              <label key={l.id} className="checkbox">
                <input
                  type="checkbox"
                  checked={levels.includes(l.id)}
                  onChange={() => setLevels(toggle(levels, l.id))}
                />
                {l.name[lang]}
              </label>
            ))}
          </div>
        </fieldset>

        {groups.data && (
          <fieldset className="field">
            <legend className="field-label">{t('export.population')}</legend>
            <p className="field-hint">
              {wholeGroups ? t('export.populationDeidentified') : t('export.populationHint')}
            </p>
            <div className="chip-row">
              {programme === 'school'
                ? groups.data.grades.flatMap((g) => [
                    <label key={g.grade} className="checkbox">
                      <input
                        type="checkbox"
                        checked={grades.includes(g.grade)}
                        onChange={() => setGrades(toggle(grades, g.grade))}
                      />
                      {t('export.grade', { grade: g.grade })}
                    </label>,
                    ...(wholeGroups ? [] : g.classes).map((c) => {
                      const ref = { grade: g.grade, className: c.className };
                      return (
                        <label key={`${g.grade}/${c.className}`} className="checkbox">
                          <input
                            type="checkbox"
                            checked={classes.some((x) => sameClass(x, ref))}
                            onChange={() => setClasses(toggle(classes, ref, sameClass))}
                          />
                          {g.grade}
                          {c.className}
                        </label>
                      );
                    }),
                  ])
                : (wholeGroups ? [] : groups.data.townships).map((w) => (
                    <label key={w.township} className="checkbox">
                      <input
                        type="checkbox"
                        checked={townships.includes(w.township)}
                        onChange={() => setTownships(toggle(townships, w.township))}
                      />
                      {w.township}
                    </label>
                  ))}
            </div>
          </fieldset>
        )}

        <fieldset className="field">
          <legend className="field-label">{t('export.options')}</legend>
          <div className="chip-row">
            <label className="checkbox">
              <input
                type="checkbox"
                checked={leaveOut.includes('diagnosis')}
                onChange={() => setLeaveOut(toggle(leaveOut, 'diagnosis'))}
              />
              {t('export.leaveOutDiagnosis')}
            </label>
            <label className="checkbox">
              <input
                type="checkbox"
                checked={leaveOut.includes('items')}
                onChange={() => setLeaveOut(toggle(leaveOut, 'items'))}
              />
              {t('export.leaveOutItems')}
            </label>
            {variant === 'deidentified' && (
              <label className="checkbox">
                <input type="checkbox" checked={shiftDates} onChange={() => setShiftDates(!shiftDates)} />
                {t('export.shiftDates')}
              </label>
            )}
          </div>
        </fieldset>

        {error && <Alert kind="error">{error}</Alert>}
        <div className="chip-row">
          <Button
            variant="primary"
            data-testid="export-start"
            disabled={running}
            onClick={() => void start()}
          >
            {t('export.start')}
          </Button>
          {running && (
            <Button variant="secondary" data-testid="export-cancel" onClick={() => void cancel()}>
              {t('export.cancel')}
            </Button>
          )}
        </div>
        {progress && (
          <div className="field" data-testid="export-progress" aria-live="polite">
            {progress.state === 'running' && (
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
            )}
            {progress.state === 'done' && (
              <Alert kind="info" testId="export-done">
                {t('export.done', { people: progress.people ?? 0, screenings: progress.screenings ?? 0 })}
              </Alert>
            )}
            {progress.state === 'cancelled' && <Alert kind="info">{t('export.cancelled')}</Alert>}
            {failure && (
              <Alert kind="error" testId="export-failed">
                {t(failure.key, { code: failure.code })}
              </Alert>
            )}
          </div>
        )}
      </div>
      <GroupReportPicker programme={programme} />
    </div>
  );
}
