import type { Programme } from '../instruments/schema';

export interface Period {
  from: string;
  to: string;
}

export type PeriodPreset = 'term' | 'lastTerm' | 'schoolYear' | 'month' | 'lastMonth' | 'year' | 'custom';

export const PRESETS: Record<Programme, readonly PeriodPreset[]> = {
  school: ['term', 'lastTerm', 'schoolYear', 'custom'],
  perinatal: ['year', 'month', 'lastMonth', 'custom'],
};

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const monthOf = (y: number, m: number): Period => ({ from: iso(y, m, 1), to: iso(y, m, lastDay(y, m)) });

/**
 * School terms, as every period a school's figures are reported for is reckoned (the dashboard's
 * presets and the group report's): the autumn term runs 1 Sep – 31 Jan, the spring term 1 Feb – 31 Jul; in the August holiday
 * the term just ended is the current one, as its figures are the ones still being reported.
 */
function termOf(y: number, m: number): Period {
  if (m >= 9) return { from: iso(y, 9, 1), to: iso(y + 1, 1, 31) };
  if (m === 1) return { from: iso(y - 1, 9, 1), to: iso(y, 1, 31) };
  return { from: iso(y, SPRING.from, 1), to: iso(y, SPRING.to, lastDay(y, SPRING.to)) };
}

/** The spring term's months (February to July); the autumn term is the rest of the school year. */
const SPRING = { from: 2, to: 7 };

/**
 * The term a screening planned on `today` belongs to: spring from February to July, autumn otherwise
 * (in August a new campaign readies the autumn term, while the figures still report the spring one).
 */
export function campaignTerm(today: string): 'spring' | 'autumn' {
  const m = Number(today.slice(5, 7));
  return m >= SPRING.from && m <= SPRING.to ? 'spring' : 'autumn';
}

/** The dates a preset stands for on `today` (YYYY-MM-DD). */
export function presetPeriod(preset: Exclude<PeriodPreset, 'custom'>, today: string): Period {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  switch (preset) {
    case 'term':
      return termOf(y, m);
    case 'lastTerm': {
      const { from } = termOf(y, m);
      // The day before this term began lies in the previous one.
      return from.endsWith('-09-01') ? termOf(Number(from.slice(0, 4)), 7) : termOf(y - 1, 9);
    }
    case 'schoolYear': {
      const start = m >= 9 ? y : y - 1;
      return { from: iso(start, 9, 1), to: iso(start + 1, 8, 31) };
    }
    case 'month':
      return monthOf(y, m);
    case 'lastMonth':
      return m === 1 ? monthOf(y - 1, 12) : monthOf(y, m - 1);
    case 'year':
      return { from: iso(y, 1, 1), to: iso(y, 12, 31) };
  }
}
