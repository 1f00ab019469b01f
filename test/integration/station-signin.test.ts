import { afterEach, describe, expect, test } from 'vitest';
import type { AppContext } from '../../electron/services/context';
import {
  APPROVAL_REFUSED_MESSAGE,
  stationNoMatchMessage,
  TAKEN_OVER_MESSAGE,
} from '../../electron/services/station/messages';
import { startStation, stopStation, type StationOptions } from '../../electron/transports/station';
import type { SignInMode } from '../../shared/api/screening';
import type { StationPending, StationSession } from '../../shared/api/station';
import { idCheckChar } from '../../shared/people/id-number';
import { ADMIN_PASSWORD, ok, setUpApp } from '../helpers/app';
import { anxin, ensureBuilt } from '../helpers/cli';
import { api, value, type Reply } from '../helpers/station-http';
import { useTempDirs } from '../helpers/temp';

// Issue 12, "sign-in that can't be borrowed": each test here attacks the LAN station the way an
// onlooker in the room or on the network would, and checks what the attack yields.

const tempDir = useTempDirs();
const contexts: AppContext[] = [];
afterEach(async () => {
  while (contexts.length) await stopStation(contexts.pop()!);
});

const BIRTH = '2011-03-05';
const ITEMS = [
  ...['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7', 'q8', 'q9'].map((itemId) => ({
    instrumentId: 'PHQ-9',
    itemId,
  })),
  ...['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7'].map((itemId) => ({ instrumentId: 'GAD-7', itemId })),
];
/** A lab PC: its own address on the loopback net and the device id its page keeps. */
const pc = (n: number) => ({
  from: `127.0.${Math.floor(n / 250)}.${(n % 250) + 2}`,
  deviceId: `device-${String(n).padStart(12, '0')}`,
});

async function schoolStation(signIn: SignInMode, students = 6, extra: Partial<StationOptions> = {}) {
  const { ctx } = await setUpApp(tempDir());
  for (let i = 0; i < students; i++)
    await ok(ctx, 'students.add', {
      studentNo: `G${1000 + i}`,
      name: `学生${i}`,
      sex: i % 2 ? 'F' : 'M',
      birthDate: BIRTH,
      grade: '七年级',
      className: '1班',
    });
  const campaign = await ok(ctx, 'campaigns.create', {
    name: '普测',
    programme: 'school',
    startsOn: '2026-11-23',
    endsOn: '2026-11-30',
    targets: [{ battery: ['PHQ-9', 'GAD-7'] }],
    signIn,
  });
  expect(campaign.signIn).toBe(signIn);
  return { ctx, campaignId: campaign.id, ...(await station(ctx, campaign.id, extra)) };
}

async function station(ctx: AppContext, campaignId: number, extra: Partial<StationOptions> = {}) {
  const status = await startStation(ctx, {
    campaignId,
    host: '127.0.0.1',
    port: 0,
    rendererDir: null,
    ...extra,
  });
  contexts.push(ctx);
  return { port: Number(new URL(status.url!).port), code: status.stationCode! };
}

/** A valid 18-digit ID number of a woman born on the given day. */
function womanId(birth: string, seq: number): string {
  const first17 = `110101${birth.replaceAll('-', '')}${String(seq % 100).padStart(2, '0')}2`;
  return first17 + idCheckChar(first17);
}

