import { lazy, Suspense, useMemo, useState, type CSSProperties, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { can } from '../../../../shared/api/contract';
import type { Person } from '../../../../shared/api/people';
import type { PersonFile } from '../../../../shared/api/person-file';
import type { PersonScreening, UnsubmittedSheet } from '../../../../shared/api/screening';
import { todayIso } from '../../../../shared/people/date';
import { useQueryClient } from '@tanstack/react-query';
import { describeError, fieldLabel } from '../../api/errors';
import { apiKey, useApiMutation, useApiQuery } from '../../api/query';
import { LoadState } from '../../ui/LoadState';
import { PageHeader } from '../../ui/PageHeader';
import { Tag } from '../../ui/Tag';
import { EmptyState } from '../../ui/EmptyState';
import { Icon } from '../../ui/Icon';
import { Spinner } from '../../ui/Spinner';
import { formatDate, formatDateTime, useContentLanguage } from '../../lib/format';
import { reasonText } from '../../i18n/reasons';
import { usePageTitle } from '../../lib/usePageTitle';
import { useSession } from '../../store/session';
import { toast } from '../../store/toast';
import { PersonCases } from '../cases/PersonCases';
import { CorrectDialog } from './CorrectDialog';
import { useResultLabels, type ResultLabels } from './personApi';
import {
  personNumber,
  pointStateText,
  sexLabel,
  stageText,
  statusLabel,
  timePointLabel,
  windowText,
} from './personText';
import { DeliveryDialog } from './DeliveryDialog';
import { Alert } from '../../ui/Alert';
import { formatValue, Timeline } from './Timeline';
import type { Cutoff, TrendPoint } from './TrendChart';
import { BlankMarks, LevelFloor, OpenBand } from '../../ui/BlankMarks';
import styles from './PersonFilePage.module.css';
import { Avatar, Facts, FileCard, FileGrid } from './FileLayout';
import { Button } from '../../ui/Button';

// ECharts is the largest dependency; it loads only when a file has results to draw.
/** A trend chart on paper: half the A4 width inside the margins (two side by side), and short. */
const PRINT_CHART = { width: 320, height: 150 };
const TrendChart = lazy(() => import('./TrendChart').then((m) => ({ default: m.TrendChart })));

/** Shows the first 6 and last 4 characters: enough to tell two records apart, not to copy. */
function mask(value: string | null): string {
  if (!value) return '—';
  return value.length <= 10
    ? value
    : `${value.slice(0, 6)}${'*'.repeat(value.length - 10)}${value.slice(-4)}`;
}

function IdentityCard({ person, orgName }: { person: Person; orgName: string | undefined }) {
  const { t } = useTranslation();
  const [reveal, setReveal] = useState(false);
  const idNumber = reveal ? person.idNumber : mask(person.idNumber);
  const idRow: [string, ReactNode] = [
    fieldLabel('idNumber'),
    person.idNumber ? (
      <span className={styles.masked} data-testid="id-masked">
        <span className="cell-id">{idNumber}</span>
        <Button variant="link" className="no-print" onClick={() => setReveal((r) => !r)}>
          {reveal ? t('person.hide') : t('person.show')}
        </Button>
      </span>
    ) : null,
  ];
  const rows: [string, ReactNode][] =
    person.kind === 'student'
      ? [
          [fieldLabel('studentNo'), <span className="cell-id">{person.studentNo}</span>],
          [fieldLabel('sex'), sexLabel(person.sex)],
          [fieldLabel('birthDate'), person.birthDate],
          // A roster without a school column means the organisation's own pupils (as the export and
          // the referral letter say).
          [fieldLabel('school'), person.school ?? (orgName || null)],
          [fieldLabel('grade'), person.grade],
          [fieldLabel('className'), person.className],
          [fieldLabel('headTeacher'), person.headTeacher],
          [fieldLabel('guardianName'), person.guardianName],
          [fieldLabel('guardianPhone'), person.guardianPhone],
          [fieldLabel('status'), statusLabel(person.status)],
          ...(person.idNumber ? [idRow] : []),
        ]
      : [
          [fieldLabel('handbookNo'), <span className="cell-id">{person.handbookNo}</span>],
          idRow,
          [fieldLabel('phone'), person.phone],
          [fieldLabel('township'), person.township],
          [fieldLabel('lmp'), person.lmp],
          [fieldLabel('edd'), person.edd],
          [fieldLabel('deliveryDate'), person.deliveryDate],
          [
            t('person.gravidityParity'),
            person.gravidity !== null || person.parity !== null
              ? `G${person.gravidity ?? '?'}P${person.parity ?? '?'}`
              : null,
          ],
          [
            fieldLabel('familyPsychHistory'),
            person.familyPsychHistory === null ? null : formatValue(person.familyPsychHistory),
          ],
        ];
  return <Facts rows={rows} />;
}

function PerinatalCard({ file, onEnterDelivery }: { file: PersonFile; onEnterDelivery?: () => void }) {
  const { t } = useTranslation();
  const p = file.perinatal;
  if (!p) return null;
  return (
    <FileCard title={t('person.perinatal')} aside={<Tag>{stageText(p)}</Tag>} testId="perinatal-card">
      {p.deliveryNeeded ? (
        <div className={styles.deliveryPrompt}>
          <Alert kind="warning" title={t('women.delivery.promptTitle')} testId="delivery-needed">
            {t('women.delivery.prompt', { days: p.daysPastDue ?? 0 })}
          </Alert>
        </div>
      ) : null}
      <ol className={styles.timepoints}>
        {p.timePoints.map((tp) => (
          <li
            key={tp.point}
            className={`${styles.timepoint} ${styles[TP_CLASS[tp.state]] ?? ''}`}
            data-testid="time-point"
            data-state={tp.state}
          >
            <span className={styles.tpDot} aria-hidden="true" />
            <span>{timePointLabel(tp.point)}</span>
            <span className={styles.tpWindow}>{windowText(tp)}</span>
            <span className={styles.tpStatus}>{pointStateText(tp)}</span>
          </li>
        ))}
      </ol>
      {onEnterDelivery && !file.person.deliveryDate ? (
        <div className={styles.deliveryAction}>
          <Button
            variant={p.deliveryNeeded ? 'primary' : 'secondary'}
            icon="edit"
            onClick={onEnterDelivery}
            data-testid="enter-delivery"
          >
            {t('women.delivery.open')}
          </Button>
        </div>
      ) : null}
    </FileCard>
  );
}

/** The card's classes by state: done and due stand out, the rest read as past or ahead. */
const TP_CLASS: Record<NonNullable<PersonFile['perinatal']>['timePoints'][number]['state'], string> = {
  done: 'done',
  due: 'current',
  missed: 'past',
  upcoming: 'upcoming',
  skipped: 'skipped',
};

/** A result's level as a large chip in the level's colour. */
function ResultLevel({ level, labels }: { level: string; labels: ResultLabels | null }) {
  const lang = useContentLanguage();
  const known = labels?.levels.get(level);
  return (
    <span
      className="level-chip level-chip-lg"
      style={{ '--level': known?.colour ?? '#687886' } as CSSProperties}
    >
      {known ? known.name[lang] : level}
    </span>
  );
}

/**
 * Sheets never submitted that hold a critical answer (未完成（含关键条目阳性）): first in the file,
 * so it never reads 暂无测评记录 while an adult still has to check on the person.
 */
function UnsubmittedSheets({
  sheets,
  labels,
}: {
  sheets: readonly UnsubmittedSheet[];
  labels: ResultLabels | null;
}) {
  const { t } = useTranslation();
  if (sheets.length === 0) return null;
  return (
    <ul className={styles.unsubmittedList} data-testid="unsubmitted-sheets">
      {sheets.map((sheet) => {
        return (
          <li
            key={sheet.screeningId}
            className={`${styles.result} ${styles.unsubmitted}`}
            data-testid="unsubmitted-sheet"
          >
            <Tag tone="warning">
              <Icon name="alert" size={12} />
              {t('person.unsubmitted')}
            </Tag>
            <ResultLevel level={sheet.level} labels={labels} />
            <p className="fact-note">
              {t('person.unsubmittedAt', { date: formatDateTime(sheet.answeredAt) })}
              {sheet.campaignName ? ` · ${sheet.campaignName}` : ''}
            </p>
            {sheet.reasons.length > 0 ? (
              <ul className={styles.reasons}>
                {sheet.reasons.map((r, i) => (
                  <li key={i}>{reasonText(r)}</li>
                ))}
              </ul>
            ) : null}
            <p className="fact-note">{t('person.unsubmittedNote')}</p>
          </li>
        );
      })}
    </ul>
  );
}

function CurrentResult({
  currentLevel,
  current,
  labels,
  hideEmpty = false,
}: {
  /** The one current level (the register's and the worklist's): what the card leads with. */
  currentLevel: string | null;
  current: PersonScreening | null;
  labels: ResultLabels | null;
  /** An unsubmitted critical sheet is shown instead of 暂无测评记录. */
  hideEmpty?: boolean;
}) {
  const { t } = useTranslation();
  const lang = useContentLanguage();
  const levelName = (id: string) => labels?.levels.get(id)?.name[lang] ?? id;
  if (!current && !currentLevel && hideEmpty) return null;
  if (!current && !currentLevel)
    return (
      <p className={styles.resultEmpty} data-testid="current-result">
        {t('person.noScreenings')}
      </p>
    );
  const standing = (
    <div data-testid="current-level" data-level={currentLevel ?? ''}>
      {currentLevel ? (
        <ResultLevel level={currentLevel} labels={labels} />
      ) : (
        <p className="fact-note">{t('person.noCurrentLevel')}</p>
      )}
    </div>
  );
  if (!current)
    return (
      <div className={styles.result} data-testid="current-result">
        {standing}
      </div>
    );
  return (
    <div className={styles.result} data-testid="current-result">
      {standing}
      {currentLevel !== current.level ? (
        <p className="fact-note" data-testid="latest-level">
          {t('person.latestLevel', { level: levelName(current.level) })}
        </p>
      ) : null}
      <p className="fact-note">
        {t('person.latestAt', { date: formatDate(current.submittedAt) })}
        {current.campaignName ? ` · ${current.campaignName}` : ''}
      </p>
      <LevelFloor
        possibleHigher={current.possibleHigher}
        name={(id) => labels?.levels.get(id)?.name[lang] ?? id}
      />
      {current.reasons.length > 0 ? (
        <ul className={styles.reasons}>
          {current.reasons.map((r, i) => (
            <li key={i}>{reasonText(r)}</li>
          ))}
        </ul>
      ) : null}
      <ul className={styles.lines}>
        {current.results.map((r) => {
          const summary = labels?.instruments.get(r.instrumentId);
          const band = summary?.bands.find((b) => b.id === r.band);
          return (
            <li key={r.instrumentId} data-testid="result-line">
              <span className={styles.instrument}>{r.instrumentId}</span>
              <strong>{r.total ?? '—'}</strong>
              {band ? <span className="fact-note">{band.label[lang]}</span> : null}
              <OpenBand result={r} />
              <BlankMarks result={r} />
              {r.critical ? (
                <Tag tone="warning">
                  <Icon name="alert" size={12} />
                  {t('person.criticalItem')}
                </Tag>
              ) : null}
            </li>
          );
        })}
      </ul>
      <p className="fact-note">{t('person.notDiagnosis')}</p>
    </div>
  );
}

function Trends({
  screenings,
  labels,
}: {
  screenings: readonly PersonScreening[];
  labels: ResultLabels | null;
}) {
  const { t } = useTranslation();
  const lang = useContentLanguage();
  const series = useMemo(() => {
    const byInstrument = new Map<string, TrendPoint[]>();
    const ordered = [...screenings].sort((a, b) => a.submittedAt.localeCompare(b.submittedAt));
    for (const s of ordered)
      for (const r of s.results) {
        if (!byInstrument.has(r.instrumentId)) byInstrument.set(r.instrumentId, []);
        byInstrument
          .get(r.instrumentId)!
          .push({ date: s.submittedAt, total: r.total, incomplete: !r.complete });
      }
    return [...byInstrument].map(([id, points]) => {
      const summary = labels?.instruments.get(id);
      const cutoffs: Cutoff[] = summary?.cutoff
        ? [{ value: summary.cutoff.min, label: t('person.cutoffLine', { value: summary.cutoff.min }) }]
        : [];
      const max = summary?.bands.length ? Math.max(...summary.bands.map((b) => b.max)) : undefined;
      return { id, name: summary?.names[lang] ?? id, points, cutoffs, max };
    });
  }, [screenings, labels, lang, t]);

  if (series.length === 0)
    return (
      <div className={styles.empty}>
        <EmptyState
          icon="chart"
          title={t('person.noTrend')}
          body={t('person.noTrendBody')}
          testId="trend-empty"
        />
      </div>
    );
  return (
    <div className={styles.trends}>
      {series.map((s) => (
        <figure key={s.id} className={styles.trend}>
          <figcaption>{s.name}</figcaption>
          <Suspense fallback={<div className={`${styles.chart} ${styles.chartLoading}`} />}>
            <TrendChart
              name={s.name}
              points={s.points}
              cutoffs={s.cutoffs}
              max={s.max}
              testId="trend-chart"
              className={styles.chart}
              printHeight={PRINT_CHART.height}
              printWidth={PRINT_CHART.width}
            />
          </Suspense>
          {s.points.some((p) => p.incomplete) ? (
            <p className="fact-note" data-testid="trend-hollow-note">
              {t('blanks.hollow')}
            </p>
          ) : null}
        </figure>
      ))}
    </div>
  );
}

function NoteForm({ personId, onSaved }: { personId: number; onSaved(file: PersonFile): void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const addNote = useApiMutation('people.addNote');
  const busy = addNote.isPending;
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!text.trim()) return;
    try {
      onSaved(await addNote.mutateAsync({ id: personId, text: text.trim() }));
      setText('');
      toast.success(t('person.noteAdded'));
    } catch (error) {
      toast.error(describeError(error));
    }
  }
  return (
    <form className={`${styles.noteForm} no-print`} onSubmit={(e) => void submit(e)}>
      <textarea
        className="input textarea"
        rows={2}
        maxLength={5000}
        placeholder={t('person.notePlaceholder')}
        aria-label={t('person.addNote')}
        value={text}
        onChange={(e) => setText(e.target.value)}
        data-testid="note-input"
      />
      <Button variant="secondary" size="sm" type="submit" disabled={busy || !text.trim()}>
        {busy ? <Spinner /> : <Icon name="note" size={14} />}
        {t('person.addNote')}
      </Button>
    </form>
  );
}

