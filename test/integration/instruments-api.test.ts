import { describe, expect, test } from 'vitest';
import { defaultSchoolRules } from '../../shared/tiers';
import { fails, ok, setUpApp } from '../helpers/app';
import { useTempDirs } from '../helpers/temp';
import { reasonWords } from '../../shared/tiers';

const tempDir = useTempDirs();

describe('instrument library API', () => {
  test('lists every built-in with version, items, population, cut-offs and licence line', async () => {
    const { ctx } = await setUpApp(tempDir());
    const list = await ok(ctx, 'instruments.list', {});
    expect(list.map((i) => [i.id, i.itemCount, i.enabled])).toEqual([
      ['PHQ-9', 9, true],
      ['PHQ-2', 2, true],
      ['GAD-7', 7, true],
      ['GAD-2', 2, true],
      ['EPDS', 10, true],
      ['PSC-17', 17, true],
    ]);
    const epds = list.find((i) => i.id === 'EPDS')!;
    expect(epds.names.zh).toContain('爱丁堡');
    expect(epds.licence.requiresPermission).toBe(true);
    expect(epds.licence.attribution.en).toContain('Cox JL, Holden JM, Sagovsky R');
    expect(epds.bands.map((b) => [b.id, b.min, b.max])).toEqual([
      ['unlikely', 0, 9],
      ['possible', 10, 12],
      ['probable', 13, 30],
    ]);
    expect(epds.critical).toEqual([expect.objectContaining({ item: 'q10', min: 1 })]);
    expect(list.find((i) => i.id === 'PHQ-9')!.licence.attribution.en).toContain('No permission required');
  });

  test('an administrator disables and re-enables an instrument; other roles may not', async () => {
    const { ctx } = await setUpApp(tempDir());
    expect((await ok(ctx, 'instruments.setEnabled', { id: 'PSC-17', enabled: false })).enabled).toBe(false);
    expect((await ok(ctx, 'instruments.list', {})).find((i) => i.id === 'PSC-17')!.enabled).toBe(false);
    await ok(ctx, 'instruments.setEnabled', { id: 'PSC-17', enabled: true });
    expect((await ok(ctx, 'instruments.list', {})).every((i) => i.enabled)).toBe(true);
    expect((await fails(ctx, 'instruments.setEnabled', { id: 'NOPE', enabled: false })).code).toBe(
      'not_found',
    );
    ctx.user = { ...ctx.user!, role: 'screener' };
    expect((await fails(ctx, 'instruments.setEnabled', { id: 'PSC-17', enabled: false })).code).toBe(
      'forbidden',
    );
  });

  test('scores and levels a battery; the definition preview carries both languages', async () => {
    const { ctx } = await setUpApp(tempDir());
    const def = await ok(ctx, 'instruments.get', { id: 'PHQ-9' });
    expect(def.items[8]!.text.zh).toBe('有不如死掉或用某种方式伤害自己的念头');
    const { results, tier } = await ok(ctx, 'tiers.evaluate', {
      programme: 'school',
      battery: [
        { instrumentId: 'PHQ-9', values: [1, 1, 1, 1, 1, 1, 1, 1, 1] },
        { instrumentId: 'GAD-7', values: [3, 3, 3, 3, 2, 2, 0] },
      ],
    });
    expect(results.map((r) => r.total)).toEqual([9, 16]);
    expect(tier.level).toBe('red');
    expect(tier.reasons.map((r) => reasonWords(r, 'zh'))).toEqual([
      'PHQ-9 第9题阳性（自伤念头）',
      'GAD-7 总分 16 ≥ 15',
    ]);
    expect(
      (await fails(ctx, 'instruments.score', { instrumentId: 'GAD-7', values: [9, 0, 0, 0, 0, 0, 0] })).code,
    ).toBe('invalid_input');
  });

  test('changing the rules makes a new version; the old one stays in the history', async () => {
    const { ctx } = await setUpApp(tempDir());
    const before = await ok(ctx, 'tiers.get', { programme: 'school' });
    expect(before.active.version).toBe(0);
    expect(before.active.ruleSet.id).toBe('school-default');
    const renamed = {
      ...defaultSchoolRules,
      levels: defaultSchoolRules.levels.map((l) =>
        l.id === 'red' ? { ...l, name: { zh: '一级预警', en: 'Level 1' } } : l,
      ),
    };
    const saved = await ok(ctx, 'tiers.save', { programme: 'school', ruleSet: renamed });
    expect(saved.active).toMatchObject({ version: 1, createdBy: '王老师', ruleSet: { version: '1' } });
    expect(saved.history.map((h) => h.version)).toEqual([1, 0]);
    const second = await ok(ctx, 'tiers.save', { programme: 'school', ruleSet: defaultSchoolRules });
    expect(second.history.map((h) => h.version)).toEqual([2, 1, 0]);
    const bad = await fails(ctx, 'tiers.save', {
      programme: 'school',
      ruleSet: { ...defaultSchoolRules, rules: [{ level: 'purple', when: { kind: 'critical' } }] },
    });
    expect(bad.code).toBe('invalid_input');
    expect(
      (await fails(ctx, 'tiers.save', { programme: 'perinatal', ruleSet: defaultSchoolRules })).code,
    ).toBe('invalid_input');
  });
});

describe('custom instruments', () => {
  test('the downloadable template imports as a custom instrument that then scores and can be disabled', async () => {
    const { ctx } = await setUpApp(tempDir());
    const template = await ok(ctx, 'instruments.template', {});
    expect(template.fileName).toBe('自定义量表导入模板.xlsx');
    const summary = await ok(ctx, 'instruments.import', { file: template });
    expect(summary).toMatchObject({ id: 'EXAMPLE-STUDY', builtin: false, enabled: true });
    expect((await ok(ctx, 'instruments.list', {})).map((i) => i.id)).toContain('EXAMPLE-STUDY');
    const def = await ok(ctx, 'instruments.get', { id: 'EXAMPLE-STUDY' });
    const values = def.items.filter((i) => i.scored).map(() => null);
    const empty = await ok(ctx, 'instruments.score', { instrumentId: 'EXAMPLE-STUDY', values });
    expect(empty).toMatchObject({ complete: false, answered: 0, band: null });
    expect((await fails(ctx, 'instruments.import', { file: template })).code).toBe('conflict');
    await ok(ctx, 'instruments.setEnabled', { id: 'EXAMPLE-STUDY', enabled: false });
    expect(
      (
        await fails(ctx, 'campaigns.create', {
          name: 'x',
          programme: 'school',
          startsOn: '2026-11-23',
          endsOn: '2026-11-24',
          targets: [{ battery: ['EXAMPLE-STUDY'] }],
        })
      ).code,
    ).toBe('invalid_input');
  });

  test('a malformed definition is refused with every error located by sheet and cell', async () => {
    const { ctx } = await setUpApp(tempDir());
    const json = JSON.stringify({ id: 'BAD', version: '1' }, null, 2);
    const error = await fails(ctx, 'instruments.import', {
      file: { fileName: 'bad.json', contentBase64: Buffer.from(json).toString('base64') },
    });
    expect(error.code).toBe('invalid_input');
    expect(error.message).toMatch(/未导入任何内容/);
    expect(error.issues!.length).toBeGreaterThanOrEqual(3);
    expect(error.issues!.every((i) => i.path.startsWith('JSON!'))).toBe(true);
    expect((await ok(ctx, 'instruments.list', {})).map((i) => i.id)).not.toContain('BAD');
  });
});