/** A clinic with 60 women whose handbooks are numbered in order, as the issue found them. */
async function clinicStation(signIn: SignInMode) {
  const { ctx } = await setUpApp(tempDir(), 'maternal');
  const rows = Array.from({ length: 60 }, (_, i) => {
    const birth = `1994-0${1 + (i % 9)}-1${i % 10}`;
    return `孕妇${i},${womanId(birth, i)},MY2026${String(i + 1).padStart(5, '0')},2026-06-01,1390000${String(i).padStart(4, '0')}`;
  });
  const csv = `姓名,身份证号,保健手册编号,末次月经,手机号\n${rows.join('\n')}\n`;
  const imported = await ok(ctx, 'people.importCommit', {
    kind: 'woman',
    file: { fileName: 'w.csv', contentBase64: Buffer.from(csv).toString('base64') },
  });
  expect(imported).toMatchObject({ created: 60, rejected: [] });
  const campaign = await ok(ctx, 'campaigns.create', {
    name: '孕晚期筛查',
    programme: 'perinatal',
    startsOn: '2026-11-01',
    endsOn: '2026-12-31',
    targets: [{ battery: ['EPDS'] }],
    ...(signIn === 'handbook_plus' ? {} : { signIn }),
  });
  expect(campaign.signIn).toBe(signIn);
  const people = (await ok(ctx, 'campaigns.progress', { id: campaign.id })).people;
  return { ctx, campaignId: campaign.id, people, ...(await station(ctx, campaign.id)) };
}

const statuses = (replies: Reply[]) => [...new Set(replies.map((r) => r.status))];
const inProgress = async (ctx: AppContext, id: number) =>
  (await ok(ctx, 'campaigns.progress', { id })).overall.in_progress;