export function PersonFilePage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const personId = Number(id);
  const status = useSession((s) => s.status);
  const role = status?.user?.role;
  const canEdit = can(role, 'people.correct') && can(role, 'people.addNote');
  const client = useQueryClient();
  const file = useApiQuery('people.get', { id: personId });
  const person = file.data?.person;
  const labels = useResultLabels(person?.kind === 'woman' ? 'perinatal' : 'school');
  const [correcting, setCorrecting] = useState(false);
  const [enteringDelivery, setEnteringDelivery] = useState(false);
  usePageTitle(person ? person.name : t('person.title'));

  // A note or correction answers with the whole file: show it at once, and let lists refetch.
  const setFile = (saved: PersonFile) => {
    client.setQueryData(apiKey('people.get', { id: personId }), saved);
    void client.invalidateQueries({ queryKey: ['people.list'] });
  };

  const back = person?.kind === 'woman' || status?.org?.type === 'maternal' ? '/app/women' : '/app/students';
  const backLink = (
    <Link to={back} className={`link ${styles.backLink} no-print`}>
      <Icon name="arrowLeft" size={15} />
      {back === '/app/women' ? t('women.title') : t('students.title')}
    </Link>
  );

  if (!file.data || !person)
    return (
      <div className="page">
        {file.error ? backLink : null}
        <LoadState query={file} failed={t('person.loadFailed')}>
          {() => null}
        </LoadState>
      </div>
    );

  const subtitle =
    person.kind === 'student'
      ? [person.grade, person.className, personNumber(person)].filter(Boolean).join(' · ')
      : [person.township, personNumber(person), stageText(file.data.perinatal)].filter(Boolean).join(' · ');

  return (
    <div className={`page ${styles.page}`} data-testid="person-file">
      <div className="print-only print-head">
        <p className="print-org">{status?.org?.name}</p>
        <p className="print-title">{t('person.printTitle')}</p>
        <p className="print-meta">
          {t('person.printMeta', { date: todayIso(), by: status?.user?.displayName ?? '' })}
        </p>
      </div>

      {backLink}

      <PageHeader
        title={
          <>
            <Avatar name={person.name} />
            <span data-testid="person-name">{person.name}</span>
          </>
        }
        subtitle={subtitle}
        actions={
          <span className="no-print">
            {canEdit ? (
              <Button variant="secondary" icon="edit" onClick={() => setCorrecting(true)}>
                {t('person.correct.open')}
              </Button>
            ) : null}{' '}
            <Button variant="primary" icon="printer" onClick={() => window.print()}>
              {t('person.print')}
            </Button>
          </span>
        }
      />

      <FileGrid
        left={
          <>
            <FileCard title={t('person.identity')}>
              <IdentityCard person={person} orgName={status?.org?.name} />
            </FileCard>
            <PerinatalCard
              file={file.data}
              onEnterDelivery={canEdit ? () => setEnteringDelivery(true) : undefined}
            />
          </>
        }
        right={
          <>
            <FileCard title={t('person.currentResult')}>
              <UnsubmittedSheets sheets={file.data.unsubmitted} labels={labels} />
              <CurrentResult
                currentLevel={file.data.currentLevel}
                current={file.data.current}
                labels={labels}
                hideEmpty={file.data.unsubmitted.length > 0}
              />
            </FileCard>

            <PersonCases cases={file.data.cases} levels={labels?.levels ?? new Map()} />

            <FileCard title={t('person.trend')} className={`print-avoid-break ${styles.trendCard}`}>
              <Trends screenings={file.data.screenings} labels={labels} />
            </FileCard>

            <FileCard
              className={styles.flows}
              title={t('person.timeline')}
              aside={
                <span className="fact-note">
                  {t('person.updatedAt', { at: formatDateTime(person.updatedAt) })}
                </span>
              }
            >
              {canEdit ? <NoteForm personId={person.id} onSaved={setFile} /> : null}
              <Timeline events={file.data.events} sheets={file.data.unsubmitted} />
            </FileCard>
          </>
        }
      />

      <p className="print-only print-foot">{t('person.printFoot')}</p>

      {enteringDelivery ? (
        <DeliveryDialog
          person={person}
          onClose={() => setEnteringDelivery(false)}
          onSaved={(saved) => {
            setFile(saved);
            toast.success(t('women.delivery.saved'));
          }}
        />
      ) : null}

      {correcting ? (
        <CorrectDialog
          person={person}
          onClose={() => setCorrecting(false)}
          onSaved={(saved) => {
            setFile(saved);
            toast.success(t('person.corrected'));
          }}
        />
      ) : null}
    </div>
  );
}
