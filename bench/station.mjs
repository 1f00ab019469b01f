// A screening lesson against `anxin station`: 60 simulated respondents on loopback sign in,
// consent, answer PHQ-9 + GAD-7 item by item and submit, sheet after sheet, for 20 s. Twice:
// at lesson pace (a pause before every click, still far quicker than a real pupil reads an
// item) where the p99 < 50 ms target applies, and flat out (no pauses) to show the capacity.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { PASSWORD, initDataDir, runMeasured } from './measure.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const RESPONDENTS = 60;
const DURATION_MS = 20_000;
const PHASES = [
  { name: 'lesson pace', pauseMs: [250, 750] },
  { name: 'flat out', pauseMs: null },
];
// More students than 60 respondents can finish in 20 s, so nobody runs out of sheets.
const STUDENTS = 6_000;
const BIRTH = '2011-03-05';
const ITEMS = [
  ...['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7', 'q8', 'q9'].map((itemId) => ({
    instrumentId: 'PHQ-9',
    itemId,
  })),
  ...['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7'].map((itemId) => ({ instrumentId: 'GAD-7', itemId })),
];

function writeRoster(file) {
  const rows = ['学籍号,姓名,性别,出生日期,年级,班级'];
  for (let i = 0; i < STUDENTS; i++)
    rows.push(`S${100000 + i},学生${i},${i % 2 ? '女' : '男'},${BIRTH},七年级,${1 + (i % 20)}班`);
  writeFileSync(file, `${rows.join('\r\n')}\r\n`);
}

function startStation(dataDir, campaignId, usageFile) {
  const child = spawn(
    process.execPath,
    [
      '--import',
      join(ROOT, 'bench/report-usage.mjs'),
      join(ROOT, 'dist/cli.js'),
      'station',
      '--data-dir',
      dataDir,
      '--campaign',
      String(campaignId),
      '--host',
      '127.0.0.1',
      '--json',
    ],
    {
      env: { ...process.env, ANXIN_PASSWORD: PASSWORD, ANXIN_BENCH_USAGE_FILE: usageFile },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const ready = new Promise((resolveReady, reject) => {
    let text = '';
    child.stdout.on('data', (chunk) => {
      text += chunk;
      try {
        resolveReady(JSON.parse(text));
      } catch {
        // The JSON document arrives in pieces.
      }
    });
    child.once('exit', (code) => reject(new Error(`anxin station exited with ${code}`)));
  });
  const exited = new Promise((done) => child.once('exit', done));
  return { child, ready, exited };
}

function post(agent, port, route, body) {
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
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (text += c));
        res.on('end', () =>
          res.statusCode === 200
            ? resolveReply(JSON.parse(text).value)
            : reject(new Error(`${route}: HTTP ${res.statusCode} ${text}`)),
        );
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

/** A loopback address per student (127.0.x.y): one lab PC each. */
const labPc = (i) => new Agent({ localAddress: `127.0.${1 + Math.floor(i / 250)}.${(i % 250) + 2}` });

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

const pause = (range) => (range ? sleep(range[0] + Math.random() * (range[1] - range[0])) : null);

let nextStudent = 0;

async function load(port, stationCode, pauseMs) {
  const agent = new Agent({ keepAlive: true, maxSockets: RESPONDENTS });
  const latencies = { identify: [], consent: [], answer: [], submit: [] };
  const timed = async (route, body, via = agent) => {
    await pause(pauseMs);
    const started = performance.now();
    const value = await post(via, port, route, body);
    latencies[route].push(performance.now() - started);
    return value;
  };
  let sheets = 0;
  const deadline = performance.now() + DURATION_MS;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: RESPONDENTS }, async (_, r) => {
      while (performance.now() < deadline && nextStudent < STUDENTS) {
        const student = nextStudent++;
        // Each student from a lab PC of their own: the station holds one address signing in
        // many different people for the teacher.
        const pc = labPc(student);
        const { token } = await timed(
          'identify',
          { stationCode, studentNo: `S${100000 + student}`, birthDate: BIRTH, seat: `R${r}` },
          pc,
        );
        pc.destroy();
        await timed('consent', { token, accept: true });
        for (const [k, item] of ITEMS.entries()) {
          // The bell rings: a sheet still open at the deadline is left as it is.
          if (performance.now() >= deadline) return;
          // Item 9 stays 0: a bench should not fill the alert board.
          await timed('answer', { token, ...item, value: item.itemId === 'q9' ? 0 : (student + k) % 4 });
        }
        await timed('submit', { token });
        sheets++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  const all = Object.values(latencies)
    .flat()
    .sort((a, b) => a - b);
  const stats = Object.fromEntries(
    Object.entries(latencies).map(([route, list]) => {
      const sorted = list.sort((a, b) => a - b);
      return [route, { n: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99) }];
    }),
  );
  return { seconds, sheets, requests: all.length, p50: percentile(all, 50), p99: percentile(all, 99), stats };
}

export async function benchStation(workDir) {
  const dataDir = await initDataDir(workDir, 'school');
  const roster = join(workDir, 'station-roster.csv');
  writeRoster(roster);
  await runMeasured(['import', 'roster', roster, '--data-dir', dataDir, '--commit', '--json']);
  const campaign = await runMeasured([
    'campaign',
    'create',
    '--data-dir',
    dataDir,
    '--name',
    'bench',
    '--programme',
    'school',
    '--battery',
    'PHQ-9,GAD-7',
    '--sign-in',
    'student_no_birth_code',
    '--json',
  ]);
  const usageFile = join(workDir, `usage-station-${Date.now()}.json`);
  const station = startStation(dataDir, campaign.output.id, usageFile);
  const results = [];
  try {
    const { port, stationCode } = await station.ready;
    for (const phase of PHASES) results.push({ phase, ...(await load(port, stationCode, phase.pauseMs)) });
  } finally {
    station.child.kill('SIGTERM');
    await station.exited;
  }
  const ms = (x) => x.toFixed(1);
  const rate = (r) => (r.requests / r.seconds).toFixed(0);
  for (const r of results) {
    console.log(
      `  ${r.phase.name}: ${RESPONDENTS} respondents, ${r.seconds.toFixed(1)} s, ${r.requests} requests ` +
        `(${rate(r)}/s), ${r.sheets} sheets submitted (${(r.sheets / r.seconds).toFixed(1)}/s)`,
    );
    for (const [route, s] of Object.entries(r.stats))
      console.log(`    ${route.padEnd(8)} n=${s.n} p50 ${ms(s.p50)} ms, p99 ${ms(s.p99)} ms`);
    console.log(`    all      p50 ${ms(r.p50)} ms, p99 ${ms(r.p99)} ms`);
  }
  const usage = JSON.parse(readFileSync(usageFile, 'utf8'));
  const [paced, flat] = results;
  return [
    {
      name:
        `station, ${RESPONDENTS} respondents: lesson pace ${rate(paced)} req/s p50 ${ms(paced.p50)} / p99 ${ms(paced.p99)} ms ` +
        `(target p99 < 50); flat out ${rate(flat)} req/s p50 ${ms(flat.p50)} / p99 ${ms(flat.p99)} ms`,
      ...usage,
    },
  ];
}
