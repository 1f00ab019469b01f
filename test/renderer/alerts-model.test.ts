import { describe, expect, test } from 'vitest';
import type { Alert } from '../../shared/api/screening';
import {
  adviceKey,
  freshIds,
  groupByCampaign,
  since,
  unattended,
} from '../../renderer/src/features/alerts/model';
import { en } from '../../renderer/src/i18n/en';
import { zhCN } from '../../renderer/src/i18n/zh-CN';
import { messagesFor } from '../../renderer/src/i18n/programme';

function alert(id: number, patch: Partial<Alert> = {}): Alert {
  return {
    id,
    screeningId: id,
    campaignId: 1,
    campaignName: '秋季普测',
    personId: id,
    caseId: null,
    name: `学生${id}`,
    group: '七年级 1班',
    seat: null,
    source: 'station',
    live: true,
    submitted: false,
    critical: null,
    raisedAt: `2026-11-23T08:${String(id).padStart(2, '0')}:00.000Z`,
    arrivedAt: null,
    arrivedBy: null,
    resolvedAt: null,
    ...patch,
  };
}

describe('grouping by campaign', () => {
  test('the campaign with the newest alert comes first; alerts newest first inside; unattended counted', () => {
    const groups = groupByCampaign([
      alert(1),
      alert(5, { campaignId: 2, campaignName: '补测' }),
      alert(3, { arrivedAt: '2026-11-23T08:04:00.000Z', arrivedBy: '张老师' }),
      alert(4, { campaignId: null, campaignName: null }),
    ]);
    expect(groups.map((g) => [g.campaignId, g.alerts.map((a) => a.id), g.unattended])).toEqual([
      [2, [5], 1],
      [null, [4], 1],
      [1, [3, 1], 1],
    ]);
    expect(groups[0]!.campaignName).toBe('补测');
  });

  test('alerts raised in the same second keep the newer id first', () => {
    const at = '2026-11-23T08:00:00.000Z';
    expect(
      groupByCampaign([alert(7, { raisedAt: at }), alert(9, { raisedAt: at })])[0]!.alerts.map((a) => a.id),
    ).toEqual([9, 7]);
  });

  test('sixty alerts of one campaign form one group of sixty', () => {
    const many = Array.from({ length: 60 }, (_, i) => alert(i + 1));
    const [group, ...rest] = groupByCampaign(many);
    expect(rest).toEqual([]);
    expect(group!.alerts).toHaveLength(60);
    expect(group!.alerts[0]!.id).toBe(60);
    expect(unattended(many)).toBe(60);
  });
});

describe('what an alert asks staff to do', () => {
  test('only a live answer says go now; paper and import ask for contact soon', () => {
    expect(adviceKey({ live: true, source: 'station' })).toBe('goNow');
    expect(adviceKey({ live: true, source: 'kiosk' })).toBe('goNow');
    expect(adviceKey({ live: false, source: 'paper' })).toBe('paper');
    expect(adviceKey({ live: false, source: 'import' })).toBe('import');
  });

  test('the wording: an imported result never says go now, in either language', () => {
    expect(zhCN.alerts.advice.goNow).toContain('请立即到学生身边');
    expect(zhCN.alerts.advice.import).toContain('导入结果含关键条目阳性，请尽快联系');
    // A maternal service reads its own words for the same keys (renderer/src/i18n/programme.ts).
    const clinic = { zh: messagesFor('perinatal', 'zh-CN'), en: messagesFor('perinatal', 'en') };
    for (const zh of [zhCN, clinic.zh])
      for (const key of ['paper', 'import'] as const) expect(zh.alerts.advice[key]).not.toContain('立即');
    for (const e of [en, clinic.en])
      for (const key of ['paper', 'import'] as const) expect(e.alerts.advice[key]).not.toMatch(/\bnow\b/);
    expect(clinic.zh.alerts.advice.paper).toContain('安排医生评估');
  });
});

describe('how long ago', () => {
  const now = Date.parse('2026-11-23T10:00:00.000Z');
  test.each([
    ['2026-11-23T09:59:30.000Z', 'now', 0],
    ['2026-11-23T09:55:00.000Z', 'minutes', 5],
    ['2026-11-23T07:10:00.000Z', 'hours', 2],
    ['2026-11-20T09:00:00.000Z', 'days', 3],
    // A clock a little ahead on the server is "just now", not "-1 minutes".
    ['2026-11-23T10:01:00.000Z', 'now', 0],
  ])('%s → %s %i', (at, unit, count) => {
    expect(since(at, now)).toEqual({ unit, count });
  });
});

test('fresh ids are those not seen before', () => {
  expect(freshIds(new Set([1, 2]), [alert(1), alert(3), alert(2), alert(4)])).toEqual([3, 4]);
});
