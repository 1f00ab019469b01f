import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type {
  ImportPreview,
  ImportRow,
  ImportRowStatus,
  ImportSummary,
} from '../../../../shared/api/imports';
import type { PersonKind } from '../../../../shared/api/people';
import { describeError, fieldLabel } from '../../api/errors';
import { useServerEvents } from '../../api/events';
import { Alert } from '../../ui/Alert';
import { FilePicker } from '../../ui/FilePicker';
import { Icon } from '../../ui/Icon';
import { Dialog } from '../../ui/Dialog';
import { Spinner } from '../../ui/Spinner';
import { Stepper } from '../../ui/Stepper';
import { downloadBase64, MAX_UPLOAD_BYTES, readUpload, type UploadFile } from '../../lib/files';
import { usePageTitle } from '../../lib/usePageTitle';
import { toast } from '../../store/toast';
import { formatValue } from '../people/Timeline';
import { columnLetter } from '../../../../shared/instruments/workbook/table';
import { commitImport, importTemplate, previewImport, type Mapping } from './importApi';
import { Button, LinkButton } from '../../ui/Button';
import { describeRowIssue, describeRowIssues } from './rowIssues';

type Step = 'pick' | 'map' | 'preview' | 'done';
const STEPS: Step[] = ['pick', 'map', 'preview', 'done'];
const STATUSES: ImportRowStatus[] = ['new', 'update', 'unchanged', 'error', 'duplicate'];
/** Enough to read through; the counts above always cover the whole file. */
const MAX_SHOWN = 1000;

/** The UI's name for a field, or the server's (Chinese) label when the UI has none. */
function labelOf(field: string, serverLabel?: string): string {
  const label = fieldLabel(field);
  return label === field && serverLabel ? serverLabel : label;
}