describe('walking numbers signs no one in', () => {
  test('handbook numbers in order, and ID numbers, without the second fact: nothing, and no hint who exists', async () => {
    const { ctx, campaignId, port, code } = await clinicStation('handbook_plus');
    const handbooks = Array.from({ length: 70 }, (_, i) => `MY2026${String(i + 1).padStart(5, '0')}`);
    // Version 1's way in: the number alone. Each from an address of its own, so no limit is in play.
    const alone = await Promise.all(
      handbooks.map((recordNo, i) => api(port, 'identify', { stationCode: code, recordNo }, pc(i).from)),
    );
    expect(statuses(alone)).toEqual([400]);
    // With a guessed birth date and phone ending: numbers 1–60 exist, 61–70 do not; all read alike.
    const guessed = await Promise.all(
      handbooks.map((recordNo, i) =>
        api(port, 'identify', { stationCode: code, recordNo, birthDate: '1990-01-01' }, pc(100 + i).from),
      ),
    );
    const byPhone = await Promise.all(
      handbooks.map((recordNo, i) =>
        api(port, 'identify', { stationCode: code, recordNo, phoneLast4: '9999' }, pc(200 + i).from),
      ),
    );
    for (const r of [...guessed, ...byPhone]) {
      expect(r.status).toBe(404);
      expect(r.text).toBe(guessed[69]!.text);
    }
    expect(guessed[0]!.json().error?.message).toBe(stationNoMatchMessage('handbook_plus'));
    // The page words the refusal in its language from the reason; the mode picks the sentence.
    expect(guessed[0]!.json().error?.detail).toEqual({
      reason: 'respondent.no_match',
      params: { mode: 'handbook_plus' },
    });
    // An ID number with the birth date it encodes proves nothing more than the ID number.
    const ids = Array.from({ length: 10 }, (_, i) => womanId(`1994-0${1 + (i % 9)}-1${i % 10}`, i));
    const idWithBirth = await Promise.all(
      ids.map((recordNo, i) =>
        api(
          port,
          'identify',
          { stationCode: code, recordNo, birthDate: `1994-0${1 + (i % 9)}-1${i % 10}` },
          pc(300 + i).from,
        ),
      ),
    );
    expect(statuses(idWithBirth)).toEqual([404]);
    expect(await inProgress(ctx, campaignId)).toBe(0);
    // The woman herself, with her handbook and birth date (or her ID and phone ending), is in.
    const her = await value<StationSession>(
      api(
        port,
        'identify',
        { stationCode: code, recordNo: 'my202600003', birthDate: '1994-03-12' },
        pc(400).from,
      ),
    );
    expect(her).toMatchObject({ status: 'in_progress', displayName: '孕*2' });
    const byId = await value<StationSession>(
      api(
        port,
        'identify',
        { stationCode: code, recordNo: ids[4]!, phoneLast4: '0004', deviceId: pc(401).deviceId },
        pc(401).from,
      ),
    );
    expect(byId.status).toBe('in_progress');
  });

  test('学籍号 with the right birth dates opens nothing where slips are used, nor with an old lesson code', async () => {
    const slip = await schoolStation('slip');
    const walked = await Promise.all(
      [0, 1, 2, 3, 4, 5, 6, 7].map((i) =>
        api(
          slip.port,
          'identify',
          { stationCode: slip.code, studentNo: `G${1000 + i}`, birthDate: BIRTH },
          pc(i).from,
        ),
      ),
    );
    expect(statuses(walked)).toEqual([404]);
    expect(new Set(walked.map((r) => r.text)).size).toBe(1);
    expect(await inProgress(slip.ctx, slip.campaignId)).toBe(0);

    const lesson = await schoolStation('student_no_birth_code');
    const rotated = await ok(lesson.ctx, 'station.rotateCode', {});
    expect(rotated.stationCode).not.toBe(lesson.code);
    const oldCode = await api(lesson.port, 'identify', {
      stationCode: lesson.code,
      studentNo: 'G1000',
      birthDate: BIRTH,
    });
    expect([oldCode.status, oldCode.json().error?.message]).toEqual([
      404,
      stationNoMatchMessage('student_no_birth_code'),
    ]);
    // Wrong birth dates for every 学籍号 of the class: nothing.
    const guesses = await Promise.all(
      [0, 1, 2, 3, 4, 5].map((i) =>
        api(
          lesson.port,
          'identify',
          { stationCode: rotated.stationCode, studentNo: `G${1000 + i}`, birthDate: '2011-01-01' },
          pc(i).from,
        ),
      ),
    );
    expect(statuses(guesses)).toEqual([404]);
    expect(await inProgress(lesson.ctx, lesson.campaignId)).toBe(0);
    const right = await value<StationSession>(
      api(
        lesson.port,
        'identify',
        { stationCode: rotated.stationCode, studentNo: 'G1000', birthDate: BIRTH },
        pc(50).from,
      ),
    );
    expect(right.status).toBe('in_progress');
  });

  test("a clinic's check-in code is one woman's, once; in check-in mode nothing else opens a sheet", async () => {
    const { ctx, people, port, code } = await clinicStation('checkin_code');
    const handbook = await api(port, 'identify', {
      stationCode: code,
      recordNo: 'MY202600001',
      birthDate: '1994-01-10',
    });
    expect([handbook.status, handbook.json().error?.message]).toEqual([
      404,
      stationNoMatchMessage('checkin_code'),
    ]);
    const issued = await ok(ctx, 'station.issueCheckin', { personId: people[0]!.personId });
    expect(issued).toMatchObject({
      personId: people[0]!.personId,
      code: expect.stringMatching(/^[A-Z0-9]{6}$/),
    });
    const session = await value<StationSession>(
      api(port, 'identify', { stationCode: code, checkinCode: issued.code.toLowerCase() }, pc(1).from),
    );
    expect(session.displayName).toBe(`孕*${people[0]!.name.slice(-1)}`);
    const again = await api(port, 'identify', { stationCode: code, checkinCode: issued.code }, pc(2).from);
    expect(again.status).toBe(404);
  });
});

