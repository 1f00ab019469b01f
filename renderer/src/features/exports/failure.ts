import { EXPORT_TOO_LARGE, type ExportProgress } from '../../../../shared/api/exports';

export type ExportFailureKey =
  | 'export.failures.tooLarge'
  | 'export.failures.internal'
  | 'export.failures.unauthenticated'
  | 'export.failures.other';

/**
 * The words for a failed export job, from the code (and reason) the server reports: the server
 * sends no sentence, so both languages say what happened and what to do next.
 */
export function exportFailureWords(progress: Pick<ExportProgress, 'errorCode' | 'errorReason'>): {
  key: ExportFailureKey;
  code: string;
} {
  const code = progress.errorCode ?? 'internal';
  if (progress.errorReason === EXPORT_TOO_LARGE) return { key: 'export.failures.tooLarge', code };
  if (code === 'internal') return { key: 'export.failures.internal', code };
  if (code === 'unauthenticated') return { key: 'export.failures.unauthenticated', code };
  return { key: 'export.failures.other', code };
}
