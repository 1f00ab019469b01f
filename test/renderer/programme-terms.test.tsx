// @vitest-environment happy-dom
import { act, cleanup, render, screen } from '@testing-library/react';
import { useTranslation } from 'react-i18next';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { i18n, initI18n } from '../../renderer/src/i18n';
import { en } from '../../renderer/src/i18n/en';
import { perinatalEn } from '../../renderer/src/i18n/perinatal.en';
import { perinatalZh } from '../../renderer/src/i18n/perinatal.zh';
import {
  currentProgramme,
  messagesFor,
  programmeOf,
  SAME,
  setProgramme,
  type Overrides,
  type SameKeys,
} from '../../renderer/src/i18n/programme';
import { zhCN } from '../../renderer/src/i18n/zh-CN';
import { schoolWordsIn } from '../helpers/school-words';

// The terminology layer (renderer/src/i18n/programme.ts): a maternal service reads the perinatal
// overrides, a school the messages as written; both languages, typed and complete.

type Leaves = Map<string, unknown>;
function leaves(tree: object, prefix = '', out: Leaves = new Map()): Leaves {
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object') leaves(value as object, path, out);
    else out.set(path, value);
  }
  return out;
}
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

const base = { 'zh-CN': leaves(zhCN), en: leaves(en) };
const over = { 'zh-CN': leaves(perinatalZh), en: leaves(perinatalEn) };

beforeAll(() => initI18n('zh-CN'));
afterEach(cleanup);
afterAll(() => setProgramme('school'));

describe('the vocabulary by programme', () => {
  test('a school reads every message exactly as written, in both languages', () => {
    expect(messagesFor('school', 'zh-CN')).toEqual(zhCN);
    expect(messagesFor('school', 'en')).toEqual(en);
    expect(messagesFor('school', 'zh-CN').alerts.noSeat).toBe('未填座位');
    expect(messagesFor('school', 'zh-CN').screening.board.url).toBe('学生打开的地址');
    expect(messagesFor('school', 'zh-CN').cases.page.referrals).toBe('转介');
    expect(messagesFor('school', 'zh-CN').screening.detail.total).toBe('应测');
    expect(messagesFor('school', 'en').screening.board.url).toBe('Address for students');
  });

  test('a maternal service reads the clinic’s words in Chinese', () => {
    const zh = messagesFor('perinatal', 'zh-CN');
    expect(zh.alerts.noSeat).toBe('未填位置');
    expect(zh.screening.board.url).toBe('孕产妇打开的地址');
    expect(zh.screening.detail.total).toBe('应筛');
    expect(zh.reports.group.rate).toBe('筛查率');
    expect(zh.cases.page.referrals).toBe('转诊');
    expect(zh.person.event.imported).toBe('由登记表导入');
    expect(zh.export.variants['class-teacher']).toBe('简版（无分数与条目）');
    // What it does not override stays the shared message.
    expect(zh.common.save).toBe('保存');
    expect(zh.screening.status.declined).toBe('不参加');
  });

  test('and in English, where SAME keeps a base message that already fits', () => {
    const e = messagesFor('perinatal', 'en');
    expect(e.alerts.noSeat).toBe('No place given');
    expect(e.screening.board.url).toBe('Address for respondents');
    expect(e.person.correct.reasonHint).toBe(
      'e.g. the register had it wrong; the family gave a new phone number',
    );
    expect(perinatalEn.cases.page.referrals).toBe(SAME);
    expect(e.cases.page.referrals).toBe('Referrals');
  });

  test('the organisation type decides the programme', () => {
    expect(programmeOf('maternal')).toBe('perinatal');
    expect(programmeOf('school')).toBe('school');
    expect(programmeOf(undefined)).toBe('school');
  });
});

describe('the overrides', () => {
  test('are given in both languages, key for key', () => {
    expect([...over.en.keys()].sort()).toEqual([...over['zh-CN'].keys()].sort());
    expect(over['zh-CN'].size).toBeGreaterThan(50);
  });

  test.each(['zh-CN', 'en'] as const)('in %s override real messages and keep their placeholders', (lang) => {
    for (const [key, value] of over[lang]) {
      const message = base[lang].get(key);
      expect(typeof message, key).toBe('string');
      if (value === SAME) continue;
      expect(placeholders(value as string), key).toEqual(placeholders(message as string));
    }
  });

  test.each(['zh-CN', 'en'] as const)('in %s say no school word', (lang) => {
    const said = [...over[lang]].flatMap(([key, v]) =>
      typeof v === 'string'
        ? schoolWordsIn(v.replace(/\{\{\s*\w+\s*\}\}/g, ' '), lang).map((w) => `${key}: ${w}`)
        : [],
    );
    expect(said).toEqual([]);
  });

  test('are checked by the compiler: a missing language or an unknown key fails type checking', () => {
    // @ts-expect-error an override given in Chinese must be decided in English too
    const missing: SameKeys<{ alerts: { noSeat: string } }> = { alerts: {} };
    // @ts-expect-error an override must name a message that exists
    const unknown = { alerts: { noSuchMessage: '无' } } satisfies Overrides;
    expect([missing, unknown]).toHaveLength(2);
  });
});

function Seat() {
  const { t } = useTranslation();
  return <p data-testid="seat">{t('alerts.noSeat')}</p>;
}

describe('setProgramme', () => {
  test('changes what t() and i18n.t() say, and what mounted screens show', async () => {
    render(<Seat />);
    expect(screen.getByTestId('seat').textContent).toBe('未填座位');
    await act(async () => setProgramme('perinatal'));
    expect(currentProgramme()).toBe('perinatal');
    expect(screen.getByTestId('seat').textContent).toBe('未填位置');
    expect(i18n.t('cases.page.referrals')).toBe('转诊');
    await act(async () => void (await i18n.changeLanguage('en')));
    expect(screen.getByTestId('seat').textContent).toBe('No place given');
    await act(async () => setProgramme('school'));
    expect(screen.getByTestId('seat').textContent).toBe('No seat given');
    // The base messages themselves were never written over.
    expect(en.alerts.noSeat).toBe('No seat given');
    expect(zhCN.alerts.noSeat).toBe('未填座位');
    expect(i18n.t('cases.page.referrals')).toBe('Referrals');
    await act(async () => void (await i18n.changeLanguage('zh-CN')));
    expect(i18n.t('cases.page.referrals')).toBe('转介');
  });
});
