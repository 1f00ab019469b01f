import i18next from 'i18next';
import { beforeAll, expect, test } from 'vitest';
import { reasonsText, reasonText } from '../../renderer/src/i18n/reasons';
import { en } from '../../renderer/src/i18n/en';
import { zhCN } from '../../renderer/src/i18n/zh-CN';
import { reasonList, reasonWords, type ReasonFact } from '../../shared/tiers';

beforeAll(async () => {
  await i18next.init({
    resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
    lng: 'zh-CN',
    interpolation: { escapeValue: false },
  });
});

const SELF_HARM = { zh: '自伤念头', en: 'self-harm thoughts' };
const FACTS: ReasonFact[] = [
  { kind: 'item_positive', instrument: 'PHQ-9', item: 9, meaning: SELF_HARM },
  { kind: 'item_at_least', instrument: 'EPDS', item: 10, value: 2, min: 1 },
  { kind: 'item_blank', instrument: 'EPDS', item: 10 },
  { kind: 'total_at_least', instrument: 'GAD-7', total: 16, min: 15, complete: true },
  { kind: 'total_at_least', instrument: 'GAD-7', total: 12.333, min: 10, complete: false, invalid: true },
  { kind: 'total_band', instrument: 'PHQ-9', total: 16, min: 15, max: 19, complete: false },
  {
    kind: 'total_at_least',
    instrument: 'PHQ-2',
    total: 6,
    min: 3,
    complete: true,
    label: { zh: '建议完成完整量表（PHQ-9）', en: 'complete the full PHQ-9' },
  },
  { kind: 'text', text: { zh: '人工标记', en: 'marked by hand' } },
];

test('the UI words a finding in its language, as the CLI and the Chinese export do', async () => {
  await i18next.changeLanguage('en');
  expect(FACTS.map(reasonText)).toEqual([
    'PHQ-9 item 9 positive (self-harm thoughts)',
    'EPDS item 10 = 2 ≥ 1',
    'EPDS item 10 not answered',
    'GAD-7 total 16 ≥ 15',
    'GAD-7 total at least 12.33 ≥ 10 (incomplete) (sheet invalid)',
    'PHQ-9 total at least 16 (15–19, incomplete)',
    'PHQ-2 total 6 ≥ 3: complete the full PHQ-9',
    'marked by hand',
  ]);
  expect(FACTS.map(reasonText)).toEqual(FACTS.map((f) => reasonWords(f, 'en')));
  expect(reasonsText(FACTS.slice(0, 2))).toBe(reasonList(FACTS.slice(0, 2), 'en'));
  await i18next.changeLanguage('zh-CN');
  expect(FACTS.map(reasonText)).toEqual([
    'PHQ-9 第9题阳性（自伤念头）',
    'EPDS 第10题 2 分 ≥ 1',
    'EPDS 第10题未作答',
    'GAD-7 总分 16 ≥ 15',
    'GAD-7 总分至少 12.33 ≥ 10（作答不完整）（问卷无效）',
    'PHQ-9 总分至少 16（15–19，作答不完整）',
    'PHQ-2 总分 6 ≥ 3，建议完成完整量表（PHQ-9）',
    '人工标记',
  ]);
  expect(FACTS.map(reasonText)).toEqual(FACTS.map((f) => reasonWords(f, 'zh')));
  expect(reasonsText(FACTS.slice(0, 2))).toBe(reasonList(FACTS.slice(0, 2), 'zh'));
});
