import { describe, expect, test } from 'vitest';
import type { AppContext } from '../../electron/services/context';
import { MAX_PIN_FAILURES, unlockKioskWithAdmin } from '../../electron/services/kiosk';
import { ADMIN_PASSWORD, fails, ok, setUpApp } from '../helpers/app';
import { useTempDirs } from '../helpers/temp';

const tempDir = useTempDirs();

/** A school with a campaign, a screener running the kiosk and a psychologist; the admin is logged out. */
async function kioskBySreener(): Promise<{
  ctx: AppContext;
  campaignId: number;
  ids: Record<string, number>;
}> {
  const { ctx } = await setUpApp(tempDir());
  const { id: campaignId } = await ok(ctx, 'campaigns.create', {
    name: '2026秋季心理普测',
    programme: 'school',
    startsOn: '2026-11-23',
    endsOn: '2026-11-30',
    targets: [{ battery: ['PHQ-9'] }],
  });
  const wu = await ok(ctx, 'users.create', { username: 'wu', displayName: '吴老师', role: 'screener', password: 'screen-pass-1' }); // prettier-ignore
  const li = await ok(ctx, 'users.create', { username: 'li', displayName: '李老师', role: 'psychologist', password: 'psych-pass-1' }); // prettier-ignore
  const admin = ctx.user!;
  await ok(ctx, 'auth.logout', {});
  await ok(ctx, 'auth.login', { username: 'wu', password: 'screen-pass-1' });
  await ok(ctx, 'kiosk.enter', { campaignId, pin: '2468' });
  return { ctx, campaignId, ids: { admin: admin.id, wu: wu.id, li: li.id } };
}

const auditRows = (ctx: AppContext, action: string) =>
  ctx
    .db!.prepare<[string], { user_id: number | null; detail: string | null }>(
      'SELECT user_id, detail FROM audit_log WHERE action = ? ORDER BY id',
    )
    .all(action)
    .map((r) => ({ userId: r.user_id, detail: r.detail ? JSON.parse(r.detail) : null }));

describe('kiosk PIN lock', () => {
  test('five wrong PINs lock it; the right PIN, a non-admin password and a wrong one fail; the admin password ends it', async () => {
    const { ctx, campaignId, ids } = await kioskBySreener();
    for (let i = 1; i < MAX_PIN_FAILURES; i++)
      expect((await fails(ctx, 'kiosk.exit', { pin: '1111' })).code).toBe('wrong_password');
    const fifth = await fails(ctx, 'kiosk.exit', { pin: '1111' });
    expect(fifth).toMatchObject({ code: 'too_many_attempts', detail: { reason: 'kiosk.pin_locked' } });
    // Locked: the right PIN is refused too, and the screen stays the respondents'.
    expect(await fails(ctx, 'kiosk.exit', { pin: '2468' })).toMatchObject({
      code: 'too_many_attempts',
      detail: { reason: 'kiosk.pin_locked' },
    });
    expect(await ok(ctx, 'kiosk.status', {})).toMatchObject({
      active: true,
      campaignId,
      pinLocked: true,
      campaign: { id: campaignId },
    });
    expect((await fails(ctx, 'auth.logout', {})).code).toBe('forbidden');
    expect((await fails(ctx, 'campaigns.progress', { id: campaignId })).code).toBe('forbidden');

    // A psychologist's right password, and the screener's own, are not an administrator's.
    for (const [username, password] of [
      ['li', 'psych-pass-1'],
      ['wu', 'screen-pass-1'],
    ] as const)
      expect(await fails(ctx, 'kiosk.unlockWithAdmin', { username, password })).toMatchObject({
        code: 'forbidden',
        detail: { reason: 'kiosk.admin_only' },
      });
    expect((await fails(ctx, 'kiosk.unlockWithAdmin', { username: 'admin', password: 'wrong-guess-1' })).code).toBe('wrong_password'); // prettier-ignore
    expect(await ok(ctx, 'kiosk.status', {})).toMatchObject({ active: true, pinLocked: true });

    // Three failures in a row: the next attempt waits as a fourth log-in would, then works.
    const held = await fails(ctx, 'kiosk.unlockWithAdmin', { username: 'admin', password: ADMIN_PASSWORD });
    expect(held.code).toBe('too_many_attempts');
    expect(held.retryAfterMs).toBeGreaterThan(1_000);
    await new Promise((resolve) => setTimeout(resolve, held.retryAfterMs));

    // The administrator's own password ends kiosk mode; the screener's session carries on normally.
    expect(await ok(ctx, 'kiosk.unlockWithAdmin', { username: 'admin', password: ADMIN_PASSWORD })).toEqual(
      {},
    );
    expect(await ok(ctx, 'kiosk.status', {})).toEqual({
      active: false,
      campaignId: null,
      pinLocked: false,
      campaign: null,
    });
    expect(ctx.user!.username).toBe('wu');
    expect((await ok(ctx, 'campaigns.progress', { id: campaignId })).campaign.id).toBe(campaignId);
    // Nothing is left to end: a PIN now is a no-op, and logging out works.
    expect(await ok(ctx, 'kiosk.exit', { pin: '0000' })).toEqual({});

    // The trail says who ended it and which attempts failed (account ids only, no names).
    expect(auditRows(ctx, 'kiosk.unlock')).toEqual([
      { userId: ids.admin, detail: { pinFailures: MAX_PIN_FAILURES } },
    ]);
    expect(auditRows(ctx, 'kiosk.unlock.failed')).toEqual([
      { userId: ids.li, detail: { reason: 'not_admin' } },
      { userId: ids.wu, detail: { reason: 'not_admin' } },
      { userId: ids.admin, detail: { reason: 'wrong_password' } },
    ]);
    await ok(ctx, 'auth.logout', {});
    expect(await ok(ctx, 'app.status', {})).toMatchObject({ user: null });
  }, 60_000);

  test('the admin password also ends a kiosk whose PIN was forgotten, before any lock', async () => {
    const { ctx } = await kioskBySreener();
    await ok(ctx, 'kiosk.unlockWithAdmin', { username: 'admin', password: ADMIN_PASSWORD });
    expect(await ok(ctx, 'kiosk.status', {})).toMatchObject({ active: false });
  });

  test('outside kiosk mode the method changes nothing and checks no password', async () => {
    const { ctx } = await kioskBySreener();
    await ok(ctx, 'kiosk.exit', { pin: '2468' });
    expect(await ok(ctx, 'kiosk.unlockWithAdmin', { username: 'admin', password: 'anything-1' })).toEqual({});
    expect(auditRows(ctx, 'kiosk.unlock.failed')).toEqual([]);
  });
});

