// The maternal register's time points over a real database: screenings mark them done, a woman
// past 42 weeks asks for her delivery date, the windows are a versioned admin setting, and a
// woman transferred out leaves the register.
import { describe, expect, test } from 'vitest';
import { createContext, type AppContext } from '../../electron/services/context';
import { addDays, todayIso } from '../../shared/people';
import { defaultScreeningWindows } from '../../shared/people/perinatal';
import { fails, ok, setUpApp } from '../helpers/app';
import { useTempDirs } from '../helpers/temp';
import { readBack, sheetNamed } from '../helpers/workbook';
import { exportRoster } from '../../electron/services/export/output';
import { join } from 'node:path';

const tempDir = useTempDirs();
const today = todayIso();

/** Women with LMPs counted back from today, all in one township. */
async function register(ctx: AppContext, women: [name: string, idNumber: string, lmpDaysAgo: number][]) {
  const rows = women.map(([name, id, days]) => `${name},${id},${addDays(today, -days)},城关镇`);
  const csv = `姓名,身份证号,末次月经,所属乡镇\n${rows.join('\n')}\n`;
  await ok(ctx, 'people.importCommit', {
    kind: 'woman',
    file: { fileName: 'w.csv', contentBase64: Buffer.from(csv).toString('base64') },
  });
  const { items } = await ok(ctx, 'people.list', { kind: 'woman', sort: 'name', limit: 100 });
  return (name: string) => items.find((w) => w.name === name)!.id;
}

async function epds(ctx: AppContext, personId: number, values: number[]) {
  const s = await ok(ctx, 'screening.start', { personId, mode: 'kiosk', battery: ['EPDS'] });
  for (const [i, v] of values.entries())
    await ok(ctx, 'screening.saveAnswer', {
      screeningId: s.screeningId,
      instrumentId: 'EPDS',
      itemId: `q${i + 1}`,
      value: v,
    });
  return ok(ctx, 'screening.submit', { screeningId: s.screeningId });
}

const names = async (
  ctx: AppContext,
  show?: 'registered' | 'due' | 'deliveryNeeded' | 'transferred' | 'all',
) =>
  (await ok(ctx, 'people.list', { kind: 'woman', sort: 'name', ...(show ? { show } : {}) })).items.map(
    (w) => w.name,
  );

