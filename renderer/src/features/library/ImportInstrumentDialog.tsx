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
import { Dialog, DialogActions } from '../../ui/Dialog';
import { Table, type Column } from '../../ui/Table';
import { useApiMutation } from '../../api/query';
import { MAX_UPLOAD_BYTES, readUpload } from '../../lib/files';
import { contentLanguage } from '../../lib/format';
import { Button } from '../../ui/Button';
import styles from './library.module.css';

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

interface Issue {
  sheet: string;
  cell: string;
  message: string;
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
  const [tooLarge, setTooLarge] = useState(false);
  const upload = useApiMutation('instruments.import', ['instruments.list']);
  const busy = upload.isPending;
  const issues: Issue[] = isApiCallError(upload.error, 'invalid_input')
    ? upload.error.issues.map((issue) => ({
        ...splitPath(issue.path),
        message: describeWorkbookIssue(issue),
      }))
    : [];

  async function submit() {
    if (!file) return;
    upload.reset();
    setTooLarge(file.size > MAX_UPLOAD_BYTES);
    if (file.size > MAX_UPLOAD_BYTES) return;
    upload.mutate(
      { file: await readUpload(file) },
      {
        onSuccess: (summary) => {
          onImported(summary);
          onClose();
        },
      },
    );
  }

  const columns: Column<Issue>[] = [
    { key: 'sheet', header: t('library.issueSheet'), cell: (i) => i.sheet || '—' },
    { key: 'cell', header: t('library.issueCell'), kind: 'id', cell: (i) => i.cell || '—' },
    { key: 'message', header: t('library.issueMessage'), kind: 'wrap', cell: (i) => i.message },
  ];

  return (
    <Dialog
      size="lg"
      title={t('library.importTitle')}
      subtitle={t('library.importIntro')}
      onClose={onClose}
      busy={busy}
      testId="import-instrument-dialog"
      footer={
        <DialogActions
          onCancel={onClose}
          onConfirm={() => void submit()}
          busy={busy}
          disabled={!file}
          confirmLabel={busy ? t('library.importing') : t('library.importSubmit')}
        />
      }
    >
      <FilePicker
        accept=".xlsx,.json"
        hint={t('library.importHint')}
        file={file}
        onFile={(f) => {
          setFile(f);
          setTooLarge(false);
          upload.reset();
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
      {tooLarge || upload.error ? (
        <Alert title={issues.length > 0 ? t('library.importIssues', { count: issues.length }) : undefined}>
          {issues.length > 0
            ? t('library.importIssuesBody')
            : tooLarge
              ? t('files.tooLarge')
              : describeError(upload.error)}
        </Alert>
      ) : null}
      {issues.length > 0 ? (
        <div className={styles.issueTable}>
          <Table
            columns={columns}
            rows={issues}
            rowKey={(i) => `${i.sheet}!${i.cell}:${i.message}`}
            label={t('library.importIssues', { count: issues.length })}
            testId="import-issues"
            dense
          />
        </div>
      ) : null}
    </Dialog>
  );
}
