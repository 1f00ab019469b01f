import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { offloadedHandlers } from '../../electron/backend/offload';
import type { Handlers } from '../../electron/api/handlers';
import { exportInThisThread, startExportJob } from '../../electron/services/export/jobs';
import { describeFailure, setJobLogger } from '../../electron/services/job-log';
import { idCheckChar } from '../../shared/people';
import { fails, ok, setUpApp } from '../helpers/app';
import { ensureBuilt, ROOT } from '../helpers/cli';
import { useTempDirs } from '../helpers/temp';

// A background job that fails is logged (kind, id, code, class, frames) without a word of personal
// data, and the user sees it failed, with a code the UI words.

const tempDir = useTempDirs();
const idNumber = (birth: string, seq: string) => `110101${birth}${seq}${idCheckChar(`110101${birth}${seq}`)}`;
const ROSTER = [
  { no: 'S2026001', name: '张三', id: idNumber('20120305', '123'), phone: '13800001111' },
  { no: 'S2026002', name: '欧阳娜娜', id: idNumber('20120406', '124'), phone: '13800002222' },
];
const PERSONAL = ROSTER.flatMap((s) => [s.no, s.name, s.id, s.phone]);

let restore: (() => void) | null = null;
afterEach(() => restore?.());

function captureLog(): string[] {
  const lines: string[] = [];
  restore = setJobLogger((line) => lines.push(line));
  return lines;
}

/** Nothing from the roster, no path, no Chinese at all: the line is code and numbers only. */
function expectNoPersonalData(line: string): void {
  for (const value of PERSONAL) expect(line).not.toContain(value);
  expect(line).not.toMatch(/\p{Script=Han}/u);
  expect(line).not.toMatch(/\/(home|work|tmp|Users)\//);
}

async function seeded() {
  const dir = tempDir();
  const { ctx } = await setUpApp(dir);
  const csv = [
    '学籍号,姓名,性别,出生日期,年级,班级,身份证号,监护人电话',
    ...ROSTER.map((s) => `${s.no},${s.name},女,2012-03-05,七年级,1班,${s.id},${s.phone}`),
  ].join('\n');
  await ok(ctx, 'people.importCommit', {
    kind: 'student',
    file: { fileName: 'roster.csv', contentBase64: Buffer.from(csv).toString('base64') },
  });
  return { ctx, dir };
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 25));
};

describe('background job failures', () => {
  test('an export job that throws is logged without personal data and reported as failed with a code', async () => {
    const { ctx } = await seeded();
    const lines = captureLog();
    const person = ROSTER[0]!;
    // The real writer, failing part-way through the roster with a message full of personal data.
    const { jobId } = startExportJob(ctx.db!, ctx.user!, { programme: 'school', variant: 'full' }, (db, user, options, run) =>
      exportInThisThread(db, user, options, {
        ...run,
        onProgress: (p) => {
          if (p.phase === 'roster')
            throw new RangeError(`row ${person.name} ${person.id} ${person.phone} in /home/${person.name}/x.xlsx`);
          run.onProgress(p);
        },
      }),
    ); // prettier-ignore
    let progress = await ok(ctx, 'exports.progress', { jobId });
    await until(() => {
      void ok(ctx, 'exports.progress', { jobId }).then((p) => (progress = p));
      return progress.state !== 'running';
    });
    expect(progress).toMatchObject({ state: 'failed', errorCode: 'internal' });
    expect(progress.errorReason).toBeUndefined();
    expect(JSON.stringify(progress)).not.toMatch(/\p{Script=Han}/u);
    // Nothing to fetch.
    expect((await fails(ctx, 'exports.fetch', { jobId })).code).toBe('conflict');

    expect(lines).toHaveLength(1);
    const [line] = lines as [string];
    expect(line).toMatch(
      new RegExp(
        `^\\[anxin\\] background job failed: kind=export id=${jobId} code=internal class=RangeError stack=`,
      ),
    );
    // Frames name the writer's functions and files, so the fault can be found.
    expect(line).toMatch(/\(roster\.ts:\d+:\d+\)/);
    expectNoPersonalData(line);
    // The attempt is in the audit log too, as a code.
    const audit = ctx
      .db!.prepare("SELECT detail FROM audit_log WHERE action = 'export.failed'")
      .pluck()
      .all() as string[];
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!)).toMatchObject({ reason: 'internal' });
  });

  test('a cancelled export is not a failure: nothing is logged', async () => {
    const { ctx } = await seeded();
    const lines = captureLog();
    const { jobId } = startExportJob(ctx.db!, ctx.user!, { programme: 'school', variant: 'full' }, (db, user, options, run) =>
      new Promise((_, reject) => run.signal.addEventListener('abort', () => reject(new Error('aborted')))),
    ); // prettier-ignore
    await ok(ctx, 'exports.cancel', { jobId });
    await new Promise((r) => setTimeout(r, 50));
    expect((await ok(ctx, 'exports.progress', { jobId })).state).toBe('cancelled');
    expect(lines).toEqual([]);
  });

  test('a job failing in its worker thread is logged by the host with the worker’s class and frames', async () => {
    ensureBuilt();
    const { ctx } = await seeded();
    const lines = captureLog();
    const table = offloadedHandlers(join(ROOT, 'dist', 'job-worker.js')) as Handlers;
    // A roster without its 姓名 column: the import refuses it in the worker.
    const csv = [
      '学籍号,性别,出生日期,年级,班级',
      ...ROSTER.map((s) => `${s.no},女,2012-03-05,七年级,1班`),
    ].join('\n');
    const error = await Promise.resolve(
      table['people.importCommit'](
        {
          kind: 'student',
          file: { fileName: '张三的名单.csv', contentBase64: Buffer.from(csv).toString('base64') },
        },
        ctx,
        { db: ctx.db!, user: ctx.user! },
      ),
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'invalid_input' });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^\[anxin\] background job failed: kind=import id=[0-9a-f]{24} code=invalid_input class=AppError stack=.*\.js:\d+:\d+\)/,
    );
    expectNoPersonalData(lines[0]!);
  }, 60_000);

  test('frames keep function names, file names and numbers; messages and directories never', () => {
    const error = new TypeError('张三 13800001111');
    error.stack = [
      'TypeError: 张三 13800001111',
      '    at writeTable (/home/zhangsan/anxin/electron/services/export/sheets.ts:97:11)',
      '    at async Object.<anonymous> (C:\\Users\\张三\\anxin\\dist\\cli.js:10:2)',
      '    at file:///home/zhangsan/anxin/dist/chunks/dispatch-CcnYB46t.js:1:99',
      '    at eval (eval at run (/home/zhangsan/x.js:1:1), <anonymous>:1:1)',
    ].join('\n');
    (error as { code?: string }).code = 'ERR_SOMETHING';
    const d = describeFailure(error);
    expect(d).toEqual({
      code: 'internal',
      errorClass: 'TypeError',
      errorCode: 'ERR_SOMETHING',
      frames: [
        'writeTable (sheets.ts:97:11)',
        'async Object.<anonymous> (cli.js:10:2)',
        '(dispatch-CcnYB46t.js:1:99)',
        expect.stringMatching(/^eval \(/),
      ],
    });
    expect(JSON.stringify(d)).not.toMatch(/zhangsan|张三|138/);
  });
});
