import type { InstrumentDefinition } from '../instruments/schema';

/**
 * What a per-scale figure needs of one stored result (a screening_results row). A complete result
 * may come as its total alone: its band is the band of that total.
 */
export interface StoredScale {
  instrumentId: string;
  /** The stored band id; null when blanks left it open, the scale has none, or it is left to `total`. */
  band: string | null;
  /** The stored verdict against the cut-off; null when blanks could still decide it (or not read). */
  positive: boolean | null;
  total?: number | null;
  complete?: boolean;
}

/** The band a complete result's total falls in, as scoring stored it. */
function bandOf(def: InstrumentDefinition | undefined, stored: StoredScale): string | null {
  if (stored.band !== null || !stored.complete || stored.total === null || stored.total === undefined)
    return stored.band;
  const total = stored.total;
  const scale = def?.scales.find((s) => s.id === def.mainScale);
  return scale?.bands?.find((b) => total >= b.min && total <= b.max)?.id ?? null;
}

/**
 * Whether one result is positive by its own scale (PHQ-9 ≥ 10 is PHQ-9's, whatever the battery's
 * combined level says): a band lying wholly at or above the main scale's cut-off is positive, one
 * wholly below it is not. Without a band (blanks, or a scale judged on a standard score) the verdict
 * scoring stored is used; null means undetermined, never negative.
 */
export function positiveByOwnBand(
  def: InstrumentDefinition | undefined,
  stored: StoredScale,
): boolean | null {
  const scale = def?.scales.find((s) => s.id === def.mainScale);
  const id = bandOf(def, stored);
  const band = id === null ? undefined : scale?.bands?.find((b) => b.id === id);
  if (scale?.cutoff?.basis === 'score') {
    if (band && band.min >= scale.cutoff.min) return true;
    if (band && band.max < scale.cutoff.min) return false;
    // A band that straddles the cut-off, or none: a complete total still decides.
    if (stored.complete && typeof stored.total === 'number') return stored.total >= scale.cutoff.min;
  }
  return stored.positive;
}

/** Per instrument: people counted, positive by the scale's own band, undetermined, and by band. */
export interface ScaleFigures {
  instrumentId: string;
  screened: number;
  positive: number;
  /** Results whose blanks leave the verdict open: counted as screened, not as positive. */
  undetermined: number;
  /** Counts per stored band id; '' holds results without a band. */
  byBand: Record<string, number>;
}

/**
 * The one definition of a per-scale positive count, over rows already reduced to each person's latest
 * result per instrument (`n` people share the same instrument, band and verdict). The dashboard, the
 * export's summary and the group report call this; none counts from the combined level.
 */
export function perScaleFigures(
  rows: readonly (StoredScale & { n: number })[],
  definition: (instrumentId: string) => InstrumentDefinition | undefined,
): ScaleFigures[] {
  const out = new Map<string, ScaleFigures>();
  for (const row of rows) {
    let f = out.get(row.instrumentId);
    if (!f) {
      f = { instrumentId: row.instrumentId, screened: 0, positive: 0, undetermined: 0, byBand: {} };
      out.set(row.instrumentId, f);
    }
    const def = definition(row.instrumentId);
    const band = bandOf(def, row) ?? '';
    f.screened += row.n;
    f.byBand[band] = (f.byBand[band] ?? 0) + row.n;
    const positive = positiveByOwnBand(def, row);
    if (positive === true) f.positive += row.n;
    else if (positive === null) f.undetermined += row.n;
  }
  return [...out.values()];
}
