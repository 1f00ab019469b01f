import type { InstrumentSummary } from '../../../../shared/api/instruments';
import type { Programme } from '../../../../shared/instruments/schema';
import type { TierLevel } from '../../../../shared/tiers/schema';
import { invoke } from '../../api/client';

export interface ResultLabels {
  instruments: Map<string, InstrumentSummary>;
  levels: Map<string, TierLevel>;
}

/** What is needed to word a person's results: instrument names, bands and cut-offs, level names and colours. */
export async function loadResultLabels(programme: Programme): Promise<ResultLabels> {
  const [instruments, tiers] = await Promise.all([
    invoke('instruments.list', {}),
    invoke('tiers.get', { programme }),
  ]);
  return {
    instruments: new Map(instruments.map((i) => [i.id, i])),
    levels: new Map(tiers.active.ruleSet.levels.map((l) => [l.id, l])),
  };
}
