import { useMemo } from 'react';
import type { ApiOutput } from '../../../../shared/api/contract';
import type { InstrumentSummary } from '../../../../shared/api/instruments';
import type { Programme } from '../../../../shared/instruments/schema';
import type { TierLevel } from '../../../../shared/tiers/schema';
import { invoke } from '../../api/client';
import { useApiQuery } from '../../api/query';

export interface ResultLabels {
  instruments: Map<string, InstrumentSummary>;
  levels: Map<string, TierLevel>;
}

function toResultLabels(
  instruments: ApiOutput<'instruments.list'>,
  tiers: ApiOutput<'tiers.get'>,
): ResultLabels {
  return {
    instruments: new Map(instruments.map((i) => [i.id, i])),
    levels: new Map(tiers.active.ruleSet.levels.map((l) => [l.id, l])),
  };
}

/** What is needed to word a person's results: instrument names, bands and cut-offs, level names and colours. */
export async function loadResultLabels(programme: Programme): Promise<ResultLabels> {
  const [instruments, tiers] = await Promise.all([
    invoke('instruments.list', {}),
    invoke('tiers.get', { programme }),
  ]);
  return toResultLabels(instruments, tiers);
}

/** The same labels from the shared cache: null until both answers are in. */
export function useResultLabels(programme: Programme): ResultLabels | null {
  const instruments = useApiQuery('instruments.list', {});
  const tiers = useApiQuery('tiers.get', { programme });
  return useMemo(
    () => (instruments.data && tiers.data ? toResultLabels(instruments.data, tiers.data) : null),
    [instruments.data, tiers.data],
  );
}
