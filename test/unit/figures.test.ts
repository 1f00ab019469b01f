import { describe, expect, test } from 'vitest';
import { summaryParagraph } from '../../electron/services/export/summary';
import type { Dashboard } from '../../shared/api/cases';
import { campaignWarnings } from '../../shared/api/screening';
import { currentLevel } from '../../shared/figures/current-level';
import { dueTimePoints, enteredManagementIn, openAtEndOf } from '../../shared/figures/definitions';
import { perScaleFigures, positiveByOwnBand } from '../../shared/figures/per-scale';
import { percentText, ratio } from '../../shared/figures/rates';
import {
  answersFromValues,
  blankCriticalList,
  blankCriticalText,
  getInstrument,
  scoreInstrument,
  sheetBlanks,
} from '../../shared/instruments';
import { defaultSchoolRules } from '../../shared/tiers';

const def = (id: string) => getInstrument(id)!;
const score = (id: string, values: (number | null)[]) =>
  scoreInstrument(def(id), answersFromValues(def(id), values));

describe('positiveByOwnBand', () => {
  test.each<[string, string | null, boolean | null, boolean | null]>([
    ['GAD-7', 'moderate', true, true], // 10–14 lies at or above the cut-off 10
    ['GAD-7', 'mild', false, false], // 5–9 lies below it
    ['GAD-7', 'severe', true, true],
    ['PHQ-9', 'moderately_severe', true, true],
    ['PHQ-9', 'mild', false, false],
    ['PHQ-2', 'positive', true, true], // 3–6, cut-off 3
    ['PHQ-2', 'negative', false, false],
    // No band (blanks): scoring's stored verdict, which is null when the blanks could decide it.
    ['PHQ-9', null, true, true],
    ['PHQ-9', null, null, null],
  ])('%s band %s (stored %s) → %s', (instrumentId, band, stored, expected) => {
    expect(positiveByOwnBand(def(instrumentId), { instrumentId, band, positive: stored })).toBe(expected);
  });

  test('a band wins over a stored verdict that disagrees, and an unknown instrument keeps the stored one', () => {
    expect(positiveByOwnBand(def('GAD-7'), { instrumentId: 'GAD-7', band: 'minimal', positive: true })).toBe(
      false,
    );
    expect(positiveByOwnBand(undefined, { instrumentId: 'X', band: 'high', positive: true })).toBe(true);
  });

  test('from real scores: each scale by its own cut-off, not the level it led to', () => {
    const results = [score('PHQ-9', [1, 1, 1, 1, 1, 1, 1, 1, 1]), score('GAD-7', [0, 0, 0, 0, 0, 0, 0])];
    // Red through item 9, yet neither total reaches its cut-off.
    expect(results.map((r) => positiveByOwnBand(def(r.instrumentId), r))).toEqual([false, false]);
  });
});

describe('perScaleFigures', () => {
  test('adds people per instrument: positive, undetermined, by band', () => {
    const rows = [
      { instrumentId: 'GAD-7', band: 'minimal', positive: false, n: 185 },
      { instrumentId: 'GAD-7', band: 'moderate', positive: true, n: 10 },
      { instrumentId: 'GAD-7', band: 'severe', positive: true, n: 5 },
      { instrumentId: 'PHQ-9', band: null, positive: null, n: 2 },
      { instrumentId: 'PHQ-9', band: null, positive: true, n: 1 },
      { instrumentId: 'PHQ-9', band: 'mild', positive: false, n: 7 },
    ];
    expect(perScaleFigures(rows, def)).toEqual([
      { instrumentId: 'GAD-7', screened: 200, positive: 15, undetermined: 0, byBand: { minimal: 185, moderate: 10, severe: 5 } }, // prettier-ignore
      { instrumentId: 'PHQ-9', screened: 10, positive: 1, undetermined: 2, byBand: { '': 3, mild: 7 } },
    ]);
    // The GAD-7: 15 of 200 is 7.5 %, one rounding for every figure.
    expect([ratio(15, 200), percentText(ratio(15, 200))]).toEqual([0.075, '7.5%']);
    expect([ratio(1, 3), percentText(ratio(2, 3)), ratio(1, 0), percentText(null)]).toEqual([
      0.333,
      '66.7%',
      null,
      '—',
    ]);
  });
});