describe('a person in progress is never taken over silently', () => {
  test('a second device waits with no answers until the teacher approves; the first is then ended', async () => {
    const { ctx, campaignId, port, code } = await schoolStation('student_no_birth_code');
    const A = pc(1);
    const B = pc(2);
    const me = { stationCode: code, studentNo: 'G1003', birthDate: BIRTH };
    const first = await value<StationSession>(
      api(port, 'identify', { ...me, deviceId: A.deviceId, seat: 'A-01' }, A.from),
    );
    await value(api(port, 'consent', { token: first.token, accept: true }, A.from));
    for (const itemId of ['q1', 'q2', 'q3'])
      await value(
        api(port, 'answer', { token: first.token, instrumentId: 'PHQ-9', itemId, value: 2 }, A.from),
      );

    // The onlooker has the credentials but not the device: a ticket, no name, no answers.
    const waiting = await api(port, 'identify', { ...me, deviceId: B.deviceId, seat: 'C-09' }, B.from);
    expect(waiting.status).toBe(200);
    const pending = waiting.json().value as StationPending;
    expect(Object.keys(pending).sort()).toEqual(['message', 'status', 'ticket']);
    expect(pending.status).toBe('pending_approval');
    expect(waiting.text).not.toContain('学生3');
    expect(waiting.text).not.toContain('q1');
    const poll = () => api(port, 'approval', { ticket: pending.ticket, deviceId: B.deviceId }, B.from);
    expect((await poll()).json().value).toMatchObject({ status: 'pending_approval' });
    // The ticket is only good on the device that asked.
    const stolen = await api(port, 'approval', { ticket: pending.ticket, deviceId: B.deviceId }, pc(3).from);
    expect([stolen.status, stolen.json().error?.code]).toEqual([401, 'approval_expired']);
    // The first device goes on answering meanwhile.
    await value(
      api(port, 'answer', { token: first.token, instrumentId: 'PHQ-9', itemId: 'q4', value: 1 }, A.from),
    );

    const status = await ok(ctx, 'station.status', {});
    expect(status.approvals).toEqual([
      expect.objectContaining({
        name: '学生3',
        group: '七年级 1班',
        seat: 'C-09',
        reasons: ['other_device'],
      }),
    ]);
    await ok(ctx, 'station.decide', { requestId: status.approvals[0]!.id, approve: true });
    const taken = await value<StationSession>(poll());
    expect(taken.answers).toEqual({ 'PHQ-9': { q1: 2, q2: 2, q3: 2, q4: 1 } });
    const ended = await api(
      port,
      'answer',
      { token: first.token, instrumentId: 'PHQ-9', itemId: 'q5', value: 3 },
      A.from,
    );
    expect([ended.status, ended.json().error?.message]).toEqual([401, TAKEN_OVER_MESSAGE]);
    expect(ended.json().error?.detail).toEqual({ reason: 'respondent.taken_over' });
    expect((await ok(ctx, 'station.status', {})).approvals).toEqual([]);
    const audit = await ok(ctx, 'audit.list', { action: 'station.approve' });
    expect(audit.items).toHaveLength(1);
    expect(await inProgress(ctx, campaignId)).toBe(1);
  });

  test('refused: the waiting device gets nothing, and the first keeps the sheet', async () => {
    const { ctx, port, code } = await schoolStation('student_no_birth_code');
    const me = { stationCode: code, studentNo: 'G1001', birthDate: BIRTH };
    const first = await value<StationSession>(
      api(port, 'identify', { ...me, deviceId: pc(1).deviceId }, pc(1).from),
    );
    const pending = await value<StationPending>(
      api(port, 'identify', { ...me, deviceId: pc(2).deviceId }, pc(2).from),
    );
    const [request] = (await ok(ctx, 'station.status', {})).approvals;
    await ok(ctx, 'station.decide', { requestId: request!.id, approve: false });
    const refused = await api(
      port,
      'approval',
      { ticket: pending.ticket, deviceId: pc(2).deviceId },
      pc(2).from,
    );
    expect([refused.status, refused.json().error]).toEqual([
      403,
      { code: 'approval_refused', message: APPROVAL_REFUSED_MESSAGE },
    ]);
    expect((await value<StationSession>(api(port, 'session', { token: first.token }))).status).toBe(
      'in_progress',
    );
    // A waiting page that gives up takes its request off the board.
    const third = await value<StationPending>(
      api(port, 'identify', { ...me, deviceId: pc(3).deviceId }, pc(3).from),
    );
    expect((await ok(ctx, 'station.status', {})).approvals).toHaveLength(1);
    await value(api(port, 'signout', { ticket: third.ticket, deviceId: pc(3).deviceId }, pc(3).from));
    expect((await ok(ctx, 'station.status', {})).approvals).toEqual([]);
    // The same device signing in again (a reload) is no takeover.
    const reload = await value<StationSession>(
      api(port, 'identify', { ...me, deviceId: pc(1).deviceId }, pc(1).from),
    );
    expect(reload.status).toBe('in_progress');
  });
});

