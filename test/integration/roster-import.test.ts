import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { commitImport, planImport } from '../../electron/services/people/roster-import';
import { wordRowIssue } from '../../shared/people/issues';
import { readSheetRows } from '../../electron/services/spreadsheet';
import { encodeGbk } from '../helpers/gbk';
import { ok, setUpApp } from '../helpers/app';
import { useTempDirs } from '../helpers/temp';

const tempDir = useTempDirs();

const MESSY_CSV = [
  '2025学年七年级学生名册,,,,,,',
  '导出时间：2025-09-01,,,,,,',
  '学号,姓 名,性别,出生年月日,年级,班级,身份证号',
  '20250001,张三,男,2013年3月5日,七年级,1班,',
  '20250002,李 四,女,2013.3.5,初一,(2)班,',
  '２０２５０００３,王五,M,20130305,7年级,3,',
  '20250004,赵六,F,2013/3/5,七年级,1班,',
  ',,,,,,',
  '20250001,张三丰,男,2013-03-05,七年级,1班,',
  '20250006,钱七,女,2013-13-45,七年级,1班,',
  '20250007,孙八,男,2013-03-05,七年级,1班,11010120130305001X',
  '20250008,,男,2013-03-05,七年级,1班,',
].join('\r\n');

async function messyRoster(dir: string) {
  const file = join(dir, '名册.csv');
  writeFileSync(file, encodeGbk(MESSY_CSV));
  return (await readSheetRows(file)).sheets;
}

