import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { createContext, type AppContext } from '../../electron/services/context';
import type { Role } from '../../shared/api/auth';
import { idCheckChar } from '../../shared/people/id-number';
import { fails, ok, setUpApp, ADMIN_PASSWORD } from '../helpers/app';
import { useTempDirs } from '../helpers/temp';

const tempDir = useTempDirs();

const PASSWORDS: Record<Exclude<Role, 'admin'>, string> = {
  psychologist: 'psych-pass-1',
  screener: 'screen-pass-1',
  class_teacher: 'class-pass-1',
  supervisor: 'super-pass-1',
};

/** A valid 18-digit ID number born 2011-03-05; the 17th digit is odd for the boys (even rows). */
function idNumber(serial: number): string {
  const first17 = `11010520110305${String(10 + serial).padStart(2, '0')}${serial % 2 ? 2 : 1}`;
  return first17 + idCheckChar(first17);
}

const PHONE = '13912345678';

/**
 * 40 students in 七年级1班…4班 with ID numbers and guardian phones; the first (1班) answered PHQ-9
 * item 9 with 2 on paper, in a campaign: a red case and an open alert.
 */
async function school(dir: string) {
  const { ctx } = await setUpApp(dir);
  for (const [role, password] of Object.entries(PASSWORDS) as [Exclude<Role, 'admin'>, string][])
    await ok(ctx, 'users.create', {
      username: role.replace('_', ''),
      displayName: role,
      role,
      password,
      classes: role === 'class_teacher' ? [{ grade: '七年级', className: '1班' }] : [],
    });
  const rows = ['学籍号,姓名,性别,出生日期,年级,班级,身份证号,监护人电话'];
  for (let i = 0; i < 40; i++)
    rows.push(`S${1000 + i},学生${i},${i % 2 ? '女' : '男'},2011-03-05,七年级,${1 + (i % 4)}班,${idNumber(i)},${PHONE}`); // prettier-ignore
  const roster = join(dir, '..', `roster-${Date.now()}.csv`);
  writeFileSync(roster, rows.join('\r\n'));
  const local: AppContext = { ...ctx, commandLine: true };
  expect(await ok(local, 'people.importCommit', { kind: 'student', file: { path: roster } })).toMatchObject({
    created: 40,
  });
  const campaign = await ok(ctx, 'campaigns.create', {
    name: '秋季筛查',
    programme: 'school',
    startsOn: '2020-01-01',
    endsOn: '2100-12-31',
    targets: [{ battery: ['PHQ-9'] }],
  });
  const first = (await ok(ctx, 'people.search', { query: 'S1000' }))[0]!;
  const sheet = await ok(ctx, 'screening.start', {
    campaignId: campaign.id,
    personId: first.id,
    mode: 'paper',
  });
  for (let i = 1; i <= 9; i++)
    await ok(ctx, 'screening.saveAnswer', { screeningId: sheet.screeningId, instrumentId: 'PHQ-9', itemId: `q${i}`, value: i === 9 ? 2 : 1 }); // prettier-ignore
  await ok(ctx, 'screening.submit', { screeningId: sheet.screeningId });
  await ok(ctx, 'auth.logout', {});
  return { campaignId: campaign.id, first };
}

async function as(dir: string, role: Exclude<Role, 'admin'>): Promise<AppContext> {
  const ctx = createContext(dir, 'http');
  await ok(ctx, 'auth.login', { username: role.replace('_', ''), password: PASSWORDS[role] });
  return ctx;
}

/** Everything a screener must never receive, as it appears in the data. */
const IDENTITY = [PHONE, idNumber(0), 'S1000', '2011-03-05'];
const leaks = (value: unknown) => IDENTITY.filter((x) => JSON.stringify(value).includes(x));

