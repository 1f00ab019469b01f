import { existsSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { createContext, type AppContext } from '../../electron/services/context';
import { KDF_LIMITS, unlockWithPassword } from '../../electron/services/keyring';
import { ADMIN_PASSWORD, fails, ok, setUpApp } from '../helpers/app';
import { anxin, ensureBuilt } from '../helpers/cli';
import { answerSheet, zeros } from '../helpers/screening';
import { useTempDirs } from '../helpers/temp';

const tempDir = useTempDirs();
const NEW_PASSWORD = 'brand-new-password-2';

/** A school with 5 students, a teacher account and 3 submitted screenings. */
async function schoolWithRecords(dir: string) {
  const { ctx, recoveryCode } = await setUpApp(dir);
  const ids: number[] = [];
  for (let i = 0; i < 5; i++) {
    const s = await ok(ctx, 'students.add', {
      studentNo: `K${100 + i}`,
      name: `学生${i}`,
      sex: i % 2 ? 'F' : 'M',
      birthDate: '2011-03-05',
      grade: '七年级',
      className: '1班',
    });
    ids.push(s.id);
  }
  for (const id of ids.slice(0, 3)) await answerSheet(ctx, id, { battery: ['PHQ-9'] }, { 'PHQ-9': zeros(9) });
  await ok(ctx, 'users.create', {
    username: 'teacher',
    displayName: '李老师',
    role: 'psychologist',
    password: 'teacher-password-1',
    classes: [],
  });
  const counts = countsOf(ctx);
  await ok(ctx, 'auth.logout', {});
  return { recoveryCode, counts };
}

function countsOf(ctx: AppContext) {
  const count = (table: string) => ctx.db!.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  return { people: count('people'), screenings: count('screenings') };
}

async function countsAfterLogin(dir: string, password: string) {
  const ctx = createContext(dir, 'http');
  await ok(ctx, 'auth.login', { username: 'admin', password });
  return { ctx, counts: countsOf(ctx) };
}

describe('a keyring that survives', () => {
  test('setup writes keyring.json and a separate recovery.json; a login leaves recovery.json untouched', async () => {
    const dir = tempDir();
    await setUpApp(dir);
    const envelope = readFileSync(join(dir, 'recovery.json'), 'utf8');
    expect(JSON.parse(envelope)).toMatchObject({ format: 2, org: { type: 'school', name: '实验中学' } });
    const keyring = readFileSync(join(dir, 'keyring.json'), 'utf8');
    const ctx = createContext(dir, 'http');
    await ok(ctx, 'auth.login', { username: 'admin', password: ADMIN_PASSWORD });
    expect(readFileSync(join(dir, 'recovery.json'), 'utf8')).toBe(envelope);
    // A log-in writes nothing; every write rotates the previous good keyring into .bak.
    expect(readFileSync(join(dir, 'keyring.json'), 'utf8')).toBe(keyring);
    await ok(ctx, 'users.create', { username: 'wu', displayName: '吴老师', role: 'psychologist', password: 'psych-pass-1' }); // prettier-ignore
    expect(readFileSync(join(dir, 'keyring.json.bak'), 'utf8')).toBe(keyring);
    expect(readFileSync(join(dir, 'recovery.json'), 'utf8')).toBe(envelope);
  });

  test('deleted keyring.json: status says missing, setup is refused, recovery brings back every record', async () => {
    const dir = tempDir();
    const { recoveryCode, counts } = await schoolWithRecords(dir);
    expect(counts).toEqual({ people: 5, screenings: 3 });
    rmSync(join(dir, 'keyring.json'));
    rmSync(join(dir, 'keyring.json.bak'));

    const ctx = createContext(dir, 'http');
    expect(await ok(ctx, 'app.status', {})).toMatchObject({
      setUp: true,
      keyring: 'missing',
      keyringFile: 'keyring.json',
      user: null,
    });
    const refused = await fails(ctx, 'auth.setup', {
      orgType: 'school',
      orgName: '新学校',
      username: 'admin',
      displayName: '张老师',
      password: 'another-password',
    });
    expect(refused).toMatchObject({ code: 'keyring_missing', file: 'keyring.json' });
    expect(refused.message).toContain('keyring.json');
    // Refusing wrote nothing: no new keyring that could not open the database.
    expect(existsSync(join(dir, 'keyring.json'))).toBe(false);
    expect((await fails(ctx, 'auth.login', { username: 'admin', password: ADMIN_PASSWORD })).code).toBe(
      'keyring_missing',
    );

    const result = await ok(ctx, 'auth.recover', {
      recoveryCode,
      username: 'admin',
      newPassword: NEW_PASSWORD,
    });
    expect(result).toMatchObject({ keyringRebuilt: true, usersNeedingReset: ['teacher'] });
    expect(result.recoveryCode).not.toBe(recoveryCode);
    expect(countsOf(ctx)).toEqual(counts);
    expect(await ok(ctx, 'app.status', {})).toMatchObject({
      keyring: 'ok',
      org: { type: 'school', name: '实验中学' },
    });
    // The administrator gives the teacher a new password; the teacher can log in again.
    const teacher = (await ok(ctx, 'users.list', {})).find((u) => u.username === 'teacher')!;
    await ok(ctx, 'users.resetPassword', { id: teacher.id, password: 'teacher-password-2' });
    const again = createContext(dir, 'http');
    await ok(again, 'auth.login', { username: 'teacher', password: 'teacher-password-2' });
    // The old code is spent; the new one works.
    expect((await unlockWithPassword(dir, 'admin', NEW_PASSWORD)).dataKeys[0]).toHaveLength(32);
    expect((await countsAfterLogin(dir, NEW_PASSWORD)).counts).toEqual(counts);
  });

  test('garbage keyring.json and .bak: a clear code naming the file, never internal', async () => {
    const dir = tempDir();
    await schoolWithRecords(dir);
    writeFileSync(join(dir, 'keyring.json'), '\u0000\u00ffnot json at all');
    writeFileSync(join(dir, 'keyring.json.bak'), '{"format":1}');
    const ctx = createContext(dir, 'http');
    expect(await ok(ctx, 'app.status', {})).toMatchObject({
      keyring: 'damaged',
      keyringFile: 'keyring.json',
    });
    const login = await fails(ctx, 'auth.login', { username: 'admin', password: ADMIN_PASSWORD });
    expect(login).toMatchObject({ code: 'keyring_damaged', file: 'keyring.json' });
    expect(login.message).toMatch(/keyring\.json.*recovery code/);
    const setup = await fails(ctx, 'auth.setup', {
      orgType: 'school',
      orgName: '新学校',
      username: 'admin',
      displayName: '张老师',
      password: 'another-password',
    });
    expect(setup).toMatchObject({ code: 'keyring_damaged', file: 'keyring.json' });
    // The damaged file is left as it was, for whoever looks into it.
    expect(readFileSync(join(dir, 'keyring.json'), 'utf8')).toBe('\u0000\u00ffnot json at all');
  });

  test('keyring.json corrupt but .bak good: login works from .bak and keyring.json is repaired', async () => {
    const dir = tempDir();
    const { counts } = await schoolWithRecords(dir);
    truncateSync(join(dir, 'keyring.json'), 100);
    const ctx = createContext(dir, 'http');
    expect(await ok(ctx, 'app.status', {})).toMatchObject({ keyring: 'ok', org: { name: '实验中学' } });
    expect((await countsAfterLogin(dir, ADMIN_PASSWORD)).counts).toEqual(counts);
    expect(() => JSON.parse(readFileSync(join(dir, 'keyring.json'), 'utf8'))).not.toThrow();
  });

  test('crafted scrypt parameters are refused before any key derivation runs', async () => {
    const dir = tempDir();
    await schoolWithRecords(dir);
    const good = JSON.parse(readFileSync(join(dir, 'keyring.json'), 'utf8'));
    for (const kdf of [
      { name: 'scrypt', N: 2 ** 30, r: 8, p: 1 }, // 1 TiB of memory
      { name: 'scrypt', N: 2 ** 20, r: 32, p: 16 }, // within each bound, not together
      { name: 'scrypt', N: 3000, r: 8, p: 1 }, // not a power of two
      { name: 'scrypt', N: 2, r: 8, p: 1 }, // too weak
    ]) {
      const crafted = structuredClone(good);
      crafted.users.admin.kdf = kdf;
      writeFileSync(join(dir, 'keyring.json'), JSON.stringify(crafted));
      rmSync(join(dir, 'keyring.json.bak'), { force: true });
      const started = Date.now();
      const ctx = createContext(dir, 'http');
      expect((await fails(ctx, 'auth.login', { username: 'admin', password: ADMIN_PASSWORD })).code).toBe(
        'keyring_damaged',
      );
      expect(Date.now() - started).toBeLessThan(2000);
    }
    expect(128 * 2 ** 15 * 8).toBeLessThanOrEqual(KDF_LIMITS.maxMemory);
  });

  test('keyring.json gone and recovery.json crafted: refused in words naming recovery.json, quickly', async () => {
    const dir = tempDir();
    const { recoveryCode } = await schoolWithRecords(dir);
    rmSync(join(dir, 'keyring.json'));
    rmSync(join(dir, 'keyring.json.bak'));
    const envelope = JSON.parse(readFileSync(join(dir, 'recovery.json'), 'utf8'));
    envelope.recovery.kdf = { name: 'scrypt', N: 2 ** 24, r: 64, p: 64 };
    writeFileSync(join(dir, 'recovery.json'), JSON.stringify(envelope));
    const started = Date.now();
    const ctx = createContext(dir, 'http');
    const refused = await fails(ctx, 'auth.recover', {
      recoveryCode,
      username: 'admin',
      newPassword: NEW_PASSWORD,
    });
    expect(refused).toMatchObject({ code: 'keyring_damaged', file: 'recovery.json' });
    expect(refused.message).toContain('restore a backup');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  test('with keyring.json lost, only an administrator can recover', async () => {
    const dir = tempDir();
    const { recoveryCode } = await schoolWithRecords(dir);
    rmSync(join(dir, 'keyring.json'));
    rmSync(join(dir, 'keyring.json.bak'));
    const ctx = createContext(dir, 'http');
    expect(
      (await fails(ctx, 'auth.recover', { recoveryCode, username: 'teacher', newPassword: NEW_PASSWORD }))
        .code,
    ).toBe('wrong_password');
    expect(
      (
        await fails(ctx, 'auth.recover', {
          recoveryCode: 'AAAAA-BBBBB',
          username: 'admin',
          newPassword: NEW_PASSWORD,
        })
      ).code,
    ).toBe('wrong_password');
    expect(existsSync(join(dir, 'keyring.json'))).toBe(false);
  });
});

describe('anxin recover', () => {
  beforeAll(() => ensureBuilt());

  for (const damage of ['deleted', 'truncated'] as const) {
    test(`keyring.json ${damage}: anxin recover with the recovery code brings back every record`, async () => {
      const dir = tempDir();
      const { recoveryCode, counts } = await schoolWithRecords(dir);
      if (damage === 'deleted') rmSync(join(dir, 'keyring.json'));
      else truncateSync(join(dir, 'keyring.json'), 37);
      rmSync(join(dir, 'keyring.json.bak'));

      const info = anxin(['info', '--data-dir', dir, '--json'], { ANXIN_PASSWORD: ADMIN_PASSWORD });
      expect(info.code).toBe(1);
      expect(info.json().error).toMatchObject({
        code: damage === 'deleted' ? 'keyring_missing' : 'keyring_damaged',
        file: 'keyring.json',
      });

      const run = anxin(['recover', '--data-dir', dir, '--recovery-code', recoveryCode, '--json'], {
        ANXIN_NEW_PASSWORD: NEW_PASSWORD,
      });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const out = run.json();
      expect(out).toMatchObject({ username: 'admin', keyringRebuilt: true, usersNeedingReset: ['teacher'] });
      expect(out.recoveryCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){5}$/);
      expect(out.recoveryCode).not.toBe(recoveryCode);

      const after = anxin(['info', '--data-dir', dir, '--json'], { ANXIN_PASSWORD: NEW_PASSWORD });
      expect(after.code).toBe(0);
      expect(after.json()).toMatchObject({ org: { name: '实验中学' }, counts: { students: 5 } });
      expect((await countsAfterLogin(dir, NEW_PASSWORD)).counts).toEqual(counts);

      // The new code works a second time (and the spent one does not).
      const spent = anxin(['recover', '--data-dir', dir, '--recovery-code', recoveryCode, '--json'], {
        ANXIN_NEW_PASSWORD: NEW_PASSWORD,
      });
      expect(spent.json().error.code).toBe('wrong_password');
      const second = anxin(['recover', '--data-dir', dir, '--recovery-code', out.recoveryCode, '--json'], {
        ANXIN_NEW_PASSWORD: 'third-password-3',
      });
      expect(second.json()).toMatchObject({ keyringRebuilt: false, usersNeedingReset: ['teacher'] });
    });
  }
});
