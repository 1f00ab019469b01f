import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type {
  ResponseColumnTarget,
  ResponseImportOptions,
  ResponseImportPreview,
  ResponseImportSummary,
  ResponseReading,
  ResponseResolution,
  ResponseRow,
  ResponseRowOutcome,
} from '../../../../../shared/api/responses';
import { responseRowOutcomes } from '../../../../../shared/api/responses';
import { columnLetter } from '../../../../../shared/instruments/workbook/table';
import { unparsableValues, wordColumn } from '../../../../../shared/screening/response-issues';
import { invoke } from '../../../api/client';
import { describeError } from '../../../api/errors';
import { Alert } from '../../../ui/Alert';
import { FilePicker } from '../../../ui/FilePicker';
import { Icon } from '../../../ui/Icon';
import { Spinner } from '../../../ui/Spinner';
import { Stepper } from '../../../ui/Stepper';
import { MAX_UPLOAD_BYTES, readUpload, type UploadFile } from '../../../lib/files';
import { useApiQuery } from '../../../api/query';
import { usePageTitle } from '../../../lib/usePageTitle';
import { useContentLanguage } from '../../../lib/format';
import { AddStudentDialog } from '../../people/AddStudentDialog';
import { AddPersonDialog, womanInputs } from '../../people/AddPersonDialog';
import { toast } from '../../../store/toast';
import { BackLink } from '../ui';
import { FAILED, useAction } from '../useAction';
import { OptionOrderQuestion, ResponseMapping, targetValue, type OptionOrder } from './ResponseMapping';
import { CriticalRows, ReasonText, RowsTable } from './ResponseRows';
import styles from './ResponseImport.module.css';
import { Button, LinkButton } from '../../../ui/Button';

/** An 18-character resident ID number, as a sheet's number column may hold instead of a handbook number. */
const ID_NUMBER_SHAPE = /^\d{17}[\dX]$/i;

type Step = 'pick' | 'map' | 'outcomes' | 'done';
const STEPS: Step[] = ['pick', 'map', 'outcomes', 'done'];

/**
 * 导入问卷星/腾讯问卷结果: upload → which item each column holds and how it is read → what
 * becomes of every row (critical rows that would not be imported first, to be matched by hand,
 * added or skipped on purpose) → one commit.
 */
