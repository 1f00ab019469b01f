import { request } from 'node:http';
import { labPcAgent } from '../../helpers/station-process';

/**
 * One request of a simulated lab PC to the station page's endpoints, from a loopback address of
 * its own (`pc`): a real lab's PCs each have one, and the station holds an address that signs in
 * more than a few different people for the teacher.
 */
export function labPcPost(
  stationUrl: string,
  pc: number,
  route: string,
  body: object,
): Promise<Record<string, unknown>> {
  const url = new URL(`api/${route}`, stationUrl);
  const agent = labPcAgent(pc);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json' },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          agent.destroy();
          const reply = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
            ok: boolean;
            value: Record<string, unknown>;
          };
          if (res.statusCode !== 200 || !reply.ok) reject(new Error(`${route}: HTTP ${res.statusCode}`));
          else resolve(reply.value);
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}
