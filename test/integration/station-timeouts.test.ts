import { connect } from 'node:net';
import { afterEach, expect, test } from 'vitest';
import type { AppContext } from '../../electron/services/context';
import { startStation, stopStation } from '../../electron/transports/station';
import { ok, setUpApp } from '../helpers/app';
import { useTempDirs } from '../helpers/temp';

const tempDir = useTempDirs();
const contexts: AppContext[] = [];
afterEach(async () => {
  while (contexts.length) await stopStation(contexts.pop()!);
});

test('LAN station: a slowloris request that never finishes its headers is closed within 10 s', async () => {
  const { ctx } = await setUpApp(tempDir());
  const { id } = await ok(ctx, 'campaigns.create', {
    name: '2026秋季心理普测',
    programme: 'school',
    startsOn: '2026-11-23',
    endsOn: '2026-11-30',
    targets: [{ battery: ['PHQ-9'] }],
  });
  const status = await startStation(ctx, { campaignId: id, host: '127.0.0.1', port: 0, rendererDir: null });
  contexts.push(ctx);
  const port = Number(new URL(status.url!).port);

  const started = Date.now();
  const socket = connect(port, '127.0.0.1');
  let received = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => (received += chunk));
  socket.on('error', () => {});
  const closed = new Promise<number>((resolve) => socket.on('close', () => resolve(Date.now() - started)));
  socket.write(`GET /station/ HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n`);
  let n = 0;
  const drip = setInterval(() => socket.writable && socket.write(`X-Pad-${n++}: a\r\n`), 500);
  const ms = await closed;
  clearInterval(drip);
  // Before, Node checked only every 30 s, so the 10 s limit held the socket for up to 40 s.
  expect(ms).toBeGreaterThanOrEqual(9_900);
  expect(ms).toBeLessThan(12_500);
  expect(received).toMatch(/^HTTP\/1\.1 408/);
}, 30_000);