describe('blanks', () => {
  test('a PHQ-9 with item 9 blank: incomplete, item 9 named, the band left open', () => {
    const phq9 = score('PHQ-9', [1, 1, 1, 1, 0, 0, 0, 0, null]);
    const gad7 = score('GAD-7', [0, 0, 0, 0, 0, 0, 0]);
    expect(sheetBlanks([phq9, gad7])).toEqual({
      incomplete: true,
      missing: 1,
      blankCritical: [{ instrumentId: 'PHQ-9', number: 9 }],
      bandOpen: ['PHQ-9'],
    });
    expect(blankCriticalText({ instrumentId: 'PHQ-9', number: 9 })).toEqual({
      zh: 'PHQ-9 第9题未作答',
      en: 'PHQ-9 item 9 not answered',
    });
    const both = [
      { instrumentId: 'PHQ-9', number: 9 },
      { instrumentId: 'EPDS', number: 10 },
    ];
    expect(blankCriticalList(both, 'zh')).toBe('PHQ-9 第9题未作答；EPDS 第10题未作答');
    expect(blankCriticalList(both, 'en')).toBe('PHQ-9 item 9 not answered; EPDS item 10 not answered');
  });

  test('a blank that cannot move the band leaves it, and a complete sheet has no blanks', () => {
    // PHQ-9 20 with item 8 blank: 20–23 is severe either way.
    const severe = score('PHQ-9', [3, 3, 3, 3, 3, 3, 2, null, 0]);
    expect(severe.band).toBe('severe');
    expect(sheetBlanks([severe])).toMatchObject({ incomplete: true, blankCritical: [], bandOpen: [] });
    expect(sheetBlanks([score('GAD-7', [1, 1, 1, 1, 1, 1, 1])])).toEqual({
      incomplete: false,
      missing: 0,
      blankCritical: [],
      bandOpen: [],
    });
  });
});

describe('campaignWarnings', () => {
  const critical = (id: string) => def(id).criticalItems.length > 0;
  test('a battery without a self-harm item is named once', () => {
    expect(campaignWarnings([['PHQ-2', 'GAD-2'], ['PHQ-9'], ['PHQ-2', 'GAD-2']], critical)).toEqual([
      { code: 'no_critical_item', battery: ['PHQ-2', 'GAD-2'] },
    ]);
    expect(campaignWarnings([['PHQ-9', 'GAD-7'], ['EPDS']], critical)).toEqual([]);
    expect(campaignWarnings([[]], critical)).toEqual([]);
  });
});

describe('summaryParagraph', () => {
  const figures = (over: Partial<Dashboard>): Dashboard => ({
    programme: 'school',
    from: '2026-03-01',
    to: '2026-03-31',
    due: 200,
    screened: 200,
    screenedRate: 1,
    byLevel: { green: 200 },
    criticalItems: 0,
    interviewed: 0,
    referred: 0,
    attended: 0,
    diagnosed: 0,
    underManagement: 0,
    managedByColour: {},
    followUps: 0,
    lifted: 0,
    closed: 0,
    tasksDueToday: 0,
    tasksOverdue: 0,
    criticalUnsubmitted: 0,
    safetyChecksDueToday: 0,
    safetyChecksOverdue: 0,
    ...over,
  });
  const levels = defaultSchoolRules.levels;
  const phq9 = { scales: [{ instrumentId: 'PHQ-9', screened: 200, positive: 0, undetermined: 0, byBand: {} }], withCritical: ['PHQ-9'], advice: {} }; // prettier-ignore

  test('a critical answer beside no warning is not "其中" of nothing', () => {
    // The person answered item 9 earlier in the period; their latest sheet is green.
    const text = summaryParagraph('school', figures({ criticalItems: 1 }), levels, phq9);
    expect(text).toContain(
      '未发现预警；另有1人本期曾在关键条目（自伤念头）作答阳性，其最近一次测评未达预警，须逐一核实；',
    );
    expect(text).not.toContain('其中');
  });

  test('with a warning, critical answers are "其中" as before', () => {
    const text = summaryParagraph(
      'school',
      figures({ byLevel: { red: 1, green: 199 }, criticalItems: 1 }),
      levels,
      phq9,
    );
    expect(text).toContain(
      '发现预警1人（红色预警（一级）1人），预警率0.5%；其中关键条目（自伤念头）阳性1人；',
    );
  });
});