export function ResponseImportPage() {
  const { t } = useTranslation();
  const campaignId = Number(useParams().id);
  const campaign = useApiQuery('campaigns.progress', { id: campaignId });
  usePageTitle(t('responseImport.title'));
  const kind = campaign.data?.campaign.programme === 'perinatal' ? 'woman' : 'student';
  const [step, setStep] = useState<Step>('pick');
  const [file, setFile] = useState<File | null>(null);
  const [upload, setUpload] = useState<UploadFile | null>(null);
  const [preview, setPreview] = useState<ResponseImportPreview | null>(null);
  const [options, setOptions] = useState<
    Required<Pick<ResponseImportOptions, 'mapping' | 'readings' | 'resolutions'>>
  >({
    mapping: {},
    readings: {},
    resolutions: {},
  });
  // Rows once shown as needing a choice stay in that list after the choice, so it can be changed.
  const [attention, setAttention] = useState<Set<number>>(new Set());
  // Which way round the form listed its options, asked once a column is read by option number.
  const [optionOrder, setOptionOrder] = useState<OptionOrder | null>(null);
  const [filter, setFilter] = useState<ResponseRowOutcome | 'all'>('all');
  const [adding, setAdding] = useState<ResponseRow | null>(null);
  const [summary, setSummary] = useState<ResponseImportSummary | null>(null);
  const { busy, error, setError, run: act } = useAction();

  async function run(next: typeof options, data: UploadFile | null = upload) {
    if (!data) return null;
    const result = await act(() => invoke('responses.preview', { campaignId, file: data, ...next }));
    if (result === FAILED) return null;
    setOptions(next);
    setPreview(result);
    setAttention(
      (seen) => new Set([...seen, ...result.rowOutcomes.filter((r) => r.needsChoice).map((r) => r.row)]),
    );
    return result;
  }

  async function start() {
    if (!file) return;
    if (file.size > MAX_UPLOAD_BYTES) {
      setError(new Error('too large'));
      return;
    }
    const data = await readUpload(file);
    setUpload(data);
    setAttention(new Set());
    setOptionOrder(null);
    if (await run({ mapping: {}, readings: {}, resolutions: {} }, data)) setStep('map');
  }

  function setTarget(column: number, target: ResponseColumnTarget) {
    const readings = { ...options.readings };
    delete readings[String(column)];
    // A column that held this item before loses it, and with it the reading set for it.
    const mapping = { ...options.mapping, [String(column)]: target };
    for (const c of preview?.columns ?? []) {
      if (c.index === column || target.kind !== 'item' || targetValue(c.target) !== targetValue(target))
        continue;
      delete readings[String(c.index)];
      if (mapping[String(c.index)]) mapping[String(c.index)] = { kind: 'ignore' };
    }
    void run({ ...options, mapping, readings });
  }

  function setReading(column: number, reading: ResponseReading) {
    const ordered =
      reading.read === 'number' && optionOrder
        ? { ...reading, reversed: optionOrder === 'reversed' }
        : reading;
    void run({ ...options, readings: { ...options.readings, [String(column)]: ordered } });
  }

  /** The answer applies to every column read by option number. */
  function chooseOptionOrder(order: OptionOrder) {
    setOptionOrder(order);
    if (!preview) return;
    const readings = { ...options.readings };
    for (const c of preview.columns)
      if (c.reading?.read === 'number')
        readings[String(c.index)] = { ...c.reading, reversed: order === 'reversed' };
    void run({ ...options, readings });
  }

  function resolve(row: number, resolution: ResponseResolution) {
    void run({ ...options, resolutions: { ...options.resolutions, [String(row)]: resolution } });
  }

  async function commit() {
    if (!upload) return;
    const result = await act(() => invoke('responses.import', { campaignId, file: upload, ...options }));
    if (result === FAILED) return;
    setSummary(result);
    setStep('done');
    toast.success(t('responseImport.committed', { count: result.scored }));
  }

  function restart() {
    setStep('pick');
    setFile(null);
    setUpload(null);
    setPreview(null);
    setSummary(null);
    setError(null);
    setAttention(new Set());
  }

  const rows = useMemo(
    () => (preview ? preview.rowOutcomes.filter((r) => filter === 'all' || r.outcome === filter) : []),
    [preview, filter],
  );
  const critical = useMemo(
    () => (preview?.rowOutcomes ?? []).filter((r) => attention.has(r.row)).sort((a, b) => a.row - b.row),
    [preview, attention],
  );
  const unresolved = critical.filter((r) => !options.resolutions[String(r.row)]).length;
  const byNumber = preview?.columns.some((c) => c.reading?.read === 'number') ?? false;
  const toImport = (preview?.rowOutcomes ?? []).filter((r) => r.action !== 'skip').length;

  return (
    <div className="page" data-testid="response-import">
      <BackLink
        to={`/app/campaigns/${campaignId}`}
        label={campaign.data?.campaign.name ?? t('screening.campaigns.title')}
      />
      <div className="page-header">
        <div>
          <h1 className="page-title">{t('responseImport.title')}</h1>
          <p className="page-subtitle">{t('responseImport.subtitle')}</p>
        </div>
      </div>
      <Stepper steps={STEPS} step={step} label={(s) => t(`responseImport.step.${s}`)} />
      {error ? (
        <Alert title={t('responseImport.failed')}>
          {file && file.size > MAX_UPLOAD_BYTES ? t('files.tooLarge') : describeError(error)}
        </Alert>
      ) : null}

      {step === 'pick' ? (
        <section className="card card-pad wizard-card">
          <FilePicker
            accept=".xlsx,.csv"
            hint={t('responseImport.fileHint')}
            file={file}
            onFile={(f) => {
              setFile(f);
              setError(null);
            }}
            disabled={busy}
            testId="response-file"
          />
          <div className="wizard-actions">
            <Button
              variant="primary"
              disabled={!file || busy}
              onClick={() => void start()}
              data-testid="response-read"
            >
              {busy ? <Spinner /> : null}
              {busy ? t('responseImport.reading') : t('responseImport.readFile')}
            </Button>
          </div>
        </section>
      ) : null}

      {step === 'map' && preview ? (
        <section className="card card-pad wizard-card">
          <p className="wizard-lead">{t('responseImport.mapLead', { row: preview.headerRow })}</p>
          {byNumber ? (
            <OptionOrderQuestion value={optionOrder} busy={busy} onChoose={chooseOptionOrder} />
          ) : null}
          <ResponseMapping preview={preview} busy={busy} onTarget={setTarget} onReading={setReading} />
          <Unparsable preview={preview} />
          <div className="wizard-actions">
            <Button variant="ghost" onClick={restart} disabled={busy}>
              {t('responseImport.otherFile')}
            </Button>
            {busy ? <Spinner /> : null}
            <Button
              variant="primary"
              disabled={busy || preview.missingItems.length > 0 || (byNumber && !optionOrder)}
              onClick={() => setStep('outcomes')}
              data-testid="response-to-outcomes"
            >
              {t('responseImport.toOutcomes')}
            </Button>
          </div>
        </section>
      ) : null}

      {step === 'outcomes' && preview ? (
        <section className="card wizard-card" data-testid="response-outcomes">
          <div className="card-pad">
            <p className="wizard-lead">{t('responseImport.outcomesLead', { rows: preview.rows })}</p>
            <CriticalRows
              rows={critical}
              resolutions={options.resolutions}
              kind={kind}
              busy={busy}
              onResolve={resolve}
              onAdd={setAdding}
            />
            <div className="count-tiles" data-testid="response-counts">
              <button
                type="button"
                className={`count-tile${filter === 'all' ? ' is-active' : ''}`}
                onClick={() => setFilter('all')}
              >
                <span className="count-num">{preview.rows}</span>
                <span className="count-label">{t('responseImport.outcome.all')}</span>
              </button>
              {responseRowOutcomes.map((o) => (
                <button
                  key={o}
                  type="button"
                  className={`count-tile${filter === o ? ' is-active' : ''}`}
                  onClick={() => setFilter(o)}
                  data-testid={`outcome-${o}`}
                >
                  <span className="count-num">{preview.outcomes[o]}</span>
                  <span className="count-label">{t(`responseImport.outcome.${o}`)}</span>
                </button>
              ))}
            </div>
          </div>
          <RowsTable rows={rows} busy={busy} onChoose={(row, action) => resolve(row, { action })} />
          <div className="card-pad wizard-actions">
            <Button variant="ghost" onClick={() => setStep('map')} disabled={busy}>
              {t('responseImport.backToMap')}
            </Button>
            {unresolved > 0 ? (
              <p className={`form-note ${styles.mustChoose}`} data-testid="must-choose">
                <Icon name="alert" size={14} />
                {t('responseImport.mustChoose', { count: unresolved })}
              </p>
            ) : null}
            {busy ? <Spinner /> : null}
            <Button
              variant="primary"
              disabled={busy || unresolved > 0 || toImport === 0}
              onClick={() => void commit()}
              data-testid="response-commit"
            >
              {busy ? t('responseImport.committing') : t('responseImport.commit', { count: toImport })}
            </Button>
          </div>
        </section>
      ) : null}

      {step === 'done' && summary ? (
        <Done summary={summary} campaignId={campaignId} onAgain={restart} />
      ) : null}

      {adding && kind === 'woman' ? (
        <AddPersonDialog
          kind="woman"
          inputs={womanInputs([])}
          initial={{
            name: adding.name,
            // The sheet's number is her ID number when it looks like one, else her handbook number.
            [ID_NUMBER_SHAPE.test(adding.studentNo) ? 'idNumber' : 'handbookNo']: adding.studentNo,
          }}
          title={t('women.form.title')}
          intro={t('women.form.intro')}
          testId="add-woman-dialog"
          onAdded={(personId) => resolve(adding.row, { action: 'match', personId })}
          onClose={() => setAdding(null)}
        />
      ) : adding ? (
        <AddStudentDialog
          initial={{ name: adding.name, studentNo: adding.studentNo }}
          initialGrade=""
          initialClass={adding.className}
          gradeSuggestions={[]}
          classSuggestions={[]}
          onAdded={(student) => resolve(adding.row, { action: 'match', personId: student.id })}
          onClose={() => setAdding(null)}
        />
      ) : null}
    </div>
  );
}

