import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { createContext } from '../../electron/services/context';
import { normaliseRecoveryCode, unlockWithPassword } from '../../electron/services/keyring';
import { retryDelayMs } from '../../electron/services/login-attempts';
import { ADMIN_PASSWORD, fails, ok, setUpApp } from '../helpers/app';
import { useTempDirs } from '../helpers/temp';

const tempDir = useTempDirs();

describe('first start and login', () => {
  test('setup creates the organisation, the administrator and a one-time recovery code', async () => {
    const dir = tempDir();
    const fresh = createContext(dir, 'http');
    expect(await ok(fresh, 'app.status', {})).toEqual({
      setUp: false,
      org: null,
      user: null,
      transport: 'http',
      keyring: 'ok',
      keyringFile: null,
      locked: false,
      idleMinutes: null,
    });
    const { ctx, recoveryCode } = await setUpApp(dir);
    expect(recoveryCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){5}$/);
    const status = await ok(ctx, 'app.status', {});
    expect(status.org).toEqual({ type: 'school', name: '实验中学' });
    expect(status.user).toMatchObject({ username: 'admin', displayName: '王老师', role: 'admin' });
    expect(
      (
        await fails(ctx, 'auth.setup', {
          orgType: 'school',
          orgName: 'x',
          username: 'ab',
          displayName: 'x',
          password: '12345678',
        })
      ).code,
    ).toBe('already_set_up');
  });

  test('the keyring holds only wrapped keys: no password, recovery code or personal data', async () => {
    const dir = tempDir();
    const { recoveryCode } = await setUpApp(dir);
    const keyring = readFileSync(join(dir, 'keyring.json'), 'utf8');
    expect(keyring).not.toContain(ADMIN_PASSWORD);
    expect(keyring).not.toContain(normaliseRecoveryCode(recoveryCode));
    expect(keyring).not.toContain('王老师');
    expect(JSON.parse(keyring).users.admin.kdf).toEqual({ name: 'scrypt', N: 32768, r: 8, p: 1 });
  });

  test('log out, then log in with the password; a wrong password is refused in words', async () => {
    const dir = tempDir();
    const { ctx } = await setUpApp(dir);
    await ok(ctx, 'auth.logout', {});
    expect((await fails(ctx, 'students.list', {})).code).toBe('unauthenticated');
    const wrong = await fails(ctx, 'auth.login', { username: 'admin', password: 'not-the-password' });
    expect(wrong).toMatchObject({
      code: 'wrong_password',
      message: 'The user name or password is not correct.',
    });
    expect((await fails(ctx, 'auth.login', { username: 'nobody', password: ADMIN_PASSWORD })).code).toBe(
      'wrong_password',
    );
    const again = createContext(dir, 'http');
    expect(
      (await ok(again, 'auth.login', { username: 'ADMIN', password: ADMIN_PASSWORD })).user.username,
    ).toBe('admin');
  });

  test('repeated failures make the next attempt wait, and the wait grows', async () => {
    expect([0, 1, 2, 3, 4, 5, 20].map(retryDelayMs)).toEqual([0, 0, 0, 2000, 4000, 8000, 300000]);
    const dir = tempDir();
    await setUpApp(dir);
    const t0 = 1_000_000;
    for (let i = 0; i < 2; i++)
      await expect(unlockWithPassword(dir, 'admin', 'bad-password', t0)).rejects.toMatchObject({
        code: 'wrong_password',
      });
    await expect(unlockWithPassword(dir, 'admin', 'bad-password', t0)).rejects.toMatchObject({
      code: 'wrong_password',
      extra: { retryAfterMs: 2000 },
    });
    // Even the right password waits until the delay has passed.
    await expect(unlockWithPassword(dir, 'admin', ADMIN_PASSWORD, t0 + 1000)).rejects.toMatchObject({
      code: 'too_many_attempts',
      extra: { retryAfterMs: 1000 },
    });
    await expect(unlockWithPassword(dir, 'admin', 'bad-password', t0 + 2000)).rejects.toMatchObject({
      extra: { retryAfterMs: 4000 },
    });
    const key = await unlockWithPassword(dir, 'admin', ADMIN_PASSWORD, t0 + 6000);
    expect(key.dataKeys[0]).toHaveLength(32);
    // Success clears the count.
    await expect(unlockWithPassword(dir, 'admin', 'bad-password', t0 + 6001)).rejects.toMatchObject({
      code: 'wrong_password',
      extra: {},
    });
  });

  test('the recovery code sets a new password and is replaced by a fresh one', async () => {
    const dir = tempDir();
    const { recoveryCode } = await setUpApp(dir);
    const ctx = createContext(dir, 'http');
    expect(
      (
        await fails(ctx, 'auth.recover', {
          recoveryCode: 'AAAAA-AAAAA',
          username: 'admin',
          newPassword: 'new-password-2',
        })
      ).code,
    ).toBe('wrong_password');
    // Typed in lower case with spaces instead of dashes still works.
    const result = await ok(ctx, 'auth.recover', {
      recoveryCode: recoveryCode.toLowerCase().replace(/-/g, ' '),
      username: 'admin',
      newPassword: 'new-password-2',
    });
    expect(result.user.username).toBe('admin');
    expect(result.recoveryCode).not.toBe(recoveryCode);
    await ok(ctx, 'auth.logout', {});
    expect((await fails(ctx, 'auth.login', { username: 'admin', password: ADMIN_PASSWORD })).code).toBe(
      'wrong_password',
    );
    await ok(ctx, 'auth.login', { username: 'admin', password: 'new-password-2' });
    expect(
      (await fails(ctx, 'auth.recover', { recoveryCode, username: 'admin', newPassword: 'x-password-3' }))
        .code,
    ).toBe('wrong_password');
  });
});