describe('roster import with messy input', () => {
  test('a GBK CSV with title rows: every row gets its own outcome and reason', async () => {
    const dir = tempDir();
    const { ctx } = await setUpApp(dir);
    await ok(ctx, 'students.add', {
      studentNo: '20250004',
      name: '赵六',
      sex: 'F',
      birthDate: '2013-03-05',
      grade: '七年级',
      className: '2班',
    });
    const plan = planImport(ctx.db!, 'student', '名册.csv', await messyRoster(dir));
    expect(plan.preview.headerRow).toBe(3);
    expect(plan.preview.missingColumns).toEqual([]);
    expect(plan.preview.rows.map((r) => [r.row, r.status, r.number])).toEqual([
      [4, 'duplicate', '20250001'],
      [5, 'new', '20250002'],
      [6, 'new', '20250003'],
      [7, 'update', '20250004'],
      [9, 'duplicate', '20250001'],
      [10, 'error', '20250006'],
      [11, 'error', '20250007'],
      [12, 'error', '20250008'],
    ]);
    const byRow = new Map(plan.preview.rows.map((r) => [r.row, r]));
    expect(byRow.get(7)!.changes).toEqual([{ field: 'className', from: '2班', to: '1班' }]);
    // 张三 and 张三丰 under one 学籍号: which is right cannot be known, so neither is planned.
    expect(byRow.get(4)!.reasons).toEqual([{ field: 'studentNo', code: 'repeats_row', params: { row: 9 } }]);
    expect(byRow.get(9)!.reasons).toEqual([{ field: 'studentNo', code: 'repeats_row', params: { row: 4 } }]);
    // Every mapped column is there to check before committing, as it will be written.
    expect(byRow.get(5)!.cells).toEqual({
      studentNo: '20250002',
      name: '李四',
      sex: 'F',
      birthDate: '2013-03-05',
      grade: '七年级',
      gradeOrdinal: 7,
      className: '2班',
    });
    const words = (row: number) =>
      byRow
        .get(row)!
        .reasons.map((issue) => wordRowIssue(issue))
        .join();
    expect(words(9)).toBe('学籍号与第4行重复');
    expect(words(10)).toContain('出生日期');
    expect(words(11)).toContain('校验位');
    expect(words(12)).toContain('姓名');
    expect(plan.preview.counts).toEqual({
      rows: 8,
      new: 2,
      update: 1,
      unchanged: 0,
      error: 3,
      duplicate: 2,
      empty: 1,
    });

    // Preview wrote nothing.
    expect((await ok(ctx, 'students.list', {})).total).toBe(1);
    const summary = commitImport(ctx.db!, ctx.user!.id, 'student', plan);
    expect(summary).toMatchObject({ rows: 8, created: 2, updated: 1, unchanged: 0, committed: true });
    expect(summary.rejected.map((r) => r.row)).toEqual([10, 11, 12]);
    // The `--json` reason stays the Chinese sentence; the codes come beside it.
    expect(summary.duplicates).toEqual([
      {
        row: 4,
        number: '20250001',
        reason: '学籍号与第9行重复',
        issues: [{ field: 'studentNo', code: 'repeats_row', params: { row: 9 } }],
      },
      {
        row: 9,
        number: '20250001',
        reason: '学籍号与第4行重复',
        issues: [{ field: 'studentNo', code: 'repeats_row', params: { row: 4 } }],
      },
    ]);

    const students = (await ok(ctx, 'students.list', {})).items;
    expect(students.map((s) => [s.studentNo, s.name, s.sex, s.birthDate, s.grade, s.className])).toEqual([
      ['20250004', '赵六', 'F', '2013-03-05', '七年级', '1班'],
      ['20250002', '李四', 'F', '2013-03-05', '七年级', '2班'],
      ['20250003', '王五', 'M', '2013-03-05', '七年级', '3班'],
    ]);
    // The update kept the old class in the file's history.
    const zhao = (await ok(ctx, 'people.search', { query: '赵六' }))[0]!;
    const file = await ok(ctx, 'people.get', { id: zhao.id });
    expect(file.events.map((e) => e.kind)).toEqual(['updated', 'created']);
    expect(file.events[0]!.changes).toEqual([{ field: 'className', from: '2班', to: '1班' }]);
    expect(file.events[0]!.text).toBe('名册导入：名册.csv');
  });

  test('a roster of 300: each new file starts with one imported event stamped with the import time', async () => {
    const dir = tempDir();
    const { ctx } = await setUpApp(dir);
    const file = join(dir, 'big.csv');
    const names = ['张三', '李四', '欧阳修'];
    const lines = Array.from(
      { length: 300 },
      (_, i) => `${40000000 + i},${names[i % 3]},${i % 2 ? '女' : '男'},2012-01-01,七年级,${1 + (i % 5)}班`,
    );
    writeFileSync(file, ['学籍号,姓名,性别,出生日期,年级,班级', ...lines].join('\n'));
    const plan = planImport(ctx.db!, 'student', 'big.csv', (await readSheetRows(file)).sheets);
    expect(commitImport(ctx.db!, ctx.user!.id, 'student', plan).created).toBe(300);

    const events = ctx
      .db!.prepare(
        `SELECT e.kind, e.user_id AS userId, e.at = p.created_at AS sameTime, count(*) AS n
         FROM person_events e JOIN people p ON p.id = e.person_id GROUP BY 1, 2, 3`,
      )
      .all();
    expect(events).toEqual([{ kind: 'imported', userId: ctx.user!.id, sameTime: 1, n: 300 }]);
    const perPerson = ctx.db!.prepare('SELECT count(DISTINCT person_id) FROM person_events').pluck().get();
    expect(perPerson).toBe(300);
    // Repeated names get the same search keys as a name met once.
    const keys = ctx
      .db!.prepare('SELECT DISTINCT name, name_initials, name_pinyin FROM people ORDER BY name')
      .all();
    expect(keys).toEqual([
      { name: '张三', name_initials: 'zs', name_pinyin: 'zhangsan' },
      { name: '李四', name_initials: 'ls', name_pinyin: 'lisi' },
      { name: '欧阳修', name_initials: 'oyx', name_pinyin: 'ouyangxiu' },
    ]);
    const found = await ok(ctx, 'people.search', { query: 'zs' });
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((p) => p.name === '张三')).toBe(true);
  });

  test('next term: the same roster with new grades updates them and keeps history; a remembered mapping is reused', async () => {
    const dir = tempDir();
    const { ctx } = await setUpApp(dir);
    const first = join(dir, 'a.csv');
    writeFileSync(first, '编号,名字,性别,生日,年级,班级\n30000001,周一,男,2012-01-01,七年级,1班\n');
    const sheets = (await readSheetRows(first)).sheets;
    // 编号 and 名字 are not known synonyms: the user maps them by hand once.
    const unmapped = planImport(ctx.db!, 'student', 'a.csv', sheets);
    expect(unmapped.preview.missingColumns).toEqual(['studentNo', 'name']);
    expect(wordRowIssue(unmapped.preview.rows[0]!.reasons[0]!)).toBe('缺少必填列：学籍号、姓名');
    expect(wordRowIssue(unmapped.preview.rows[0]!.reasons[0]!, 'en')).toBe(
      'Required columns are missing: Student number, Name',
    );
    expect(unmapped.preview.rows[0]!.status).toBe('error');
    expect(() => commitImport(ctx.db!, ctx.user!.id, 'student', unmapped)).toThrow(/缺少必填列/);
    const mapped = planImport(ctx.db!, 'student', 'a.csv', sheets, { studentNo: 0, name: 1 });
    expect(commitImport(ctx.db!, ctx.user!.id, 'student', mapped).created).toBe(1);

    const second = join(dir, 'b.csv');
    writeFileSync(second, '编号,名字,性别,生日,年级,班级\n30000001,周一,男,2012-01-01,八年级,2班\n');
    const next = planImport(ctx.db!, 'student', 'b.csv', (await readSheetRows(second)).sheets);
    expect(next.preview.missingColumns).toEqual([]);
    expect(next.preview.rows[0]).toMatchObject({
      status: 'update',
      changes: [
        { field: 'grade', from: '七年级', to: '八年级' },
        { field: 'gradeOrdinal', from: 7, to: 8 },
        { field: 'className', from: '1班', to: '2班' },
      ],
    });
  });
});
