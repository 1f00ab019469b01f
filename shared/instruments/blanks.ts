import type { LocalizedText } from './schema';

/** A critical item left blank on a submitted sheet. */
export interface BlankCritical {
  instrumentId: string;
  number: number;
}

/** What a sheet's stored results say about its blanks (a ScoreResult has every field named here). */
interface ResultBlanks {
  instrumentId: string;
  total: number | null;
  band: string | null;
  complete: boolean;
  missing: readonly string[];
  criticalUnanswered: readonly { number: number }[];
}

/** "PHQ-9 第9题未作答" / "PHQ-9 item 9 not answered". */
export function blankCriticalText(blank: BlankCritical): LocalizedText {
  return {
    zh: `${blank.instrumentId} 第${blank.number}题未作答`,
    en: `${blank.instrumentId} item ${blank.number} not answered`,
  };
}

/** "PHQ-9 第9题未作答；EPDS 第10题未作答", for one cell or line. */
export function blankCriticalList(blanks: readonly BlankCritical[], lang: 'zh' | 'en'): string {
  return blanks.map((b) => blankCriticalText(b)[lang]).join(lang === 'zh' ? '；' : '; ');
}

/**
 * The blanks of a submitted sheet, for every view that shows it: whether it is incomplete, how many
 * items were left blank, which critical items were, and which instruments' bands the blanks leave
 * open (scoring stores no band when a completion could move it, so none may be shown).
 */
export interface SheetBlanks {
  incomplete: boolean;
  missing: number;
  blankCritical: BlankCritical[];
  /** Instruments with a total but no band: the band is 未定 (undetermined) because of blanks. */
  bandOpen: string[];
}

export function sheetBlanks(results: readonly ResultBlanks[]): SheetBlanks {
  return {
    incomplete: results.some((r) => !r.complete),
    missing: results.reduce((n, r) => n + r.missing.length, 0),
    blankCritical: results.flatMap((r) =>
      r.criticalUnanswered.map((c) => ({ instrumentId: r.instrumentId, number: c.number })),
    ),
    bandOpen: results.filter((r) => !r.complete && r.band === null).map((r) => r.instrumentId),
  };
}
