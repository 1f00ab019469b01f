import { useMemo, type ReactNode } from 'react';
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
import { Alert } from '../../ui/Alert';
import { FilePicker } from '../../ui/FilePicker';
import { Icon } from '../../ui/Icon';
import { Dialog, DialogActions } from '../../ui/Dialog';
import { PageHeader } from '../../ui/PageHeader';
import { Select } from '../../ui/Select';
import { Spinner } from '../../ui/Spinner';
import tableStyles from '../../ui/Table.module.css';
import { Stepper } from '../../ui/Stepper';
import { usePageTitle } from '../../lib/usePageTitle';
import { formatValue } from '../people/Timeline';
import { columnLetter } from '../../../../shared/instruments/workbook/table';
import { Button, LinkButton } from '../../ui/Button';
import { describeRowIssue, describeRowIssues } from './rowIssues';
import { useImportWizard, type Step } from './useImportWizard';
import styles from './ImportWizard.module.css';

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
    <div className={styles.rowNotes}>
      {row.reasons.map((r, i) => (
        <p key={`r${i}`} className={styles.noteReason}>
          {describeRowIssue(r)}
        </p>
      ))}
      {row.warnings.map((w, i) => (
        <p key={`w${i}`} className={styles.noteWarning}>
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
      <ul className={styles.requiredFields} aria-label={t('importer.requiredFields')}>
        {preview.fields
          .filter((f) => f.required)
          .map((f) => (
            <li key={f.field} className={mapped.has(f.field) ? styles.isOk : styles.isMissing}>
              <Icon name={mapped.has(f.field) ? 'check' : 'alert'} size={13} />
              {labelOf(f.field, f.label)}
            </li>
          ))}
      </ul>
      <table className={`${tableStyles.table} ${styles.compact}`} data-testid="mapping-table">
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
              <td className={tableStyles.id}>{columnLetter(c.index)}</td>
              <td className={tableStyles.strong}>{c.header || t('importer.noHeader')}</td>
              <td>
                <Select
                  className="input-sm"
                  value={c.field ?? ''}
                  disabled={busy}
                  aria-label={t('importer.fieldFor', { header: c.header || columnLetter(c.index) })}
                  onValue={(field) => onMap(c.index, field || null)}
                  placeholder={t('importer.skipColumn')}
                  options={preview.fields.map((f) => ({
                    value: f.field,
                    label: `${labelOf(f.field, f.label)}${f.required ? ' *' : ''}`,
                  }))}
                  data-testid="mapping-select"
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A count with its label; a button when it filters the rows below. */
function CountTile({
  count,
  label,
  tone,
  active,
  onClick,
  testId,
  numTestId = 'count-num',
}: {
  count: number;
  label: string;
  tone?: ImportRowStatus | 'all';
  active?: boolean;
  onClick?(): void;
  testId?: string;
  numTestId?: string;
}) {
  const toneClass = tone && tone !== 'all' ? styles[`tile${tone[0]!.toUpperCase()}${tone.slice(1)}`] : '';
  const className = ['count-tile', toneClass, active ? 'is-active' : ''].filter(Boolean).join(' ');
  const inner = (
    <>
      <span className="count-num" data-testid={numTestId}>
        {count}
      </span>
      <span className="count-label">{label}</span>
    </>
  );
  return onClick ? (
    <button type="button" className={className} onClick={onClick} data-testid={testId}>
      {inner}
    </button>
  ) : (
    <div className={className} data-testid={testId}>
      {inner}
    </div>
  );
}

/** One step's card, with its buttons at the bottom right. */
function WizardCard({
  children,
  actions,
  pad = true,
  testId,
}: {
  children: ReactNode;
  actions: ReactNode;
  pad?: boolean;
  testId?: string;
}) {
  return (
    <section className={`card ${pad ? 'card-pad ' : ''}wizard-card`} data-testid={testId}>
      {children}
      <div className={`wizard-actions${pad ? '' : ' card-pad'}`}>{actions}</div>
    </section>
  );
}

/** The fields the file's columns were read as, in the file's column order. */
function mappedFields(preview: ImportPreview): { field: string; label: string }[] {
  return preview.columns.flatMap((c) =>
    c.field
      ? [{ field: c.field, label: labelOf(c.field, preview.fields.find((f) => f.field === c.field)?.label) }]
      : [],
  );
}

/**
 * Every row with every mapped column, so sex, birth date, grade and class (LMP, EDD, township…)
 * can be checked before anything is written: a good row shows what will be written (男生 as 男),
 * a row with errors what the file says.
 */
function PreviewRows({
  rows,
  fields,
}: {
  rows: readonly ImportRow[];
  fields: { field: string; label: string }[];
}) {
  const { t } = useTranslation();
  return (
    <div className="preview-scroll">
      <table className={`${tableStyles.table} ${styles.compact}`} data-testid="preview-table">
        <thead>
          <tr>
            <th scope="col">{t('importer.row')}</th>
            <th scope="col">{t('importer.statusCol')}</th>
            {fields.map((f) => (
              <th scope="col" key={f.field} data-field={f.field}>
                {f.label}
              </th>
            ))}
            <th scope="col">{t('importer.notes')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, MAX_SHOWN).map((row) => (
            <tr key={row.row} data-testid="preview-row">
              <td className={tableStyles.num}>{row.row}</td>
              <td>
                <span className={`status-chip status-${row.status}`}>
                  {t(`importer.status.${row.status}`)}
                </span>
              </td>
              {fields.map((f) => (
                <td
                  key={f.field}
                  data-field={f.field}
                  className={f.field === 'name' ? tableStyles.strong : tableStyles.id}
                >
                  {row.cells[f.field] === undefined ? '—' : formatValue(row.cells[f.field])}
                </td>
              ))}
              <td className={tableStyles.wrapText}>
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
  );
}

function DoneSummary({ summary }: { summary: ImportSummary }) {
  const { t } = useTranslation();
  const skipped = [...summary.rejected, ...summary.duplicates].sort((a, b) => a.row - b.row);
  return (
    <>
      <div className={styles.doneHead}>
        <span className={styles.doneIcon}>
          <Icon name="check" size={22} />
        </span>
        <div>
          <h2 className="card-title">{t('importer.doneTitle')}</h2>
          <p className="fact-note">{t('importer.doneBody', { rows: summary.rows })}</p>
        </div>
      </div>
      <div className="count-tiles">
        <CountTile
          tone="new"
          count={summary.created}
          label={t('importer.created')}
          numTestId="summary-created"
        />
        <CountTile tone="update" count={summary.updated} label={t('importer.updated')} />
        <CountTile tone="unchanged" count={summary.unchanged} label={t('importer.status.unchanged')} />
        <CountTile tone="error" count={skipped.length} label={t('importer.skipped')} />
      </div>
      {skipped.length > 0 ? (
        <table className={`${tableStyles.table} ${styles.compact}`}>
          <thead>
            <tr>
              <th scope="col">{t('importer.row')}</th>
              <th scope="col">{t('importer.notes')}</th>
            </tr>
          </thead>
          <tbody>
            {skipped.map((r) => (
              <tr key={`${r.row}-${r.reason}`}>
                <td className={tableStyles.num}>{r.row}</td>
                <td className={tableStyles.wrapText}>{describeRowIssues(r.issues)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </>
  );
}

export function ImportWizardPage({ kind }: { kind: PersonKind }) {
  const { t } = useTranslation();
  const ns = kind === 'student' ? 'importer.student' : 'importer.woman';
  usePageTitle(t(`${ns}.title`));
  const listPath = kind === 'student' ? '/app/students' : '/app/women';
  const w = useImportWizard(kind);
  const { preview, busy, filter } = w;

  const rows = useMemo(
    () => (preview ? preview.rows.filter((r) => filter === 'all' || r.status === filter) : []),
    [preview, filter],
  );
  const writable = preview ? preview.counts.new + preview.counts.update : 0;
  const skipped = preview ? preview.counts.error + preview.counts.duplicate : 0;
  const otherFile = (
    <Button variant="ghost" onClick={w.restart} disabled={busy}>
      {t('importer.otherFile')}
    </Button>
  );

  return (
    <div className="page" data-testid="import-page">
      <PageHeader
        before={
          <Link to={listPath} className="link">
            <Icon name="arrowLeft" size={15} />
            {t(kind === 'student' ? 'students.title' : 'women.title')}
          </Link>
        }
        title={t(`${ns}.title`)}
        subtitle={t(`${ns}.subtitle`)}
        actions={
          <Button variant="ghost" icon="download" onClick={w.downloadTemplate} data-testid="import-template">
            {t('importer.downloadTemplate')}
          </Button>
        }
      />

      <Stepper steps={STEPS} step={w.step} label={(s) => t(`importer.step.${s}`)} />

      {w.tooLarge || w.error ? (
        <Alert title={t('importer.failed')}>
          {w.tooLarge ? t('files.tooLarge') : describeError(w.error)}
        </Alert>
      ) : null}

      {w.step === 'pick' ? (
        <WizardCard
          actions={
            <Button
              variant="primary"
              disabled={!w.file || busy}
              busy={busy}
              onClick={() => void w.start()}
              data-testid="import-next"
            >
              {busy ? t('importer.reading') : t('importer.readFile')}
            </Button>
          }
        >
          <FilePicker
            accept=".xlsx,.csv"
            hint={t('importer.fileHint')}
            file={w.file}
            onFile={w.pickFile}
            disabled={busy}
            testId="import-file"
          />
          <p className="form-note">
            <Icon name="info" size={14} />
            <span>{t(`${ns}.columnsHint`)}</span>
          </p>
        </WizardCard>
      ) : null}

      {w.step === 'map' && preview ? (
        <WizardCard
          actions={
            <>
              {otherFile}
              {busy ? <Spinner /> : null}
              <Button
                variant="primary"
                disabled={busy || preview.missingColumns.length > 0}
                onClick={() => w.setStep('preview')}
                data-testid="mapping-done"
              >
                {t('importer.toPreview')}
              </Button>
            </>
          }
        >
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
          <MappingTable preview={preview} busy={busy} onMap={(c, f) => void w.remap(c, f)} />
        </WizardCard>
      ) : null}

      {w.step === 'preview' && preview ? (
        <WizardCard
          pad={false}
          testId="import-preview"
          actions={
            <>
              {otherFile}
              <Button
                variant="secondary"
                onClick={() => w.setStep('map')}
                disabled={busy}
                data-testid="open-mapping"
              >
                {t('importer.adjustMapping')}
              </Button>
              <Button
                variant="primary"
                disabled={busy || writable === 0}
                onClick={() => w.setConfirming(true)}
                data-testid="import-commit"
              >
                {t('importer.commit', { count: writable })}
              </Button>
            </>
          }
        >
          <div className="card-pad">
            <p className="wizard-lead">
              {t('importer.previewLead', {
                file: preview.fileName,
                sheet: preview.sheet,
                rows: preview.counts.rows,
              })}
            </p>
            <div className="count-tiles" data-testid="import-counts">
              <CountTile
                count={preview.counts.rows}
                label={t('importer.status.all')}
                active={filter === 'all'}
                onClick={() => w.setFilter('all')}
              />
              {STATUSES.map((s) => (
                <CountTile
                  key={s}
                  tone={s}
                  count={preview.counts[s]}
                  label={t(`importer.status.${s}`)}
                  active={filter === s}
                  onClick={() => w.setFilter(s)}
                  testId={`count-${s}`}
                />
              ))}
            </div>
          </div>
          <PreviewRows rows={rows} fields={mappedFields(preview)} />
        </WizardCard>
      ) : null}

      {w.step === 'done' && w.summary ? (
        <WizardCard
          testId="import-summary"
          actions={
            <>
              <Button variant="ghost" onClick={w.restart}>
                {t('importer.another')}
              </Button>
              <LinkButton variant="primary" to={listPath} data-testid="import-to-list">
                {t(`${ns}.toList`)}
              </LinkButton>
            </>
          }
        >
          <DoneSummary summary={w.summary} />
        </WizardCard>
      ) : null}

      {w.confirming && preview ? (
        <Dialog
          title={t('importer.confirmTitle')}
          onClose={() => w.setConfirming(false)}
          busy={busy}
          testId="import-confirm"
          footer={
            <DialogActions
              onCancel={() => w.setConfirming(false)}
              onConfirm={() => void w.commit()}
              busy={busy}
              confirmLabel={t('importer.confirmOk')}
              confirmTestId="import-confirm-ok"
            />
          }
        >
          <p>{t('importer.confirmBody', { created: preview.counts.new, updated: preview.counts.update })}</p>
          {skipped > 0 ? (
            <Alert kind="warning">{t('importer.confirmSkipped', { count: skipped })}</Alert>
          ) : null}
          <p className="fact-note">{t('importer.confirmHistory')}</p>
          {busy && w.written ? (
            <div className="field" data-testid="import-written" aria-live="polite">
              <span>{t('importer.written', { done: w.written.done, total: w.written.total })}</span>
              <progress max={w.written.total} value={w.written.done} />
            </div>
          ) : null}
        </Dialog>
      ) : null}
    </div>
  );
}