function Unparsable({ preview }: { preview: ResponseImportPreview }) {
  const { t } = useTranslation();
  const lang = useContentLanguage();
  if (preview.unparsable.length === 0) return null;
  return (
    <Alert kind="warning" title={t('responseImport.unparsableTitle', { count: preview.unparsable.length })}>
      <ul className={styles.unparsable} data-testid="unparsable">
        {preview.unparsable.slice(0, 20).map((u) => (
          <li key={`${u.row}/${u.column}`}>
            {t('responseImport.unparsableRow', {
              row: u.row,
              value: u.value,
              column: wordColumn(columnLetter(u.columnIndex), u.header, lang),
              reason: t(`responseImport.unparsable.${u.code}`, unparsableValues(u.params, lang)),
            })}
          </li>
        ))}
      </ul>
    </Alert>
  );
}

function Done({
  summary,
  campaignId,
  onAgain,
}: {
  summary: ResponseImportSummary;
  campaignId: number;
  onAgain(): void;
}) {
  const { t } = useTranslation();
  return (
    <section className="card card-pad wizard-card" data-testid="response-done">
      <p className="wizard-lead" data-testid="response-summary">
        {t('responseImport.doneLead', { count: summary.scored })}
      </p>
      {summary.criticalNotImported.length > 0 ? (
        <Alert kind="warning" title={t('responseImport.doneCritical')}>
          <ul>
            {summary.criticalNotImported.map((c) => (
              <li key={c.row}>
                {t('responseImport.row')} {c.row} · {c.name || c.studentNo} · <ReasonText row={c} />
              </li>
            ))}
          </ul>
        </Alert>
      ) : null}
      <div className="wizard-actions">
        <Button variant="ghost" onClick={onAgain}>
          {t('responseImport.again')}
        </Button>
        <LinkButton variant="primary" to={`/app/campaigns/${campaignId}`}>
          {t('responseImport.backToCampaign')}
        </LinkButton>
      </div>
    </section>
  );
}
