import { request } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serverEventSchema, type ServerEvent } from '../../shared/api/events';
import { anxin } from './cli';

export const PASSWORD = 'backend-password-1';
export const BIRTH = '2011-03-05';

/** A roster CSV of `count` students numbered from `first` (S100000, S100001, …). */
export function rosterCsv(count: number, first = 0): string {
  const rows = ['学籍号,姓名,性别,出生日期,年级,班级'];
  for (let i = first; i < first + count; i++)
    rows.push(`S${100000 + i},学生${i},${i % 2 ? '女' : '男'},${BIRTH},七年级,${1 + (i % 20)}班`);
  return `${rows.join('\r\n')}\r\n`;
}

/** A data folder with an administrator, `students` students and an open PHQ-9 + GAD-7 campaign. */
export function schoolWithCampaign(dir: string, students = 30): { dataDir: string; campaignId: number } {
  const dataDir = join(dir, 'data');
  mkdirSync(dataDir);
  const env = { ANXIN_PASSWORD: PASSWORD };
  const run = (args: string[]) => {
    const result = anxin([...args, '--data-dir', dataDir, '--json'], env);
    if (result.code !== 0) throw new Error(`anxin ${args[0]} failed: ${result.stderr}`);
    return result.json();
  };
  run(['init', '--org-type', 'school', '--org-name', '实验中学']);
  const roster = join(dir, 'roster.csv');
  writeFileSync(roster, rosterCsv(students));
  run(['import', 'roster', roster, '--commit']);
  const campaign = run([
    'campaign',
    'create',
    '--name',
    '秋季筛查',
    '--programme',
    'school',
    '--battery',
    'PHQ-9,GAD-7',
    // Respondents here sign in by 学籍号 + birth date + the lesson's code (the CLI's --sign-in).
    '--sign-in',
    'student_no_birth_code',
  ]);
  return { dataDir, campaignId: (campaign as { id: number }).id };
}

/** POSTs JSON and resolves with the status and parsed body. */
export function postJson(
  port: number,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: { ok: boolean; value?: unknown; error?: { code: string } } }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

export interface EventClient {
  events: { event: ServerEvent; at: number }[];
  /** Resolves with the first event (already received or still to come) that matches. */
  next(
    match: (event: ServerEvent) => boolean,
    timeoutMs?: number,
  ): Promise<{ event: ServerEvent; at: number }>;
  ended: Promise<void>;
  close(): void;
}

/** A Server-Sent Events client of the staff server, as the browser's EventSource is. */
export function openEvents(port: number, token: string): Promise<EventClient> {
  return new Promise((resolve, reject) => {
    const events: EventClient['events'] = [];
    const waiters = new Set<() => void>();
    let endStream!: () => void;
    const ended = new Promise<void>((done) => (endStream = done));
    const req = request(
      { host: '127.0.0.1', port, path: `/api/events?token=${encodeURIComponent(token)}` },
      (res) => {
        if (res.statusCode !== 200) return reject(new Error(`events: HTTP ${res.statusCode}`));
        let buffer = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          let end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const frame = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const data = /^data: (.*)$/m.exec(frame)?.[1];
            if (data)
              events.push({ event: serverEventSchema.parse(JSON.parse(data)), at: performance.now() });
          }
          for (const wake of waiters) wake();
        });
        res.on('end', endStream);
        res.on('close', endStream);
        resolve({
          events,
          ended,
          close: () => req.destroy(),
          next: (match, timeoutMs = 10_000) =>
            new Promise((found, fail) => {
              const check = () => {
                const hit = events.find((e) => match(e.event));
                if (!hit) return false;
                waiters.delete(check);
                clearTimeout(timer);
                found(hit);
                return true;
              };
              const timer = setTimeout(() => {
                waiters.delete(check);
                fail(new Error('no matching event in time'));
              }, timeoutMs);
              if (!check()) waiters.add(check);
            }),
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
}

export const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};
