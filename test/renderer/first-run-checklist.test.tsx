// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { i18n, initI18n } from '../../renderer/src/i18n';
import { FirstRunChecklist } from '../../renderer/src/features/dashboard/FirstRunChecklist';

beforeAll(() => initI18n('zh-CN'));
afterEach(cleanup);

const show = (
  done: { people: boolean; campaign: boolean; screening: boolean },
  programme: 'school' | 'perinatal',
) =>
  render(
    <MemoryRouter>
      <FirstRunChecklist done={done} programme={programme} />
    </MemoryRouter>,
  );

const steps = () =>
  ['people', 'campaign', 'screening'].map((s) => {
    const item = screen.getByTestId(`first-run-${s}`);
    return [
      item.textContent?.replace('（已完成）', ''),
      item.dataset.done,
      within(item).queryByRole('link')?.getAttribute('href') ?? null,
    ];
  });

describe('the first-run checklist on the dashboard', () => {
  test('school: 导入名册 → 新建测评计划 → 开始测评, each ticked when done, the rest linked', () => {
    show({ people: true, campaign: false, screening: false }, 'school');
    expect(steps()).toEqual([
      ['导入名册', 'true', null],
      ['新建测评计划', 'false', '/app/campaigns'],
      ['开始测评', 'false', '/app/campaigns'],
    ]);
  });

  test('perinatal words: 登记孕产妇 / 新建筛查计划 / 开始筛查', () => {
    show({ people: false, campaign: false, screening: false }, 'perinatal');
    expect(steps()).toEqual([
      ['登记孕产妇', 'false', '/app/women'],
      ['新建筛查计划', 'false', '/app/campaigns'],
      ['开始筛查', 'false', '/app/campaigns'],
    ]);
  });

  test('hidden once every step is done', () => {
    show({ people: true, campaign: true, screening: true }, 'school');
    expect(screen.queryByTestId('first-run')).toBeNull();
  });

  test('English', async () => {
    await i18n.changeLanguage('en');
    try {
      show({ people: false, campaign: true, screening: false }, 'school');
      expect(screen.getByTestId('first-run').textContent).toContain('Getting started');
      expect(steps().map((s) => s[0])).toEqual([
        'Import the roster',
        'Create a screening plan(done)',
        'Start screening',
      ]);
    } finally {
      await i18n.changeLanguage('zh-CN');
    }
  });
});
