import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { createContext } from '../../electron/services/context';
import { startStaffServer, TOKEN_HEADER, type StaffServer } from '../../electron/transports/http';
import type { ApiInput, ApiMethod, ApiOutput } from '../../shared/api/contract';
import type { ApiError } from '../../shared/api/errors';
import { ADMIN_PASSWORD } from '../helpers/app';
import { useTempDirs } from '../helpers/temp';
import { reasonWords } from '../../shared/tiers';

const tempDir = useTempDirs();
const servers: StaffServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

type Call = <M extends ApiMethod>(method: M, input: ApiInput<M>) => Promise<ApiOutput<M>>;

/** One running app over the loopback HTTP transport, as a browser would reach it. */
async function serve(dataDir: string, ui: string) {
  const server = await startStaffServer(createContext(dataDir, 'http'), { rendererDir: ui });
  servers.push(server);
  const post = async (method: string, input: unknown) =>
    (await (
      await fetch(`http://127.0.0.1:${server.port}/api/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [TOKEN_HEADER]: server.token },
        body: JSON.stringify(input),
      })
    ).json()) as { ok: boolean; value?: unknown; error?: ApiError };
  const call: Call = async (method, input) => {
    const body = await post(method, input);
    if (!body.ok) throw new Error(`${method}: ${JSON.stringify(body.error)}`);
    return body.value as never;
  };
  const refused = async (method: ApiMethod, input: unknown) => {
    const body = await post(method, input);
    expect(body.ok, `${method} should be refused`).toBe(false);
    return body.error!.code;
  };
  return { call, refused };
}

const DIAGNOSIS = '抑郁发作（中度）';
const NOTE = '家长反映孩子近期失眠';

describe('roles over the HTTP transport', () => {
  test('class teacher and screener never read answers or diagnoses; a supervisor gets aggregates only', async () => {
    const dir = tempDir();
    const ui = tempDir();
    mkdirSync(join(ui, 'assets'));
    writeFileSync(join(ui, 'index.html'), '<!doctype html>');
    const admin = await serve(dir, ui);
    await admin.call('auth.setup', {
      orgType: 'school',
      orgName: '实验中学',
      username: 'admin',
      displayName: '王老师',
      password: ADMIN_PASSWORD,
    });
    const student = await admin.call('students.add', {
      studentNo: '1',
      name: '张三',
      sex: 'M',
      birthDate: '2011-03-05',
      grade: '七年级',
      className: '1班',
    });
    const s = await admin.call('screening.start', {
      personId: student.id,
      mode: 'paper',
      battery: ['PHQ-9'],
    });
    for (const i of [1, 2, 3, 4, 5, 6, 7, 8, 9])
      await admin.call('screening.saveAnswer', { screeningId: s.screeningId, instrumentId: 'PHQ-9', itemId: `q${i}`, value: i === 9 ? 2 : 1 }); // prettier-ignore
    const outcome = await admin.call('screening.submit', { screeningId: s.screeningId });
    expect(outcome).toMatchObject({ level: 'red', reasons: [expect.anything(), expect.anything()] });
    const [row] = await admin.call('cases.worklist', { programme: 'school' });
    const c = await admin.call('cases.refer', { caseId: row!.caseId, institution: '市精神卫生中心', referredOn: '2026-03-02', consent: true }); // prettier-ignore
    await admin.call('cases.updateReferral', { referralId: c.referrals[0]!.id, status: 'attended', attendedOn: '2026-03-05' }); // prettier-ignore
    await admin.call('cases.updateReferral', { referralId: c.referrals[0]!.id, status: 'diagnosed', conclusion: 'confirmed', diagnosis: DIAGNOSIS, diagnosedOn: '2026-03-09' }); // prettier-ignore
    await admin.call('people.addNote', { id: student.id, text: NOTE });
    // The administrator sees it all: the baseline the others are compared with.
    const full = await admin.call('people.get', { id: student.id });
    expect(full.current!.results[0]).toMatchObject({ instrumentId: 'PHQ-9', total: 10, critical: true });
    expect(full.events.some((e) => e.text === NOTE)).toBe(true);
    for (const [username, role, password] of [
      ['chen', 'class_teacher', 'class-pass-1'],
      ['wu', 'screener', 'screen-pass-1'],
      ['zhou', 'supervisor', 'super-pass-1'],
    ] as const)
      await admin.call('users.create', {
        username,
        displayName: username,
        role,
        password,
        classes: role === 'class_teacher' ? [{ grade: '七年级', className: '1班' }] : [],
      });

    const secrets = [DIAGNOSIS, NOTE, reasonWords(outcome.reasons[0]!, 'zh'), '自伤念头'];
    const leaks = (value: unknown) => secrets.filter((x) => JSON.stringify(value).includes(x));

    // 班主任: who needs attention and what to do next, nothing that reveals answers or a diagnosis.
    const teacher = await serve(dir, ui);
    await teacher.call('auth.login', { username: 'chen', password: 'class-pass-1' });
    const file = await teacher.call('people.get', { id: student.id });
    expect(file.current).toMatchObject({ level: 'red', reasons: [], results: [] });
    expect(file.events.map((e) => e.kind)).not.toContain('note');
    const [item] = await teacher.call('cases.worklist', { programme: 'school' });
    expect(item).toMatchObject({ name: '张三', level: 'red', reasons: [] });
    expect(leaks([file, item])).toEqual([]);
    for (const [method, input] of [
      ['screening.forPerson', { personId: student.id }],
      ['cases.get', { id: row!.caseId }],
      ['screening.start', { personId: student.id, mode: 'paper', battery: ['PHQ-9'] }],
      ['alerts.list', {}],
      ['campaigns.progress', { id: 1 }],
      ['dashboard.get', { programme: 'school', from: '2026-01-01', to: '2026-12-31' }],
      ['exports.roster', { programme: 'school', variant: 'full' }],
    ] as const)
      expect(await teacher.refused(method, input)).toBe('forbidden');

    // 筛查员: runs screening days with names, classes and progress; no numbers, levels or sheets.
    const screener = await serve(dir, ui);
    await screener.call('auth.login', { username: 'wu', password: 'screen-pass-1' });
    const seen = await screener.call('people.get', { id: student.id });
    expect(seen.person).toMatchObject({ name: '张三', grade: '七年级', className: '1班', studentNo: null, birthDate: null }); // prettier-ignore
    expect(seen).toMatchObject({ current: null, screenings: [], unsubmitted: [], events: [], cases: [] });
    expect(JSON.stringify(seen)).not.toContain('2011-03-05');
    expect(leaks(seen)).toEqual([]);
    for (const [method, input] of [
      ['screening.forPerson', { personId: student.id }],
      ['cases.get', { id: row!.caseId }],
      ['cases.worklist', { programme: 'school' }],
      ['dashboard.get', { programme: 'school', from: '2026-01-01', to: '2026-12-31' }],
    ] as const)
      expect(await screener.refused(method, input)).toBe('forbidden');

    // 督导: figures, no person.
    const supervisor = await serve(dir, ui);
    await supervisor.call('auth.login', { username: 'zhou', password: 'super-pass-1' });
    const figures = await supervisor.call('dashboard.get', { programme: 'school', from: '2000-01-01', to: '2100-12-31' }); // prettier-ignore
    expect(figures).toMatchObject({
      screened: 1,
      byLevel: { red: 1 },
      criticalItems: 1,
      diagnosed: 1,
      tasks: null,
    });
    expect(JSON.stringify(figures)).not.toContain('张三');
    expect(leaks(figures)).toEqual([]);
    for (const [method, input] of [
      ['people.list', { kind: 'student' }],
      ['people.get', { id: student.id }],
      ['people.search', { query: 'zs' }],
      ['students.list', {}],
      ['cases.worklist', { programme: 'school' }],
      ['cases.get', { id: row!.caseId }],
      ['screening.forPerson', { personId: student.id }],
      ['alerts.list', {}],
      ['campaigns.progress', { id: 1 }],
      ['exports.roster', { programme: 'school', variant: 'full' }],
      ['users.list', {}],
    ] as const)
      expect(await supervisor.refused(method, input)).toBe('forbidden');
  });
});
