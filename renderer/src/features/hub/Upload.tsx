import { useId, useState, type FormEvent } from 'react';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { Card } from '../../ui/Card';
import { Table } from '../../ui/Table';
import { MAX_BUNDLE_BYTES, type HubFileOutcome, type HubUploadResult } from '../../../../shared/hub/contract';
import styles from './HubApp.module.css';
import { fileBase64, hubCall } from './api';
import type { HubWords } from './i18n.zh';
import { ErrorAlert } from './kit';
import { fill, useHubWords } from './words';

/** A file's fate in words: imported, unchanged, or the refusal's reason (shared/hub/ingest.ts codes). */
export function outcomeText(w: HubWords, row: HubFileOutcome): string {
  if (row.status !== 'rejected') return w.upload.result[row.status];
  const reason = row.reason ?? 'not_a_bundle';
  return Object.hasOwn(w.refusals, reason) ? w.refusals[reason] : w.errors.internal;
}

export function Upload() {
  const { w } = useHubWords();
  const inputId = useId();
  const [files, setFiles] = useState<File[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [tooLarge, setTooLarge] = useState<string | null>(null);
  const [result, setResult] = useState<HubUploadResult | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const big = files.find((f) => f.size > MAX_BUNDLE_BYTES);
    if (big) return setTooLarge(big.name);
    setTooLarge(null);
    setBusy(true);
    setError(null);
    try {
      // One call per file: a body never holds more than one bundle, and the table fills as they go.
      const total: HubUploadResult = { accepted: 0, unchanged: 0, rejected: [], files: [] };
      for (const file of files) {
        const one = await hubCall('hub.ingest', {
          files: [{ name: file.name, base64: await fileBase64(file) }],
        });
        total.accepted += one.accepted;
        total.unchanged += one.unchanged;
        total.rejected.push(...one.rejected);
        total.files.push(...one.files);
        setResult({ ...total, files: [...total.files] });
      }
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title={w.upload.heading} testId="hub-upload">
      <form className={`card-pad ${styles.form}`} onSubmit={(e) => void submit(e)}>
        <p className={styles.who}>{w.upload.hint}</p>
        <label htmlFor={inputId} className="field-label">
          {w.upload.choose}
        </label>
        <input
          id={inputId}
          type="file"
          multiple
          data-testid="bundle-files"
          onChange={(e) => {
            setFiles(Array.from(e.target.files ?? []));
            setResult(null);
          }}
        />
        {tooLarge ? <Alert title={fill(w.upload.tooLarge, { file: tooLarge })} /> : null}
        <ErrorAlert error={error} />
        <div className={styles.actions}>
          <Button
            type="submit"
            variant="primary"
            busy={busy}
            disabled={files.length === 0}
            data-testid="upload-submit"
          >
            {w.upload.submit}
          </Button>
        </div>
      </form>
      {result ? (
        <>
          <div className="card-pad">
            <Alert
              kind={result.rejected.length > 0 ? 'warning' : 'info'}
              title={fill(w.upload.summary, {
                accepted: result.accepted,
                unchanged: result.unchanged,
                rejected: result.rejected.length,
              })}
              testId="upload-summary"
            />
          </div>
          <Table
            columns={[
              { key: 'file', header: w.upload.cols.file, kind: 'strong', cell: (r) => r.file },
              {
                key: 'installation',
                header: w.upload.cols.installation,
                cell: (r) => r.installationName ?? w.common.none,
              },
              {
                key: 'result',
                header: w.upload.cols.result,
                cell: (r) => (
                  <span className={r.status === 'rejected' ? styles.dangerText : undefined}>
                    {outcomeText(w, r)}
                  </span>
                ),
              },
            ]}
            rows={result.files}
            rowKey={(r) => `${r.file}-${result.files.indexOf(r)}`}
            label={w.upload.heading}
            testId="upload-results"
            rowTestId="upload-result"
            rowData={(r) => ({ status: r.status, reason: r.reason ?? '' })}
          />
        </>
      ) : null}
    </Card>
  );
}
