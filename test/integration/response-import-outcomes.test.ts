import { answerAad, openNumber } from '../../electron/services/clinical/vault';
import { describe, expect, test } from 'vitest';
import { insertPerson } from '../../electron/services/people/people';
import { importResponses, previewResponses } from '../../electron/services/screening/response-import';
import type { CellValue } from '../../shared/people/cell';
import { wordResponseError } from '../../shared/screening/response-issues';
import { fails, ok, setUpApp } from '../helpers/app';
import { useTempDirs } from '../helpers/temp';
import { PHQ9_OPTIONS, questionTexts, WJX_LEAD, wjxLead, wjxSheets, wjxWorkbook } from '../helpers/wjx';

const tempDir = useTempDirs();
const HEADER = [...WJX_LEAD, '学号', '姓名', ...questionTexts('PHQ-9', 'zh')];
const number = (i: number) => `S${String(i).padStart(4, '0')}`;

/** PHQ-9 answers as option text: eight items at `base`, item 9 as given. */
const phq9 = (base: number, item9: number): string[] => [
  ...Array.from({ length: 8 }, () => PHQ9_OPTIONS[base]!),
  PHQ9_OPTIONS[item9]!,
];

async function schoolCampaign(students: number) {
  const { ctx } = await setUpApp(tempDir());
  for (let i = 1; i <= students; i++) {
    await ok(ctx, 'students.add', {
      studentNo: number(i),
      name: `学生${i}`,
      sex: i % 2 ? 'M' : 'F',
      birthDate: '2012-03-04',
      grade: '七年级',
      className: '1班',
    });
  }
  const campaign = await ok(ctx, 'campaigns.create', {
    name: '秋季普测',
    programme: 'school',
    startsOn: '2026-10-01',
    endsOn: '2026-10-31',
    targets: [{ battery: ['PHQ-9'] }],
  });
  const file = async (rows: CellValue[][]) => ({
    fileName: 'wjx.xlsx',
    contentBase64: (await wjxWorkbook(HEADER, rows)).toString('base64'),
  });
  return { ctx, db: ctx.db!, userId: ctx.user!.id, campaignId: campaign.id, file };
}

const row = (n: number, studentNo: string, name: string, answers: string[], time?: string): CellValue[] => [
  ...wjxLead(n, time),
  studentNo,
  name,
  ...answers,
];

