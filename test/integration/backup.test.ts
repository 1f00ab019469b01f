import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, watch, writeFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { beforeAll, describe, expect, test } from 'vitest';
import { createBackup } from '../../electron/services/backup/backup';
import { listTar } from '../../electron/services/backup/container';
import { closeSession, createContext, databasePath } from '../../electron/services/context';
import { latestSchemaVersion } from '../../electron/db/migrations';
import type { StationSession } from '../../shared/api/station';
import { ADMIN_PASSWORD, ok, setUpApp } from '../helpers/app';
import { anxin, CLI, ensureBuilt } from '../helpers/cli';
import { labPcAgent, post, startStationProcess } from '../helpers/station-process';
import { useTempDirs } from '../helpers/temp';
import { openSync, closeSync } from 'node:fs';

const tempDir = useTempDirs();
const PW = { ANXIN_PASSWORD: ADMIN_PASSWORD };
const BIRTH = '2011-03-05';

beforeAll(() => ensureBuilt(), 300_000);

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** A data folder with `students` students, the administrator logged out. */
async function dataWithStudents(students: number) {
  const dataDir = tempDir();
  const { ctx, recoveryCode } = await setUpApp(dataDir);
  for (let i = 0; i < students; i++)
    await ok(ctx, 'students.add', {
      studentNo: `B${100 + i}`,
      name: `学生${i}`,
      sex: i % 2 ? 'F' : 'M',
      birthDate: BIRTH,
      grade: '八年级',
      className: `${1 + (i % 3)}班`,
    });
  return { dataDir, ctx, recoveryCode };
}

function counts(dataDir: string) {
  const info = anxin(['info', '--data-dir', dataDir, '--json'], PW);
  expect(info.code).toBe(0);
  return info.json().counts as { users: number; students: number };
}

/** Flips one byte of a named part inside the backup file. */
function tamper(file: string, part: string) {
  const fd = openSync(file, 'r+');
  try {
    const entry = listTar(fd).find((e) => e.name === part)!;
    const bytes = readFileSync(file);
    const at = entry.offset + Math.floor(entry.size / 2);
    bytes[at] = bytes[at]! ^ 0xff;
    writeFileSync(file, bytes);
  } finally {
    closeSync(fd);
  }
}

