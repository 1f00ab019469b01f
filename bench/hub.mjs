// The district hub at scale (issue 16), on the built code (dist/hub-bench.js, bench/hub-entry.ts),
// each part in its own measured process beside a bare baseline that does the same set-up without
// the work measured:
//  (a) one 2,000-student school bundle (3 campaigns) ingested into the embedded PGlite (target < 2 s);
//  (b) the district dashboard at 3 M screenings on PostgreSQL: 500 schools × 2,000 students ×
//      3 screenings, the aggregates and case rows generated in SQL; p50/p99 of 20 calls
//      (target < 300 ms). A throwaway cluster (scripts/pg-cluster.sh) unless ANXIN_BENCH_PG_URL names
//      a server (a fresh database is made on it and dropped);
//  (c) peak memory while 50 such bundles ingest in one process (target < 500 MB).
// (a) and (c) ingest into a hub made beforehand in another process (init and invitations), as
// `anxin hub ingest` does: creating a PGlite folder runs its initdb, which peaks far higher.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL, URL } from 'node:url';

const ROOT = resolve(import.meta.dirname, '..');
const SELF = join(ROOT, 'bench/hub.mjs');
const TODAY = '2026-06-30';
/** 5 grades × 10 classes × 40 students = 2,000; 3 campaigns (schoolPayload's shape). */
const SCHOOL = {
  grades: 5,
  classesPerGrade: 10,
  studentsPerClass: 40,
  campaigns: 3,
  overdueSafetyChecks: 3,
  today: TODAY,
};
const SCHOOLS = 500;
const TOWNSHIPS = 20;
const CALLS = 20;
const MANY = 50;

const hub = () => import(pathToFileURL(join(ROOT, 'dist/hub-bench.js')).href);

// ---------------------------------------------------------------------------------------------
// Children: each prints one JSON line; bench/report-usage.mjs records its wall, CPU and peak RSS.

/**
 * A hub in `dataDir` (PGlite on disk, the embedded default) with `n` schools invited, made in its own
 * process: creating a PGlite data folder (its initdb) peaks far above what opening one costs, and
 * ingest runs on a hub that exists (`anxin hub ingest`), so the measured processes open it.
 */
async function childPrepare(dataDir, n) {
  const h = await hub();
  const db = await h.openHubDb({ dataDir });
  await h.initHub(db, dataDir, {
    name: '示例县心理健康教育指导中心',
    adminUsername: 'admin',
    adminPassword: 'bench-password-1',
  });
  const keys = h.readHubKeys(dataDir);
  const invites = [];
  for (let i = 0; i < n; i++)
    invites.push(
      await h.inviteInstallation(
        db,
        keys,
        { name: `第${i + 1}中学`, programme: 'school', township: `乡镇${i % TOWNSHIPS}`, shareNames: false },
        'cli:admin',
      ),
    );
  await db.close();
  writeFileSync(join(dataDir, 'bench-invites.json'), JSON.stringify(invites));
  return { invites: n };
}

/** The prepared hub opened, and each invited school as a synthetic installation that seals its bundle. */
async function openPrepared(dataDir) {
  const h = await hub();
  const db = await h.openHubDb({ dataDir });
  const keys = h.readHubKeys(dataDir);
  const schools = JSON.parse(readFileSync(join(dataDir, 'bench-invites.json'), 'utf8')).map((invite) =>
    h.syntheticInstallation(invite),
  );
  const bundle = (inst) => h.sealPayload(inst, h.schoolPayload(inst, SCHOOL, `${TODAY}T08:00:00.000Z`));
  return { h, db, keys, schools, bundle };
}

const COUNTS = `SELECT (SELECT count(*) FROM aggregates)::int AS aggregates, (SELECT count(*) FROM cases)::int AS cases,
  (SELECT coalesce(sum(screened), 0) FROM aggregates)::int AS screened`;

async function childIngestOne(dataDir, bare) {
  const { h, db, keys, schools, bundle } = await openPrepared(dataDir);
  const file = bundle(schools[0]);
  let ingestMs = null;
  if (!bare) {
    const started = performance.now();
    const outcome = await h.ingestBundle(db, keys, file, 'cli:admin');
    ingestMs = performance.now() - started;
    if (outcome.status !== 'accepted') throw new Error(`bundle not accepted: ${JSON.stringify(outcome)}`);
  }
  const [counts] = await db.query(COUNTS);
  await db.close();
  return { ingestMs, bytes: file.length, ...counts };
}

