import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { openDatabase } from '../../electron/db/database';
import { createContext, databasePath } from '../../electron/services/context';
import { KEYRING_FILE, unlockWithPassword } from '../../electron/services/keyring';
import { wrapSecret } from '../../electron/services/keyring-crypto';
import { ATTEMPTS_FILE } from '../../electron/services/login-attempts';
import { clinicalPrivateKey, clinicalPublicKey } from '../../electron/services/clinical/vault';
import { publicKeyOf } from '../../electron/services/keyring-crypto';
import { ADMIN_PASSWORD, fails, ok, setUpApp } from '../helpers/app';
import { useTempDirs } from '../helpers/temp';

const tempDir = useTempDirs();

const TEACHER = { username: 'chen', password: 'class-pass-1' };
const PSYCH = { username: 'wu', password: 'psych-pass-1' };

type KeyringJson = { format: number; users: Record<string, Record<string, unknown>>; recovery: object };
const readKeyring = (dir: string) => JSON.parse(readFileSync(join(dir, KEYRING_FILE), 'utf8')) as KeyringJson;
const writeKeyring = (dir: string, k: KeyringJson) =>
  writeFileSync(join(dir, KEYRING_FILE), JSON.stringify(k));

async function schoolWithStaff() {
  const dir = tempDir();
  const { ctx } = await setUpApp(dir);
  const teacher = await ok(ctx, 'users.create', {
    ...TEACHER,
    displayName: '陈老师',
    role: 'class_teacher',
    classes: [{ grade: '七年级', className: '1班' }],
  });
  const psych = await ok(ctx, 'users.create', { ...PSYCH, displayName: '吴老师', role: 'psychologist' });
  return { dir, ctx, teacher, psych };
}

describe('keyring entries are bound to their accounts', () => {
  test('an entry copied over another account’s (even with its id changed) opens nothing', async () => {
    const { dir, ctx } = await schoolWithStaff();
    await ok(ctx, 'auth.logout', {});
    const keyring = readKeyring(dir);
    const original = structuredClone(keyring);
    keyring.users.admin = structuredClone(keyring.users.chen!);
    writeKeyring(dir, keyring);
    const door = createContext(dir, 'http');
    expect(
      (await fails(door, 'auth.login', { username: 'admin', ...{ password: TEACHER.password } })).code,
    ).toBe('wrong_password');
    keyring.users.admin!.userId = 1;
    writeKeyring(dir, keyring);
    expect((await fails(door, 'auth.login', { username: 'admin', password: TEACHER.password })).code).toBe(
      'wrong_password',
    );
    expect(door.user).toBeNull();
    // The real entries still work.
    writeKeyring(dir, original);
    expect((await ok(door, 'auth.login', { username: 'admin', password: ADMIN_PASSWORD })).user.role).toBe(
      'admin',
    );
  });

  test('only the clinical roles hold the clinical key; a class teacher’s entry has none', async () => {
    const { dir, ctx } = await schoolWithStaff();
    const keyring = readKeyring(dir);
    expect(keyring.format).toBe(2);
    expect(keyring.users.admin!.clinical).not.toBeNull();
    expect(keyring.users.wu!.clinical).not.toBeNull();
    expect(keyring.users.chen!.clinical).toBeNull();
    const installed = clinicalPublicKey(ctx.db!)!;
    const teacher = await unlockWithPassword(dir, TEACHER.username, TEACHER.password);
    expect(teacher.clinicalKeys).toEqual([]);
    const psych = await unlockWithPassword(dir, PSYCH.username, PSYCH.password);
    expect(psych.clinicalKeys.map((k) => publicKeyOf(k).equals(installed))).toEqual([true]);
    const session = createContext(dir, 'http');
    await ok(session, 'auth.login', TEACHER);
    expect(clinicalPrivateKey(session.db!)).toBeNull();
    await ok(session, 'auth.logout', {});
    const keyringBefore = readFileSync(join(dir, KEYRING_FILE), 'utf8');
    await ok(session, 'auth.login', PSYCH);
    expect(publicKeyOf(clinicalPrivateKey(session.db!)!).equals(installed)).toBe(true);
    // A log-in with nothing to hand out leaves the keyring as it was.
    expect(readFileSync(join(dir, KEYRING_FILE), 'utf8')).toBe(keyringBefore);
  });
});