describe('backup and restore through the CLI', () => {
  test('create, verify, restore into an empty folder and over current data (safety copy kept)', async () => {
    const { dataDir, ctx, recoveryCode } = await dataWithStudents(12);
    // A write of the keyring (here the administrator's password set again) rotates the previous
    // version into keyring.json.bak; a log-in writes nothing.
    await ok(ctx, 'users.resetPassword', { id: ctx.user!.id, password: ADMIN_PASSWORD });
    closeSession(ctx);
    const out = join(tempDir(), 'school.anxinbak');
    const created = anxin(['backup', 'create', '--data-dir', dataDir, '--out', out, '--json'], PW);
    expect(created.code).toBe(0);
    const result = created.json();
    expect(result).toMatchObject({ file: out, verified: true, schemaVersion: latestSchemaVersion });
    expect(result.counts.people).toBe(12);
    expect(result.counts.users).toBe(1);
    // One tar file: the encrypted database, the keyring with its rotated copy and the recovery
    // envelope, the manifest; no personal data in the manifest.
    const fd = openSync(out, 'r');
    expect(listTar(fd).map((e) => e.name)).toEqual([
      'anxin.db',
      'keyring.json',
      'keyring.json.bak',
      'recovery.json',
      'manifest.json',
      'manifest.json.sha256',
    ]);
    closeSync(fd);
    const raw = readFileSync(out);
    expect(raw.includes(Buffer.from('学生1'))).toBe(false);
    expect(raw.includes(Buffer.from('SQLite format 3'))).toBe(false);

    // Without a secret: container and hashes only; with the password or the code: the database too.
    const bare = anxin(['backup', 'verify', out, '--json'], { ANXIN_PASSWORD: '' });
    expect(bare.json()).toMatchObject({ ok: true, databaseChecked: false, org: { name: '实验中学' } });
    expect(anxin(['backup', 'verify', out, '--json'], PW).json().databaseChecked).toBe(true);
    const byCode = anxin(['backup', 'verify', out, '--recovery-code', recoveryCode, '--json'], {
      ANXIN_PASSWORD: '',
    });
    expect(byCode.json().databaseChecked).toBe(true);

    // Into an empty folder, with the recovery code.
    const fresh = join(tempDir(), 'restored');
    const restored = anxin(
      ['backup', 'restore', out, '--data-dir', fresh, '--recovery-code', recoveryCode, '--json'],
      { ANXIN_PASSWORD: '' },
    );
    expect(restored.code).toBe(0);
    expect(restored.json()).toMatchObject({ dataDir: fresh, safetyCopy: null });
    expect(counts(fresh)).toEqual({ users: 1, students: 12 });

    // Over current data that has since grown: the current files move to safety/, the backup's come in.
    const more = createContext(dataDir, 'http');
    await ok(more, 'auth.login', { username: 'admin', password: ADMIN_PASSWORD });
    await ok(more, 'students.add', {
      studentNo: 'B999',
      name: '新生',
      sex: 'F',
      birthDate: BIRTH,
      grade: '七年级',
      className: '1班',
    });
    closeSession(more);
    expect(counts(dataDir).students).toBe(13);
    const over = anxin(['backup', 'restore', out, '--data-dir', dataDir, '--json'], PW);
    expect(over.code).toBe(0);
    const { safetyCopy } = over.json();
    expect(safetyCopy).toMatch(/[/\\]safety[/\\]before-restore-\d{8}-\d{6}$/);
    expect(readdirSync(safetyCopy).sort()).toEqual(expect.arrayContaining(['anxin.db', 'keyring.json']));
    expect(counts(dataDir).students).toBe(12);
    // The safety copy is whole data: restoring it by hand (moving it back) opens with 13 students.
    expect(counts(safetyCopy).students).toBe(13);
    // The restore is in the restored data's audit log; the backup in the log of the data it was made of.
    const actionsIn = async (dir: string) => {
      const c = createContext(dir, 'http');
      await ok(c, 'auth.login', { username: 'admin', password: ADMIN_PASSWORD });
      const actions = c.db!.prepare('SELECT action FROM audit_log ORDER BY id').pluck().all();
      closeSession(c);
      return actions;
    };
    expect(await actionsIn(dataDir)).toContain('backup.restore');
    expect(await actionsIn(safetyCopy)).toContain('backup.create');
  }, 120_000);

  test('a wrong password or recovery code, a tampered part and a newer schema are refused by name', async () => {
    const { dataDir, ctx } = await dataWithStudents(3);
    const dataKey = Buffer.from(ctx.dataKey!);
    closeSession(ctx);
    const out = join(tempDir(), 'b.anxinbak');
    expect(anxin(['backup', 'create', '--data-dir', dataDir, '--out', out, '--json'], PW).code).toBe(0);
    const target = join(tempDir(), 'target');

    const wrongPw = anxin(['backup', 'restore', out, '--data-dir', target, '--json'], {
      ANXIN_PASSWORD: 'not-the-password',
    });
    expect(wrongPw.code).toBe(1);
    expect(wrongPw.json().error.code).toBe('wrong_password');
    const wrongCode = anxin(
      ['backup', 'restore', out, '--data-dir', target, '--recovery-code', 'AAAAA-BBBBB-CCCCC', '--json'],
      { ANXIN_PASSWORD: '' },
    );
    expect(wrongCode.code).toBe(1);
    expect(wrongCode.json().error).toMatchObject({
      code: 'wrong_password',
      message: 'This recovery code does not belong to this backup.',
    });
    const noSecret = anxin(['backup', 'restore', out, '--data-dir', target, '--json'], {
      ANXIN_PASSWORD: '',
    });
    expect(noSecret.json().error.code).toBe('unauthenticated');
    // Nothing was written by the refused restores.
    expect(existsSync(join(target, 'anxin.db'))).toBe(false);

    for (const part of ['anxin.db', 'keyring.json', 'manifest.json']) {
      const copy = join(tempDir(), `t-${part}.anxinbak`);
      writeFileSync(copy, readFileSync(out));
      tamper(copy, part);
      const verify = anxin(['backup', 'verify', copy, '--json']);
      expect(verify.stdout).toContain(part);
      expect(verify.code).toBe(1);
      expect(verify.json().error).toMatchObject({ code: 'backup_damaged', part });
    }
    const cut = join(tempDir(), 'cut.anxinbak');
    writeFileSync(cut, readFileSync(out).subarray(0, 5000));
    expect(anxin(['backup', 'verify', cut, '--json']).json().error.code).toBe('backup_damaged');

    // A backup of a database a newer version wrote (schema latest + 1).
    const raw = new Database(databasePath(dataDir));
    raw.pragma("cipher = 'sqlcipher'");
    raw.pragma('legacy = 4');
    raw.pragma(`key = "x'${dataKey.toString('hex')}'"`);
    raw.pragma(`user_version = ${latestSchemaVersion + 1}`);
    const newer = join(tempDir(), 'newer.anxinbak');
    createBackup(raw, dataDir, dataKey, newer);
    raw.close();
    const refused = anxin(['backup', 'restore', newer, '--data-dir', target, '--json'], PW);
    expect(refused.code).toBe(1);
    expect(refused.json().error.code).toBe('backup_newer_schema');
    expect(existsSync(join(target, 'anxin.db'))).toBe(false);
  }, 120_000);

  test('SIGKILL while a backup is written leaves the previous backup, no partial file and the data intact', async () => {
    const { dataDir, ctx } = await dataWithStudents(5);
    const out = join(tempDir(), 'nightly.anxinbak');
    // The previous backup, under the name the next one will take.
    closeSession(ctx);
    expect(anxin(['backup', 'create', '--data-dir', dataDir, '--out', out, '--json'], PW).code).toBe(0);
    const previous = sha(out);
    // Grow the database (~150 MB of audit rows) so writing the next backup takes a while.
    const big = createContext(dataDir, 'http');
    await ok(big, 'auth.login', { username: 'admin', password: ADMIN_PASSWORD });
    const insert = big.db!.prepare(
      "INSERT INTO audit_log (at, user_id, action, detail) VALUES ('2026-01-01', 1, 'filler', ?)",
    );
    big.db!.transaction(() => {
      for (let i = 0; i < 150_000; i++) insert.run(`${i}`.padEnd(1000, 'x'));
    })();
    closeSession(big);
    const before = counts(dataDir);

    const folder = join(out, '..');
    const child = spawn(
      process.execPath,
      [CLI, 'backup', 'create', '--data-dir', dataDir, '--out', out, '--json'],
      {
        env: { ...process.env, ...PW },
        stdio: 'ignore',
      },
    );
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    // Kill the moment the partial file appears: the snapshot is made and the pack is being written.
    let sawPartial = '';
    const watcher = watch(folder, (_event, name) => {
      if (name?.startsWith('nightly.anxinbak.partial-') && !sawPartial) {
        sawPartial = name;
        child.kill('SIGKILL');
      }
    });
    await exited;
    watcher.close();
    expect(sawPartial).not.toBe('');
    expect(child.signalCode).toBe('SIGKILL');
    // The previous backup is there, byte for byte, and verifies with the password.
    expect(sha(out)).toBe(previous);
    expect(anxin(['backup', 'verify', out, '--json'], PW).json()).toMatchObject({
      ok: true,
      databaseChecked: true,
    });
    // No file under the final name but the old one; the partial one is encrypted and removed by the next backup.
    expect(readdirSync(folder).filter((n) => n === 'nightly.anxinbak')).toHaveLength(1);
    expect(counts(dataDir)).toEqual(before);
    const next = anxin(['backup', 'create', '--data-dir', dataDir, '--out', out, '--json'], PW);
    expect(next.code).toBe(0);
    expect(readdirSync(folder)).toEqual(['nightly.anxinbak']);
    expect(readdirSync(dataDir)).not.toContain('backup-tmp');
    expect(statSync(out).size).toBeGreaterThan(150_000_000);
  }, 180_000);

  test('a backup taken while the station runs and respondents answer restores to the same counts', async () => {
    const { dataDir, ctx } = await dataWithStudents(20);
    const today = new Date().toISOString().slice(0, 10);
    const campaign = await ok(ctx, 'campaigns.create', {
      name: 'backup-live',
      programme: 'school',
      signIn: 'student_no_birth_code',
      startsOn: today,
      endsOn: today,
      targets: [{ battery: ['PHQ-9', 'GAD-7'] }],
    });
    await ok(ctx, 'auth.logout', {});
    const station = startStationProcess(dataDir, campaign.id);
    const { port, stationCode } = await station.ready;
    const agent = new Agent({ keepAlive: true, maxSockets: 20 });
    let answered = 0;
    let stop = false;
    const respondents = Array.from({ length: 20 }, async (_, i) => {
      const session = (await post(labPcAgent(i), port, 'identify', {
        stationCode,
        studentNo: `B${100 + i}`,
        birthDate: BIRTH,
      })) as StationSession;
      await post(agent, port, 'consent', { token: session.token, accept: true });
      for (let round = 0; !stop; round++) {
        const item = `q${1 + (round % 7)}`;
        await post(agent, port, 'answer', {
          token: session.token,
          instrumentId: 'GAD-7',
          itemId: item,
          value: round % 4,
        });
        answered++;
      }
    });
    while (answered < 100) await new Promise((r) => setTimeout(r, 20));
    const out = join(tempDir(), 'live.anxinbak');
    const backup = await new Promise<{ code: number | null; stdout: string }>((done) => {
      const child = spawn(
        process.execPath,
        [CLI, 'backup', 'create', '--data-dir', dataDir, '--out', out, '--json'],
        {
          env: { ...process.env, ...PW },
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      );
      let stdout = '';
      child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
      child.once('exit', (code) => done({ code, stdout }));
    });
    const answeredDuring = answered;
    stop = true;
    await Promise.all(respondents);
    station.child.kill('SIGTERM');
    await station.exited;
    agent.destroy();
    expect(backup.code).toBe(0);
    const manifestCounts = JSON.parse(backup.stdout).counts as Record<string, number>;
    expect(manifestCounts.screenings).toBe(20);
    expect(manifestCounts.screening_answers).toBeGreaterThan(0);

    const restoredDir = join(tempDir(), 'restored');
    expect(anxin(['backup', 'restore', out, '--data-dir', restoredDir, '--json'], PW).code).toBe(0);
    const restored = createContext(restoredDir, 'http');
    await ok(restored, 'auth.login', { username: 'admin', password: ADMIN_PASSWORD });
    const db = restored.db!;
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    for (const table of ['people', 'screenings', 'screening_answers', 'campaigns'])
      expect(db.prepare(`SELECT count(*) FROM ${table}`).pluck().get()).toBe(manifestCounts[table]);
    expect(answeredDuring).toBeGreaterThan(100);
    closeSession(restored);
  }, 180_000);
});
