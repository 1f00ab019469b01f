import type { ImportPreview, ImportSummary } from '../../../../shared/api/imports';
import type { PersonKind } from '../../../../shared/api/people';
import { invoke } from '../../api/client';
import type { UploadFile } from '../../lib/files';

export type Mapping = Record<string, number | null>;

export function previewImport(kind: PersonKind, file: UploadFile, mapping?: Mapping): Promise<ImportPreview> {
  return invoke('people.importPreview', { kind, file, mapping });
}

export function commitImport(kind: PersonKind, file: UploadFile, mapping?: Mapping): Promise<ImportSummary> {
  return invoke('people.importCommit', { kind, file, mapping });
}

export function importTemplate(kind: PersonKind): Promise<UploadFile> {
  return invoke('people.importTemplate', { kind });
}
