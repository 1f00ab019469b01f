import { describe, expect, test } from 'vitest';
import { importResponses, previewResponses } from '../../electron/services/screening/response-import';
import { readSheetBytes } from '../../electron/services/spreadsheet';
import { ok, setUpApp } from '../helpers/app';
import { sampleFile, sampleUpload } from '../helpers/samples';
import { useTempDirs } from '../helpers/temp';

const tempDir = useTempDirs();
const OPTION_VALUES: Record<string, number> = { 完全不会: 0, 好几天: 1, 一半以上的天数: 2, 几乎每天: 3 };

const wjxSample = async () =>
  readSheetBytes('wjx-phq9-gad7-by-text.xlsx', await sampleFile('wjx-phq9-gad7-by-text.xlsx'));

async function campaignWithRoster() {
  const { ctx } = await setUpApp(tempDir());
  await ok(ctx, 'people.importCommit', { kind: 'student', file: await sampleUpload('school-roster.xlsx') });
  const campaign = await ok(ctx, 'campaigns.create', {
    name: '秋季普测',
    programme: 'school',
    startsOn: '2026-10-01',
    endsOn: '2026-10-31',
    targets: [{ battery: ['PHQ-9', 'GAD-7'] }],
  });
  return { ctx, campaignId: campaign.id };
}

describe('online-questionnaire response import', () => {
  test('every column of the sample export maps to its item by question text', async () => {
    const { ctx, campaignId } = await campaignWithRoster();
    const { sheets } = await wjxSample();
    const preview = previewResponses(ctx.db!, campaignId, sheets);
    expect(preview.missingItems).toEqual([]);
    const items = preview.columns.filter((c) => c.target.kind === 'item').map((c) => c.target);
    expect(items).toEqual([
      ...Array.from({ length: 9 }, (_, i) => ({ kind: 'item', instrumentId: 'PHQ-9', itemId: `q${i + 1}` })),
      ...Array.from({ length: 7 }, (_, i) => ({ kind: 'item', instrumentId: 'GAD-7', itemId: `q${i + 1}` })),
    ]);
    expect(preview.columns.slice(0, 8).map((c) => c.target.kind)).toEqual([
      'ignore',
      'submittedAt',
      'ignore',
      'ignore',
      'ignore',
      'ignore',
      'studentNo',
      'name',
    ]);
    expect(preview).toMatchObject({ rows: 300, matched: 300, unmatched: [], unparsable: [] });
  });

  test('all 300 rows are matched and scored with totals equal to a hand computation', async () => {
    const { ctx, campaignId } = await campaignWithRoster();
    const { sheets } = await wjxSample();
    const summary = importResponses(ctx.db!, ctx.user!.id, campaignId, sheets, { commit: true });
    expect(summary).toMatchObject({ rows: 300, matched: 300, scored: 300, committed: true });
    const levels = summary.levels!;
    expect(levels.red! + levels.orange! + levels.yellow! + levels.green!).toBe(300);

    const rows = sheets[0]!.rows.slice(1);
    const stored = ctx
      .db!.prepare<[], { student_no: string; instrument_id: string; total: number; mode: string }>(
        `SELECT p.student_no, r.instrument_id, r.total, s.mode FROM screening_results r
         JOIN screenings s ON s.id = r.screening_id JOIN people p ON p.id = s.person_id`,
      )
      .all();
    const byKey = new Map(stored.map((r) => [`${r.student_no}/${r.instrument_id}`, r.total]));
    expect(stored.every((r) => r.mode === 'import')).toBe(true);
    for (const row of rows) {
      const values = row.slice(8, 24).map((cell) => OPTION_VALUES[String(cell)]);
      expect(values.every((v) => v !== undefined)).toBe(true);
      const phq9 = values.slice(0, 9).reduce((a, b) => a! + b!, 0);
      const gad7 = values.slice(9).reduce((a, b) => a! + b!, 0);
      expect(byKey.get(`${row[6]}/PHQ-9`)).toBe(phq9);
      expect(byKey.get(`${row[6]}/GAD-7`)).toBe(gad7);
    }
    // Every positive item 9 raised an alert, exactly as a kiosk answer would.
    const item9Positive = rows.filter((row) => OPTION_VALUES[String(row[16])]! >= 1).length;
    expect((await ok(ctx, 'alerts.list', {})).length).toBe(item9Positive);
    expect(levels.red).toBeGreaterThanOrEqual(item9Positive);
    // A second import of the same file adds nothing.
    const again = importResponses(ctx.db!, ctx.user!.id, campaignId, sheets, { commit: true });
    expect(again).toMatchObject({ matched: 0, scored: 0 });
    expect(again.outcomes.duplicate).toBe(300);
    expect(
      again.unmatched.every((u) => u.reason === '这一行此前已导入（答案与提交时间相同），不会重复导入'),
    ).toBe(true);
  });

  test('answers given as option numbers, unmatched students and unparsable answers are reported', async () => {
    const { ctx, campaignId } = await campaignWithRoster();
    const [first] = (await ok(ctx, 'students.list', { limit: 1 })).items;
    const header = ['学号', '姓名', ...['做事时提不起劲或没有兴趣', '感到心情低落、沮丧或绝望']];
    const sheets = [
      {
        name: 's',
        hidden: false,
        rows: [
          header,
          [first!.studentNo, first!.name, '2', '4'],
          ['G000', '无此人', '1', '1'],
          [first!.studentNo, first!.name, '很多', '1'],
        ],
      },
    ];
    const preview = previewResponses(ctx.db!, campaignId, sheets);
    expect(preview.missingItems).toHaveLength(14);
    expect(preview.unmatched).toEqual([
      {
        row: 3,
        studentNo: 'G000',
        name: '无此人',
        reason: '学籍号不在本次测评名单中',
        reasonCode: 'number_not_listed',
        reasonParams: { field: 'studentNo' },
      },
      {
        row: 4,
        studentNo: first!.studentNo,
        name: first!.name,
        reason: '同一人在第2行已有答卷',
        reasonCode: 'earlier_row',
        reasonParams: { row: 2 },
      },
    ]);
    const summary = importResponses(
      ctx.db!,
      ctx.user!.id,
      campaignId,
      [{ ...sheets[0]!, rows: sheets[0]!.rows.slice(0, 2) }],
      {
        commit: false,
      },
    );
    expect(summary).toMatchObject({ rows: 1, matched: 1, unparsable: [], scored: 0, committed: false });
    expect(() => importResponses(ctx.db!, ctx.user!.id, campaignId, sheets, { commit: true })).toThrow(
      /没有对应的列/,
    );
  });
});
