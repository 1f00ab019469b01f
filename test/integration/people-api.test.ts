import { describe, expect, test } from 'vitest';
import { todayIso, addDays } from '../../shared/people';
import { fails, ok, setUpApp } from '../helpers/app';
import { sampleUpload as upload } from '../helpers/samples';
import { useTempDirs } from '../helpers/temp';

const tempDir = useTempDirs();

describe('people API', () => {
  test('the sample school roster: preview writes nothing, commit creates 600 grouped by grade and class', async () => {
    const { ctx } = await setUpApp(tempDir());
    const preview = await ok(ctx, 'people.importPreview', {
      kind: 'student',
      file: await upload('school-roster.xlsx'),
    });
    expect(preview.counts).toMatchObject({ rows: 600, new: 600, error: 0, duplicate: 0 });
    expect(preview.missingColumns).toEqual([]);
    expect(preview.headerRow).toBe(2);
    expect((await ok(ctx, 'students.list', {})).total).toBe(0);
    const summary = await ok(ctx, 'people.importCommit', {
      kind: 'student',
      file: await upload('school-roster.xlsx'),
    });
    expect(summary).toEqual({
      rows: 600,
      created: 600,
      updated: 0,
      unchanged: 0,
      rejected: [],
      duplicates: [],
      committed: true,
    });
    const groups = await ok(ctx, 'people.groups', {});
    expect(groups.grades.map((g) => g.grade)).toEqual(['七年级', '八年级', '九年级']);
    expect(groups.grades.flatMap((g) => g.classes.map((c) => c.className))).toEqual(
      ['1班', '2班', '3班', '4班']
        .flatMap((c) => [c])
        .concat(['1班', '2班', '3班', '4班'], ['1班', '2班', '3班', '4班']),
    );
    expect(groups.grades.flatMap((g) => g.classes).reduce((n, c) => n + c.count, 0)).toBe(600);
    const again = await ok(ctx, 'people.importCommit', {
      kind: 'student',
      file: await upload('school-roster.xlsx'),
    });
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 600 });
  });

  test('search finds people by pinyin initials, full pinyin, name and digits', async () => {
    const { ctx } = await setUpApp(tempDir());
    await ok(ctx, 'students.add', {
      studentNo: '20230101',
      name: '张三',
      sex: 'M',
      birthDate: '2011-03-05',
      grade: '七年级',
      className: '1班',
    });
    await ok(ctx, 'students.add', {
      studentNo: '20230102',
      name: '赵四',
      sex: 'F',
      birthDate: '2011-03-05',
      grade: '七年级',
      className: '1班',
    });
    const names = async (query: string) => (await ok(ctx, 'people.search', { query })).map((p) => p.name);
    expect(await names('zs')).toEqual(['张三', '赵四']);
    expect(await names('zhangs')).toEqual(['张三']);
    expect(await names('张')).toEqual(['张三']);
    expect(await names('0102')).toEqual(['赵四']);
    expect(await names('ls')).toEqual([]);
  });

  test('the maternal register: every woman has her stage and next due screening', async () => {
    const { ctx } = await setUpApp(tempDir(), 'maternal');
    const summary = await ok(ctx, 'people.importCommit', {
      kind: 'woman',
      file: await upload('maternal-register.xlsx'),
    });
    expect(summary.rows).toBe(180);
    // Row 81 repeats row 4's ID number for another woman: which is right cannot be known, so
    // neither is created.
    expect(summary.created).toBe(178);
    expect(summary.duplicates.map((d) => d.row)).toEqual([5, 82]);
    expect(summary.rejected).toEqual([]);
    const list = await ok(ctx, 'people.list', { kind: 'woman', limit: 1000 });
    expect(list.total).toBe(summary.created);
    for (const woman of list.items) {
      expect(woman.perinatal).not.toBeNull();
      expect(woman.perinatal!.timePoints.map((t) => t.point)).toEqual([
        'early',
        'mid',
        'late',
        'postpartum42',
      ]);
    }
    const staged = list.items.filter((w) => w.perinatal!.stage !== null);
    // The generated register is dated back from today: every woman is pregnant or post partum.
    expect(staged.length).toBe(178);
    const postpartum = await ok(ctx, 'people.list', { kind: 'woman', stage: 'postpartum', limit: 1000 });
    expect(postpartum.items.every((w) => w.deliveryDate !== null && w.perinatal!.postpartumDays! >= 0)).toBe(
      true,
    );
  });

  test('a correction and a note go into the timeline with the old value kept', async () => {
    const { ctx } = await setUpApp(tempDir());
    const s = await ok(ctx, 'students.add', {
      studentNo: '20230101',
      name: '张三',
      sex: 'M',
      birthDate: '2011-03-05',
      grade: '七年级',
      className: '1班',
    });
    await ok(ctx, 'people.correct', {
      id: s.id,
      changes: { birthDate: '2011-03-15' },
      reason: '出生日期录入错误',
    });
    const file = await ok(ctx, 'people.addNote', { id: s.id, text: '家长电话已核实' });
    expect(file.person.birthDate).toBe('2011-03-15');
    expect(file.events.map((e) => [e.kind, e.text, e.by])).toEqual([
      ['note', '家长电话已核实', '王老师'],
      ['corrected', '出生日期录入错误', '王老师'],
      ['created', null, '王老师'],
    ]);
    expect(file.events[1]!.changes).toEqual([{ field: 'birthDate', from: '2011-03-05', to: '2011-03-15' }]);
    expect(
      (await fails(ctx, 'people.correct', { id: s.id, changes: { studentNo: 'x' }, reason: 'x' })).code,
    ).toBe('invalid_input');
    expect((await fails(ctx, 'people.get', { id: 999 })).code).toBe('not_found');
  });

  test('a woman entered with an LMP 20 weeks ago is in mid pregnancy with the mid screening current', async () => {
    const { ctx } = await setUpApp(tempDir(), 'maternal');
    const lmp = addDays(todayIso(), -140);
    const csv = `姓名,身份证号,末次月经\n李梅,110101199001010023,${lmp}\n`;
    await ok(ctx, 'people.importCommit', {
      kind: 'woman',
      file: { fileName: 'w.csv', contentBase64: Buffer.from(csv).toString('base64') },
    });
    const [woman] = (await ok(ctx, 'people.list', { kind: 'woman' })).items;
    expect(woman!.perinatal).toMatchObject({
      stage: 'mid',
      gestation: { weeks: 20, days: 0 },
      nextDue: { point: 'mid', status: 'current' },
    });
  });

  test('templates download as workbooks whose header maps fully and whose example row is never imported', async () => {
    const { ctx } = await setUpApp(tempDir());
    for (const kind of ['student', 'woman'] as const) {
      const template = await ok(ctx, 'people.importTemplate', { kind });
      expect(template.fileName).toMatch(/\.xlsx$/);
      const preview = await ok(ctx, 'people.importPreview', { kind, file: template });
      expect(preview.missingColumns).toEqual([]);
      expect(preview.rows).toEqual([]);
      expect(preview.counts.empty).toBe(1);
    }
  });
});