describe('问卷星 import: every row has an outcome, and nothing critical is dropped', () => {
  test('of 300 rows, the 100 not in the campaign are listed, the 24 with item 9 positive first', async () => {
    const { db, userId, campaignId } = await schoolCampaign(200);
    const rows: CellValue[][] = [];
    for (let i = 1; i <= 200; i++) rows.push(row(i, number(i), `学生${i}`, phq9(0, 0)));
    // 100 respondents nobody put on the list: 24 of them answered item 9 at least 好几天.
    for (let i = 1; i <= 100; i++) {
      rows.push(row(200 + i, `G${9000 + i}`, `外校${i}`, phq9(1, i <= 24 ? (i % 3) + 1 : 0)));
    }
    const sheets = await wjxSheets(HEADER, rows);

    const preview = previewResponses(db, campaignId, sheets);
    expect(preview.rows).toBe(300);
    expect(preview.outcomes).toEqual({
      matched: 200,
      not_in_campaign: 100,
      duplicate: 0,
      out_of_dates: 0,
      conflict_declined: 0,
      conflict_in_progress: 0,
      conflict_submitted: 0,
    });
    const first = preview.rowOutcomes.slice(0, 24);
    expect(first.every((r) => r.needsChoice && r.outcome === 'not_in_campaign')).toBe(true);
    expect(first.map((r) => r.row)).toEqual(Array.from({ length: 24 }, (_, i) => 202 + i));
    expect(first[0]).toMatchObject({
      studentNo: 'G9001',
      name: '外校1',
      reason: '学籍号不在本次测评名单中',
      reasonCode: 'number_not_listed',
      reasonParams: { field: 'studentNo' },
      actions: ['skip', 'match'],
      action: 'skip',
      critical: [
        {
          instrumentId: 'PHQ-9',
          itemNumber: 9,
          value: 2,
          label: { zh: '一半以上的天数', en: 'More than half the days' },
        },
      ],
    });
    expect(preview.rowOutcomes[24]).toMatchObject({ row: 2, outcome: 'matched', needsChoice: false });

    const summary = importResponses(db, userId, campaignId, sheets, { commit: true });
    expect(summary).toMatchObject({ rows: 300, matched: 200, scored: 200, committed: true });
    expect(summary.criticalNotImported).toHaveLength(24);
    expect(summary.criticalNotImported[0]).toMatchObject({
      row: 202,
      studentNo: 'G9001',
      outcome: 'not_in_campaign',
      critical: [{ itemNumber: 9, value: 2 }],
    });
  });

  test('a row matched by hand to a critical respondent is imported for that person, who joins the campaign', async () => {
    const { ctx, db, userId, campaignId } = await schoolCampaign(2);
    // Added to the register after the campaign was made, so not on its list.
    const late = await ok(ctx, 'students.add', {
      studentNo: 'S0999',
      name: '转学生',
      sex: 'F',
      birthDate: '2012-05-06',
      grade: '七年级',
      className: '2班',
    });
    const sheets = await wjxSheets(HEADER, [
      row(1, number(1), '学生1', phq9(0, 0)),
      row(2, 'S099', '转学生', phq9(1, 3)), // a typo in the 学籍号
    ]);
    const preview = previewResponses(db, campaignId, sheets);
    expect(preview.rowOutcomes[0]).toMatchObject({ row: 3, needsChoice: true, personId: null });

    const summary = importResponses(db, userId, campaignId, sheets, {
      commit: true,
      resolutions: { '3': { action: 'match', personId: late.id } },
    });
    expect(summary).toMatchObject({ scored: 2, addedToCampaign: 1, criticalNotImported: [] });
    const file = await ok(ctx, 'screening.forPerson', { personId: late.id });
    expect(file).toHaveLength(1);
    expect(file[0]).toMatchObject({ mode: 'import', level: 'red', results: [{ total: 11, critical: true }] });
    const progress = await ok(ctx, 'campaigns.progress', { id: campaignId });
    expect(progress.people.find((p) => p.personId === late.id)?.status).toBe('done');
  });

  test('a recorded 不参加 is never overridden unless that row is chosen; then the decline stays on record', async () => {
    const { ctx, db, userId, campaignId, file } = await schoolCampaign(2);
    const [s1] = (await ok(ctx, 'students.list', { limit: 1 })).items;
    const sitting = await ok(ctx, 'screening.start', { campaignId, personId: s1!.id, mode: 'kiosk' });
    await ok(ctx, 'screening.decline', { screeningId: sitting.screeningId });
    const rows = [row(1, number(1), '学生1', phq9(2, 0)), row(2, number(2), '学生2', phq9(0, 0))];
    const sheets = await wjxSheets(HEADER, rows);

    const preview = previewResponses(db, campaignId, sheets);
    expect(preview.rowOutcomes.map((r) => [r.row, r.outcome, r.action])).toEqual([
      [2, 'conflict_declined', 'skip'],
      [3, 'matched', 'import'],
    ]);
    expect(preview.rowOutcomes[0]!.reason).toBe('此人已登记“不参加”本次测评');

    const skipped = await ok(ctx, 'responses.import', { campaignId, file: await file(rows) });
    expect(skipped).toMatchObject({ scored: 1, outcomes: { conflict_declined: 1, matched: 1 } });
    const statusOf = (personId: number) =>
      db
        .prepare<[number, number], { status: string }>(
          'SELECT status FROM campaign_participants WHERE campaign_id = ? AND person_id = ?',
        )
        .get(campaignId, personId)!.status;
    expect(statusOf(s1!.id)).toBe('declined');
    expect(await ok(ctx, 'screening.forPerson', { personId: s1!.id })).toEqual([]);

    // Chosen for this row: imported as its own sheet, the decline kept as it was.
    const kept = importResponses(db, userId, campaignId, sheets, {
      commit: true,
      resolutions: { '2': { action: 'import' } },
    });
    expect(kept).toMatchObject({ scored: 1, outcomes: { conflict_declined: 1, duplicate: 1 } });
    const sheetsOf = db
      .prepare<[number], { mode: string; status: string }>(
        'SELECT mode, status FROM screenings WHERE person_id = ? ORDER BY id',
      )
      .all(s1!.id);
    expect(sheetsOf).toEqual([
      { mode: 'kiosk', status: 'declined' },
      { mode: 'import', status: 'submitted' },
    ]);
  });

  test("a station sheet in progress is never merged into; keeping both leaves the station's answers as they were", async () => {
    const { ctx, db, userId, campaignId } = await schoolCampaign(1);
    const [s1] = (await ok(ctx, 'students.list', { limit: 1 })).items;
    const station = await ok(ctx, 'screening.start', { campaignId, personId: s1!.id, mode: 'station' });
    await ok(ctx, 'screening.saveAnswer', {
      screeningId: station.screeningId,
      instrumentId: 'PHQ-9',
      itemId: 'q1',
      value: 3,
    });
    const sheets = await wjxSheets(HEADER, [row(1, number(1), '学生1', phq9(0, 0))]);
    const preview = previewResponses(db, campaignId, sheets);
    expect(preview.rowOutcomes[0]).toMatchObject({
      outcome: 'conflict_in_progress',
      conflictMode: 'station',
      reason: '此人有一份未提交的答卷（局域网测评站）',
      actions: ['skip', 'import'],
      action: 'skip',
    });
    // Answer values are sealed clinical fields; this session (the administrator's) opens them.
    const answersOf = (id: number) =>
      db
        .prepare<[number], { item_id: string; value: string }>(
          'SELECT item_id, value FROM screening_answers WHERE screening_id = ? ORDER BY item_id',
        )
        .all(id)
        .map((a) => ({
          item_id: a.item_id,
          value: openNumber(db, answerAad(id, 'PHQ-9', a.item_id), a.value),
        }));

    expect(importResponses(db, userId, campaignId, sheets, { commit: true }).scored).toBe(0);
    expect(answersOf(station.screeningId)).toEqual([{ item_id: 'q1', value: 3 }]);

    const kept = importResponses(db, userId, campaignId, sheets, { commit: true, onConflict: 'import' });
    expect(kept.scored).toBe(1);
    expect(answersOf(station.screeningId)).toEqual([{ item_id: 'q1', value: 3 }]);
    const imported = kept.imported[0]!.screeningId!;
    expect(imported).not.toBe(station.screeningId);
    expect(answersOf(imported)).toHaveLength(9);
    expect(answersOf(imported).every((a) => a.value === 0)).toBe(true);
    const station2 = db
      .prepare<[number], { status: string; mode: string }>('SELECT status, mode FROM screenings WHERE id = ?')
      .get(station.screeningId);
    expect(station2).toEqual({ status: 'in_progress', mode: 'station' });
  });

  test("answers dated outside the campaign's dates are held back, and the submission time is kept", async () => {
    const { db, userId, campaignId } = await schoolCampaign(3);
    const sheets = await wjxSheets(HEADER, [
      row(1, number(1), '学生1', phq9(1, 0), '2026/09/28 10:00:00'),
      row(2, number(2), '学生2', phq9(1, 0), '2026/10/12 9:31:05'),
      row(3, number(3), '学生3', phq9(1, 1), '2026/11/01 08:00:00'),
    ]);
    const preview = previewResponses(db, campaignId, sheets);
    expect(preview.rowOutcomes.map((r) => [r.row, r.outcome, r.needsChoice])).toEqual([
      [4, 'out_of_dates', true],
      [2, 'out_of_dates', false],
      [3, 'matched', false],
    ]);
    expect(preview.rowOutcomes[1]!.reason).toBe(
      '提交日期 2026-09-28 不在测评日期 2026-10-01 至 2026-10-31 内',
    );

    const summary = importResponses(db, userId, campaignId, sheets, { commit: true });
    expect(summary.scored).toBe(1);
    expect(summary.criticalNotImported.map((c) => c.row)).toEqual([4]);
    const stored = db
      .prepare<[], { student_no: string; submitted_at: string }>(
        'SELECT p.student_no, s.submitted_at FROM screenings s JOIN people p ON p.id = s.person_id',
      )
      .all();
    expect(stored).toEqual([
      { student_no: 'S0002', submitted_at: new Date(2026, 9, 12, 9, 31, 5).toISOString() },
    ]);
  });

  test('re-running the same file is idempotent: every row comes back a duplicate', async () => {
    const { ctx, campaignId, file } = await schoolCampaign(3);
    const rows = [
      row(1, number(1), '学生1', phq9(1, 0)),
      row(2, number(2), '学生2', phq9(2, 1)),
      row(3, number(2), '学生2', phq9(0, 0)), // the same student again, later in the file
    ];
    const first = await ok(ctx, 'responses.import', { campaignId, file: await file(rows) });
    expect(first).toMatchObject({ scored: 2, outcomes: { matched: 2, duplicate: 1 } });
    expect(first.unmatched).toEqual([
      {
        row: 4,
        studentNo: 'S0002',
        name: '学生2',
        reason: '同一人在第3行已有答卷',
        reasonCode: 'earlier_row',
        reasonParams: { row: 3 },
      },
    ]);
    const again = await ok(ctx, 'responses.import', { campaignId, file: await file(rows) });
    expect(again).toMatchObject({ scored: 0, outcomes: { matched: 0, duplicate: 3 } });
    expect(again.unmatched[0]!.reason).toBe('这一行此前已导入（答案与提交时间相同），不会重复导入');
    expect((await ok(ctx, 'alerts.list', {})).length).toBe(1);
  });

  test('errors name the row, the column and the fix', async () => {
    const { ctx, campaignId, file } = await schoolCampaign(1);
    const rows = [
      row(1, number(1), '学生1', [...phq9(0, 0).slice(0, 8), '5']),
      row(2, 'G1', '外校', phq9(0, 0)),
    ];
    const input = { campaignId, file: await file(rows) };
    const badRow = await fails(ctx, 'responses.import', {
      ...input,
      resolutions: { '9': { action: 'skip' } },
    });
    expect(badRow.message).toBe('第9行：文件中没有这一行答卷，请重新预览后再选择。');
    const badChoice = await fails(ctx, 'responses.import', {
      ...input,
      resolutions: { '2': { action: 'match', personId: 1 } },
    });
    expect(badChoice.message).toMatch(/^第2行（匹配成功）不能选择“match”，可选：import、skip。$/);
    const badColumn = await fails(ctx, 'responses.preview', {
      ...input,
      readings: { '5': { read: 'number', order: 'zh' } },
    });
    expect(badColumn.message).toBe('第6列（F列）不是题目列，不能设置读法：请先把它对应到一道题。');
    // Beside the Chinese, a code and parameters the English UI words without Chinese.
    expect(badChoice.detail).toMatchObject({
      reason: 'responses.action_not_allowed',
      params: { row: 2, reasonCode: 'matched', action: 'match', actions: 'import,skip' },
    });
    expect(wordResponseError('action_not_allowed', badChoice.detail!.params, 'en')).toBe(
      'Row 2 (Matched) cannot be set to “match”; allowed: import, skip.',
    );
    expect(badColumn.detail).toEqual({
      reason: 'responses.reading_not_item',
      params: { number: 6, letter: 'F', header: '' },
    });
    expect(wordResponseError('reading_not_item', badColumn.detail!.params, 'en')).toBe(
      'Column 6 (F) is not an item column, so it has no reading: map it to an item first.',
    );
    const badShape = await fails(ctx, 'responses.preview', {
      ...input,
      resolutions: { x: { action: 'skip' } },
    });
    expect(badShape.code).toBe('invalid_input');

    // A write that fails names its row, and nothing of the file is written.
    ctx.db!.prepare("UPDATE campaigns SET status = 'closed' WHERE id = ?").run(campaignId);
    const closed = await fails(ctx, 'responses.import', input);
    expect(closed).toMatchObject({ code: 'conflict', detail: { reason: 'campaigns.closed' } });
    expect(closed.message).toMatch(/^第2行：/);
    expect(ctx.db!.prepare('SELECT count(*) AS n FROM screenings').get()).toEqual({ n: 0 });
    ctx.db!.prepare("UPDATE campaigns SET status = 'open' WHERE id = ?").run(campaignId);

    const preview = await ok(ctx, 'responses.preview', input);
    expect(preview.unparsable).toEqual([
      {
        row: 2,
        column: `O列“${questionTexts('PHQ-9', 'zh')[8]}”`,
        value: '5',
        reason: '此列按选项文字读取，但这里是数字：若此列是选项序号，请把读法改为“按选项序号”',
        columnIndex: 14,
        header: questionTexts('PHQ-9', 'zh')[8],
        code: 'number_in_text_column',
        params: {},
      },
    ]);
  });
});

