import { spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { ADMIN_PASSWORD } from './app';
import { CLI } from './cli';

/** One respondent call to a station's `/station/api/*` endpoint, as a lab PC's page makes it. */
export function post(agent: Agent, port: number, route: string, body: unknown): Promise<unknown> {
  return new Promise((resolveReply, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: `/station/api/${route}`,
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json' },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const reply = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          if (res.statusCode === 200) resolveReply(reply.value);
          else reject(new Error(`HTTP ${res.statusCode}`));
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

/**
 * A lab PC of its own (a loopback address per respondent): the station holds an address that
 * signs in more than a few different people for the teacher, as a real lab's PCs never do.
 */
export const labPcAgent = (i: number) =>
  new Agent({ localAddress: `127.0.${1 + Math.floor(i / 250)}.${(i % 250) + 2}` });

export function startStationProcess(dataDir: string, campaignId: number) {
  const child = spawn(
    process.execPath,
    [
      CLI,
      'station',
      '--data-dir',
      dataDir,
      '--campaign',
      String(campaignId),
      '--host',
      '127.0.0.1',
      '--json',
    ],
    { env: { ...process.env, ANXIN_PASSWORD: ADMIN_PASSWORD }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const ready = new Promise<{ port: number; stationCode: string }>((resolveReady, reject) => {
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
      try {
        resolveReady(JSON.parse(text));
      } catch {
        // The JSON document arrives in pieces.
      }
    });
    child.once('exit', (code) => reject(new Error(`anxin station exited with ${code}`)));
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  return { child, ready, exited };
}
