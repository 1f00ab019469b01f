import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { exportRoster } from '../../electron/services/export/output';
import { todayIso } from '../../shared/people';
import { ADMIN_PASSWORD, ok, setUpApp } from '../helpers/app';
import { anxin, ensureBuilt } from '../helpers/cli';
import { answerSheet } from '../helpers/screening';
import { useTempDirs } from '../helpers/temp';
import { readBack, sheetNamed } from '../helpers/workbook';
import { reasonWords } from '../../shared/tiers';

const tempDir = useTempDirs();
const TODAY = todayIso();

beforeAll(() => ensureBuilt());

/** A PHQ-2 + GAD-2 campaign (no self-harm item) over students given as [name, PHQ-2, GAD-2]. */
async function preScreenCampaign(sheets: [string, number[], number[]][]) {
  const dir = tempDir();
  const { ctx } = await setUpApp(dir);
  const ids: number[] = [];
  for (const [i, [name]] of sheets.entries())
    ids.push(
      (await ok(ctx, 'students.add', { studentNo: String(i + 1), name, sex: 'F', birthDate: '2011-03-05', grade: '七年级', className: '1班' })).id, // prettier-ignore
    );
  const campaign = await ok(ctx, 'campaigns.create', {
    name: '简版初筛',
    programme: 'school',
    startsOn: TODAY,
    endsOn: TODAY,
    targets: [{ battery: ['PHQ-2', 'GAD-2'] }],
  });
  const outcomes = [];
  for (const [i, [, phq2, gad2]] of sheets.entries())
    outcomes.push(
      await answerSheet(ctx, ids[i]!, { campaignId: campaign.id }, { 'PHQ-2': phq2, 'GAD-2': gad2 }),
    );
  const out = join(dir, 'roster.xlsx');
  await exportRoster(ctx.db!, ctx.user!, {
    programme: 'school',
    variant: 'aggregate',
    from: TODAY,
    to: TODAY,
    out,
  });
  const summary = sheetNamed(await readBack(out), '汇总').rows.flat();
  const paragraph = summary.find((c) => typeof c === 'string' && c.startsWith('本期应测')) as string;
  return { ctx, dir, campaign, outcomes, paragraph };
}

describe('pre-screens (PHQ-2, GAD-2)', () => {
  test('a positive pre-screen is at least yellow, with the next step as its reason', async () => {
    const { outcomes } = await preScreenCampaign([
      ['甲', [3, 3], [0, 0]],
      ['乙', [0, 0], [2, 1]],
      ['丙', [1, 1], [1, 1]],
    ]);
    expect(outcomes.map((o) => [o.level, o.reasons.map((r) => reasonWords(r, 'zh'))])).toEqual([
      ['yellow', ['PHQ-2 总分 6 ≥ 3，建议完成完整量表（PHQ-9）']],
      ['yellow', ['GAD-2 总分 3 ≥ 3，建议完成完整量表（GAD-7）']],
      ['green', []],
    ]);
    expect(reasonWords(outcomes[0]!.reasons[0]!, 'en')).toBe('PHQ-2 total 6 ≥ 3: complete the full PHQ-9');
  });

  test('creating the campaign warns that its battery has no self-harm item', async () => {
    const { ctx, campaign } = await preScreenCampaign([]);
    expect(campaign.warnings).toEqual([{ code: 'no_critical_item', battery: ['PHQ-2', 'GAD-2'] }]);
    const full = await ok(ctx, 'campaigns.create', {
      name: '完整量表',
      programme: 'school',
      startsOn: TODAY,
      endsOn: TODAY,
      targets: [{ battery: ['PHQ-9', 'GAD-7'] }, { battery: ['GAD-7'], grades: ['八年级'] }],
    });
    // Warned per battery: the GAD-7-only target has no item 9 even though the other has.
    expect(full.warnings).toEqual([{ code: 'no_critical_item', battery: ['GAD-7'] }]);
  });

  test('the county paragraph of a PHQ-2 + GAD-2 campaign never contradicts itself', async () => {
    const flagged = await preScreenCampaign([
      ['甲', [3, 3], [0, 0]],
      ['乙', [0, 0], [2, 1]],
      ['丙', [1, 1], [1, 1]],
    ]);
    expect(flagged.paragraph).toBe(
      '本期应测3人，实测3人，参测率100%；发现预警2人（黄色预警（三级）2人），预警率66.7%；' +
        'PHQ-2筛查阳性1人、GAD-2筛查阳性1人，建议完成完整量表（PHQ-9）、建议完成完整量表（GAD-7）；' +
        '本期所用量表（PHQ-2、GAD-2）不含自伤条目，未评估自伤风险；' +
        '复核0人，转介0人、到位0人，医院确诊0人；目前在管2人，随访0次，解除预警0人。',
    );
    const quiet = await preScreenCampaign([['丙', [1, 1], [1, 1]]]);
    expect(quiet.paragraph).toContain(
      '未发现预警；本期所用量表（PHQ-2、GAD-2）不含自伤条目，未评估自伤风险；',
    );
    for (const p of [flagged.paragraph, quiet.paragraph]) expect(p).not.toMatch(/关键条目|自伤念头）阳性/);
  });

  test('anxin campaign create --json lists the warnings', async () => {
    const dir = tempDir();
    const { ctx } = await setUpApp(dir);
    await ok(ctx, 'auth.logout', {});
    const env = { ANXIN_PASSWORD: ADMIN_PASSWORD };
    const create = (battery: string) =>
      anxin(['campaign', 'create', '--data-dir', dir, '--name', '初筛', '--programme', 'school', '--battery', battery, '--json'], env); // prettier-ignore
    const pre = create('PHQ-2,GAD-2');
    expect(pre.code).toBe(0);
    expect(pre.json()).toMatchObject({
      participants: 0,
      warnings: [{ code: 'no_critical_item', battery: ['PHQ-2', 'GAD-2'] }],
    });
    expect(create('PHQ-9,GAD-7').json().warnings).toEqual([]);
  });
});
