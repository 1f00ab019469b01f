import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportPreview, ImportRowStatus, ImportSummary } from '../../../../shared/api/imports';
import type { PersonKind } from '../../../../shared/api/people';
import { describeError } from '../../api/errors';
import { useServerEvents } from '../../api/events';
import { useApiMutation } from '../../api/query';
import { downloadBase64, MAX_UPLOAD_BYTES, readUpload, type UploadFile } from '../../lib/files';
import { toast } from '../../store/toast';
export type Mapping = Record<string, number | null>;

export type Step = 'pick' | 'map' | 'preview' | 'done';

/** A mapping with a column moved to `field` (or skipped), the column's old field unset. */
export function remapped(
  mapping: Mapping,
  columns: readonly Pick<ImportPreview['columns'][number], 'index' | 'field'>[],
  column: number,
  field: string | null,
): Mapping {
  const next: Mapping = { ...mapping };
  const previous = columns.find((c) => c.index === column)?.field;
  if (previous) next[previous] = null;
  if (field) next[field] = column;
  return next;
}

/** An empty mapping is left out, so the server detects the columns itself. */
const mappingInput = (mapping: Mapping) => (Object.keys(mapping).length ? mapping : undefined);

/**
 * The import wizard's state and steps: pick a file, check how its columns were read (and map the
 * missing ones), preview every row, commit. Preview and commit are contract calls through TanStack mutations;
 * the commit's progress comes from the job's pushed events.
 */
export function useImportWizard(kind: PersonKind) {
  const { t } = useTranslation();
  const [step, setStep] = useState<Step>('pick');
  const [file, setFile] = useState<File | null>(null);
  const [upload, setUpload] = useState<UploadFile | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [mapping, setMapping] = useState<Mapping>({});
  const [summary, setSummary] = useState<ImportSummary | null>(null);
  const [tooLarge, setTooLarge] = useState(false);
  const [filter, setFilter] = useState<ImportRowStatus | 'all'>('all');
  const [confirming, setConfirming] = useState(false);
  // Rows written so far, pushed by the import job while the commit runs (null until its first step).
  const [written, setWritten] = useState<{ done: number; total: number } | null>(null);
  const committing = useRef(false);
  const previewCall = useApiMutation('people.importPreview');
  const commitCall = useApiMutation('people.importCommit', ['people.list', 'people.groups', 'students.list']);
  const templateCall = useApiMutation('people.importTemplate');

  useServerEvents(['job.progress'], (event) => {
    if (event.type !== 'job.progress' || event.kind !== 'import' || !committing.current) return;
    if (event.state === 'running' && event.total > 1) setWritten({ done: event.done, total: event.total });
  });

  async function run(next: Mapping, data: UploadFile): Promise<ImportPreview | null> {
    commitCall.reset();
    try {
      const result = await previewCall.mutateAsync({ kind, file: data, mapping: mappingInput(next) });
      setPreview(result);
      return result;
    } catch {
      return null; // shown from previewCall.error
    }
  }

  async function start() {
    if (!file) return;
    setTooLarge(file.size > MAX_UPLOAD_BYTES);
    if (file.size > MAX_UPLOAD_BYTES) return;
    const data = await readUpload(file);
    setUpload(data);
    setMapping({});
    const result = await run({}, data);
    if (result) {
      setFilter('all');
      // Always the column check first: a column read as the wrong field (联系电话 as the
      // guardian's phone) looks like a good row in the preview.
      setStep('map');
    }
  }

  async function remap(column: number, field: string | null) {
    if (!preview || !upload) return;
    const next = remapped(mapping, preview.columns, column, field);
    setMapping(next);
    await run(next, upload);
  }

  async function commit() {
    if (!upload) return;
    setWritten(null);
    committing.current = true;
    try {
      const result = await commitCall.mutateAsync({ kind, file: upload, mapping: mappingInput(mapping) });
      setSummary(result);
      setStep('done');
      toast.success(t('importer.committed', { created: result.created, updated: result.updated }));
    } catch {
      // shown from commitCall.error
    } finally {
      committing.current = false;
      setConfirming(false);
    }
  }

  function downloadTemplate() {
    templateCall.mutate(
      { kind },
      {
        onSuccess: (tpl) => downloadBase64(tpl.fileName, tpl.contentBase64),
        onError: (err) => toast.error(describeError(err)),
      },
    );
  }

  function pickFile(next: File | null) {
    setFile(next);
    setTooLarge(false);
    previewCall.reset();
  }

  function restart() {
    setStep('pick');
    pickFile(null);
    setUpload(null);
    setPreview(null);
    setMapping({});
    setSummary(null);
    commitCall.reset();
  }

  return {
    step,
    setStep,
    file,
    pickFile,
    preview,
    summary,
    filter,
    setFilter,
    confirming,
    setConfirming,
    written,
    busy: previewCall.isPending || commitCall.isPending,
    tooLarge,
    error: previewCall.error ?? commitCall.error,
    start,
    remap,
    commit,
    downloadTemplate,
    restart,
  };
}