describe('perinatal time points', () => {
  test('a screening in the mid window shows 已筛 with its date and drops her from the due list', async () => {
    const { ctx } = await setUpApp(tempDir(), 'maternal');
    const id = await register(ctx, [
      ['李梅', '110101199001010023', 140],
      ['王芳', '11010119900101004X', 140],
    ]);
    expect(await names(ctx, 'due')).toEqual(['李梅', '王芳']);
    expect((await epds(ctx, id('李梅'), [0, 0, 0, 0, 0, 0, 0, 0, 0, 0])).level).toBe('negative');

    const file = await ok(ctx, 'people.get', { id: id('李梅') });
    expect(file.perinatal!.timePoints.map((t) => [t.point, t.state, t.doneOn])).toEqual([
      ['early', 'missed', null],
      ['mid', 'done', today],
      ['late', 'upcoming', null],
      ['postpartum42', 'upcoming', null],
    ]);
    expect(file.perinatal!.nextDue).toMatchObject({ point: 'late', state: 'upcoming' });
    // The register row carries the same states; the due list has only the woman not yet screened.
    const row = (await ok(ctx, 'people.list', { kind: 'woman', sort: 'name' })).items[0]!;
    expect(row.perinatal!.timePoints[1]).toMatchObject({ state: 'done', doneOn: today });
    expect(await names(ctx, 'due')).toEqual(['王芳']);
    expect(await names(ctx)).toEqual(['李梅', '王芳']);
  });

  test('past 42 weeks with no delivery: flagged until the delivery date is entered, then 产后42天 runs from it', async () => {
    const { ctx } = await setUpApp(tempDir(), 'maternal');
    const id = await register(ctx, [
      ['赵丽', '110101199001010066', 43 * 7 + 3],
      ['王芳', '11010119900101004X', 140],
    ]);
    expect(await names(ctx, 'deliveryNeeded')).toEqual(['赵丽']);
    let file = await ok(ctx, 'people.get', { id: id('赵丽') });
    expect(file.perinatal).toMatchObject({
      deliveryNeeded: true,
      daysPastDue: 24,
      stageLabel: '已过预产期24天',
    });
    // Until then the 42-day point rests on the EDD and says so.
    const edd = addDays(today, -24);
    expect(file.perinatal!.timePoints[3]).toMatchObject({
      start: addDays(edd, 28),
      end: addDays(edd, 56),
      estimated: true,
    });

    // A delivery date after today, or before the pregnancy began, is refused with its reason.
    const tomorrow = await fails(ctx, 'people.correct', {
      id: id('赵丽'),
      changes: { deliveryDate: addDays(today, 1) },
      reason: '补录分娩日期',
    });
    expect([tomorrow.code, tomorrow.detail]).toEqual([
      'invalid_input',
      { reason: 'people.delivery_after_today' },
    ]);
    const early = await fails(ctx, 'people.correct', {
      id: id('赵丽'),
      changes: { deliveryDate: addDays(today, -400) },
      reason: '补录分娩日期',
    });
    expect(early.detail).toEqual({
      reason: 'people.delivery_before_pregnancy',
      params: { start: addDays(today, -(43 * 7 + 3)) },
    });

    const delivered = addDays(today, -10);
    file = await ok(ctx, 'people.correct', {
      id: id('赵丽'),
      changes: { deliveryDate: delivered },
      reason: '补录分娩日期',
    });
    expect(file.perinatal).toMatchObject({ deliveryNeeded: false, stage: 'postpartum', postpartumDays: 10 });
    expect(file.perinatal!.timePoints[3]).toMatchObject({
      point: 'postpartum42',
      start: addDays(delivered, 28),
      end: addDays(delivered, 56),
      estimated: false,
      state: 'upcoming',
    });
    expect(file.perinatal!.nextDue?.point).toBe('postpartum42');
    expect(await names(ctx, 'deliveryNeeded')).toEqual([]);
    expect(file.events[0]).toMatchObject({ kind: 'corrected', text: '补录分娩日期' });
  });

  test('the register shows case state and colour; a case closed as 转出 takes her off 在册 and 当前应筛', async () => {
    const { ctx } = await setUpApp(tempDir(), 'maternal');
    const id = await register(ctx, [
      ['李梅', '110101199001010023', 140],
      ['王芳', '11010119900101004X', 140],
    ]);
    expect((await epds(ctx, id('王芳'), [2, 2, 2, 2, 1, 2, 1, 1, 1, 0])).level).toBe('positive');
    const [item] = await ok(ctx, 'cases.worklist', { programme: 'perinatal' });
    await ok(ctx, 'cases.assignColour', { caseId: item!.caseId, colour: 'orange', reason: '专科确诊' });
    const wang = async () =>
      (await ok(ctx, 'people.list', { kind: 'woman', show: 'all' })).items.find((w) => w.name === '王芳')!;
    expect((await wang()).perinatalCase).toEqual({
      status: 'open',
      colour: 'orange',
      purple: false,
      endReason: null,
    });
    expect((await ok(ctx, 'people.groups', {})).townships).toEqual([{ township: '城关镇', count: 2 }]);

    await ok(ctx, 'cases.close', { caseId: item!.caseId, reason: 'transferred' });
    expect((await wang()).perinatalCase).toMatchObject({ status: 'closed', endReason: 'transferred' });
    expect(await names(ctx)).toEqual(['李梅']);
    expect(await names(ctx, 'due')).toEqual(['李梅']);
    expect(await names(ctx, 'transferred')).toEqual(['王芳']);
    expect(await names(ctx, 'all')).toEqual(['李梅', '王芳']);
    expect((await ok(ctx, 'people.groups', {})).townships).toEqual([{ township: '城关镇', count: 1 }]);
  });

  test('windows are versioned by the administrator: a new version changes statuses, history is kept, others are refused', async () => {
    const { ctx } = await setUpApp(tempDir(), 'maternal');
    // 15+0 weeks today: mid by the default windows, before mid under 16–24 weeks (Beijing).
    const id = await register(ctx, [['李梅', '110101199001010023', 105]]);
    await epds(ctx, id('李梅'), [0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    const state = async () =>
      (await ok(ctx, 'people.get', { id: id('李梅') })).perinatal!.timePoints.map((t) => t.state);
    expect(await state()).toEqual(['missed', 'done', 'upcoming', 'upcoming']);

    const first = await ok(ctx, 'timepoints.get', {});
    expect(first.active).toEqual({
      version: 1,
      createdAt: null,
      createdBy: null,
      windows: defaultScreeningWindows,
    });
    expect(first.history.map((h) => h.version)).toEqual([1]);

    const beijing = { ...defaultScreeningWindows, mid: { from: 16 * 7, to: 24 * 7 + 6 } };
    const saved = await ok(ctx, 'timepoints.save', { windows: beijing });
    expect(saved.active).toMatchObject({ version: 2, createdBy: '王老师', windows: beijing });
    expect(saved.history.map((h) => [h.version, h.createdBy])).toEqual([
      [2, '王老师'],
      [1, null],
    ]);
    // Today's screening now falls between windows: mid is still ahead, not done.
    expect(await state()).toEqual(['missed', 'upcoming', 'upcoming', 'upcoming']);
    expect((await ok(ctx, 'audit.list', { action: 'timepoints.save' })).total).toBe(1);

    // The export's 筛查时点 and the dashboard's time-point groups read the same version.
    const out = join(ctx.dataDir, 'roster.xlsx');
    const period = { from: addDays(today, -1), to: addDays(today, 1) };
    await exportRoster(ctx.db!, ctx.user!, { programme: 'perinatal', variant: 'full', ...period, out });
    const records = sheetNamed(await readBack(out), '测评记录').rows;
    expect(records[1]![records[0]!.indexOf('筛查时点')]).toBe('其他时间');
    const view = await ok(ctx, 'dashboard.get', { programme: 'perinatal', ...period });
    const groups = view.breakdowns.find((b) => b.dimension === 'timePoint')!.groups;
    expect(groups.map((g) => [g.group, g.screened])).toEqual([['outside', 1]]);

    const overlapping = { ...beijing, early: { from: 0, to: 120 } };
    const refused = await fails(ctx, 'timepoints.save', { windows: overlapping });
    expect(refused.code).toBe('invalid_input');
    expect((await ok(ctx, 'timepoints.get', {})).active.version).toBe(2);

    await ok(ctx, 'users.create', {
      username: 'liu',
      displayName: '刘医生',
      role: 'psychologist',
      password: 'doctor-pass-1',
      classes: [],
    });
    const doctor = createContext(ctx.dataDir, 'http');
    await ok(doctor, 'auth.login', { username: 'liu', password: 'doctor-pass-1' });
    expect((await ok(doctor, 'timepoints.get', {})).active.version).toBe(2);
    expect((await fails(doctor, 'timepoints.save', { windows: defaultScreeningWindows })).code).toBe(
      'forbidden',
    );
  });
});