describe('submitting', () => {
  test('a token submits only its own person; a submitted sheet cannot be reopened or resubmitted', async () => {
    const { ctx, campaignId, port, code } = await schoolStation('student_no_birth_code');
    const sign = async (i: number) => {
      const s = await value<StationSession>(
        api(
          port,
          'identify',
          { stationCode: code, studentNo: `G${1000 + i}`, birthDate: BIRTH, deviceId: pc(i).deviceId },
          pc(i).from,
        ),
      );
      await value(api(port, 'consent', { token: s.token, accept: true }, pc(i).from));
      for (const item of ITEMS)
        await value(api(port, 'answer', { token: s.token, ...item, value: 0 }, pc(i).from));
      return s.token;
    };
    const mine = await sign(0);
    const theirs = await sign(1);
    // Naming someone else in the body changes nothing: the token decides whose sheet it is.
    await value(api(port, 'submit', { token: mine, studentNo: 'G1001', personId: 2 }, pc(0).from));
    const progress = await ok(ctx, 'campaigns.progress', { id: campaignId });
    expect(progress.people.filter((p) => p.status === 'done').map((p) => p.number)).toEqual(['G1000']);

    const again = await api(port, 'submit', { token: mine });
    expect([again.status, again.json().error?.code]).toEqual([409, 'already_submitted']);
    const change = await api(port, 'answer', { token: mine, instrumentId: 'PHQ-9', itemId: 'q9', value: 3 });
    expect([change.status, change.json().error?.code]).toEqual([409, 'already_submitted']);
    const consent = await api(port, 'consent', { token: mine, accept: false });
    expect([consent.status, consent.json().error?.code]).toEqual([409, 'already_submitted']);
    const reopen = await api(
      port,
      'identify',
      { stationCode: code, studentNo: 'G1000', birthDate: BIRTH, deviceId: pc(0).deviceId },
      pc(0).from,
    );
    expect([reopen.status, reopen.json().error?.code]).toEqual([409, 'already_submitted']);
    expect(reopen.text).not.toContain('token');
    // A closed sheet's session carries no answers.
    expect(await value(api(port, 'session', { token: mine }))).toMatchObject({
      status: 'submitted',
      answers: {},
    });
    expect((await value<StationSession>(api(port, 'session', { token: theirs }))).status).toBe('in_progress');
  });
});

