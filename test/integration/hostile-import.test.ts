import { spawn } from 'node:child_process';
import {
  accessSync,
  constants,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { commitImport, planImport } from '../../electron/services/people/roster-import';
import { wordRowIssue } from '../../shared/people/issues';
import { cleanPrivateTmp, moveIntoPlace, privateTmpFile } from '../../electron/services/private-tmp';
import { readSheetBytes } from '../../electron/services/spreadsheet';
import { idCheckChar } from '../../shared/people';
import { fails, ok, setUpApp } from '../helpers/app';
import { anxin, CLI, ensureBuilt } from '../helpers/cli';
import { encodeGbk } from '../helpers/gbk';
import { handXlsx } from '../helpers/xlsx-build';
import { useTempDirs } from '../helpers/temp';

const tempDir = useTempDirs();
const password = { ANXIN_PASSWORD: 'cli-password-1' };
const id = (birth: string, seq: string) => `110101${birth}${seq}${idCheckChar(`110101${birth}${seq}`)}`;
const upload = (fileName: string, bytes: Buffer | string) => ({
  fileName,
  contentBase64: Buffer.from(bytes).toString('base64'),
});
const students = async (ctx: Awaited<ReturnType<typeof setUpApp>>['ctx']) =>
  (await ok(ctx, 'people.list', { kind: 'student', limit: 100 })).items.length;

describe('duplicates within one file', () => {
  test('two students with one ID number: both rows are held back naming each other, the commit writes the rest', async () => {
    const { ctx } = await setUpApp(tempDir());
    const shared = id('20120305', '123');
    const csv = [
      '学籍号,姓名,性别,出生日期,年级,班级,身份证号',
      `S1,张三,男,2012-03-05,七年级,1班,${shared}`,
      `S2,李四,女,2012-04-06,七年级,1班,${id('20120406', '124')}`,
      `S3,王五,男,2012-03-05,七年级,2班,${shared}`,
    ].join('\n');
    const preview = await ok(ctx, 'people.importPreview', { kind: 'student', file: upload('名册.csv', csv) });
    expect(preview.rows.map((r) => [r.row, r.status, r.reasons.map((i) => wordRowIssue(i))])).toEqual([
      [2, 'duplicate', ['身份证号与第4行重复']],
      [3, 'new', []],
      [4, 'duplicate', ['身份证号与第2行重复']],
    ]);
    expect(preview.rows[0]!.reasons).toEqual([
      { field: 'idNumber', code: 'repeats_row', params: { row: 4 } },
    ]);
    expect(preview.counts).toMatchObject({ new: 1, duplicate: 2 });
    const summary = await ok(ctx, 'people.importCommit', { kind: 'student', file: upload('名册.csv', csv) });
    expect(summary.created).toBe(1);
    expect(await students(ctx)).toBe(1);
  });

  test('two women with one handbook number are both held back', async () => {
    const { ctx } = await setUpApp(tempDir(), 'maternal');
    const csv = [
      '姓名,身份证号,保健手册编号,末次月经',
      `刘一,${id('19950101', '200')},HB-001,2026-06-01`,
      `陈二,${id('19960202', '202')},HB-001,2026-06-02`,
    ].join('\n');
    const preview = await ok(ctx, 'people.importPreview', { kind: 'woman', file: upload('登记.csv', csv) });
    expect(preview.rows.map((r) => [r.row, r.status, r.reasons.map((i) => wordRowIssue(i))])).toEqual([
      [2, 'duplicate', ['保健手册编号与第3行重复']],
      [3, 'duplicate', ['保健手册编号与第2行重复']],
    ]);
  });

  test('a unique index refusing a row at commit is a conflict naming the row, and nothing stays written', async () => {
    const dir = tempDir();
    const { ctx } = await setUpApp(dir);
    const csv = [
      '学籍号,姓名,性别,出生日期,年级,班级,身份证号',
      `S1,张三,男,2012-03-05,七年级,1班,${id('20120305', '123')}`,
      `S2,李四,女,2012-04-06,七年级,1班,${id('20120406', '124')}`,
    ].join('\n');
    const { sheets } = await readSheetBytes('名册.csv', Buffer.from(csv));
    const plan = planImport(ctx.db!, 'student', '名册.csv', sheets);
    // Someone else adds S2's ID number between the preview and the commit.
    await ok(ctx, 'people.importCommit', {
      kind: 'student',
      file: upload(
        'other.csv',
        `学籍号,姓名,性别,出生日期,年级,班级,身份证号\nX9,赵六,女,2012-04-06,八年级,1班,${id('20120406', '124')}`,
      ),
    });
    let thrown: unknown;
    try {
      commitImport(ctx.db!, ctx.user!.id, 'student', plan);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('第3行'),
      extra: { detail: { reason: 'import.conflict', params: { row: 3 } } },
    });
    expect(await students(ctx)).toBe(1);
  });
});

