import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InstrumentSummary } from '../../../../shared/api/instruments';
import { isApiCallError, type ApiIssue } from '../../api/client';
import { describeError } from '../../api/errors';
import { i18n } from '../../i18n';
import {
  workbookIssueValues,
  workbookIssueWords,
  type WorkbookIssueCode,
} from '../../../../shared/instruments/workbook/messages';
import { Alert } from '../../ui/Alert';
import { FilePicker } from '../../ui/FilePicker';
import { Icon } from '../../ui/Icon';
import { Dialog } from '../../ui/Dialog';
import { Spinner } from '../../ui/Spinner';
import { MAX_UPLOAD_BYTES, readUpload } from '../../lib/files';
import { contentLanguage } from '../../lib/format';
import { importInstrument } from './libraryApi';
import { Button } from '../../ui/Button';

/** "题目!C5" → sheet 题目, cell C5; a path without a sheet (a JSON file) is shown whole. */
function splitPath(path: string): { sheet: string; cell: string } {
  const bang = path.lastIndexOf('!');
  if (bang === -1) return { sheet: '', cell: path };
  return { sheet: path.slice(0, bang), cell: path.slice(bang + 1) };
}

/**
 * An issue in the UI's language from its code; the server's Chinese sentence only when the code is
 * one this build does not know. The sheet, column headers and values are the file's own words.
 */
function describeWorkbookIssue(issue: ApiIssue): string {
  const { code, params = {} } = issue;
  if (!code || !Object.hasOwn(workbookIssueWords.zh, code)) return issue.message;
  const values = workbookIssueValues({ params }, contentLanguage());
  return i18n.t(`library.issues.${code as WorkbookIssueCode}`, values);
}

export function ImportInstrumentDialog({
  onClose,
  onImported,
  onDownloadTemplate,
}: {
  onClose(): void;
  onImported(summary: InstrumentSummary): void;
  onDownloadTemplate(): void;
}) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [issues, setIssues] = useState<ApiIssue[]>([]);

  async function submit() {
    if (!file) return;
    setError(null);
    setIssues([]);
    if (file.size > MAX_UPLOAD_BYTES) {
      setError(new Error('too large'));
      return;
    }
    setBusy(true);
    try {
      const summary = await importInstrument(await readUpload(file));
      onImported(summary);
      onClose();
    } catch (err) {
      setError(err);
      if (isApiCallError(err, 'invalid_input')) setIssues(err.issues);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog
      size="lg"
      title={t('library.importTitle')}
      subtitle={t('library.importIntro')}
      onClose={onClose}
      busy={busy}
      testId="import-instrument-dialog"
      footer={
        <>
          <Button variant="ghost" onClick={onClose} disabled={busy}>
            {t('common.cancel')}
          </Button>
          <Button variant="primary" onClick={() => void submit()} disabled={!file || busy}>
            {busy ? <Spinner /> : <Icon name="upload" size={16} />}
            {busy ? t('library.importing') : t('library.importSubmit')}
          </Button>
        </>
      }
    >
      <FilePicker
        accept=".xlsx,.json"
        hint={t('library.importHint')}
        file={file}
        onFile={(f) => {
          setFile(f);
          setError(null);
          setIssues([]);
        }}
        disabled={busy}
        testId="instrument-file"
      />
      <p className="form-note">
        <Icon name="info" size={14} />
        <span>
          {t('library.templateNote')}{' '}
          <Button variant="link" onClick={onDownloadTemplate}>
            {t('library.downloadTemplate')}
          </Button>
        </span>
      </p>
      {error ? (
        <Alert title={issues.length > 0 ? t('library.importIssues', { count: issues.length }) : undefined}>
          {issues.length > 0
            ? t('library.importIssuesBody')
            : file && file.size > MAX_UPLOAD_BYTES
              ? t('files.tooLarge')
              : describeError(error)}
        </Alert>
      ) : null}
      {issues.length > 0 ? (
        <div className="table-wrap issue-table">
          <table className="table table-compact" data-testid="import-issues">
            <thead>
              <tr>
                <th scope="col">{t('library.issueSheet')}</th>
                <th scope="col">{t('library.issueCell')}</th>
                <th scope="col">{t('library.issueMessage')}</th>
              </tr>
            </thead>
            <tbody>
              {issues.map((issue, i) => {
                const where = splitPath(issue.path);
                return (
                  <tr key={i}>
                    <td>{where.sheet || '—'}</td>
                    <td className="cell-id">{where.cell || '—'}</td>
                    <td className="cell-wrap">{describeWorkbookIssue(issue)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
    </Dialog>
  );
}