async function childIngestMany(dataDir) {
  const { h, db, keys, schools, bundle } = await openPrepared(dataDir);
  const times = [];
  for (const inst of schools) {
    // Sealed one at a time, as files arrive: the process never holds more than one bundle.
    const file = bundle(inst);
    const started = performance.now();
    const outcome = await h.ingestBundle(db, keys, file, 'cli:admin');
    times.push(performance.now() - started);
    if (outcome.status !== 'accepted') throw new Error(`bundle not accepted: ${JSON.stringify(outcome)}`);
  }
  const [counts] = await db.query(COUNTS);
  await db.close();
  times.sort((a, b) => a - b);
  return {
    bundles: schools.length,
    medianIngestMs: times[Math.floor(times.length / 2)],
    maxIngestMs: times.at(-1),
    ...counts,
  };
}

const LEVELS = JSON.stringify([
  { id: 'red', name: { zh: '红色预警（一级）', en: 'Red (level 1)' }, colour: '#D32F2F' },
  { id: 'orange', name: { zh: '橙色预警（二级）', en: 'Orange (level 2)' }, colour: '#F57C00' },
  { id: 'yellow', name: { zh: '黄色预警（三级）', en: 'Yellow (level 3)' }, colour: '#FBC02D' },
  { id: 'green', name: { zh: '绿色（无预警）', en: 'Green (no warning)' }, colour: '#388E3C' },
]);
const AGREEMENT = JSON.stringify({
  version: 1,
  programme: 'school',
  aggregates: true,
  cases: true,
  names: false,
  nameLevels: [],
});

/**
 * 500 schools as ingest leaves them: per school 3 campaigns × 5 grades × 10 classes of 40 (150
 * aggregate rows, 6,000 screenings: 3 M in all), 160 open cases (8 %: 40 red, 40 orange, 80 yellow)
 * and 40 closed ones; every seventh school has overdue safety checks, many have overdue tasks.
 */
async function childSeed(url) {
  const h = await hub();
  const db = await h.openPostgres(url);
  await h.migrateHub(db);
  await db.exec(`
    INSERT INTO hub (id, name, public_key) VALUES (gen_random_uuid(), '示例县心理健康教育指导中心', 'bench');
    INSERT INTO installations (id, name, programme, township, agreement, status, enrolled_at, last_sequence,
        last_created_at, last_received_at, people, levels)
      SELECT ('00000000-0000-4000-8000-' || lpad(to_hex(s), 12, '0'))::uuid, '第' || s || '学校', 'school',
        '乡镇' || (s % ${TOWNSHIPS}), '${AGREEMENT}'::jsonb, 'enrolled', now(), 1,
        '${TODAY}'::timestamptz - (s % 30) * interval '1 day', '${TODAY}'::timestamptz, 2000, '${LEVELS}'::jsonb
      FROM generate_series(1, ${SCHOOLS}) s;
    INSERT INTO aggregates (installation_id, key, version, sequence, campaign_ref, campaign_name, starts_on, ends_on,
        grade, class_name, month, expected, screened, declined, levels, critical, referred, attended)
      SELECT i.id, 'c' || c || '|' || g || '|' || k, 1, 1, 'c' || c, '第' || c || '次心理测评',
        make_date(2026, c * 3, 1), make_date(2026, c * 3, 20), g || '年级', k || '班',
        '2026-' || lpad((c * 3)::text, 2, '0'), 41, 40, 1,
        jsonb_build_object('red', (g + k) % 2, 'orange', 1, 'yellow', 1 + (c + k) % 2,
          'green', 40 - (g + k) % 2 - 1 - 1 - (c + k) % 2),
        (g + k) % 2, (g + k) % 2, (g + k + c) % 2 * ((g + k) % 2)
      FROM installations i, generate_series(1, 3) c, generate_series(1, 5) g, generate_series(1, 10) k;
    INSERT INTO cases (installation_id, ref, version, sequence, person, status, level, purple, reasons, opened_on,
        ended_on, tasks, next_task_kind, next_due_on, safety_check_due_on, referral, outcome)
      SELECT i.id, substr(md5(i.id::text || n), 1, 16), 1, 1, substr(md5(i.id::text || 'p' || n), 1, 16),
        CASE WHEN n > 160 THEN 'closed' ELSE 'open' END,
        CASE WHEN n <= 40 THEN 'red' WHEN n <= 80 THEN 'orange' ELSE 'yellow' END, false, '[]'::jsonb,
        '2026-03-02', CASE WHEN n > 160 THEN '2026-05-01'::date END, '[]'::jsonb,
        CASE WHEN n <= 160 THEN 'follow_up' END,
        CASE WHEN n <= 160 THEN '${TODAY}'::date + (n % 20 - 5) END,
        CASE WHEN n <= 40 THEN
          CASE WHEN abs(hashtext(i.id::text)) % 7 = 0 AND n <= 3 THEN '${TODAY}'::date - 2 ELSE '${TODAY}'::date + 3 END END,
        CASE WHEN n <= 40 THEN 'referred' ELSE 'none' END, NULL
      FROM installations i, generate_series(1, 200) n;
    ANALYZE;
  `);
  const [counts] = await db.query(
    `SELECT (SELECT count(*) FROM installations)::int AS installations, (SELECT count(*) FROM aggregates)::int AS aggregates,
       (SELECT count(*) FROM cases)::int AS cases, (SELECT sum(screened) FROM aggregates)::int AS screened`,
  );
  await db.close();
  return counts;
}

