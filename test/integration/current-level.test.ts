import { beforeAll, describe, expect, test } from 'vitest';
import { join } from 'node:path';
import { createContext, type AppContext } from '../../electron/services/context';
import { exportRoster } from '../../electron/services/export/output';
import { currentLevel, type LevelCase } from '../../shared/figures/current-level';
import { todayIso } from '../../shared/people';
import { ADMIN_PASSWORD, ok, setUpApp } from '../helpers/app';
import { anxin, ensureBuilt } from '../helpers/cli';
import { answerSheet, zeros } from '../helpers/screening';
import { readBack, sheetNamed } from '../helpers/workbook';
import { useTempDirs } from '../helpers/temp';

/**
 * One current level (shared/figures/current-level.ts, the person_current_level view): the file
 * (admin's and the class teacher's), the register, the worklist, the dashboard, the export and the
 * CLI say the same for the same person after 红 → 复核 黄 → lift → re-screen 橙. Before, the file
 * kept the latest screening's 红 after 复核 and after lift while the register said 黄, then nothing.
 */
const tempDir = useTempDirs();
beforeAll(ensureBuilt, 300_000);

const PHQ_RED = [1, 1, 1, 1, 1, 1, 1, 1, 1]; // item 9: critical
const PHQ_ORANGE = [2, 2, 2, 2, 2, 2, 2, 2, 0];
const LEVEL_IDS: Record<string, string> = {
  '红色预警（一级）': 'red',
  '橙色预警（二级）': 'orange',
  '黄色预警（三级）': 'yellow',
  '绿色（无预警）': 'green',
};

type Row = Record<string, unknown>;

describe('one current level on every screen', () => {
  test('after 红, 复核 黄, lift and a re-screen 橙, every surface gives the same level at each step', async () => {
    const dir = tempDir();
    const { ctx } = await setUpApp(dir);
    const jia = await ok(ctx, 'students.add', { studentNo: 'S1', name: '林小雨', sex: 'F', birthDate: '2012-03-05', grade: '七年级', className: '1班' }); // prettier-ignore
    await ok(ctx, 'students.add', { studentNo: 'S2', name: '赵一鸣', sex: 'M', birthDate: '2012-04-05', grade: '七年级', className: '1班' }); // prettier-ignore
    await ok(ctx, 'users.create', { username: 'li', displayName: '李老师', role: 'class_teacher', password: 'teacher-pass-1', classes: [{ grade: '七年级', className: '1班' }] }); // prettier-ignore
    const teacher = createContext(dir, 'http');
    await ok(teacher, 'auth.login', { username: 'li', password: 'teacher-pass-1' });
    const battery = { battery: ['PHQ-9', 'GAD-7'] };
    const today = todayIso();
    let step = 0;

    /** The level each surface shows for 林小雨 (null: none, or not listed). */
    async function everySurface(expected: string | null) {
      step += 1;
      const file = await ok(ctx, 'people.get', { id: jia.id });
      const teacherFile = await ok(teacher, 'people.get', { id: jia.id });
      const register = (await ok(ctx, 'people.list', { kind: 'student', limit: 50 })).items.find((p) => p.id === jia.id)!; // prettier-ignore
      const teacherRegister = (await ok(teacher, 'people.list', { kind: 'student', limit: 50 })).items.find((p) => p.id === jia.id)!; // prettier-ignore
      const worklist = (await ok(ctx, 'cases.worklist', { programme: 'school' })).find((c) => c.personId === jia.id); // prettier-ignore
      const dashboard = await ok(ctx, 'dashboard.get', {
        programme: 'school',
        from: '2000-01-01',
        to: today,
      });
      const counted = Object.entries(dashboard.currentByLevel).filter(([, n]) => n > 0);
      const out = join(dir, `step-${step}.xlsx`);
      await exportRoster(ctx.db!, ctx.user!, { programme: 'school', variant: 'full', from: '2000-01-01', to: today, out }); // prettier-ignore
      const roster = sheetNamed(await readBack(out), '随访名册');
      const header = roster.rows[0]!;
      const line = roster.rows.find((r) => r[header.indexOf('姓名')] === '林小雨');
      const exported = line ? (line[header.indexOf('预警等级')] as string | null) : null;
      const cli = anxin(['people', 'search', '--data-dir', dir, '--query', '林小雨', '--json'], { ANXIN_PASSWORD: ADMIN_PASSWORD }); // prettier-ignore
      const cliWorklist = anxin(['worklist', '--data-dir', dir, '--json'], {
        ANXIN_PASSWORD: ADMIN_PASSWORD,
      });
      // The rule itself, over the raw rows, agrees with the view every screen reads.
      const cases = (ctx.db!.prepare('SELECT * FROM cases WHERE person_id = ?').all(jia.id) as Row[]).map(
        (c): LevelCase => ({
          status: c.status as LevelCase['status'],
          screenLevel: String(c.screen_level),
          confirmedLevel: c.confirmed_level as string | null,
          endedAt: c.ended_at as string | null,
        }),
      );
      const screenings = (ctx.db!.prepare('SELECT * FROM screenings WHERE person_id = ?').all(jia.id) as Row[]).map(
        (s) => ({ status: String(s.status), level: s.level as string | null, submittedAt: s.submitted_at as string | null }),
      ); // prettier-ignore
      const cliItems = (cliWorklist.json() as { items: { personId: number; level: string }[] }).items;
      expect({
        rule: currentLevel(cases, screenings),
        file: file.currentLevel,
        teacherFile: teacherFile.currentLevel,
        register: register.level,
        teacherRegister: teacherRegister.level,
        worklist: worklist?.level ?? null,
        dashboard: counted.length ? counted[0]![0] : null,
        export: exported ? LEVEL_IDS[exported] : null,
        cli: (cli.json() as { level: string | null }[])[0]!.level,
        cliWorklist: cliItems.find((i) => i.personId === jia.id)?.level ?? null,
      }, `step ${step}`).toEqual({
        rule: expected,
        file: expected,
        teacherFile: expected,
        register: expected,
        teacherRegister: expected,
        worklist: expected,
        dashboard: expected,
        export: expected,
        cli: expected,
        cliWorklist: expected,
      }); // prettier-ignore
      return file;
    }

    // 1. 红: a critical answer.
    await answerSheet(ctx, jia.id, battery, { 'PHQ-9': PHQ_RED, 'GAD-7': zeros(7) });
    let file = await everySurface('red');
    expect(file.current!.level).toBe('red');

    // 2. 复核 黄: the file leads with 黄 (the register's), and says the sheet itself was 红.
    const caseId = (await ok(ctx, 'cases.worklist', { programme: 'school' }))[0]!.caseId;
    await ok(ctx, 'cases.safetyCheck', { caseId, talked: true, riskAssessed: true, familyContacted: true, plan: 'monitor', outcome: '已面谈' }); // prettier-ignore
    await ok(ctx, 'cases.interview', { caseId, summary: '复核约谈', confirmedLevel: 'yellow', reason: '当面评估无自伤计划' }); // prettier-ignore
    file = await everySurface('yellow');
    expect(file.current!.level).toBe('red');

    // 3. Lifted: no current level anywhere (the old file kept 红).
    await ok(ctx, 'cases.lift', { caseId, reason: '复核正常' });
    await everySurface(null);

    // 4. Re-screened 橙: a new case, and 橙 everywhere.
    await new Promise((r) => setTimeout(r, 5));
    await answerSheet(ctx, jia.id, battery, { 'PHQ-9': PHQ_ORANGE, 'GAD-7': zeros(7) });
    file = await everySurface('orange');
    expect(file.current!.level).toBe('orange');
  });
});