function RowNotes({ row }: { row: ImportRow }) {
  const { t } = useTranslation();
  return (
    <div className="row-notes">
      {row.reasons.map((r, i) => (
        <p key={`r${i}`} className="note-reason">
          {describeRowIssue(r)}
        </p>
      ))}
      {row.warnings.map((w, i) => (
        <p key={`w${i}`} className="note-warning">
          {describeRowIssue(w)}
        </p>
      ))}
      {row.changes.length > 0 ? (
        <ul className="change-list">
          {row.changes.map((c, i) => (
            <li key={i}>
              <span className="change-field">{labelOf(c.field)}</span>
              <span className="change-old">{formatValue(c.from)}</span>→
              <span className="change-new">{formatValue(c.to)}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {row.reasons.length + row.warnings.length + row.changes.length === 0 ? (
        <span className="fact-note">{t(`importer.note.${row.status}`)}</span>
      ) : null}
    </div>
  );
}

function MappingTable({
  preview,
  busy,
  onMap,
}: {
  preview: ImportPreview;
  busy: boolean;
  onMap(column: number, field: string | null): void;
}) {
  const { t } = useTranslation();
  const mapped = new Set(preview.columns.map((c) => c.field).filter(Boolean));
  return (
    <div className="mapping">
      <ul className="required-fields" aria-label={t('importer.requiredFields')}>
        {preview.fields
          .filter((f) => f.required)
          .map((f) => (
            <li key={f.field} className={mapped.has(f.field) ? 'is-ok' : 'is-missing'}>
              <Icon name={mapped.has(f.field) ? 'check' : 'alert'} size={13} />
              {labelOf(f.field, f.label)}
            </li>
          ))}
      </ul>
      <table className="table table-compact" data-testid="mapping-table">
        <thead>
          <tr>
            <th scope="col">{t('importer.column')}</th>
            <th scope="col">{t('importer.header')}</th>
            <th scope="col">{t('importer.field')}</th>
          </tr>
        </thead>
        <tbody>
          {preview.columns.map((c) => (
            <tr key={c.index} className={c.field ? undefined : 'is-unmapped'}>
              <td className="cell-id">{columnLetter(c.index)}</td>
              <td className="cell-strong">{c.header || t('importer.noHeader')}</td>
              <td>
                <select
                  className="input select input-sm"
                  value={c.field ?? ''}
                  disabled={busy}
                  aria-label={t('importer.fieldFor', { header: c.header || columnLetter(c.index) })}
                  onChange={(e) => onMap(c.index, e.target.value || null)}
                  data-testid="mapping-select"
                >
                  <option value="">{t('importer.skipColumn')}</option>
                  {preview.fields.map((f) => (
                    <option key={f.field} value={f.field}>
                      {labelOf(f.field, f.label)}
                      {f.required ? ` *` : ''}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ImportWizardPage({ kind }: { kind: PersonKind }) {
  const { t } = useTranslation();
  const ns = kind === 'student' ? 'importer.student' : 'importer.woman';
  usePageTitle(t(`${ns}.title`));
  const listPath = kind === 'student' ? '/app/students' : '/app/women';
  const [step, setStep] = useState<Step>('pick');
  const [file, setFile] = useState<File | null>(null);
  const [upload, setUpload] = useState<UploadFile | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [mapping, setMapping] = useState<Mapping>({});
  const [summary, setSummary] = useState<ImportSummary | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [filter, setFilter] = useState<ImportRowStatus | 'all'>('all');
  const [confirming, setConfirming] = useState(false);
  // Rows written so far, pushed by the import job while the commit runs (null until its first step).
  const [written, setWritten] = useState<{ done: number; total: number } | null>(null);
  const committing = useRef(false);
  useServerEvents(['job.progress'], (event) => {
    if (event.type !== 'job.progress' || event.kind !== 'import' || !committing.current) return;
    if (event.state === 'running' && event.total > 1) setWritten({ done: event.done, total: event.total });
  });

  async function run(next: Mapping, data: UploadFile | null = upload) {
    if (!data) return null;
    setBusy(true);
    setError(null);
    try {
      const result = await previewImport(kind, data, Object.keys(next).length ? next : undefined);
      setPreview(result);
      return result;
    } catch (err) {
      setError(err);
      return null;
    } finally {
      setBusy(false);
    }
  }

  async function start() {
    if (!file) return;
    if (file.size > MAX_UPLOAD_BYTES) {
      setError(new Error('too large'));
      return;
    }
    const data = await readUpload(file);
    setUpload(data);
    setMapping({});
    const result = await run({}, data);
    if (result) {
      setFilter('all');
      setStep(result.missingColumns.length > 0 ? 'map' : 'preview');
    }
  }

  async function remap(column: number, field: string | null) {
    if (!preview) return;
    const next: Mapping = { ...mapping };
    const previous = preview.columns.find((c) => c.index === column)?.field;
    if (previous) next[previous] = null;
    if (field) next[field] = column;
    setMapping(next);
    await run(next);
  }

  async function commit() {
    if (!upload) return;
    setBusy(true);
    setError(null);
    setWritten(null);
    committing.current = true;
    try {
      const result = await commitImport(kind, upload, Object.keys(mapping).length ? mapping : undefined);
      setSummary(result);
      setConfirming(false);
      setStep('done');
      toast.success(t('importer.committed', { created: result.created, updated: result.updated }));
    } catch (err) {
      setError(err);
      setConfirming(false);
    } finally {
      committing.current = false;
      setBusy(false);
    }
  }

  async function downloadTemplate() {
    try {
      const tpl = await importTemplate(kind);
      downloadBase64(tpl.fileName, tpl.contentBase64);
    } catch (err) {
      toast.error(describeError(err));
    }
  }

  function restart() {
    setStep('pick');
    setFile(null);
    setUpload(null);
    setPreview(null);
    setMapping({});
    setSummary(null);
    setError(null);
  }

  const rows = useMemo(
    () => (preview ? preview.rows.filter((r) => filter === 'all' || r.status === filter) : []),
    [preview, filter],
  );
  const writable = preview ? preview.counts.new + preview.counts.update : 0;
  const skipped = preview ? preview.counts.error + preview.counts.duplicate : 0;

  return (
    <div className="page" data-testid="import-page">
      <Link to={listPath} className="link back-link">
        <Icon name="arrowLeft" size={15} />
        {t(kind === 'student' ? 'students.title' : 'women.title')}
      </Link>
      <div className="page-header">
        <div>
          <h1 className="page-title">{t(`${ns}.title`)}</h1>
          <p className="page-subtitle">{t(`${ns}.subtitle`)}</p>
        </div>
        <div className="page-actions">
          <Button
            variant="ghost"
            icon="download"
            onClick={() => void downloadTemplate()}
            data-testid="import-template"
          >
            {t('importer.downloadTemplate')}
          </Button>
        </div>
      </div>

      <Stepper steps={STEPS} step={step} label={(s) => t(`importer.step.${s}`)} />

      {error ? (
        <Alert title={t('importer.failed')}>
          {file && file.size > MAX_UPLOAD_BYTES ? t('files.tooLarge') : describeError(error)}
        </Alert>
      ) : null}

      {step === 'pick' ? (
        <section className="card card-pad wizard-card">
          <FilePicker
            accept=".xlsx,.csv"
            hint={t('importer.fileHint')}
            file={file}
            onFile={(f) => {
              setFile(f);
              setError(null);
            }}
            disabled={busy}
            testId="import-file"
          />
          <p className="form-note">
            <Icon name="info" size={14} />
            <span>{t(`${ns}.columnsHint`)}</span>
          </p>
          <div className="wizard-actions">
            <Button
              variant="primary"
              disabled={!file || busy}
              onClick={() => void start()}
              data-testid="import-next"
            >
              {busy ? <Spinner /> : null}
              {busy ? t('importer.reading') : t('importer.readFile')}
            </Button>
          </div>
        </section>
      ) : null}

      {step === 'map' && preview ? (
        <section className="card card-pad wizard-card">
          <p className="wizard-lead">
            {t('importer.mapLead', { sheet: preview.sheet, row: preview.headerRow, file: preview.fileName })}
          </p>
          {preview.missingColumns.length > 0 ? (
            <Alert kind="warning" title={t('importer.missingTitle')}>
              {t('importer.missingBody', {
                columns: preview.missingColumns
                  .map((field) => labelOf(field, preview.fields.find((f) => f.field === field)?.label))
                  .join(t('errors.listSeparator')),
              })}
            </Alert>
          ) : null}
          <MappingTable preview={preview} busy={busy} onMap={(c, f) => void remap(c, f)} />
          <div className="wizard-actions">
            <Button variant="ghost" onClick={restart} disabled={busy}>
              {t('importer.otherFile')}
            </Button>
            {busy ? <Spinner /> : null}
            <Button
              variant="primary"
              disabled={busy || preview.missingColumns.length > 0}
              onClick={() => setStep('preview')}
              data-testid="mapping-done"
            >
              {t('importer.toPreview')}
            </Button>
          </div>
        </section>
      ) : null}

      {step === 'preview' && preview ? (
        <section className="card wizard-card" data-testid="import-preview">
          <div className="card-pad">
            <p className="wizard-lead">
              {t('importer.previewLead', {
                file: preview.fileName,
                sheet: preview.sheet,
                rows: preview.counts.rows,
              })}
            </p>
            <div className="count-tiles" data-testid="import-counts">
              <button
                type="button"
                className={`count-tile${filter === 'all' ? ' is-active' : ''}`}
                onClick={() => setFilter('all')}
              >
                <span className="count-num">{preview.counts.rows}</span>
                <span className="count-label">{t('importer.status.all')}</span>
              </button>
              {STATUSES.map((s) => (
                <button
                  key={s}
                  type="button"
                  className={`count-tile tile-${s}${filter === s ? ' is-active' : ''}`}
                  onClick={() => setFilter(s)}
                  data-testid={`count-${s}`}
                >
                  <span className="count-num">{preview.counts[s]}</span>
                  <span className="count-label">{t(`importer.status.${s}`)}</span>
                </button>
              ))}
            </div>
          </div>
          <div className="table-wrap preview-scroll">
            <table className="table table-compact" data-testid="preview-table">
              <thead>
                <tr>
                  <th scope="col">{t('importer.row')}</th>
                  <th scope="col">{t('importer.statusCol')}</th>
                  <th scope="col">{t('importer.name')}</th>
                  <th scope="col">{t(`${ns}.number`)}</th>
                  <th scope="col">{t('importer.notes')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.slice(0, MAX_SHOWN).map((row) => (
                  <tr key={row.row} data-testid="preview-row" className={`prow-${row.status}`}>
                    <td className="cell-num">{row.row}</td>
                    <td>
                      <span className={`status-chip status-${row.status}`}>
                        {t(`importer.status.${row.status}`)}
                      </span>
                    </td>
                    <td className="cell-strong">{row.name || '—'}</td>
                    <td className="cell-id">{row.number || '—'}</td>
                    <td className="cell-wrap">
                      <RowNotes row={row} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {rows.length === 0 ? <p className="card-pad fact-note">{t('importer.noRows')}</p> : null}
            {rows.length > MAX_SHOWN ? (
              <p className="card-pad fact-note">
                {t('importer.truncated', { shown: MAX_SHOWN, count: rows.length })}
              </p>
            ) : null}
          </div>
          <div className="wizard-actions card-pad">
            <Button variant="ghost" onClick={restart} disabled={busy}>
              {t('importer.otherFile')}
            </Button>
            <Button
              variant="secondary"
              onClick={() => setStep('map')}
              disabled={busy}
              data-testid="open-mapping"
            >
              {t('importer.adjustMapping')}
            </Button>
            <Button
              variant="primary"
              disabled={busy || writable === 0}
              onClick={() => setConfirming(true)}
              data-testid="import-commit"
            >
              {t('importer.commit', { count: writable })}
            </Button>
          </div>
        </section>
      ) : null}

      {step === 'done' && summary ? (
        <section className="card card-pad wizard-card" data-testid="import-summary">
          <div className="done-head">
            <span className="done-icon">
              <Icon name="check" size={22} />
            </span>
            <div>
              <h2 className="card-title">{t('importer.doneTitle')}</h2>
              <p className="fact-note">{t('importer.doneBody', { rows: summary.rows })}</p>
            </div>
          </div>
          <div className="count-tiles">
            <div className="count-tile tile-new">
              <span className="count-num" data-testid="summary-created">
                {summary.created}
              </span>
              <span className="count-label">{t('importer.created')}</span>
            </div>
            <div className="count-tile tile-update">
              <span className="count-num">{summary.updated}</span>
              <span className="count-label">{t('importer.updated')}</span>
            </div>
            <div className="count-tile tile-unchanged">
              <span className="count-num">{summary.unchanged}</span>
              <span className="count-label">{t('importer.status.unchanged')}</span>
            </div>
            <div className="count-tile tile-error">
              <span className="count-num">{summary.rejected.length + summary.duplicates.length}</span>
              <span className="count-label">{t('importer.skipped')}</span>
            </div>
          </div>
          {summary.rejected.length + summary.duplicates.length > 0 ? (
            <table className="table table-compact">
              <thead>
                <tr>
                  <th scope="col">{t('importer.row')}</th>
                  <th scope="col">{t('importer.notes')}</th>
                </tr>
              </thead>
              <tbody>
                {[...summary.rejected, ...summary.duplicates]
                  .sort((a, b) => a.row - b.row)
                  .map((r) => (
                    <tr key={`${r.row}-${r.reason}`}>
                      <td className="cell-num">{r.row}</td>
                      <td className="cell-wrap">{describeRowIssues(r.issues)}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          ) : null}
          <div className="wizard-actions">
            <Button variant="ghost" onClick={restart}>
              {t('importer.another')}
            </Button>
            <LinkButton variant="primary" to={listPath} data-testid="import-to-list">
              {t(`${ns}.toList`)}
            </LinkButton>
          </div>
        </section>
      ) : null}

      {confirming && preview ? (
        <Dialog
          title={t('importer.confirmTitle')}
          onClose={() => setConfirming(false)}
          busy={busy}
          testId="import-confirm"
          footer={
            <>
              <Button variant="ghost" onClick={() => setConfirming(false)} disabled={busy}>
                {t('common.cancel')}
              </Button>
              <Button
                variant="primary"
                onClick={() => void commit()}
                disabled={busy}
                data-testid="import-confirm-ok"
              >
                {busy ? <Spinner /> : null}
                {t('importer.confirmOk')}
              </Button>
            </>
          }
        >
          <p>{t('importer.confirmBody', { created: preview.counts.new, updated: preview.counts.update })}</p>
          {skipped > 0 ? (
            <Alert kind="warning">{t('importer.confirmSkipped', { count: skipped })}</Alert>
          ) : null}
          <p className="fact-note">{t('importer.confirmHistory')}</p>
          {busy && written ? (
            <div className="field" data-testid="import-written" aria-live="polite">
              <span>{t('importer.written', { done: written.done, total: written.total })}</span>
              <progress max={written.total} value={written.done} />
            </div>
          ) : null}
        </Dialog>
      ) : null}
    </div>
  );
}