describe('deactivation and downgrade renew the keys', () => {
  test('an old keyring copy and the old password open nothing written afterwards', async () => {
    const { dir, ctx, psych } = await schoolWithStaff();
    const stolen = join(tempDir(), 'stolen');
    mkdirSync(stolen);
    copyFileSync(join(dir, KEYRING_FILE), join(stolen, KEYRING_FILE));
    const before = await unlockWithPassword(stolen, PSYCH.username, PSYCH.password);

    const result = await ok(ctx, 'users.deactivate', { id: psych.id });
    expect(result.keys).toEqual({ rotated: true, recoveryCode: null, usersNeedingReset: [] });
    await ok(ctx, 'settings.setIdleMinutes', { minutes: 7 });

    // The old data key no longer opens the file; the old clinical key is not the installed one.
    expect(() => openDatabase(databasePath(dir), before.dataKeys[0]!)).toThrow(/cannot be opened/);
    expect(publicKeyOf(before.clinicalKeys[0]!).equals(clinicalPublicKey(ctx.db!)!)).toBe(false);
    // The old entry copied back into the current keyring: it opens the old key, which opens nothing.
    const keyring = readKeyring(dir);
    keyring.users.wu = readKeyring(stolen).users.wu!;
    writeKeyring(dir, keyring);
    const door = createContext(dir, 'http');
    expect((await fails(door, 'auth.login', PSYCH)).code).toBe('database_locked');
    expect(door.db).toBeNull();

    // Everyone who stays opens the renewed file, and sees what was written after.
    for (const who of [TEACHER, { username: 'admin', password: ADMIN_PASSWORD }]) {
      const session = createContext(dir, 'http');
      await ok(session, 'auth.login', who);
      expect(
        session.db!.prepare("SELECT value FROM settings WHERE key = 'session.idleMinutes'").pluck().get(),
      ).toBe('7');
      await ok(session, 'auth.logout', {});
    }
    // The audit chain still verifies across the change of key.
    expect((await ok(ctx, 'audit.verify', {})).ok).toBe(true);
  });

  test('a psychologist moved to class teacher loses the clinical key, and the keys are renewed', async () => {
    const { dir, ctx, psych } = await schoolWithStaff();
    const before = await unlockWithPassword(dir, PSYCH.username, PSYCH.password);
    const changed = await ok(ctx, 'users.setRole', {
      id: psych.id,
      role: 'class_teacher',
      classes: [{ grade: '七年级', className: '2班' }],
    });
    expect(changed).toMatchObject({ role: 'class_teacher', keys: { rotated: true } });
    expect(readKeyring(dir).users.wu!.clinical).toBeNull();
    expect(() => openDatabase(databasePath(dir), before.dataKeys[0]!)).toThrow(/cannot be opened/);
    const session = createContext(dir, 'http');
    await ok(session, 'auth.login', PSYCH);
    expect(clinicalPrivateKey(session.db!)).toBeNull();
    // Back to psychologist: the key is sealed to the account again, no password needed.
    await ok(ctx, 'users.setRole', { id: psych.id, role: 'psychologist' });
    await ok(session, 'auth.logout', {});
    await ok(session, 'auth.login', PSYCH);
    expect(publicKeyOf(clinicalPrivateKey(session.db!)!).equals(clinicalPublicKey(ctx.db!)!)).toBe(true);
  });

  test('a busy database defers the renewal to the next administrator log-in', async () => {
    const { dir, ctx, teacher } = await schoolWithStaff();
    const other = createContext(dir, 'http');
    await ok(other, 'auth.login', PSYCH);
    const before = await unlockWithPassword(dir, TEACHER.username, TEACHER.password);
    const result = await ok(ctx, 'users.deactivate', { id: teacher.id });
    expect(result.keys).toEqual({ rotated: false, recoveryCode: null, usersNeedingReset: [] });
    await ok(other, 'auth.logout', {});
    await ok(ctx, 'auth.logout', {});
    // The pending renewal runs at the administrator's next log-in.
    await ok(ctx, 'auth.login', { username: 'admin', password: ADMIN_PASSWORD });
    expect(() => openDatabase(databasePath(dir), before.dataKeys[0]!)).toThrow(/cannot be opened/);
    await ok(other, 'auth.login', PSYCH);
  });
});