describe('limits per device and per identity, never for the room', () => {
  test('failures from 150 addresses do not block a correct sign-in from a fresh one', async () => {
    const { port, code } = await schoolStation('student_no_birth_code', 2);
    const failures = await Promise.all(
      Array.from({ length: 150 }, (_, i) =>
        Promise.all(
          [0, 1].map((k) =>
            api(
              port,
              'identify',
              { stationCode: code, studentNo: `X${i}-${k}`, birthDate: BIRTH },
              pc(i).from,
            ),
          ),
        ),
      ),
    );
    expect(statuses(failures.flat())).toEqual([404]);
    const right = await api(
      port,
      'identify',
      { stationCode: code, studentNo: 'G1000', birthDate: BIRTH },
      pc(151).from,
    );
    expect(right.status).toBe(200);
    expect((right.json().value as StationSession).status).toBe('in_progress');
  });

  test("guesses at one student's birth date from many addresses hold her right answer for the teacher, never lock it", async () => {
    const { ctx, port, code } = await schoolStation('student_no_birth_code', 2);
    for (let i = 0; i < 20; i++)
      expect(
        (
          await api(
            port,
            'identify',
            { stationCode: code, studentNo: 'G1001', birthDate: `2011-01-${10 + i}` },
            pc(i).from,
          )
        ).status,
      ).toBe(404);
    const held = await value<StationPending>(
      api(
        port,
        'identify',
        { stationCode: code, studentNo: 'G1001', birthDate: BIRTH, deviceId: pc(30).deviceId },
        pc(30).from,
      ),
    );
    expect(held.status).toBe('pending_approval');
    const [request] = (await ok(ctx, 'station.status', {})).approvals;
    expect(request!.reasons).toEqual(['failed_attempts']);
    await ok(ctx, 'station.decide', { requestId: request!.id, approve: true });
    const session = await value<StationSession>(
      api(port, 'approval', { ticket: held.ticket, deviceId: pc(30).deviceId }, pc(30).from),
    );
    expect(session.status).toBe('in_progress');
  });

  test('a device signing in one person after another is held after the third; so is an address after ten', async () => {
    const { ctx, port, code } = await schoolStation('student_no_birth_code', 16);
    const sign = (i: number, device: { from: string; deviceId: string }) =>
      api(
        port,
        'identify',
        { stationCode: code, studentNo: `G${1000 + i}`, birthDate: BIRTH, deviceId: device.deviceId },
        device.from,
      );
    const one = pc(7);
    const first = [];
    for (const i of [0, 1, 2]) first.push((await sign(i, one)).json().value as { status: string });
    expect(first.map((s) => s.status)).toEqual(['in_progress', 'in_progress', 'in_progress']);
    const fourth = (await sign(3, one)).json().value as StationPending;
    expect(fourth.status).toBe('pending_approval');
    expect((await ok(ctx, 'station.status', {})).approvals).toEqual([
      expect.objectContaining({ name: '学生3', reasons: ['many_people'] }),
    ]);
    // A fresh device id on every sign-in from one address: held after ten people all the same.
    const statusesFromOneAddress = [];
    for (let i = 4; i < 16; i++) {
      const reply = await sign(i, { from: '127.0.9.9', deviceId: `rotating-${String(i).padStart(10, '0')}` });
      statusesFromOneAddress.push((reply.json().value as { status: string }).status);
    }
    expect(statusesFromOneAddress.filter((s) => s === 'in_progress')).toHaveLength(10);
    expect(statusesFromOneAddress.slice(10)).toEqual(['pending_approval', 'pending_approval']);
  });
});

describe('choosing the sign-in mode', () => {
  test('anxin campaign create --sign-in: the programme default without it, a clear error for a wrong mode', async () => {
    ensureBuilt();
    const dir = tempDir();
    const { ctx } = await setUpApp(dir, 'maternal');
    await ok(ctx, 'auth.logout', {});
    const env = { ANXIN_PASSWORD: ADMIN_PASSWORD };
    const create = (...extra: string[]) =>
      anxin(
        [
          'campaign',
          'create',
          '--data-dir',
          dir,
          '--name',
          '筛查',
          '--programme',
          'perinatal',
          '--battery',
          'EPDS',
          ...extra,
          '--json',
        ],
        env,
      );
    expect(create().json()).toMatchObject({ signIn: 'handbook_plus' });
    expect(create('--sign-in', 'checkin_code').json()).toMatchObject({ signIn: 'checkin_code' });
    const schoolMode = create('--sign-in', 'slip');
    expect(schoolMode.code).not.toBe(0);
    expect(schoolMode.json().error).toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('signIn'),
    });
    const unknown = create('--sign-in', 'number_only');
    expect(unknown.json().error).toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('--sign-in'),
    });
  }, 120_000);
});