describe("every read error reaches the user as the service's own sentence", () => {
  test('.xls, empty, no header, bad encoding and an out-of-range date', async () => {
    const { ctx } = await setUpApp(tempDir());
    const preview = (fileName: string, bytes: Buffer | string) =>
      fails(ctx, 'people.importPreview', { kind: 'student', file: upload(fileName, bytes) });

    const xls = await preview(
      '名册.xls',
      Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(512)]),
    );
    expect(xls).toMatchObject({ code: 'invalid_input', detail: { reason: 'file.xls' } });
    expect(xls.message).toContain('请另存为 .xlsx 后再导入');

    expect(await preview('名册.xlsx', Buffer.alloc(0))).toMatchObject({ detail: { reason: 'file.empty' } });

    const noHeader = await preview('名册.csv', '备注,说明\n1,2\n');
    expect(noHeader).toMatchObject({
      code: 'invalid_input',
      detail: { reason: 'file.no_header', params: { columns: '学籍号、姓名、年级、班级' } },
    });
    expect(noHeader.message).toContain('至少包括：学籍号、姓名、年级、班级');

    const badByte = Buffer.concat([
      Buffer.from('学籍号,姓名,性别,出生日期,年级,班级\nS1,张三,男,2012-03-05,七年级,1班\nS2,李'),
      Buffer.from([0xff]),
      Buffer.from('四,女,2012-04-06,七年级,1班\n'),
    ]);
    const encoding = await preview('名册.csv', badByte);
    expect(encoding).toMatchObject({ detail: { reason: 'file.bad_encoding', params: { row: 3 } } });
    expect(encoding.message).toMatch(/^第 3 行含有无法识别的字符/);
    // A GBK file without a byte order mark is still read as GBK.
    const gbk = await ok(ctx, 'people.importPreview', {
      kind: 'student',
      file: upload(
        '名册.csv',
        encodeGbk('学籍号,姓名,性别,出生日期,年级,班级\nS1,张三,男,2012-03-05,七年级,1班\n'),
      ),
    });
    expect(gbk.rows.map((r) => [r.name, r.status])).toEqual([['张三', 'new']]);

    // A date cell (style 1: yyyy-mm-dd) holding a serial far past 9999-12-31.
    const inline = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
    const header = ['学籍号', '姓名', '性别', '出生日期', '年级', '班级'];
    const xlsx = handXlsx([
      {
        name: '名册',
        xml:
          `<sheetData><row r="1">${header.map((h, i) => inline(`${'ABCDEF'[i]}1`, h)).join('')}</row>` +
          `<row r="2">${inline('A2', 'S1')}${inline('B2', '张三')}${inline('C2', '男')}<c r="D2" s="1"><v>99999999</v></c>${inline('E2', '七年级')}${inline('F2', '1班')}</row></sheetData>`,
      },
    ]);
    const dated = await ok(ctx, 'people.importPreview', { kind: 'student', file: upload('名册.xlsx', xlsx) });
    expect(dated.rows[0]!.reasons).toEqual([
      { field: 'birthDate', code: 'out_of_range', params: { value: '99999999' } },
    ]);
    expect(wordRowIssue(dated.rows[0]!.reasons[0]!)).toBe('出生日期超出范围（99999999）');
  });
});

describe('anxin import roster --json', () => {
  beforeAll(ensureBuilt, 300_000);

  test('a refused row keeps its Chinese reason and carries the codes beside it', () => {
    const dataDir = tempDir();
    expect(
      anxin(['init', '--data-dir', dataDir, '--org-type', 'school', '--org-name', '实验中学'], password).code,
    ).toBe(0);
    const roster = join(tempDir(), 'roster.csv');
    writeFileSync(
      roster,
      [
        '学籍号,姓名,性别,出生日期,年级,班级',
        'S1,张三,男,2012-03-05,七年级,1班',
        'S2,李四,x,2012-03-05,七年级,1班',
      ].join('\n'),
    );
    const run = anxin(['import', 'roster', roster, '--data-dir', dataDir, '--json'], password);
    expect(run.code).toBe(0);
    expect(run.json()).toMatchObject({
      rows: 2,
      created: 1,
      rejected: [
        {
          row: 3,
          reason: '性别无法识别：x',
          issues: [{ field: 'sex', code: 'unrecognised', params: { value: 'x' } }],
        },
      ],
      duplicates: [],
      committed: false,
    });
    // The text output says it in both languages.
    const text = anxin(['import', 'roster', roster, '--data-dir', dataDir], password).stdout;
    expect(text).toContain('第3行 row 3: 性别无法识别：x / Sex is not recognised: x');
  });
});

