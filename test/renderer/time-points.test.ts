import i18next from 'i18next';
import { beforeAll, expect, test } from 'vitest';
import type { DashboardView } from '../../shared/api/dashboard';
import { withTimePointNames } from '../../renderer/src/features/dashboard/timePoints';
import { en } from '../../renderer/src/i18n/en';
import { zhCN } from '../../renderer/src/i18n/zh-CN';

beforeAll(async () => {
  await i18next.init({
    resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
    lng: 'en',
  });
});

test('time-point groups follow the UI language; townships stay as the register names them', () => {
  const group = (name: string) => ({ group: name, due: 1, screened: 1, byLevel: {}, critical: 0 });
  const view = {
    breakdowns: [
      { dimension: 'timePoint', groups: [group('early'), group('postpartum42'), group('unknown')] },
      { dimension: 'township', groups: [group('城关镇'), group('')] },
    ],
  } as unknown as DashboardView;
  const named = withTimePointNames(view, i18next.t);
  expect(named.breakdowns.map((b) => b.groups.map((g) => g.group))).toEqual([
    ['Early pregnancy', '42 days postpartum', 'Gestation unknown'],
    ['城关镇', 'Not recorded'],
  ]);
});