describe('log-in attempts', () => {
  test('30 guesses sent at once are evaluated one after another: three, then the wait', async () => {
    const { dir, ctx } = await schoolWithStaff();
    await ok(ctx, 'auth.logout', {});
    const guesses = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        fails(createContext(dir, 'http'), 'auth.login', { username: 'admin', password: `guess-${i}` }),
      ),
    );
    const codes = guesses.map((g) => g.code);
    expect(codes.filter((c) => c === 'wrong_password')).toHaveLength(3);
    expect(codes.filter((c) => c === 'too_many_attempts')).toHaveLength(27);
    // The right password waits too, and after the wait it works (refused attempts did not extend it).
    const early = await fails(ctx, 'auth.login', { username: 'admin', password: ADMIN_PASSWORD });
    expect(early.code).toBe('too_many_attempts');
    await new Promise((r) => setTimeout(r, (early.retryAfterMs ?? 0) + 50));
    expect((await ok(ctx, 'auth.login', { username: 'admin', password: ADMIN_PASSWORD })).user.username).toBe(
      'admin',
    );
  });

  test('an unknown name earns the same waits, and is not written down in clear', async () => {
    const { dir } = await schoolWithStaff();
    const codes = (
      await Promise.all(
        Array.from({ length: 6 }, () =>
          fails(createContext(dir, 'http'), 'auth.login', {
            username: 'nobody-here',
            password: 'x-password',
          }),
        ),
      )
    ).map((g) => g.code);
    expect(codes).toEqual([
      'wrong_password',
      'wrong_password',
      'wrong_password',
      'too_many_attempts',
      'too_many_attempts',
      'too_many_attempts',
    ]);
    expect(readFileSync(join(dir, ATTEMPTS_FILE), 'utf8')).not.toContain('nobody');
  });

  test('a crafted attempts file cannot lock an account for years', async () => {
    const { dir } = await schoolWithStaff();
    await fails(createContext(dir, 'http'), 'auth.login', { username: 'admin', password: 'wrong-one' });
    const file = JSON.parse(readFileSync(join(dir, ATTEMPTS_FILE), 'utf8')) as {
      names: Record<string, { failures: number; lastFailureAt: number }>;
    };
    for (const record of Object.values(file.names))
      Object.assign(record, { failures: 1_000_000, lastFailureAt: 8e15 });
    writeFileSync(join(dir, ATTEMPTS_FILE), JSON.stringify(file));
    const refused = await fails(createContext(dir, 'http'), 'auth.login', {
      username: 'admin',
      password: ADMIN_PASSWORD,
    });
    expect(refused.code).toBe('too_many_attempts');
    expect(refused.retryAfterMs).toBeLessThanOrEqual(5 * 60_000);
  });
});

describe('a keyring from before entries were bound (format 1)', () => {
  test('logs in, is bound at once, and the old unbound entry put back no longer opens the account', async () => {
    const { dir, ctx, teacher } = await schoolWithStaff();
    const dataKey = Buffer.from(ctx.dataKey!);
    await ok(ctx, 'auth.logout', {});
    // Rewrite the keyring as the previous version did: the data key itself under each password.
    const legacy = {
      format: 1,
      org: { type: 'school', name: '实验中学' },
      users: {
        admin: await wrapSecret(dataKey, ADMIN_PASSWORD, ''),
        chen: await wrapSecret(dataKey, TEACHER.password, ''),
      },
      recovery: await wrapSecret(dataKey, 'nobody-knows-this', ''),
    };
    // The bound list in the database belongs to the new keyring; a real format-1 install has none.
    const db = ctx.db ?? openDatabase(databasePath(dir), dataKey);
    db.prepare("DELETE FROM settings WHERE key = 'keyring.boundUsers'").run();
    db.close();
    writeFileSync(join(dir, KEYRING_FILE), JSON.stringify(legacy));

    const session = createContext(dir, 'http');
    await ok(session, 'auth.login', TEACHER);
    const upgraded = readKeyring(dir);
    expect(upgraded.format).toBe(2);
    expect(upgraded.users.chen).toMatchObject({ userId: teacher.id, clinical: null });
    await ok(session, 'auth.logout', {});
    // Putting the unbound entry back (over the class teacher's or the administrator's) fails now.
    upgraded.users.chen = legacy.users.chen as unknown as Record<string, unknown>;
    writeKeyring(dir, upgraded);
    expect((await fails(session, 'auth.login', TEACHER)).code).toBe('wrong_password');
    // The administrator's own unbound entry still opens once, and binds it.
    await ok(session, 'auth.login', { username: 'admin', password: ADMIN_PASSWORD });
    expect(readKeyring(dir).users.admin).toMatchObject({ userId: 1 });
  });
});
