// The service process of the Electron app: the built out/main/utility.js, forked here as a Node
// child because the Electron runtime is not available in this environment (Electron starts the
// same file with utilityProcess.fork and talks over process.parentPort). The test plays the main
// process through the real client: calls are dispatched in the child, pushed events and kiosk
// on/off come back as messages, heavy methods run in the child's job workers.
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { ServerEvent } from '../../shared/api/events';
import type { FromServices, ToServices } from '../../electron/backend/protocol';
import { createServiceClient, type ServiceClient } from '../../electron/backend/service-client';
import { ROOT, ensureBuilt } from '../helpers/cli';
import { BIRTH, PASSWORD, percentile, rosterCsv, schoolWithCampaign } from '../helpers/backend';
import { useTempDirs } from '../helpers/temp';

const UTILITY = join(ROOT, 'out/main/utility.js');
const tempDir = useTempDirs();
let child: ChildProcess | null = null;
afterEach(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((done) => child!.once('exit', done));
    child.kill('SIGTERM');
    await exited;
  }
  child = null;
});
beforeAll(() => {
  ensureBuilt();
  if (!existsSync(UTILITY)) throw new Error('out/main/utility.js is missing: run `npm run build`.');
});

async function startHost(): Promise<{
  services: ServiceClient;
  events: ServerEvent[];
  kiosk: boolean[];
  campaignId: number;
}> {
  const { dataDir, campaignId } = schoolWithCampaign(tempDir());
  child = fork(UTILITY, [], {
    env: { ...process.env, ANXIN_DATA_DIR: dataDir },
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const port = child;
  const services = createServiceClient({
    postMessage: (message: ToServices) => port.send(message),
    onMessage: (listener: (message: FromServices) => void) =>
      port.on('message', (message) => listener(message as FromServices)),
  });
  await Promise.race([
    services.ready,
    new Promise((_, reject) =>
      port.once('exit', (code) => reject(new Error(`utility.js exited with ${code}`))),
    ),
  ]);
  const events: ServerEvent[] = [];
  services.onEvent((event) => events.push(event));
  const kiosk: boolean[] = [];
  services.onKiosk((active) => kiosk.push(active));
  return { services, events, kiosk, campaignId };
}

async function value<T>(services: ServiceClient, method: string, input: unknown = {}): Promise<T> {
  const result = await services.call(method, input);
  if (!result.ok) throw new Error(`${method}: ${JSON.stringify(result.error)}`);
  return result.value as T;
}

const until = async (condition: () => boolean, timeoutMs = 10_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

describe('the service process (utility host) protocol', () => {
  test('dispatches calls with the same checks, and answers typed errors', async () => {
    const { services } = await startHost();
    expect(await services.call('people.list', { kind: 'student' })).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated' },
    });
    expect(await services.call('no.such', {})).toMatchObject({
      ok: false,
      error: { code: 'unknown_method' },
    });
    const status = await value<{ transport: string; user: null }>(services, 'app.status');
    expect(status).toMatchObject({ transport: 'ipc', user: null });
    await value(services, 'auth.login', { username: 'admin', password: PASSWORD });
    expect(await value(services, 'people.list', { kind: 'student', limit: 1 })).toMatchObject({ total: 30 });
  });

  test('kiosk on and off come back as messages, so the main process can lock the window', async () => {
    const { services, kiosk, campaignId } = await startHost();
    await value(services, 'auth.login', { username: 'admin', password: PASSWORD });
    await value(services, 'kiosk.enter', { campaignId, pin: '2468' });
    await until(() => kiosk.length === 1);
    expect(kiosk).toEqual([true]);
    // Locked: staff methods are refused in the service process.
    expect(await services.call('people.list', { kind: 'student' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await services.call('kiosk.exit', { pin: '0000' })).toMatchObject({ ok: false });
    await value(services, 'kiosk.exit', { pin: '2468' });
    await until(() => kiosk.length === 2);
    expect(kiosk).toEqual([true, false]);
  });

  test('a critical kiosk answer is pushed to the window side as alert.raised', async () => {
    const { services, events, campaignId } = await startHost();
    await value(services, 'auth.login', { username: 'admin', password: PASSWORD });
    const { personId } = await value<{ personId: number }>(services, 'screening.identify', {
      campaignId,
      number: 'S100002',
      birthDate: BIRTH,
    });
    const { screeningId } = await value<{ screeningId: number }>(services, 'screening.start', {
      campaignId,
      personId,
      mode: 'kiosk',
    });
    await value(services, 'screening.consent', { screeningId });
    await value(services, 'screening.saveAnswer', {
      screeningId,
      instrumentId: 'PHQ-9',
      itemId: 'q9',
      value: 2,
    });
    await until(() => events.some((e) => e.type === 'alert.raised'));
    expect(events.find((e) => e.type === 'alert.raised')).toMatchObject({ campaignId });
  });

  test('an import runs in a job worker of the service process: quick calls stay quick, progress is pushed', async () => {
    const { services, events } = await startHost();
    await value(services, 'auth.login', { username: 'admin', password: PASSWORD });
    const file = {
      fileName: '名册.csv',
      contentBase64: Buffer.from(rosterCsv(20_000, 500)).toString('base64'),
    };
    const latencies: number[] = [];
    let importing = true;
    const sampler = (async () => {
      while (importing) {
        const started = performance.now();
        await value(services, 'app.status');
        latencies.push(performance.now() - started);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    const summary = await value(services, 'people.importCommit', { kind: 'student', file });
    importing = false;
    await sampler;
    expect(summary).toMatchObject({ rows: 20_000, created: 20_000, committed: true });
    expect(percentile(latencies, 99)).toBeLessThan(250);
    // Pushed: the start, each step of 1,000 rows written, the end.
    const progress = events.flatMap((e) => (e.type === 'job.progress' ? [e] : []));
    expect(progress.map((e) => e.state)).toEqual([...Array<string>(21).fill('running'), 'done']);
    expect(progress.at(-1)).toMatchObject({ kind: 'import', done: 20_000, total: 20_000 });
  }, 120_000);

  test('shutdown closes the station and the database, then the process ends', async () => {
    const { services } = await startHost();
    await value(services, 'auth.login', { username: 'admin', password: PASSWORD });
    const exited = new Promise<number | null>((done) => child!.once('exit', done));
    child!.send({ type: 'shutdown' } satisfies ToServices);
    expect(await exited).toBe(0);
  });
});
