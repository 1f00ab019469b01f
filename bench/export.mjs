// The 随访名册 export at scale: 50,000 students and 150,000 screenings, made through public
// commands only (`import roster`, `campaign create`, `import responses` with 问卷星-style files).
// Then, side by side in one run: the full styled multi-sheet export, exceljs's streaming writer
// writing the same cell values bare (one sheet, no styles), and the same values as CSV.
// Targets (issue 7): full export within 1.5× of the bare streaming write, and under 300 MB.
import ExcelJS from 'exceljs';
import { spawn } from 'node:child_process';
import {
  cpSync,
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { once } from 'node:events';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { initDataDir, PASSWORD, runMeasured } from './measure.mjs';
import { writeRoster } from './roster-import.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const PEOPLE = 50_000;
// Three screening days a year apart in semesters: 3 × 50,000 = 150,000 screenings.
const CAMPAIGNS = [
  { name: '2025春季普测', from: '2025-03-03', to: '2025-03-14' },
  { name: '2025秋季普测', from: '2025-09-08', to: '2025-09-19' },
  { name: '2026春季普测', from: '2026-03-02', to: '2026-03-13' },
];
// The question texts as 问卷星 prints them; the importer maps columns to items by this text.
const QUESTIONS = [
  '做事时提不起劲或没有兴趣',
  '感到心情低落、沮丧或绝望',
  '入睡困难、睡不安稳或睡眠过多',
  '感觉疲倦或没有活力',
  '食欲不振或吃太多',
  '觉得自己很糟，或觉得自己很失败，或让自己或家人失望',
  '对事物专注有困难，例如阅读报纸或看电视时',
  '动作或说话速度缓慢到别人已经察觉？或正好相反，烦躁或坐立不安、动来动去的情况更胜于平常',
  '有不如死掉或用某种方式伤害自己的念头',
  '感觉紧张，焦虑或急切',
  '不能够停止或控制担忧',
  '对各种各样的事情担忧过多',
  '很难放松下来',
  '由于不安而无法静坐',
  '变得容易烦恼或急躁',
  '感到似乎将有可怕的事情发生而害怕',
];
// Must match writeRoster's names and numbers (bench/roster-import.mjs).
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = '子涵欣怡梓轩浩宇一诺雨桐思远佳怡俊杰诗涵宇轩可馨';
const nameOf = (i) =>
  SURNAMES[i % SURNAMES.length] + GIVEN[(i * 7) % GIVEN.length] + GIVEN[(i * 3) % GIVEN.length];

/** A seeded generator, so every run screens the same answers. */
function mulberry32(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Item values 0–3 for one sheet: most students low, about 15 % flagged, 1 % with item 9 answered. */
function answers(random) {
  const r = random();
  const mean = r < 0.8 ? 0.3 : r < 0.9 ? 1.2 : r < 0.96 ? 1.8 : 2.4;
  const values = QUESTIONS.map(() => Math.max(0, Math.min(3, Math.round(mean + (random() - 0.5) * 1.6))));
  values[8] = random() < 0.01 ? 1 + Math.floor(random() * 3) : 0;
  return values;
}

/** A 问卷星 "按序号" CSV export: answers as option numbers 1–4. */
async function writeResponses(file, campaign, seed) {
  const random = mulberry32(seed);
  const out = createWriteStream(file);
  const header = ['序号', '提交答卷时间', '学籍号', '姓名', ...QUESTIONS.map((q, i) => `${i + 3}、${q}`)];
  out.write(`${header.join(',')}\n`);
  const days = (Date.parse(campaign.to) - Date.parse(campaign.from)) / 86_400_000;
  for (let i = 0; i < PEOPLE; i++) {
    const day = new Date(Date.parse(campaign.from) + Math.floor(random() * (days + 1)) * 86_400_000);
    const at = `${day.toISOString().slice(0, 10)} ${String(8 + (i % 9)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00`;
    const line = [i + 1, at, `G${30000000 + i}`, nameOf(i), ...answers(random).map((v) => v + 1)];
    if (!out.write(`${line.join(',')}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

// ---------------------------------------------------------------------------------------------
// The baselines run in their own process (this file with --bare / --csv), measured like the CLI.

const DATE_TAG = '$date';
const revive = (cell) =>
  cell && typeof cell === 'object' && DATE_TAG in cell ? new Date(cell[DATE_TAG]) : cell;

async function* ndjsonRows(file) {
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity }))
    if (line) yield JSON.parse(line).map(revive);
}

/** exceljs's streaming writer at its plainest: one sheet, no styles, no shared strings. */
async function bareXlsx(rowsFile, out) {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: out,
    useStyles: false,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet('rows');
  let n = 0;
  for await (const row of ndjsonRows(rowsFile)) {
    sheet.addRow(row).commit();
    // The same pause the app's writer takes, so neither buffers the whole sheet.
    if (++n % 500 === 0) await nextTurn();
  }
  sheet.commit();
  await workbook.commit();
}

const csvField = (cell) => {
  const text = cell instanceof Date ? cell.toISOString().slice(0, 10) : cell === null ? '' : String(cell);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

async function csv(rowsFile, out) {
  const stream = createWriteStream(out);
  stream.write('\uFEFF');
  for await (const row of ndjsonRows(rowsFile))
    if (!stream.write(`${row.map(csvField).join(',')}\r\n`)) await once(stream, 'drain');
  stream.end();
  await once(stream, 'finish');
}

/** Every row of the chosen sheets of the full export as NDJSON (not measured: it only feeds the baselines). */
async function dumpRows(xlsx, outAll, outRoster) {
  const all = createWriteStream(outAll);
  const roster = createWriteStream(outRoster);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(xlsx, {
    sharedStrings: 'cache',
    styles: 'cache',
    worksheets: 'emit',
  });
  let rows = 0;
  let rosterRows = 0;
  for await (const sheet of reader) {
    const name = sheet.name;
    for await (const row of sheet) {
      const cells = (row.values ?? [])
        .slice(1)
        .map((v) => (v instanceof Date ? { [DATE_TAG]: v.toISOString() } : v === undefined ? null : v));
      const line = `${JSON.stringify(cells)}\n`;
      rows++;
      if (!all.write(line)) await once(all, 'drain');
      if (name === '随访名册') {
        rosterRows++;
        if (!roster.write(line)) await once(roster, 'drain');
      }
    }
  }
  for (const s of [all, roster]) {
    s.end();
    await once(s, 'finish');
  }
  return { rows, rosterRows };
}

/** This file in a child process with the usage recorder preloaded, like runMeasured does for the CLI. */
async function runBaseline(mode, rowsFile, out) {
  const usageFile = join(process.env.ANXIN_BENCH_DIR, `usage-${mode}-${Date.now()}.json`);
  const child = spawn(
    process.execPath,
    ['--import', join(ROOT, 'bench/report-usage.mjs'), join(ROOT, 'bench/export.mjs'), mode, rowsFile, out],
    { env: { ...process.env, ANXIN_BENCH_USAGE_FILE: usageFile }, stdio: ['ignore', 'inherit', 'inherit'] },
  );
  const [code] = await once(child, 'exit');
  if (code !== 0) throw new Error(`${mode} baseline exited with ${code}`);
  return JSON.parse(readFileSync(usageFile, 'utf8'));
}

/** 50,000 students screened three times, through the public commands. */
export async function prepareData(workDir) {
  const t0 = performance.now();
  const rosterFile = join(workDir, 'export-roster-50k.xlsx');
  await writeRoster(rosterFile);
  const dataDir = await initDataDir(workDir, 'school');
  const imported = await runMeasured([
    'import',
    'roster',
    rosterFile,
    '--data-dir',
    dataDir,
    '--commit',
    '--json',
  ]);
  if (imported.output.created !== PEOPLE)
    throw new Error(`expected ${PEOPLE} students, got ${imported.output.created}`);
  let scored = 0;
  let responses = null;
  for (const [i, campaign] of CAMPAIGNS.entries()) {
    const created = await runMeasured([
      'campaign', 'create', '--data-dir', dataDir, '--name', campaign.name, '--programme', 'school',
      '--battery', 'PHQ-9,GAD-7', '--from', campaign.from, '--to', campaign.to, '--json',
    ]); // prettier-ignore
    const file = join(workDir, `responses-${i + 1}.csv`);
    await writeResponses(file, campaign, 1000 + i);
    const result = await runMeasured([
      'import', 'responses', file, '--data-dir', dataDir, '--campaign', String(created.output.id), '--commit', '--json',
    ]); // prettier-ignore
    scored += result.output.scored;
    responses = result.usage;
    console.log(
      `  ${campaign.name}: ${result.output.scored} scored, levels ${JSON.stringify(result.output.levels)}`,
    );
  }
  if (scored !== 3 * PEOPLE) throw new Error(`expected ${3 * PEOPLE} screenings, got ${scored}`);
  console.log(`  data ready in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  return {
    dataDir,
    setup: [
      { name: 'setup: import roster (50,000 students)', ...imported.usage },
      { name: 'setup: import responses (50,000 sheets, last of 3)', ...responses },
    ],
  };
}

/**
 * ANXIN_BENCH_EXPORT_DATA=DIR keeps the generated data folder there and reuses it on the next
 * run (the setup takes minutes; the export is what is measured).
 */
export async function benchExport(workDir) {
  const kept = process.env.ANXIN_BENCH_EXPORT_DATA;
  let dataDir;
  let setup = [];
  if (kept && existsSync(join(kept, 'data', 'anxin.db'))) dataDir = join(kept, 'data');
  else {
    ({ dataDir, setup } = await prepareData(workDir));
    if (kept) {
      mkdirSync(kept, { recursive: true });
      cpSync(dataDir, join(kept, 'data'), { recursive: true });
    }
  }
  const full = join(workDir, 'export-full.xlsx');
  const baseline = await runMeasured(['info', '--data-dir', dataDir, '--json']);
  const exported = await runMeasured([
    'export', 'roster', '--data-dir', dataDir, '--programme', 'school', '--out', full, '--json',
  ]); // prettier-ignore
  if (exported.output.screenings !== 3 * PEOPLE)
    throw new Error(`export listed ${exported.output.screenings} screenings`);
  const allRows = join(workDir, 'export-rows.ndjson');
  const rosterRows = join(workDir, 'export-roster-rows.ndjson');
  const dumped = await dumpRows(full, allRows, rosterRows);
  const bare = await runBaseline('--bare', allRows, join(workDir, 'bare.xlsx'));
  const asCsv = await runBaseline('--csv', allRows, join(workDir, 'rows.csv'));
  const bareRoster = await runBaseline('--bare', rosterRows, join(workDir, 'bare-roster.xlsx'));
  const csvRoster = await runBaseline('--csv', rosterRows, join(workDir, 'roster.csv'));

  const mb = (file) => (statSync(file).size / 1024 / 1024).toFixed(1);
  const startUp = baseline.usage.wallMs;
  const ratio = (exported.usage.wallMs / bare.wallMs).toFixed(2);
  const netRatio = ((exported.usage.wallMs - startUp) / bare.wallMs).toFixed(2);
  console.log(
    `  export: ${exported.output.people} people on the roster, ${exported.output.screenings} screenings; ` +
      `${dumped.rows} rows in all sheets (${dumped.rosterRows} on the roster)`,
  );
  console.log(
    `  files: full ${mb(full)} MB, bare ${mb(join(workDir, 'bare.xlsx'))} MB, csv ${mb(join(workDir, 'rows.csv'))} MB`,
  );
  console.log(
    `  full / bare streaming write: ${ratio}× wall (${netRatio}× without the ${(startUp / 1000).toFixed(2)} s start-up + login); ` +
      `full / csv: ${(exported.usage.wallMs / asCsv.wallMs).toFixed(2)}×; peak RSS ${exported.usage.maxRssMb.toFixed(0)} MB (target ≤ 1.5×, < 300 MB)`,
  );
  writeFileSync(
    join(workDir, 'export-bench.json'),
    JSON.stringify({ exported, bare, asCsv, bareRoster, csvRoster }),
  );
  return [
    { name: `export roster full (4 sheets, styled), ${dumped.rows} rows`, ...exported.usage },
    { name: `bare exceljs streaming write, same ${dumped.rows} rows, 1 sheet`, ...bare },
    { name: `CSV, same ${dumped.rows} rows`, ...asCsv },
    { name: `bare exceljs streaming write, roster only (${dumped.rosterRows} rows)`, ...bareRoster },
    { name: `CSV, roster only (${dumped.rosterRows} rows)`, ...csvRoster },
    { name: 'baseline: anxin info (start-up + login)', ...baseline.usage },
    ...setup,
  ];
}

// Child mode: `node bench/export.mjs --bare|--csv ROWS.ndjson OUT`.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [mode, rowsFile, out] = process.argv.slice(2);
  if (mode === '--bare') await bareXlsx(rowsFile, out);
  else if (mode === '--csv') await csv(rowsFile, out);
  else {
    // Standalone: `node bench/export.mjs` runs the whole benchmark in a temp folder.
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'anxin-bench-export-'));
    process.env.ANXIN_BENCH_DIR = dir;
    process.env.ANXIN_PASSWORD ??= PASSWORD;
    try {
      for (const r of await benchExport(dir))
        console.log(
          `${r.name} | ${(r.wallMs / 1000).toFixed(2)} s | cpu ${(r.cpuMs / 1000).toFixed(2)} s | ${r.maxRssMb.toFixed(0)} MB`,
        );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}