/** The class tree's counts come from the query scoped to the teacher's classes, not the school's. */
describe('people.groups for a class teacher', () => {
  test("counts her classes only; an administrator's tree counts every class", async () => {
    const dir = tempDir();
    const { ctx } = await setUpApp(dir);
    const classes: [string, string, number][] = [
      ['七年级', '1班', 3],
      ['七年级', '2班', 2],
      ['八年级', '1班', 4],
    ];
    let n = 0;
    for (const [grade, className, count] of classes)
      for (let i = 0; i < count; i++) {
        n += 1;
        await ok(ctx, 'students.add', { studentNo: `S${n}`, name: `学生${n}`, sex: 'M', birthDate: '2012-03-05', grade, className }); // prettier-ignore
      }
    await ok(ctx, 'users.create', { username: 'li', displayName: '李老师', role: 'class_teacher', password: 'teacher-pass-1', classes: [{ grade: '七年级', className: '2班' }, { grade: '八年级', className: '1班' }] }); // prettier-ignore
    const teacher: AppContext = createContext(dir, 'http');
    await ok(teacher, 'auth.login', { username: 'li', password: 'teacher-pass-1' });
    expect(await ok(teacher, 'people.groups', {})).toEqual({
      grades: [
        { grade: '七年级', classes: [{ className: '2班', count: 2 }] },
        { grade: '八年级', classes: [{ className: '1班', count: 4 }] },
      ],
      townships: [],
    });
    expect((await ok(ctx, 'people.groups', {})).grades).toEqual([
      {
        grade: '七年级',
        classes: [
          { className: '1班', count: 3 },
          { className: '2班', count: 2 },
        ],
      },
      { grade: '八年级', classes: [{ className: '1班', count: 4 }] },
    ]);
  });
});
