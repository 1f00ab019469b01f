// The push path under load (issue 11): while `anxin serve` previews and commits a 50,000-row roster
// through the staff API (in its job worker), students at the LAN station answer PHQ-9 item 9 = 3
// through the real /station/api/* endpoints, and a staff Server-Sent Events client times each
// `alert.raised` from the moment the answer was sent. Meanwhile `app.status` is called every
// 25 ms. Targets: alert p99 < 1 s over at least 20 answers, app.status p99 < 100 ms.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { join, resolve } from 'node:path';
import { URL } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { PASSWORD, initDataDir, runMeasured } from './measure.mjs';
import { writeRoster } from './roster-import.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const ANSWERS = 20;
const STUDENTS = 200;
const BIRTH = '2011-03-05';
const STATUS_EVERY_MS = 25;
const ANSWER_PAUSE_MS = 100;

function writeStationRoster(file) {
  const rows = ['学籍号,姓名,性别,出生日期,年级,班级'];
  for (let i = 0; i < STUDENTS; i++)
    rows.push(`S${100000 + i},学生${i},${i % 2 ? '女' : '男'},${BIRTH},七年级,1班`);
  writeFileSync(file, `${rows.join('\r\n')}\r\n`);
}

function startServe(dataDir, usageFile) {
  const child = spawn(
    process.execPath,
    [
      '--import',
      join(ROOT, 'bench/report-usage.mjs'),
      join(ROOT, 'dist/cli.js'),
      'serve',
      '--data-dir',
      dataDir,
      '--json',
    ],
    { env: { ...process.env, ANXIN_BENCH_USAGE_FILE: usageFile }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const ready = new Promise((resolveReady, reject) => {
    let text = '';
    child.stdout.on('data', (chunk) => {
      text += chunk;
      try {
        const { url, port } = JSON.parse(text);
        resolveReady({ port, token: new URL(url).searchParams.get('token') });
      } catch {
        // The JSON document arrives in pieces.
      }
    });
    child.once('exit', (code) => reject(new Error(`anxin serve exited with ${code}`)));
  });
  const exited = new Promise((done) => child.once('exit', done));
  return { child, ready, exited };
}

const agent = new Agent({ keepAlive: true, maxSockets: 16 });

function post(port, path, body, headers = {}, via = agent) {
  return new Promise((resolveReply, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        agent: via,
        headers: { 'content-type': 'application/json', ...headers },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (text += c));
        res.on('end', () => {
          const reply = JSON.parse(text);
          if (res.statusCode !== 200 || !reply.ok)
            reject(new Error(`${path}: HTTP ${res.statusCode} ${text.slice(0, 200)}`));
          else resolveReply(reply.value);
        });
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

/** The staff event stream, as the UI's EventSource reads it; `waitFor` times the next match. */
function openEvents(port, token) {
  const waiting = [];
  const req = request(
    { host: '127.0.0.1', port, path: `/api/events?token=${encodeURIComponent(token)}` },
    (res) => {
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        buffer += chunk;
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const data = /^data: (.*)$/m.exec(buffer.slice(0, end))?.[1];
          buffer = buffer.slice(end + 2);
          if (!data) continue;
          const event = JSON.parse(data);
          const at = performance.now();
          for (const w of [...waiting]) {
            if (!w.match(event)) continue;
            waiting.splice(waiting.indexOf(w), 1);
            w.resolve(at);
          }
        }
      });
    },
  );
  req.end();
  return {
    waitFor: (match) => new Promise((resolveAt) => waiting.push({ match, resolve: resolveAt })),
    close: () => req.destroy(),
  };
}

const percentile = (list, p) => {
  const sorted = [...list].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

export async function benchAlertLatency(workDir) {
  const rosterFile = join(workDir, 'roster-50k.xlsx');
  await writeRoster(rosterFile);
  const dataDir = await initDataDir(workDir, 'school');
  const stationRoster = join(workDir, 'alert-roster.csv');
  writeStationRoster(stationRoster);
  await runMeasured(['import', 'roster', stationRoster, '--data-dir', dataDir, '--commit', '--json']);
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
  const usageFile = join(workDir, `usage-serve-${Date.now()}.json`);
  const serve = startServe(dataDir, usageFile);
  const { port, token } = await serve.ready;
  const staff = (method, input = {}) => post(port, `/api/${method}`, input, { 'x-anxin-token': token });
  const events = openEvents(port, token);
  let result;
  try {
    await staff('auth.login', { username: 'admin', password: PASSWORD });
    const station = await staff('station.start', { campaignId: campaign.output.id, host: '127.0.0.1' });
    const stationPort = Number(new URL(station.url).port);
    const respondent = (route, body) => post(stationPort, `/station/api/${route}`, body);
    const file = { fileName: 'roster-50k.xlsx', contentBase64: readFileSync(rosterFile).toString('base64') };

    // Students sign in and consent before the import starts, so each timed answer meets the
    // import (and its write transaction) on its own, not behind a sign-in that waited first.
    const tokens = [];
    for (let student = 0; student < STUDENTS; student++) {
      // Each student from a lab PC (loopback address) of their own, as in a real lab.
      const pc = new Agent({ localAddress: `127.0.${1 + Math.floor(student / 250)}.${(student % 250) + 2}` });
      const { token: t } = await post(
        stationPort,
        '/station/api/identify',
        { stationCode: station.stationCode, studentNo: `S${100000 + student}`, birthDate: BIRTH },
        {},
        pc,
      );
      pc.destroy();
      await respondent('consent', { token: t, accept: true });
      tokens.push(t);
    }
    let importing = true;
    const importStarted = performance.now();
    const phases = {};
    const importing$ = (async () => {
      let t = performance.now();
      const preview = await staff('people.importPreview', { kind: 'student', file });
      phases.preview = performance.now() - t;
      t = performance.now();
      const commit = await staff('people.importCommit', { kind: 'student', file });
      phases.commit = performance.now() - t;
      if (preview.counts.new !== 50_000 || commit.created !== 50_000)
        throw new Error(`expected 50,000 new students, got ${preview.counts.new} / ${commit.created}`);
    })().finally(() => (importing = false));

    const status = [];
    const statusLoop = (async () => {
      while (importing) {
        const started = performance.now();
        await staff('app.status');
        status.push(performance.now() - started);
        await sleep(STATUS_EVERY_MS);
      }
    })();

    const alerts = [];
    const answerLoop = (async () => {
      for (const t of tokens) {
        if (!importing) break;
        const heard = events.waitFor((e) => e.type === 'alert.raised');
        const sent = performance.now();
        const during = importing;
        await respondent('answer', { token: t, instrumentId: 'PHQ-9', itemId: 'q9', value: 3 });
        const at = await heard;
        if (during) alerts.push(at - sent);
        await sleep(ANSWER_PAUSE_MS);
      }
    })();
    await Promise.all([importing$, statusLoop, answerLoop]);
    const importSeconds = (performance.now() - importStarted) / 1000;
    result = { alerts, status, phases, importSeconds };
  } finally {
    events.close();
    agent.destroy();
    serve.child.kill('SIGTERM');
    await serve.exited;
  }
  const { alerts, status, phases, importSeconds } = result;
  const ms = (x) => `${x.toFixed(1)} ms`;
  console.log(
    `  50,000-row import through the staff API: preview ${(phases.preview / 1000).toFixed(2)} s, commit ${(phases.commit / 1000).toFixed(2)} s`,
  );
  console.log(
    `  critical answer → staff SSE: n=${alerts.length} p50 ${ms(percentile(alerts, 50))}, p99 ${ms(percentile(alerts, 99))}, max ${ms(Math.max(...alerts))} (target p99 < 1000 ms, n ≥ ${ANSWERS})`,
  );
  console.log(
    `  app.status during the import: n=${status.length} p50 ${ms(percentile(status, 50))}, p99 ${ms(percentile(status, 99))}, max ${ms(Math.max(...status))} (target p99 < 100 ms)`,
  );
  if (alerts.length < ANSWERS) console.log(`  note: only ${alerts.length} answers fell inside the import`);
  const usage = JSON.parse(readFileSync(usageFile, 'utf8'));
  return [
    {
      name:
        `alert during a 50,000-row import (${importSeconds.toFixed(1)} s): answer → SSE p99 ${ms(percentile(alerts, 99))} (n=${alerts.length}), ` +
        `app.status p99 ${ms(percentile(status, 99))} (serve process)`,
      ...usage,
    },
  ];
}
