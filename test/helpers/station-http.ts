import { request } from 'node:http';

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: () => {
    ok: boolean;
    value?: unknown;
    error?: { code: string; message: string; detail?: { reason: string; params?: Record<string, unknown> } };
  };
}

/** A raw HTTP call, so tests control the method, headers, body bytes and the client's address. */
export function call(
  port: number,
  path: string,
  options: { method?: string; body?: string; headers?: Record<string, string>; from?: string } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: options.method ?? 'POST',
        localAddress: options.from,
        agent: false,
        headers: {
          ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...options.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) });
        });
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** One respondent endpoint, from `from` (a 127.0.0.x address: one lab PC each). */
export const api = (port: number, route: string, body: unknown, from?: string) =>
  call(port, `/station/api/${route}`, { body: JSON.stringify(body), from });

export async function value<T>(reply: Promise<Reply>): Promise<T> {
  const r = await reply;
  if (r.status !== 200) throw new Error(`HTTP ${r.status}: ${r.text}`);
  return r.json().value as T;
}