describe('exports never leave a partial file beside the target', () => {
  beforeAll(ensureBuilt, 300_000);

  test('SIGKILL mid-export: nothing beside the target; the leftover in <dataDir>/tmp goes at the next start', async () => {
    const dataDir = tempDir();
    const outDir = tempDir();
    expect(
      anxin(['init', '--data-dir', dataDir, '--org-type', 'school', '--org-name', '实验中学'], password).code,
    ).toBe(0);
    const rows = Array.from(
      { length: 20_000 },
      (_, i) => `S${100000 + i},学生${i},男,2012-03-05,七年级,${(i % 20) + 1}班`,
    );
    const roster = join(tempDir(), 'roster.csv');
    writeFileSync(roster, ['学籍号,姓名,性别,出生日期,年级,班级', ...rows].join('\n'));
    expect(anxin(['import', 'roster', roster, '--data-dir', dataDir, '--commit'], password).code).toBe(0);

    const out = join(outDir, '名册.xlsx');
    const tmp = join(dataDir, 'tmp');
    const child = spawn(
      process.execPath,
      [CLI, 'export', 'roster', '--data-dir', dataDir, '--programme', 'school', '--out', out],
      { env: { ...process.env, ...password }, stdio: 'ignore' },
    );
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    // Killed as soon as the export has started writing in the private folder.
    const deadline = Date.now() + 30_000;
    const writing = () =>
      existsSync(tmp) && readdirSync(tmp).some((name) => statSync(join(tmp, name)).size > 0);
    while (!writing() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 2));
    expect(writing()).toBe(true);
    child.kill('SIGKILL');
    await exited;

    expect(readdirSync(outDir)).toEqual([]);
    expect(readdirSync(tmp).length).toBe(1);
    expect(statSync(tmp).mode & 0o777).toBe(0o700);

    // The next start (any CLI command on this data folder) removes it; a finished export arrives whole.
    expect(anxin(['info', '--data-dir', dataDir], password).code).toBe(0);
    expect(readdirSync(tmp)).toEqual([]);
    expect(
      anxin(['export', 'roster', '--data-dir', dataDir, '--programme', 'school', '--out', out], password)
        .code,
    ).toBe(0);
    expect(readdirSync(outDir)).toEqual(['名册.xlsx']);
    expect(readdirSync(tmp)).toEqual([]);
  }, 120_000);
});

describe('the private temp folder', () => {
  const otherDevice = (() => {
    try {
      accessSync('/dev/shm', constants.W_OK);
      return statSync('/dev/shm').dev !== statSync(tmpdir()).dev;
    } catch {
      return false;
    }
  })();

  test.skipIf(!otherDevice)(
    'across devices the file is copied, synced and renamed; nothing else is left',
    async () => {
      const dataDir = tempDir();
      const target = mkdtempSync('/dev/shm/anxin-test-');
      try {
        const temp = privateTmpFile(dataDir);
        writeFileSync(temp, 'whole export');
        await moveIntoPlace(temp, join(target, '名册.xlsx'));
        expect(readdirSync(target)).toEqual(['名册.xlsx']);
        expect(readFileSync(join(target, '名册.xlsx'), 'utf8')).toBe('whole export');
        expect(readdirSync(join(dataDir, 'tmp'))).toEqual([]);
      } finally {
        rmSync(target, { recursive: true, force: true });
      }
    },
  );

  test("a start removes dead writers' files and keeps a live one's", () => {
    const dataDir = tempDir();
    const mine = privateTmpFile(dataDir);
    writeFileSync(mine, 'being written');
    // A pid no process has (above Linux's pid_max default range).
    writeFileSync(join(dataDir, 'tmp', '99999999-abcdef.part'), 'left by a killed export');
    writeFileSync(join(dataDir, 'tmp', 'stray'), 'unknown');
    expect(cleanPrivateTmp(dataDir)).toBe(2);
    expect(readdirSync(join(dataDir, 'tmp'))).toEqual([mine.split('/').pop()]);
  });
});