const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function childDashboard(url, bare) {
  const h = await hub();
  const db = await h.openPostgres(url);
  const district = {
    id: 1,
    username: 'bench',
    displayName: 'bench',
    role: 'district_staff',
    scope: { kind: 'district' },
  };
  const township = { ...district, scope: { kind: 'township', township: '乡镇3' } };
  const result = {};
  if (bare) {
    // The same process without the dashboard: connect, one trivial query per call.
    for (let i = 0; i <= CALLS; i++) await db.query('SELECT 1');
  } else {
    for (const [name, user] of [
      ['district', district],
      ['township', township],
    ]) {
      const first = await h.districtDashboard(db, user, {}, TODAY);
      const times = [];
      for (let i = 0; i < CALLS; i++) {
        const started = performance.now();
        await h.districtDashboard(db, user, {}, TODAY);
        times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      result[name] = {
        installations: first.installations.length,
        screened: first.totals.screened,
        overdueSafetyChecks: first.totals.overdueSafetyChecks,
        firstOverdue: first.installations[0]?.figures.overdueSafetyChecks ?? 0,
        p50Ms: percentile(times, 50),
        p99Ms: percentile(times, 99),
      };
    }
  }
  await db.close();
  return result;
}

// ---------------------------------------------------------------------------------------------
// The parent: runs each child measured, prints the figures and returns the table's rows.

async function runChild(args) {
  const usageFile = join(process.env.ANXIN_BENCH_DIR, `usage-hub-${Date.now()}-${Math.random()}.json`);
  const child = spawn(process.execPath, ['--import', join(ROOT, 'bench/report-usage.mjs'), SELF, ...args], {
    env: { ...process.env, ANXIN_BENCH_USAGE_FILE: usageFile },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let stdout = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  const code = await new Promise((done) => child.on('exit', done));
  if (code !== 0) throw new Error(`bench/hub.mjs ${args.join(' ')} exited with ${code}: ${stdout}`);
  return {
    output: JSON.parse(stdout.trim().split('\n').at(-1)),
    usage: JSON.parse(readFileSync(usageFile, 'utf8')),
  };
}

/** A PostgreSQL database for (b): on ANXIN_BENCH_PG_URL's server, or a throwaway cluster. */
async function benchDatabase() {
  let serverUrl = process.env.ANXIN_BENCH_PG_URL;
  let clusterDir = null;
  if (!serverUrl) {
    const out = execFileSync(join(ROOT, 'scripts/pg-cluster.sh'), {
      env: { ...process.env, PGPORT_TEST: process.env.ANXIN_BENCH_PG_PORT ?? '55439' },
      encoding: 'utf8',
    }).trim();
    [serverUrl, clusterDir] = out.split(/\s+/);
  }
  const { default: pg } = await import('pg');
  const name = `anxin_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      if (clusterDir) {
        execFileSync(join(ROOT, 'scripts/pg-cluster.sh'), ['stop', clusterDir]);
        return;
      }
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

const fmt = (ms) => `${Math.round(ms)} ms`;

export async function benchHub(workDir) {
  const rows = [];
  const dir = (name) => {
    const path = join(workDir, `hub-${name}-${Date.now()}`);
    mkdirSync(path, { recursive: true });
    return path;
  };

  // (a) one bundle into PGlite: the same prepared hub copied, so the bare run and the measured one
  // open identical folders.
  const prepared = dir('prepared');
  const made = await runChild(['prepare', prepared, '1']);
  const bareDir = dir('bare');
  const oneDir = dir('one');
  cpSync(prepared, bareDir, { recursive: true });
  cpSync(prepared, oneDir, { recursive: true });
  const bareOne = await runChild(['ingest-one', bareDir, '--bare']);
  const one = await runChild(['ingest-one', oneDir]);
  console.log(
    `  (a) one 2,000-student bundle (${(one.output.bytes / 1024).toFixed(0)} KB; ${one.output.aggregates} aggregate rows, ` +
      `${one.output.cases} cases, ${one.output.screened} screenings): ingest ${fmt(one.output.ingestMs)} (target < 2,000 ms); ` +
      `the process ${(one.usage.wallMs / bareOne.usage.wallMs).toFixed(2)}× the bare run's wall; ` +
      `(creating the hub, PGlite's initdb, took ${fmt(made.usage.wallMs)} and peaked at ${made.usage.maxRssMb.toFixed(0)} MB)`,
  );
  rows.push(
    { name: 'hub baseline: open the PGlite hub + seal a bundle (no ingest)', ...bareOne.usage },
    {
      name: `hub (a) the same + ingest one 2,000-student bundle (ingest ${fmt(one.output.ingestMs)})`,
      ...one.usage,
    },
  );

  // (b) the dashboard at 3 M screenings on PostgreSQL.
  const database = await benchDatabase();
  try {
    const seeded = await runChild(['seed', database.url]);
    console.log(
      `  (b) seeded ${seeded.output.installations} schools, ${seeded.output.aggregates} aggregate rows, ${seeded.output.cases} cases, ` +
        `${seeded.output.screened.toLocaleString('en')} screenings in ${fmt(seeded.usage.wallMs)}`,
    );
    const bareDash = await runChild(['dashboard', database.url, '--bare']);
    const dash = await runChild(['dashboard', database.url]);
    for (const [name, r] of Object.entries(dash.output))
      console.log(
        `  (b) districtDashboard, ${name} scope (${r.installations} schools, ${r.screened.toLocaleString('en')} screenings, ` +
          `${r.overdueSafetyChecks} overdue safety checks, first listed has ${r.firstOverdue}): p50 ${fmt(r.p50Ms)}, p99 ${fmt(r.p99Ms)} over ${CALLS} calls (target < 300 ms)`,
      );
    rows.push(
      { name: `hub baseline: connect to PostgreSQL + ${CALLS * 2 + 2} trivial queries`, ...bareDash.usage },
      {
        name: `hub (b) ${(CALLS + 1) * 2} district dashboards at 3 M screenings (district p50 ${fmt(dash.output.district.p50Ms)} / p99 ${fmt(dash.output.district.p99Ms)})`,
        ...dash.usage,
      },
    );
  } finally {
    await database.drop();
  }

  // (c) 50 bundles in one process.
  const manyDir = dir('many');
  await runChild(['prepare', manyDir, String(MANY)]);
  const many = await runChild(['ingest-many', manyDir]);
  console.log(
    `  (c) ${MANY} bundles in one process: peak RSS ${many.usage.maxRssMb.toFixed(0)} MB (target < 500 MB; the bare run ${bareOne.usage.maxRssMb.toFixed(0)} MB); ` +
      `ingest median ${fmt(many.output.medianIngestMs)}, max ${fmt(many.output.maxIngestMs)}; ${many.output.screened.toLocaleString('en')} screenings stored`,
  );
  rows.push({ name: `hub (c) ${MANY} bundles ingested in one process (PGlite)`, ...many.usage });
  return rows;
}

// Run as a child: `node bench/hub.mjs <mode> …`.
if (process.argv[1] && resolve(process.argv[1]) === SELF) {
  const [mode, arg, flag] = process.argv.slice(2);
  const modes = {
    prepare: () => childPrepare(arg, Number(flag)),
    'ingest-one': () => childIngestOne(arg, flag === '--bare'),
    'ingest-many': () => childIngestMany(arg),
    seed: () => childSeed(arg),
    dashboard: () => childDashboard(arg, flag === '--bare'),
  };
  if (!modes[mode]) {
    // Run on its own: the hub part of `npm run bench` (needs `npm run build` first).
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const workDir = mkdtempSync(join(tmpdir(), 'anxin-bench-hub-'));
    process.env.ANXIN_BENCH_DIR = workDir;
    try {
      for (const r of await benchHub(workDir))
        console.log(
          `${r.name} | ${(r.wallMs / 1000).toFixed(2)} s wall | ${(r.cpuMs / 1000).toFixed(2)} s cpu | ${r.maxRssMb.toFixed(0)} MB`,
        );
    } finally {
      rmSync(workDir, { recursive: true, force: true });
    }
  } else {
    console.log(JSON.stringify(await modes[mode]()));
  }
}