describe('option numbers are read in the order the form printed them', () => {
  async function perinatalCampaign() {
    const { ctx } = await setUpApp(tempDir(), 'maternal');
    const db = ctx.db!;
    const ids = ['HB001', 'HB002'].map((handbookNo, i) =>
      insertPerson(db, 'woman', { name: `孕妇${i + 1}`, handbookNo, status: 'active' }, ctx.user!.id),
    );
    const campaign = await ok(ctx, 'campaigns.create', {
      name: '产后访视',
      programme: 'perinatal',
      startsOn: '2026-10-01',
      endsOn: '2026-10-31',
      targets: [{ battery: ['EPDS'] }],
    });
    return { ctx, db, ids, campaignId: campaign.id };
  }

  test('an English EPDS form answered "1" everywhere scores 21 with item 10 critical, not 0', async () => {
    const { ctx, db, ids, campaignId } = await perinatalCampaign();
    const header = [...WJX_LEAD, '保健手册编号', '姓名', ...questionTexts('EPDS', 'en')];
    const ones = Array.from({ length: 10 }, () => '1');
    const sheets = await wjxSheets(header, [[...wjxLead(1), 'HB001', '孕妇1', ...ones]]);

    const preview = previewResponses(db, campaignId, sheets);
    const items = preview.columns.filter((c) => c.target.kind === 'item');
    expect(items).toHaveLength(10);
    expect(items.map((c) => c.reading)).toEqual(items.map(() => ({ read: 'number', order: 'en' })));
    // Items 3 and 5–10 print severe-first in English: only there does the order change the score.
    expect(items.map((c) => c.orderMatters)).toEqual([
      false,
      false,
      true,
      false,
      true,
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(preview.rowOutcomes[0]!.critical).toMatchObject([
      { itemNumber: 10, value: 3, label: { en: 'Yes, quite often', zh: '相当多时候这样' } },
    ]);
    // Read in Chinese order the same file would look entirely well.
    const asChinese = previewResponses(db, campaignId, sheets, {
      readings: Object.fromEntries(
        items.map((c) => [String(c.index), { read: 'number' as const, order: 'zh' as const }]),
      ),
    });
    expect(asChinese.rowOutcomes[0]!.critical).toEqual([]);

    importResponses(db, ctx.user!.id, campaignId, sheets, { commit: true });
    const [sheet] = await ok(ctx, 'screening.forPerson', { personId: ids[0]! });
    expect(sheet!.results[0]).toMatchObject({ instrumentId: 'EPDS', total: 21, critical: true });
  });

  test('a handbook number two women share (older data) matches neither of them', async () => {
    const { db, ids, campaignId } = await perinatalCampaign();
    db.prepare(`UPDATE people SET handbook_no_clash = 1 WHERE id IN (?, ?)`).run(ids[0]!, ids[1]!);
    db.prepare(`UPDATE people SET handbook_no = 'HB001' WHERE id = ?`).run(ids[1]!);
    const header = [...WJX_LEAD, '保健手册编号', '姓名', ...questionTexts('EPDS', 'zh')];
    const answers = ['1', '1', '4', '1', '4', '1', '1', '1', '1', '2'];
    const sheets = await wjxSheets(header, [[...wjxLead(1), 'HB001', '孕妇2', ...answers]]);
    const preview = previewResponses(db, campaignId, sheets);
    expect(preview.matched).toBe(0);
    expect(preview.unmatched).toHaveLength(1);
  });

  test('a Chinese form exported by number reads in Chinese order', async () => {
    const { ctx, db, ids, campaignId } = await perinatalCampaign();
    const header = [...WJX_LEAD, '保健手册编号', '姓名', ...questionTexts('EPDS', 'zh')];
    const answers = ['1', '1', '4', '1', '4', '1', '1', '1', '1', '2'];
    const sheets = await wjxSheets(header, [[...wjxLead(1), 'HB002', '孕妇2', ...answers]]);
    const preview = previewResponses(db, campaignId, sheets);
    expect(preview.columns.filter((c) => c.reading).every((c) => c.reading!.order === 'zh')).toBe(true);
    importResponses(db, ctx.user!.id, campaignId, sheets, { commit: true });
    const [sheet] = await ok(ctx, 'screening.forPerson', { personId: ids[1]! });
    expect(sheet!.results[0]).toMatchObject({ total: 7, critical: true });
  });
});
