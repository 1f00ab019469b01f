import { describe, expect, test } from 'vitest';
import type { ScreeningSession } from '../../shared/api/screening';
import { getInstrument } from '../../shared/instruments';
import { gridItems } from '../../renderer/src/features/screening/paper/EntryGrid';
import {
  acceptedDigits,
  advance,
  cellsFromAnswers,
  changedAnswers,
  emptyEntry,
  entryReducer,
  keyMeaning,
  matchPeople,
  scoresTypeable,
  type EntryState,
} from '../../renderer/src/features/screening/paper/entry';
import type { Participant } from '../../renderer/src/features/screening/api';

const gad7 = getInstrument('GAD-7')!;
const items = gridItems([gad7], 'zh');
const person = { personId: 1, name: '张三', number: '20230101', group: '1班', status: 'due' } as Participant;
const session = { screeningId: 9, answers: {} } as unknown as ScreeningSession;
const allOnes = Object.fromEntries(items.map((i) => [i.key, '1']));

function opened(cells = {}): EntryState {
  return entryReducer(emptyEntry, { type: 'open', sheet: { person, session, items }, cells });
}

describe('paper entry', () => {
  test('a sheet with gaps is not saved: the first gap is named and focused', () => {
    const state = entryReducer(opened(), { type: 'cell', key: items[0]!.key, value: '2' });
    const step = advance(state, false);
    expect(step.save).toBe(false);
    expect(step.state.error).toEqual({ key: 'incomplete', count: 6 });
    expect(step.focus).toEqual({ key: 'GAD-7/q2' });
  });

  test('single entry saves a complete sheet at once', () => {
    const step = advance(opened(allOnes), false);
    expect(step).toMatchObject({ save: true, focus: null });
    expect(step.state.error).toBeNull();
  });

  test('double entry: the second pass must match, differing cells are flagged until typed again', () => {
    const first = advance(opened(allOnes), true);
    expect(first.save).toBe(false);
    expect(first.state).toMatchObject({ pass: 2, cells: {}, notice: { key: 'secondPass' } });

    let state = first.state;
    for (const item of items) state = entryReducer(state, { type: 'cell', key: item.key, value: '1' });
    state = entryReducer(state, { type: 'cell', key: 'GAD-7/q4', value: '3' });
    const mismatch = advance(state, true);
    expect(mismatch.save).toBe(false);
    expect(mismatch.state.pass).toBe('resolve');
    expect([...mismatch.state.flagged]).toEqual(['GAD-7/q4']);
    expect(mismatch.state.error).toEqual({ key: 'mismatch', count: 1 });
    expect(mismatch.focus).toEqual({ key: 'GAD-7/q4' });

    const unconfirmed = advance(mismatch.state, true);
    expect(unconfirmed.state.error).toEqual({ key: 'confirmFlagged', count: 1 });
    expect(unconfirmed.save).toBe(false);

    const retyped = entryReducer(unconfirmed.state, { type: 'cell', key: 'GAD-7/q4', value: '1' });
    expect(advance(retyped, true).save).toBe(true);
  });

  test('switching double entry off mid-sheet starts the passes over and keeps the cells', () => {
    const second = advance(opened(allOnes), true).state;
    const reset = entryReducer(second, { type: 'passesReset' });
    expect(reset).toMatchObject({ pass: 1, first: null });
    expect(reset.flagged.size).toBe(0);
  });

  test('a resumed sheet shows its saved answers as printed digits and says how many', () => {
    const answers = { 'GAD-7': { q1: 0, q2: 3 } };
    const cells = cellsFromAnswers(items, answers);
    expect(cells).toEqual({ 'GAD-7/q1': '1', 'GAD-7/q2': '4' });
    expect(opened(cells).notice).toEqual({ key: 'resumed', count: 2 });
  });

  test('only answers the server lacks are sent; a blank (-) sends nothing', () => {
    const cells = { ...allOnes, 'GAD-7/q2': '4', 'GAD-7/q3': '-' };
    const sent = changedAnswers(items, cells, { 'GAD-7': { q1: 0 } });
    expect(sent.map((a) => `${a.itemId}=${a.value}`)).toEqual(['q2=3', 'q4=0', 'q5=0', 'q6=0', 'q7=0']);
  });

  test('search puts an exact number or slip code first, then partial numbers and names', () => {
    const people = [
      { ...person, personId: 1, name: '李四', number: '20230110' },
      { ...person, personId: 2, name: '王五', number: '2023011' },
      { ...person, personId: 3, name: '赵2023011', number: null },
    ] as Participant[];
    const slips = new Map([[3, 'ABCD-EFGH']]);
    expect(matchPeople(people, '2023011', slips, 8).map((p) => p.personId)).toEqual([2, 1, 3]);
    expect(matchPeople(people, 'abcdefgh', slips, 8).map((p) => p.personId)).toEqual([3]);
    expect(matchPeople(people, '  ', slips, 8)).toEqual([]);
    expect(matchPeople(people, '2023', slips, 2)).toHaveLength(2);
  });
});

