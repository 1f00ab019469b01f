import { useMemo } from 'react';
import type { InstrumentSummary } from '../../../../shared/api/instruments';
import type { Programme } from '../../../../shared/instruments/schema';
import type { TierLevel } from '../../../../shared/tiers/schema';
import { useApiQuery } from '../../api/query';
import { allLoaded, type Loadable } from '../../ui/LoadState';

export interface ResultLabels {
  instruments: Map<string, InstrumentSummary>;
  levels: Map<string, TierLevel>;
}

/**
 * What a report needs to word results: instrument names, bands and cut-offs, level names and
 * colours, from the two cached queries (so a rule change or a new instrument shows at once).
 */
export function useResultLabels(programme: Programme | undefined): Loadable<ResultLabels> {
  const enabled = programme !== undefined;
  const instruments = useApiQuery('instruments.list', {}, { enabled });
  const tiers = useApiQuery('tiers.get', { programme: programme ?? 'school' }, { enabled });
  const data = useMemo(
    () =>
      instruments.data && tiers.data
        ? {
            instruments: new Map(instruments.data.map((i) => [i.id, i])),
            levels: new Map(tiers.data.active.ruleSet.levels.map((l) => [l.id, l])),
          }
        : undefined,
    [instruments.data, tiers.data],
  );
  return { ...allLoaded({ instruments, tiers }), data };
}
