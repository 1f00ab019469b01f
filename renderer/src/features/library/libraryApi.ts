import type { InstrumentSummary } from '../../../../shared/api/instruments';
import { invoke } from '../../api/client';
import type { UploadFile } from '../../lib/files';

export function importInstrument(file: UploadFile): Promise<InstrumentSummary> {
  return invoke('instruments.import', { file });
}

export function instrumentTemplate(): Promise<UploadFile> {
  return invoke('instruments.template', {});
}
