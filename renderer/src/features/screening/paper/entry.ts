import type { ScreeningOutcome, ScreeningSession } from '../../../../../shared/api/screening';
import { isItemAsked } from '../../../../../shared/instruments/options';
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

/**
 * What a typed digit stands for: the option's position as this app prints it (1–4), or its score
 * as the official forms print it in their columns (PHQ-9/GAD-7 0–3; EPDS 3–0 on some items).
 */
export type EntryMode = 'position' | 'score';

const BLANK_KEYS = new Set([' ', '-', '.', 'Decimal']);

/**
 * What a key does on an item: an answer, the mark for an item left blank on paper, a digit the item
 * has no option for (said, not silently ignored), or nothing. By position 0 is the blank; by score
 * 0 is an answer, and the blank is space or -.
 */
export function keyMeaning(
  item: GridItem,
  key: string,
  mode: EntryMode,
): 'answer' | 'blank' | 'invalid' | 'other' {
  if (BLANK_KEYS.has(key) || (mode === 'position' && key === '0')) return 'blank';
  if (!/^\d$/.test(key)) return 'other';
  return optionValue(item, key, mode) === undefined ? 'invalid' : 'answer';
}

/** The score a typed cell stands for, or undefined when the item has no such option. */
export function optionValue(item: GridItem, cell: string, mode: EntryMode): number | undefined {
  const n = Number(cell);
  if (!/^\d+$/.test(cell)) return undefined;
  return mode === 'position' ? item.values[n - 1] : item.values.includes(n) ? n : undefined;
}

/** The cell that shows a score in this mode. */
export function cellFor(item: GridItem, value: number, mode: EntryMode): string | undefined {
  const position = item.values.indexOf(value);
  if (position === -1) return undefined;
  return mode === 'position' ? String(position + 1) : String(value);
}

/** The digits an item accepts in this mode, for the message on a wrong one (e.g. "0、1、2、3"). */
export const acceptedDigits = (item: GridItem, mode: EntryMode) =>
  (mode === 'position' ? item.values.map((_, i) => i + 1) : [...item.values].sort((a, b) => a - b)).map(
    String,
  );

/**
 * Scores can be typed only when each item's options have distinct one-digit scores (every built-in
 * scale); a custom scale scored 10, 20… is keyed by position.
 */
export const scoresTypeable = (items: readonly GridItem[]) =>
  items.every(
    (i) =>
      new Set(i.values).size === i.values.length &&
      i.values.every((v) => Number.isInteger(v) && v >= 0 && v <= 9),
  );

/** Cells typed in one mode as the other shows them, so switching mid-sheet keeps what was typed. */
export function convertCells(
  items: readonly GridItem[],
  cells: Cells,
  from: EntryMode,
  to: EntryMode,
): Cells {
  if (from === to) return cells;
  const out: Cells = {};
  for (const item of items) {
    const cell = cells[item.key];
    if (cell === undefined || cell === '' || cell === '-') {
      if (cell !== undefined) out[item.key] = cell;
      continue;
    }
    const value = optionValue(item, cell, from);
    const next = value === undefined ? undefined : cellFor(item, value, to);
    if (next !== undefined) out[item.key] = next;
  }
  return out;
}

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
  /** The digits now mean positions or scores: what is typed is shown the new way, passes start over. */
  | { type: 'mode'; from: EntryMode; to: EntryMode }
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
    case 'mode':
      return {
        ...state,
        cells: state.sheet
          ? convertCells(state.sheet.items, state.cells, action.from, action.to)
          : state.cells,
        pass: 1,
        first: null,
        flagged: new Set(),
        error: null,
      };
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

export function advance(state: EntryState, double: boolean, mode: EntryMode = 'position'): Step {
  const { sheet, cells, pass, first } = state;
  if (!sheet) return { state, save: false, focus: null };
  // PHQ-9's difficulty question is not on a sheet whose nine answers are all 0: not required.
  const typed = typedAnswers(sheet.items, cells, mode);
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
function typedAnswers(
  items: readonly GridItem[],
  cells: Cells,
  mode: EntryMode,
): ScreeningSession['answers'] {
  const out: ScreeningSession['answers'] = {};
  for (const item of items) {
    const cell = cells[item.key];
    const value = cell && cell !== '-' ? optionValue(item, cell, mode) : undefined;
    if (value !== undefined) (out[item.def.id] ??= {})[item.itemId] = value;
  }
  return out;
}

/** A resumed sheet's saved answers as the digits the entry grid shows (by position 1 = first printed option). */
export function cellsFromAnswers(
  items: readonly GridItem[],
  answers: ScreeningSession['answers'],
  mode: EntryMode = 'position',
): Cells {
  const cells: Cells = {};
  for (const item of items) {
    const value = answers[item.def.id]?.[item.itemId];
    if (value === undefined) continue;
    const cell = cellFor(item, value, mode);
    if (cell !== undefined) cells[item.key] = cell;
  }
  return cells;
}

/** The answers a sheet's cells stand for that the server does not have yet ('-' is a blank). */
export function changedAnswers(
  items: readonly GridItem[],
  cells: Cells,
  saved: ScreeningSession['answers'],
  mode: EntryMode = 'position',
): { instrumentId: string; itemId: string; value: number }[] {
  const out: { instrumentId: string; itemId: string; value: number }[] = [];
  for (const item of items) {
    const cell = cells[item.key];
    if (!cell || cell === '-') continue;
    const value = optionValue(item, cell, mode);
    if (value === undefined || saved[item.def.id]?.[item.itemId] === value) continue;
    out.push({ instrumentId: item.def.id, itemId: item.itemId, value });
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
