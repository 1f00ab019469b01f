// `anxin serve` keeps imports and exports off the thread that answers requests: they run in job
// workers with their own database connection, and their progress (and station alerts) arrive
// over the Server-Sent Events stream. Real processes, real HTTP, a real encrypted database.
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { anxin, ensureBuilt, serveProcess } from '../helpers/cli';
import {
  BIRTH,
  PASSWORD,
  openEvents,
  percentile,
  postJson,
  rosterCsv,
  schoolWithCampaign,
} from '../helpers/backend';
import { useTempDirs } from '../helpers/temp';

const tempDir = useTempDirs();
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});
beforeAll(() => ensureBuilt());

async function startServe(env: Record<string, string> = {}) {
  const dir = tempDir();
  const { dataDir, campaignId } = schoolWithCampaign(dir);
  const server = serveProcess(dataDir, env);
  cleanups.push(() => server.stop());
  const { port, token } = await server.ready;
  const api = async (method: string, input: unknown = {}) =>
    (await postJson(port, `/api/${method}`, input, { 'x-anxin-token': token })).body;
  const login = await api('auth.login', { username: 'admin', password: PASSWORD });
  expect(login.ok).toBe(true);
  const events = await openEvents(port, token);
  cleanups.push(() => events.close());
  return { server, port, token, api, events, campaignId, dir };
}

const file = (fileName: string, text: string) => ({
  fileName,
  contentBase64: Buffer.from(text).toString('base64'),
});