describe('wrong administrator passwords at the kiosk are rate-limited like log-ins', () => {
  test('after three failures the next attempt waits, unevaluated; parallel guesses are taken one at a time', async () => {
    const { ctx } = await kioskBySreener();
    let clock = 1_000_000;
    const now = () => clock;
    const attempt = (username: string, password: string) =>
      unlockKioskWithAdmin(ctx, username, password, now).then(
        () => 'unlocked',
        (e: { code: string; extra: { retryAfterMs?: number } }) => e,
      );
    // Unknown names and non-admins count here, where the keyring has no entry to slow them.
    for (const [u, p] of [
      ['nobody', 'guess-1'],
      ['li', 'psych-pass-1'],
      ['admin', 'guess-2'],
    ])
      expect(await attempt(u!, p!)).toMatchObject({
        code: expect.stringMatching(/wrong_password|forbidden/),
      });
    const failures = () => ctx.db!.prepare("SELECT count(*) FROM audit_log WHERE action = 'kiosk.unlock.failed'").pluck().get(); // prettier-ignore
    expect(failures()).toBe(3);
    // The fourth at once: refused with the wait, and not even tried (no new failure, even when right).
    const held = await attempt('admin', ADMIN_PASSWORD);
    expect(held).toMatchObject({ code: 'too_many_attempts', extra: { retryAfterMs: 2_000 } });
    expect(failures()).toBe(3);
    expect(await ok(ctx, 'kiosk.status', {})).toMatchObject({ active: true });

    // After the wait, ten guesses at once: one is evaluated, the other nine are refused untried.
    clock += 2_000;
    const parallel = await Promise.all(Array.from({ length: 10 }, (_, i) => attempt('admin', `guess-${i}`)));
    expect(parallel.filter((r) => typeof r === 'object' && r.code === 'wrong_password')).toHaveLength(1);
    expect(parallel.filter((r) => typeof r === 'object' && r.code === 'too_many_attempts')).toHaveLength(9);
    expect(failures()).toBe(4);
    // Now 4 s (doubling), then the right password works.
    clock += 3_999;
    expect(await attempt('admin', ADMIN_PASSWORD)).toMatchObject({ code: 'too_many_attempts' });
    clock += 1;
    expect(await attempt('admin', ADMIN_PASSWORD)).toBe('unlocked');
    expect(await ok(ctx, 'kiosk.status', {})).toMatchObject({ active: false });
  }, 60_000);
});