describe('minimum data per role, in the services', () => {
  test('a class teacher gets her own classes in every list', async () => {
    const dir = tempDir();
    await school(dir);
    const teacher = await as(dir, 'class_teacher');
    const students = await ok(teacher, 'students.list', { limit: 1000 });
    expect(students.total).toBe(10);
    expect(new Set(students.items.map((s) => `${s.grade}${s.className}`))).toEqual(new Set(['七年级1班']));
    const people = await ok(teacher, 'people.list', { kind: 'student', limit: 1000 });
    expect(people.total).toBe(10);
    expect(people.items.every((p) => p.className === '1班')).toBe(true);
    const found = await ok(teacher, 'people.search', { query: '学生', limit: 200 });
    expect(found).toHaveLength(10);
    expect(await ok(teacher, 'people.groups', {})).toEqual({
      grades: [{ grade: '七年级', classes: [{ className: '1班', count: 10 }] }],
      townships: [],
    });
    const worklist = await ok(teacher, 'cases.worklist', { programme: 'school' });
    expect(worklist.map((w) => w.name)).toEqual(['学生0']);
    // Another class's student is out of reach by id too.
    const other = (await ok(await asAdmin(dir), 'people.search', { query: 'S1001' }))[0]!;
    expect((await fails(teacher, 'people.get', { id: other.id })).code).toBe('forbidden');
  });

  test('a screener gets names, class and progress: no numbers, phones, levels, sheets, items or cases', async () => {
    const dir = tempDir();
    const { campaignId, first } = await school(dir);
    const screener = await as(dir, 'screener');
    expect((await fails(screener, 'students.list', {})).code).toBe('forbidden');
    const list = await ok(screener, 'people.list', { kind: 'student', limit: 1000 });
    expect(list.total).toBe(40);
    const row = list.items.find((p) => p.id === first.id)!;
    expect(row).toMatchObject({
      name: '学生0',
      grade: '七年级',
      className: '1班',
      studentNo: null,
      idNumber: null,
      birthDate: null,
      guardianPhone: null,
      phone: null,
      level: null,
    });
    expect(leaks(list)).toEqual([]);
    // Filtering by level would tell the levels; searching by a number, whose it is.
    expect((await fails(screener, 'people.list', { kind: 'student', level: 'red' })).code).toBe('forbidden');
    expect((await fails(screener, 'people.list', { kind: 'student', query: '139123' })).code).toBe(
      'forbidden',
    );
    expect((await fails(screener, 'people.search', { query: 'S1000' })).code).toBe('forbidden');
    const search = await ok(screener, 'people.search', { query: '学生0' });
    expect(search[0]).toMatchObject({ name: '学生0', studentNo: null, idNumber: null, level: null });
    expect(leaks(search)).toEqual([]);
    const file = await ok(screener, 'people.get', { id: first.id });
    expect(file).toMatchObject({ current: null, screenings: [], unsubmitted: [], events: [], cases: [] });
    expect(file.person).toMatchObject({
      name: '学生0',
      className: '1班',
      idNumber: null,
      guardianPhone: null,
    });
    expect(leaks(file)).toEqual([]);
    // An alert says only that a teacher is needed now, and where.
    const [alert] = await ok(screener, 'alerts.list', {});
    expect(alert).toMatchObject({ personId: first.id, name: '学生0', critical: null, caseId: null });
    const progress = await ok(screener, 'campaigns.progress', { id: campaignId });
    const mine = progress.people.find((p) => p.personId === first.id)!;
    expect(mine).toMatchObject({ name: '学生0', status: 'done', number: null, level: null });
    expect(leaks(progress)).toEqual([]);
    // The psychology staff still see all of it.
    const psy = await as(dir, 'psychologist');
    expect((await ok(psy, 'people.get', { id: first.id })).person).toMatchObject({
      studentNo: 'S1000',
      idNumber: idNumber(0),
      guardianPhone: PHONE,
    });
    expect((await ok(psy, 'alerts.list', {}))[0]).toMatchObject({
      critical: { instrumentId: 'PHQ-9', itemNumber: 9, value: 2 },
      caseId: expect.any(Number),
    });
  });

  test('a supervisor gets aggregates only', async () => {
    const dir = tempDir();
    const { first } = await school(dir);
    const supervisor = await as(dir, 'supervisor');
    for (const [method, input] of [
      ['people.list', { kind: 'student' }],
      ['people.search', { query: '学生' }],
      ['people.get', { id: first.id }],
      ['students.list', {}],
      ['alerts.list', {}],
      ['cases.worklist', { programme: 'school' }],
      ['campaigns.progress', { id: 1 }],
      ['instruments.get', { id: 'PHQ-9' }],
    ] as const)
      expect((await fails(supervisor, method, input)).code, method).toBe('forbidden');
    const dashboard = await ok(supervisor, 'dashboard.get', { programme: 'school', from: '2000-01-01', to: '2100-12-31' }); // prettier-ignore
    expect(dashboard.tasks).toBeNull();
    expect(JSON.stringify(dashboard)).not.toContain('学生0');
    expect(leaks(dashboard)).toEqual([]);
    const report = await ok(supervisor, 'reports.group', {
      programme: 'school',
      grade: '七年级',
      from: '2000-01-01',
      to: '2100-12-31',
    });
    expect(JSON.stringify(report)).not.toContain('学生0');
    expect(leaks(report)).toEqual([]);
  });
});

async function asAdmin(dir: string): Promise<AppContext> {
  const ctx = createContext(dir, 'http');
  await ok(ctx, 'auth.login', { username: 'admin', password: ADMIN_PASSWORD });
  return ctx;
}
