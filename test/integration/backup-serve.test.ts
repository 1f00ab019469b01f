// The app's own path: `anxin serve` makes the backup in a job worker (progress pushed as
// job.progress), and a restore through the API ends the session and brings back the backup's data.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { ensureBuilt, serveProcess } from '../helpers/cli';
import { openEvents, PASSWORD, postJson, schoolWithCampaign } from '../helpers/backend';
import { useTempDirs } from '../helpers/temp';

const tempDir = useTempDirs();
/** The fields of the backup replies this test reads. */
interface AnyValue {
  file: string;
  counts: Record<string, number>;
  safetyCopy: string;
  loggedOut: boolean;
}
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});
beforeAll(() => ensureBuilt());

describe('backups in the running app', () => {
  test('backup.create runs as a job with progress; backup.restore replaces the data and needs a new log-in', async () => {
    const { dataDir } = schoolWithCampaign(tempDir(), 25);
    const server = serveProcess(dataDir);
    cleanups.push(() => server.stop());
    const { port, token } = await server.ready;
    // Replies as the contract types them (the test reads the fields it checks).
    type Reply = { ok: boolean; value: AnyValue; error: { code: string } };
    const api = async (method: string, input: unknown = {}) =>
      (await postJson(port, `/api/${method}`, input, { 'x-anxin-token': token })).body as unknown as Reply;
    expect((await api('auth.login', { username: 'admin', password: PASSWORD })).ok).toBe(true);
    const events = await openEvents(port, token);
    cleanups.push(() => events.close());

    const folder = join(tempDir(), 'usb');
    expect((await api('backup.status')).value).toMatchObject({ lastAt: null, stale: true });
    expect((await api('backup.saveSettings', { folder, schedule: 'daily' })).ok).toBe(true);
    const created = await api('backup.create');
    expect(created.ok).toBe(true);
    expect(created.value.counts.people).toBe(25);
    await events.next((e) => e.type === 'job.progress' && e.kind === 'backup' && e.state === 'done');
    const status = (await api('backup.status')).value;
    expect(status).toMatchObject({ stale: false, lastFile: created.value.file });
    expect(readdirSync(folder)).toEqual([created.value.file.slice(folder.length + 1)]);

    // More data after the backup; the restore brings back the 25.
    const more = await api('students.add', {
      studentNo: 'X1',
      name: '新生',
      sex: 'F',
      birthDate: '2011-03-05',
      grade: '七年级',
      className: '1班',
    });
    expect(more.ok).toBe(true);
    const wrong = await api('backup.restore', {
      file: created.value.file,
      username: 'admin',
      password: 'nope-nope-1',
    });
    expect(wrong.error.code).toBe('wrong_password');
    // A refused restore leaves the session and the data as they were.
    expect((await api('students.list', {})).ok).toBe(true);
    const restored = await api('backup.restore', {
      file: created.value.file,
      username: 'admin',
      password: PASSWORD,
    });
    expect(restored.ok).toBe(true);
    expect(restored.value.loggedOut).toBe(true);
    expect(existsSync(join(restored.value.safetyCopy, 'anxin.db'))).toBe(true);
    await events.next((e) => e.type === 'job.progress' && e.kind === 'restore' && e.state === 'done');
    expect((await api('students.list', {})).error.code).toBe('unauthenticated');
    expect((await api('auth.login', { username: 'admin', password: PASSWORD })).ok).toBe(true);
    expect((await api('db.info')).value.counts.students).toBe(25);
  }, 120_000);
});
