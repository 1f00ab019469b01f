// Issue 14: respondents read their own programme's words — 你 for students, 您 for women, staff
// and clinic words at a maternal service — and PHQ-9's difficulty question only after a problem.
import i18next from 'i18next';
import { beforeAll, describe, expect, test } from 'vitest';
import { addressedTo, getInstrument, isItemAsked } from '../../shared/instruments';
import { consentFor, DEFAULT_CONSENT } from '../../shared/screening/consent';
import { batteryFor } from '../../shared/screening/criteria';
import { askedSteps, buildSteps } from '../../renderer/src/features/respondent/model';
import { gridItems } from '../../renderer/src/features/screening/paper/EntryGrid';
import { advance, emptyEntry, entryReducer } from '../../renderer/src/features/screening/paper/entry';
import type { Participant } from '../../renderer/src/features/screening/api';
import type { ScreeningSession } from '../../shared/api/screening';
import { refusalWords } from '../../renderer/src/features/station/refusals';
import { screeningEn } from '../../renderer/src/features/screening/i18n.en';
import { screeningZhCN } from '../../renderer/src/features/screening/i18n.zh';

const phq9 = getInstrument('PHQ-9')!;
const SCHOOL_WORDS = /老师|学籍号|学校|班主任|评优|成绩/;

beforeAll(async () => {
  await i18next.init({
    resources: {
      'zh-CN': { translation: { screening: screeningZhCN } },
      en: { translation: { screening: screeningEn } },
    },
    lng: 'zh-CN',
    interpolation: { escapeValue: false },
  });
});

describe('PHQ-9 difficulty question (item 10)', () => {
  const nine = (value: number) =>
    Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`q${i + 1}`, value]));

  test('skipped when all nine answers are 0, asked after any problem or while items are blank', () => {
    expect(isItemAsked(phq9, 'difficulty', nine(0))).toBe(false);
    expect(isItemAsked(phq9, 'difficulty', { ...nine(0), q4: 1 })).toBe(true);
    expect(isItemAsked(phq9, 'difficulty', { q1: 0 })).toBe(true);
    expect(isItemAsked(phq9, 'q1', nine(0))).toBe(true);
  });

  test('the respondent flow drops the step; keyed entry does not require the cell', () => {
    const steps = buildSteps([phq9]);
    expect(steps).toHaveLength(10);
    expect(askedSteps(steps, { 'PHQ-9': nine(0) })).toHaveLength(9);
    expect(askedSteps(steps, { 'PHQ-9': { ...nine(0), q2: 2 } })).toHaveLength(10);

    const items = gridItems([phq9], 'zh');
    const person = { personId: 1, name: '张三', number: 'S1', group: '1班', status: 'due' } as Participant;
    const session = { screeningId: 1, answers: {} } as unknown as ScreeningSession;
    // Position 1 is the first printed option (0 for PHQ-9).
    const cells = (first: string) =>
      Object.fromEntries(items.filter((i) => i.itemId !== 'difficulty').map((i) => [i.key, first]));
    const open = (c: Record<string, string>) =>
      entryReducer(emptyEntry, { type: 'open', sheet: { person, session, items }, cells: c });
    expect(advance(open(cells('1')), false, 'position').save).toBe(true);
    const withProblem = advance(open({ ...cells('1'), 'PHQ-9/q3': '2' }), false, 'position');
    expect(withProblem.save).toBe(false);
    expect(withProblem.focus).toEqual({ key: 'PHQ-9/difficulty' });
  });
});

describe('addressed by programme', () => {
  test('students read PHQ-9 and GAD-7 with 你, women with 您; a parent form keeps 您', () => {
    const student = addressedTo(phq9, 'school');
    expect(student.instructions.zh).toBe('在过去两个星期，有多少时候你受到以下任何问题所困扰？');
    expect(JSON.stringify(student)).not.toContain('您');
    expect(addressedTo(phq9, 'perinatal').instructions.zh).toContain('您');
    expect(addressedTo(getInstrument('GAD-7')!, 'school').instructions.zh).toContain('你');
    const psc = getInstrument('PSC-17')!;
    expect(addressedTo(psc, 'school')).toBe(psc);
    // Scoring reads the same definition: only words change.
    expect(student.items.map((i) => i.id)).toEqual(phq9.items.map((i) => i.id));
  });

  test('consent: each programme its own default in each language; a stored text of its own is kept', () => {
    expect(consentFor('perinatal', DEFAULT_CONSENT.school.zh, 'zh')).toBe(DEFAULT_CONSENT.perinatal.zh);
    expect(consentFor('perinatal', DEFAULT_CONSENT.perinatal.zh, 'en')).toBe(DEFAULT_CONSENT.perinatal.en);
    expect(consentFor('school', '', 'en')).toBe(DEFAULT_CONSENT.school.en);
    expect(consentFor('perinatal', '本院自拟同意书', 'en')).toBe('本院自拟同意书');
    expect(DEFAULT_CONSENT.perinatal.zh).not.toMatch(SCHOOL_WORDS);
    // The create dialog offers the same words.
    expect(screeningZhCN.create.consentSchool).toBe(DEFAULT_CONSENT.school.zh);
    expect(screeningZhCN.create.consentPerinatal).toBe(DEFAULT_CONSENT.perinatal.zh);
    expect(screeningEn.create.consentSchool).toBe(DEFAULT_CONSENT.school.en);
    expect(screeningEn.create.consentPerinatal).toBe(DEFAULT_CONSENT.perinatal.en);
  });

  test('the station page words refusals for a woman without teachers', async () => {
    await i18next.changeLanguage('zh-CN');
    const words = refusalWords(i18next.t, 'perinatal');
    for (const [code, reason] of [
      ['already_submitted', ''],
      ['already_declined', ''],
      ['approval_refused', ''],
      ['too_many_attempts', 'respondent.too_many_attempts'],
      ['unauthenticated', 'respondent.closed'],
    ] as const)
      expect(words(code, reason, {})).not.toMatch(SCHOOL_WORDS);
    const perinatalStation = [
      screeningZhCN.station.codeHintPerinatal,
      screeningZhCN.station.waitingTitlePerinatal,
      screeningZhCN.station.waitingBodyPerinatal,
      screeningZhCN.respondent.privacyNotePerinatal,
      screeningZhCN.respondent.welcomePerinatal,
    ];
    for (const text of perinatalStation) expect(text).not.toMatch(SCHOOL_WORDS);
    await i18next.changeLanguage('en');
    expect(refusalWords(i18next.t, 'perinatal')('already_submitted', '', {})).not.toMatch(/teacher/i);
  });
});

describe('campaign criteria', () => {
  test('the first target naming a person sets the battery; empty filters name everyone', () => {
    const targets = [
      { grades: ['七年级'], classNames: ['1班'], battery: ['PHQ-9', 'GAD-7'] },
      { grades: ['七年级'], battery: ['PHQ-2'] },
    ];
    const student = (className: string) => ({ grade: '七年级', className, dueTimePoints: [] });
    expect(batteryFor(targets, student('1班'))).toEqual(['PHQ-9', 'GAD-7']);
    expect(batteryFor(targets, student('2班'))).toEqual(['PHQ-2']);
    expect(batteryFor(targets, { grade: '八年级', className: '1班', dueTimePoints: [] })).toBeNull();
    const mid = [{ timePoints: ['mid' as const], battery: ['EPDS'] }];
    expect(batteryFor(mid, { grade: null, className: null, dueTimePoints: ['mid'] })).toEqual(['EPDS']);
    expect(batteryFor(mid, { grade: null, className: null, dueTimePoints: ['early'] })).toBeNull();
  });
});
