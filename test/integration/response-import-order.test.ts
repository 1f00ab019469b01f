import { describe, expect, test } from 'vitest';
import { ok, setUpApp } from '../helpers/app';
import { useTempDirs } from '../helpers/temp';
import { questionTexts, WJX_LEAD, wjxLead, wjxWorkbook } from '../helpers/wjx';

/**
 * 问卷星 "by option number" (issue 14): a number is a position in the form's own option list, and
 * forms are typed either way round — 完全不会 first (option 1 = 0 points, as the PHQ-9 prints) or
 * 几乎每天 first. The import asks which, and reads the same file to opposite totals.
 */

const tempDir = useTempDirs();
const HEADER = [...WJX_LEAD, '学号', '姓名', ...questionTexts('PHQ-9', 'zh')];

async function setUp() {
  const { ctx } = await setUpApp(tempDir());
  for (const [studentNo, name] of [
    ['S0001', '学生1'],
    ['S0002', '学生2'],
  ] as const)
    await ok(ctx, 'students.add', {
      studentNo,
      name,
      sex: 'M',
      birthDate: '2012-03-04',
      grade: '七年级',
      className: '1班',
    });
  const campaign = await ok(ctx, 'campaigns.create', {
    name: '秋季普测',
    programme: 'school',
    startsOn: '2026-10-01',
    endsOn: '2026-10-31',
    targets: [{ battery: ['PHQ-9'] }],
  });
  // A real .xlsx as 问卷星 writes it "按序号": 学生1 chose option 1 everywhere, 学生2 option 4 on item 9 only.
  const file = {
    fileName: 'wjx-by-number.xlsx',
    contentBase64: (
      await wjxWorkbook(HEADER, [
        [...wjxLead(1), 'S0001', '学生1', ...Array<number>(9).fill(1)],
        [...wjxLead(2), 'S0002', '学生2', ...Array<number>(8).fill(1), 4],
      ])
    ).toString('base64'),
  };
  return { ctx, campaignId: campaign.id, file };
}

describe('问卷星 by option number: which way round the form listed the options', () => {
  test('as printed (完全不会 first) option 1 is 0 points; reversed (几乎每天 first) it is 3', async () => {
    const { ctx, campaignId, file } = await setUp();
    const preview = await ok(ctx, 'responses.preview', { campaignId, file });
    const items = preview.columns.filter((c) => c.target.kind === 'item');
    expect(items).toHaveLength(9);
    // Detected as positions; read as printed unless the user says otherwise.
    expect(items.every((c) => c.reading?.read === 'number' && !c.reading.reversed)).toBe(true);
    expect(preview.rowOutcomes.find((r) => r.name === '学生2')!.critical).toMatchObject([
      { itemNumber: 9, value: 3, label: { zh: '几乎每天' } },
    ]);
    expect(preview.rowOutcomes.find((r) => r.name === '学生1')!.critical).toEqual([]);

    const reversed = Object.fromEntries(
      items.map((c) => [String(c.index), { ...c.reading!, reversed: true }]),
    );
    const asReversed = await ok(ctx, 'responses.preview', { campaignId, file, readings: reversed });
    expect(asReversed.columns.filter((c) => c.reading).every((c) => c.reading!.reversed)).toBe(true);
    // Now option 1 is 几乎每天: 学生1 answered item 9 at 3 points, 学生2's option 4 is 完全不会.
    expect(asReversed.rowOutcomes.find((r) => r.name === '学生1')!.critical).toMatchObject([
      { itemNumber: 9, value: 3, label: { zh: '几乎每天' } },
    ]);
    expect(asReversed.rowOutcomes.find((r) => r.name === '学生2')!.critical).toEqual([]);

    await ok(ctx, 'responses.import', { campaignId, file, readings: reversed, commit: true });
    const people = (await ok(ctx, 'people.list', { kind: 'student', limit: 10 })).items;
    const total = async (name: string) => {
      const [sheet] = await ok(ctx, 'screening.forPerson', {
        personId: people.find((p) => p.name === name)!.id,
      });
      return sheet!.results[0]!.total;
    };
    expect(await total('学生1')).toBe(27);
    expect(await total('学生2')).toBe(24);
  });

  test('the same file read as printed scores option 1 as 0', async () => {
    const { ctx, campaignId, file } = await setUp();
    await ok(ctx, 'responses.import', { campaignId, file, commit: true });
    const people = (await ok(ctx, 'people.list', { kind: 'student', limit: 10 })).items;
    const [one] = await ok(ctx, 'screening.forPerson', {
      personId: people.find((p) => p.name === '学生1')!.id,
    });
    const [two] = await ok(ctx, 'screening.forPerson', {
      personId: people.find((p) => p.name === '学生2')!.id,
    });
    expect(one!.results[0]!.total).toBe(0);
    expect(two!.results[0]!.total).toBe(3);
  });
});
