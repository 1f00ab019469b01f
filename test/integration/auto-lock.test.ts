import { afterEach, describe, expect, test } from 'vitest';
import type { AppContext } from '../../electron/services/context';
import type { StationSession } from '../../shared/api/station';
import { startStation, stopStation } from '../../electron/transports/station';
import { ADMIN_PASSWORD, fails, ok, setUpApp } from '../helpers/app';
import { useTempDirs } from '../helpers/temp';

const tempDir = useTempDirs();
const contexts: AppContext[] = [];
afterEach(async () => {
  while (contexts.length) await stopStation(contexts.pop()!);
});

/** Makes the session look idle for `minutes` without waiting for it. */
const idleFor = (ctx: AppContext, minutes: number) => {
  ctx.lastActivityAt = Date.now() - minutes * 60_000;
};

async function stationCall<T>(
  port: number,
  route: string,
  body: unknown,
): Promise<{ status: number; value: T }> {
  const res = await fetch(`http://127.0.0.1:${port}/station/api/${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as { value: T };
  return { status: res.status, value: json.value };
}

describe('auto-lock after idle minutes', () => {
  test('the default is 10 minutes; a call after the limit gets unauthenticated with reason locked', async () => {
    const { ctx } = await setUpApp(tempDir());
    expect((await ok(ctx, 'app.status', {})).idleMinutes).toBe(10);
    idleFor(ctx, 9);
    await ok(ctx, 'students.list', {});
    idleFor(ctx, 11);
    expect(await fails(ctx, 'students.list', {})).toMatchObject({
      code: 'unauthenticated',
      reason: 'locked',
    });
    expect(await ok(ctx, 'app.status', {})).toMatchObject({ user: null, locked: true, setUp: true });
    // Every later call says locked too, until someone logs in again.
    expect((await fails(ctx, 'people.groups', {})).reason).toBe('locked');
    await ok(ctx, 'auth.login', { username: 'admin', password: ADMIN_PASSWORD });
    expect(await ok(ctx, 'app.status', {})).toMatchObject({ locked: false, user: { username: 'admin' } });
    await ok(ctx, 'students.list', {});
  });

  test('an administrator sets the limit; 0 turns it off; others may not change it', async () => {
    const { ctx } = await setUpApp(tempDir());
    expect(await ok(ctx, 'settings.setIdleMinutes', { minutes: 2 })).toEqual({ minutes: 2 });
    idleFor(ctx, 3);
    expect((await fails(ctx, 'students.list', {})).reason).toBe('locked');
    await ok(ctx, 'auth.login', { username: 'admin', password: ADMIN_PASSWORD });
    expect((await fails(ctx, 'settings.setIdleMinutes', { minutes: 999 })).code).toBe('invalid_input');
    await ok(ctx, 'settings.setIdleMinutes', { minutes: 0 });
    idleFor(ctx, 600);
    await ok(ctx, 'students.list', {});
    await ok(ctx, 'users.create', {
      username: 'screener',
      displayName: '施测员',
      role: 'screener',
      password: 'screener-pass-1',
      classes: [],
    });
    await ok(ctx, 'auth.login', { username: 'screener', password: 'screener-pass-1' });
    expect((await fails(ctx, 'settings.setIdleMinutes', { minutes: 5 })).code).toBe('forbidden');
  });

  test('the screen asks to lock (auth.lock); a running station keeps accepting answers while the staff UI is locked', async () => {
    const { ctx } = await setUpApp(tempDir());
    await ok(ctx, 'students.add', {
      studentNo: 'L100',
      name: '张三',
      sex: 'M',
      birthDate: '2011-03-05',
      grade: '七年级',
      className: '1班',
    });
    const { id: campaignId } = await ok(ctx, 'campaigns.create', {
      name: '秋季筛查',
      programme: 'school',
      signIn: 'student_no_birth_code',
      startsOn: '2026-11-23',
      endsOn: '2026-11-30',
      targets: [{ battery: ['PHQ-9'] }],
    });
    const status = await startStation(ctx, { campaignId, host: '127.0.0.1', port: 0, rendererDir: null });
    contexts.push(ctx);
    const port = Number(new URL(status.url!).port);
    const db = ctx.db;

    await ok(ctx, 'auth.lock', {});
    expect(await ok(ctx, 'app.status', {})).toMatchObject({ locked: true, user: null });
    expect((await fails(ctx, 'students.list', {})).reason).toBe('locked');

    const session = await stationCall<StationSession>(port, 'identify', {
      stationCode: status.stationCode,
      studentNo: 'L100',
      birthDate: '2011-03-05',
    });
    expect(session.status).toBe(200);
    const token = session.value.token;
    expect((await stationCall(port, 'consent', { token, accept: true })).status).toBe(200);
    for (let i = 1; i <= 9; i++)
      expect(
        (await stationCall(port, 'answer', { token, instrumentId: 'PHQ-9', itemId: `q${i}`, value: 1 }))
          .status,
      ).toBe(200);
    expect((await stationCall(port, 'submit', { token })).status).toBe(200);

    // Logging back in picks up the same open database: the station is still running.
    await ok(ctx, 'auth.login', { username: 'admin', password: ADMIN_PASSWORD });
    expect(ctx.db).toBe(db);
    expect(await ok(ctx, 'station.status', {})).toMatchObject({ running: true, campaignId });
    const submitted = ctx
      .db!.prepare("SELECT count(*) FROM screenings WHERE status = 'submitted'")
      .pluck()
      .get();
    expect(submitted).toBe(1);
  });

  test('kiosk mode never locks: respondents are at the keyboard, and the screen refuses auth.lock', async () => {
    const { ctx } = await setUpApp(tempDir());
    const { id: campaignId } = await ok(ctx, 'campaigns.create', {
      name: '秋季筛查',
      programme: 'school',
      signIn: 'student_no_birth_code',
      startsOn: '2026-11-23',
      endsOn: '2026-11-30',
      targets: [{ battery: ['PHQ-9'] }],
    });
    await ok(ctx, 'kiosk.enter', { campaignId, pin: '2468' });
    idleFor(ctx, 60);
    expect(await ok(ctx, 'kiosk.status', {})).toMatchObject({ active: true });
    expect((await fails(ctx, 'auth.lock', {})).code).toBe('forbidden');
    await ok(ctx, 'kiosk.exit', { pin: '2468' });
    expect(await ok(ctx, 'app.status', {})).toMatchObject({ locked: false, user: { username: 'admin' } });
  });

  test('logging out (not locking) still ends the station with the session', async () => {
    const { ctx } = await setUpApp(tempDir());
    const { id: campaignId } = await ok(ctx, 'campaigns.create', {
      name: '秋季筛查',
      programme: 'school',
      signIn: 'student_no_birth_code',
      startsOn: '2026-11-23',
      endsOn: '2026-11-30',
      targets: [{ battery: ['PHQ-9'] }],
    });
    await startStation(ctx, { campaignId, host: '127.0.0.1', port: 0, rendererDir: null });
    contexts.push(ctx);
    await ok(ctx, 'auth.logout', {});
    expect(ctx.db).toBeNull();
  });
});
