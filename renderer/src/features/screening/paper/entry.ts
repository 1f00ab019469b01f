import type { ScreeningOutcome, ScreeningSession } from '../../../../../shared/api/screening';
import type { Language } from '../../../../../shared/instruments/schema';
import { displayOptions, isItemAsked } from '../../../../../shared/instruments/options';
import { normaliseCode } from '../../../../../shared/station/codes';
import type { Participant } from '../api';
import type { Cells, GridItem } from './EntryGrid';

/**
 * Paper entry as data: which sheet is open, what is typed, and the double-entry passes. Pure
 * functions over one state object, so the page only renders it and runs the saves, and the
 * rules (a second pass must match the first, every flagged cell must be looked at again) are
 * tested without a browser.
 */
export interface OpenSheet {
  person: Participant;
  session: ScreeningSession;
  items: GridItem[];
}

export type Pass = 1 | 2 | 'resolve';

/** What the entry card says, as i18n keys under screening.paper with a count. */
export type EntryMessage =
  | { key: 'incomplete' | 'mismatch' | 'confirmFlagged' | 'resumed'; count: number }
  | { key: 'secondPass' }
  /** A server error, already worded by describeError. */
  | { text: string };

export interface EntryState {
  sheet: OpenSheet | null;
  cells: Cells;
  pass: Pass;
  /** The first pass's cells while the second is typed and compared. */
  first: Cells | null;
  /** Cells where the passes differ, and which of them were typed again since. */
  flagged: ReadonlySet<string>;
  confirmed: ReadonlySet<string>;
  notice: EntryMessage | null;
  error: EntryMessage | null;
}

export const emptyEntry: EntryState = {
  sheet: null,
  cells: {},
  pass: 1,
  first: null,
  flagged: new Set(),
  confirmed: new Set(),
  notice: null,
  error: null,
};

export type EntryAction =
  | { type: 'open'; sheet: OpenSheet; cells: Cells }
  | { type: 'cell'; key: string; value: string }
  | { type: 'error'; error: EntryMessage | null }
  /** Double entry switched on or off: passes start over, what is typed stays. */
  | { type: 'passesReset' }
  | { type: 'set'; state: EntryState }
  | { type: 'close' };

export function entryReducer(state: EntryState, action: EntryAction): EntryState {
  switch (action.type) {
    case 'open': {
      const resumed = Object.keys(action.cells).length;
      return {
        ...emptyEntry,
        sheet: action.sheet,
        cells: action.cells,
        notice: resumed ? { key: 'resumed', count: resumed } : null,
      };
    }
    case 'cell': {
      const reconfirmed = state.pass === 'resolve' && state.flagged.has(action.key);
      return {
        ...state,
        cells: { ...state.cells, [action.key]: action.value },
        confirmed: reconfirmed ? new Set(state.confirmed).add(action.key) : state.confirmed,
        error: null,
      };
    }
    case 'error':
      return { ...state, error: action.error };
    case 'passesReset':
      return { ...state, pass: 1, first: null, flagged: new Set() };
    case 'set':
      return action.state;
    case 'close':
      return emptyEntry;
  }
}

/** What Enter on a sheet leads to: the next state, whether to save now, and which cell to focus. */
export interface Step {
  state: EntryState;
  save: boolean;
  /** Focus a cell (undefined key: the first one); null leaves focus where it is. */
  focus: { key?: string } | null;
}