describe('the one current level (shared/figures/current-level.ts)', () => {
  const sheet = (level: string, submittedAt: string) => ({ status: 'submitted', level, submittedAt });
  const openCase = { status: 'open' as const, screenLevel: 'red', confirmedLevel: null, endedAt: null };
  test('an open case: its level as reviewed, else as screened, whatever the latest sheet said', () => {
    expect(currentLevel([openCase], [sheet('red', '2026-03-10T09:00:00Z')])).toBe('red');
    expect(currentLevel([{ ...openCase, confirmedLevel: 'yellow' }], [sheet('red', '2026-03-10T09:00:00Z')])).toBe('yellow'); // prettier-ignore
  });
  test('after a lift: none until a sheet submitted since says otherwise', () => {
    const lifted = { ...openCase, status: 'lifted' as const, confirmedLevel: 'yellow', endedAt: '2026-03-20T09:00:00Z' }; // prettier-ignore
    expect(currentLevel([lifted], [sheet('red', '2026-03-10T09:00:00Z')])).toBeNull();
    expect(currentLevel([lifted], [sheet('red', '2026-03-10T09:00:00Z'), sheet('green', '2026-04-01T09:00:00Z')])).toBe('green'); // prettier-ignore
  });
  test('no case: the latest submitted sheet; nothing before any', () => {
    expect(currentLevel([], [sheet('green', '2026-03-10T09:00:00Z'), sheet('yellow', '2026-02-10T09:00:00Z')])).toBe('green'); // prettier-ignore
    expect(currentLevel([], [{ status: 'in_progress', level: null, submittedAt: null }])).toBeNull();
  });
});

describe('period definitions (shared/figures/definitions.ts)', () => {
  const march = { from: '2026-03-01', to: '2026-03-31' };
  test('a woman is due at each time point whose window overlaps the period', () => {
    // LMP 1 Dec: day 90 on 1 March (early until day 97, 8 March), mid from 9 March.
    expect(dueTimePoints({ lmp: '2025-12-01' }, march)).toEqual(['early', 'mid']);
    // Delivered 1 February: 产后42天 window days 28–56, 1–29 March; late ended at delivery.
    expect(dueTimePoints({ lmp: '2025-05-01', deliveryDate: '2026-02-01' }, march)).toEqual(['postpartum42']);
    expect(dueTimePoints({}, march)).toEqual([]);
  });
  test('纳入专案管理 is the day management began, open or closed since; 在管 is open at the period end', () => {
    const c = { id: 1, personId: 1, status: 'closed' as const, openedAt: '2026-02-20T09:00:00Z', endedAt: '2026-03-28T09:00:00Z', managedSince: '2026-03-14T09:00:00Z', colour: 'red', purple: false }; // prettier-ignore
    expect(enteredManagementIn(c, march)).toBe(true);
    expect(openAtEndOf(c, march)).toBe(false);
    expect(openAtEndOf(c, { from: '2026-02-01', to: '2026-02-28' })).toBe(true);
    expect(enteredManagementIn(c, { from: '2026-04-01', to: '2026-04-30' })).toBe(false);
  });
});