describe('anxin serve runs heavy work in job workers', () => {
  test('app.status stays fast while a 20,000-row roster is previewed and committed; results are unchanged', async () => {
    const { api, events } = await startServe();
    const roster = file('名册.csv', rosterCsv(20_000, 1_000));
    const latencies: number[] = [];
    let importing = true;
    const sampler = (async () => {
      while (importing) {
        const started = performance.now();
        const status = await api('app.status');
        latencies.push(performance.now() - started);
        expect(status.ok).toBe(true);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    const preview = await api('people.importPreview', { kind: 'student', file: roster });
    const commit = await api('people.importCommit', { kind: 'student', file: roster });
    importing = false;
    await sampler;
    expect(preview).toMatchObject({ ok: true, value: { counts: { rows: 20_000, new: 20_000, error: 0 } } });
    expect(commit).toMatchObject({ ok: true, value: { rows: 20_000, created: 20_000, committed: true } });
    expect(latencies.length).toBeGreaterThan(20);
    // Before the job workers, one call waited 2,146 ms behind a 20,000-row import.
    expect(percentile(latencies, 99)).toBeLessThan(250);
    // Each call was a job whose start, steps (20 of 1,000 rows for the commit) and end were pushed.
    // The push travels on its own connection: the reply can arrive before the last event does.
    const importEvents = () =>
      events.events.flatMap(({ event }) =>
        event.type === 'job.progress' && event.kind === 'import' ? [event] : [],
      );
    await expect
      .poll(() => importEvents().filter((e) => e.state === 'done').length, { timeout: 5_000 })
      .toBe(2);
    const imports = importEvents();
    const jobs = [...new Set(imports.map((e) => e.jobId))];
    expect(jobs).toHaveLength(2);
    const [previewJob, commitJob] = jobs.map((id) => imports.filter((e) => e.jobId === id));
    expect(previewJob!.map((e) => e.state)).toEqual(['running', 'done']);
    expect(commitJob!.map((e) => [e.state, e.done, e.total])).toEqual([
      ['running', 0, 1],
      ...Array.from({ length: 20 }, (_, i) => ['running', (i + 1) * 1_000, 20_000]),
      ['done', 20_000, 20_000],
    ]);
    const list = await api('people.list', { kind: 'student', limit: 1 });
    expect(list).toMatchObject({ ok: true, value: { total: 20_030 } });
  }, 120_000);

  test('a commit killed halfway is taken back at the next login', async () => {
    const { server, api, events, dir } = await startServe();
    const roster = file('名册.csv', rosterCsv(20_000, 1_000));
    void api('people.importCommit', { kind: 'student', file: roster }).catch(() => undefined);
    await events.next((e) => e.type === 'job.progress' && e.kind === 'import' && e.done >= 3_000, 60_000);
    server.child.kill('SIGKILL');
    await server.stop();
    const info = anxin(['info', '--data-dir', join(dir, 'data'), '--json'], { ANXIN_PASSWORD: PASSWORD });
    expect(info.code).toBe(0);
    expect(info.json()).toMatchObject({ counts: { students: 30 } });
  }, 120_000);

  test('a bad file gives the same clear error from the worker as before', async () => {
    const { api, events } = await startServe();
    const bad = await api('people.importPreview', {
      kind: 'student',
      file: file('空.csv', '随便,什么\r\n1,2\r\n'),
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect((bad.error as unknown as { message: string }).message).toContain('表头');
    await events.next((e) => e.type === 'job.progress' && e.state === 'failed');
    // Nothing was written by the failed preview.
    expect(await api('people.list', { kind: 'student', limit: 1 })).toMatchObject({ value: { total: 30 } });
  });

  test('an export job pushes its progress and finishes; a cancelled one leaves no file', async () => {
    const watched = join(tempDir(), 'tmp');
    mkdirSync(watched);
    const { api, events } = await startServe({ TMPDIR: watched });
    const options = { programme: 'school', variant: 'full' };
    const started = (await api('exports.start', options)) as { ok: true; value: { jobId: string } };
    const { jobId } = started.value;
    await events.next((e) => e.type === 'job.progress' && e.jobId === jobId && e.state === 'done');
    const fetched = (await api('exports.fetch', { jobId })) as {
      value: { fileName: string; contentBase64: string };
    };
    expect(fetched.value.fileName).toMatch(/\.xlsx$/);
    // An xlsx is a zip: it starts with PK.
    expect(Buffer.from(fetched.value.contentBase64, 'base64').subarray(0, 2).toString()).toBe('PK');

    const second = (await api('exports.start', options)) as { value: { jobId: string } };
    const cancelled = await api('exports.cancel', { jobId: second.value.jobId });
    expect(cancelled).toEqual({ ok: true, value: { cancelled: true } });
    await events.next(
      (e) => e.type === 'job.progress' && e.jobId === second.value.jobId && e.state === 'cancelled',
    );
    expect(await api('exports.progress', { jobId: second.value.jobId })).toMatchObject({
      ok: true,
      value: { state: 'cancelled' },
    });
    expect(await api('exports.fetch', { jobId: second.value.jobId })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    expect(readdirSync(watched)).toEqual([]);
  });

  test('a critical answer at the station reaches the staff event stream over real HTTP', async () => {
    const { api, events, campaignId } = await startServe();
    const station = (await api('station.start', { campaignId, host: '127.0.0.1' })) as {
      value: { url: string; stationCode: string };
    };
    const stationPort = Number(new URL(station.value.url).port);
    const respondent = async (route: string, body: unknown) =>
      (await postJson(stationPort, `/station/api/${route}`, body)).body.value as { token: string };
    const { token } = await respondent('identify', {
      stationCode: station.value.stationCode,
      studentNo: 'S100003',
      birthDate: BIRTH,
    });
    await respondent('consent', { token, accept: true });
    const answered = performance.now();
    await respondent('answer', { token, instrumentId: 'PHQ-9', itemId: 'q9', value: 3 });
    const raised = await events.next((e) => e.type === 'alert.raised');
    expect(raised.event).toMatchObject({ type: 'alert.raised', campaignId });
    expect(raised.at - answered).toBeLessThan(1_000);
    // A non-critical answer raises nothing.
    await respondent('answer', { token, instrumentId: 'PHQ-9', itemId: 'q1', value: 3 });
    const alerts = (await api('alerts.list', { openOnly: true })) as { value: { id: number }[] };
    expect(alerts.value.map((a) => a.id)).toEqual([
      raised.event.type === 'alert.raised' ? raised.event.alertId : -1,
    ]);
  });

  test('the event stream needs the launch token and ends when the server stops', async () => {
    const { server, port, events } = await startServe();
    await expect(openEvents(port, 'wrong-token')).rejects.toThrow('HTTP 401');
    await server.stop();
    await events.ended;
  });
});