export function advance(state: EntryState, double: boolean, lang: Language = 'zh'): Step {
  const { sheet, cells, pass, first } = state;
  if (!sheet) return { state, save: false, focus: null };
  // PHQ-9's difficulty question is not on a sheet whose nine answers are all 0: not required.
  const typed = typedAnswers(sheet.items, cells, lang);
  const missing = sheet.items.filter(
    (i) => !cells[i.key] && isItemAsked(i.def, i.itemId, typed[i.def.id] ?? {}),
  );
  if (missing.length)
    return {
      state: { ...state, error: { key: 'incomplete', count: missing.length } },
      save: false,
      focus: { key: missing[0]!.key },
    };
  if (double && pass === 1)
    return {
      state: { ...state, first: cells, cells: {}, pass: 2, notice: { key: 'secondPass' }, error: null },
      save: false,
      focus: {},
    };
  if (double && pass === 2 && first) {
    const differing = sheet.items.filter((i) => first[i.key] !== cells[i.key]).map((i) => i.key);
    if (differing.length)
      return {
        state: {
          ...state,
          flagged: new Set(differing),
          confirmed: new Set(),
          pass: 'resolve',
          notice: null,
          error: { key: 'mismatch', count: differing.length },
        },
        save: false,
        focus: { key: differing[0] },
      };
  }
  if (pass === 'resolve') {
    const open = [...state.flagged].filter((k) => !state.confirmed.has(k));
    if (open.length)
      return {
        state: { ...state, error: { key: 'confirmFlagged', count: open.length } },
        save: false,
        focus: { key: open[0] },
      };
  }
  return { state: { ...state, error: null }, save: true, focus: null };
}

/** The values the typed cells stand for, by instrument and item (blank '-' and empty cells left out). */
function typedAnswers(items: readonly GridItem[], cells: Cells, lang: Language): ScreeningSession['answers'] {
  const out: ScreeningSession['answers'] = {};
  for (const item of items) {
    const cell = cells[item.key];
    const option =
      cell && cell !== '-' ? displayOptions(item.def, item.itemId, lang)[Number(cell) - 1] : undefined;
    if (option) (out[item.def.id] ??= {})[item.itemId] = option.value;
  }
  return out;
}

/** A resumed sheet's saved answers as the digits the entry grid shows (1 = first printed option). */
export function cellsFromAnswers(
  items: readonly GridItem[],
  answers: ScreeningSession['answers'],
  lang: Language,
): Cells {
  const cells: Cells = {};
  for (const item of items) {
    const value = answers[item.def.id]?.[item.itemId];
    if (value === undefined) continue;
    const position = displayOptions(item.def, item.itemId, lang).findIndex((o) => o.value === value);
    if (position !== -1) cells[item.key] = String(position + 1);
  }
  return cells;
}

/** The answers a sheet's cells stand for that the server does not have yet ('-' is a blank). */
export function changedAnswers(
  items: readonly GridItem[],
  cells: Cells,
  saved: ScreeningSession['answers'],
  lang: Language,
): { instrumentId: string; itemId: string; value: number }[] {
  const out: { instrumentId: string; itemId: string; value: number }[] = [];
  for (const item of items) {
    const cell = cells[item.key];
    if (!cell || cell === '-') continue;
    const option = displayOptions(item.def, item.itemId, lang)[Number(cell) - 1];
    if (!option || saved[item.def.id]?.[item.itemId] === option.value) continue;
    out.push({ instrumentId: item.def.id, itemId: item.itemId, value: option.value });
  }
  return out;
}

/**
 * People a typed search means: an exact 学籍号 or slip code first, then partial numbers, codes
 * and names; at most `limit`.
 */
export function matchPeople(
  people: readonly Participant[],
  query: string,
  slips: ReadonlyMap<number, string> | null,
  limit: number,
): Participant[] {
  const q = query.trim().toUpperCase();
  if (!q) return [];
  const code = normaliseCode(q);
  const exact: Participant[] = [];
  const partial: Participant[] = [];
  for (const p of people) {
    const number = (p.number ?? '').toUpperCase();
    const slip = normaliseCode(slips?.get(p.personId) ?? '');
    if (number === q || (code && slip === code)) exact.push(p);
    else if (number.includes(q) || (code && slip.includes(code)) || p.name.toUpperCase().includes(q))
      partial.push(p);
  }
  return [...exact, ...partial].slice(0, limit);
}

/** One saved sheet in the list beside the entry card. */
export interface Recent {
  name: string;
  at: string;
  complete: boolean;
  critical: boolean;
  /** The sheet's results, so blanks are marked as everywhere else (部分作答, 第9题未作答). */
  results: ScreeningOutcome['results'];
}