describe("keyed entry: option numbers or the official forms' scores", () => {
  // The English EPDS prints items 3 and 5–10 severe-first.
  const epds = gridItems([getInstrument('EPDS')!], 'en');
  const q1 = items[0]!;

  test('by position 1–4 are answers, 0 is a blank, 5 is refused; by score 0–3 are answers, 4 is refused', () => {
    expect(['1', '4', '0', '5', 'a'].map((k) => keyMeaning(q1, k, 'position'))).toEqual([
      'answer',
      'answer',
      'blank',
      'invalid',
      'other',
    ]);
    expect(['0', '3', '4', '-', ' '].map((k) => keyMeaning(q1, k, 'score'))).toEqual([
      'answer',
      'answer',
      'invalid',
      'blank',
      'blank',
    ]);
    expect(acceptedDigits(q1, 'position')).toEqual(['1', '2', '3', '4']);
    expect(acceptedDigits(q1, 'score')).toEqual(['0', '1', '2', '3']);
    expect(scoresTypeable([...items, ...epds])).toBe(true);
  });

  test('the same sheet keyed by score saves the same answers as keyed by position', () => {
    // GAD-7 prints 完全不会 (0) first: position n is score n − 1.
    const byScore = Object.fromEntries(items.map((i, n) => [i.key, String(n % 4)]));
    const byPosition = Object.fromEntries(items.map((i, n) => [i.key, String((n % 4) + 1)]));
    expect(changedAnswers(items, byScore, {}, 'score')).toEqual(
      changedAnswers(items, byPosition, {}, 'position'),
    );
    expect(changedAnswers(items, byScore, {}, 'score').map((a) => a.value)).toEqual([0, 1, 2, 3, 0, 1, 2]);
    // Resumed answers come back in the mode's digits.
    expect(cellsFromAnswers(items, { 'GAD-7': { q1: 3 } }, 'score')).toEqual({ 'GAD-7/q1': '3' });
    expect(cellsFromAnswers(items, { 'GAD-7': { q1: 3 } }, 'position')).toEqual({ 'GAD-7/q1': '4' });
  });

  test('English EPDS items printed severe-first: score 3 is option 1 there', () => {
    const q3 = epds.find((i) => i.number === 3)!;
    expect(q3.values[0]).toBe(3);
    expect(changedAnswers([q3], { [q3.key]: '3' }, {}, 'score')).toEqual([
      { instrumentId: 'EPDS', itemId: q3.itemId, value: 3 },
    ]);
    expect(changedAnswers([q3], { [q3.key]: '1' }, {}, 'position')).toEqual([
      { instrumentId: 'EPDS', itemId: q3.itemId, value: 3 },
    ]);
  });

  test('switching mode mid-sheet shows what was typed the new way and starts the passes over', () => {
    const state = opened({ 'GAD-7/q1': '1', 'GAD-7/q2': '-', 'GAD-7/q3': '4' });
    const switched = entryReducer({ ...state, pass: 2 }, { type: 'mode', from: 'position', to: 'score' });
    expect(switched.cells).toEqual({ 'GAD-7/q1': '0', 'GAD-7/q2': '-', 'GAD-7/q3': '3' });
    expect(switched.pass).toBe(1);
    const back = entryReducer(switched, { type: 'mode', from: 'score', to: 'position' });
    expect(back.cells).toEqual(state.cells);
  });
});
