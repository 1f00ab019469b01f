import { afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { runCli } from '../../electron/cli/main';
import { anxin, ensureBuilt } from '../helpers/cli';
import { readGoldenCsv } from '../helpers/golden';
import { ADMIN_PASSWORD, setUpApp } from '../helpers/app';
import { useTempDirs } from '../helpers/temp';

const tempDir = useTempDirs();

/** Runs the CLI in-process (the same code dist/cli.js bundles) and parses its JSON output. */
async function cliJson(args: string[]): Promise<{ code: number; json: Record<string, unknown> }> {
  const lines: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
  try {
    const code = await runCli([...args, '--json']);
    return { code, json: JSON.parse(lines.join('\n')) as Record<string, unknown> };
  } finally {
    log.mockRestore();
  }
}

afterEach(() => vi.restoreAllMocks());

describe('anxin score agrees with every golden vector', () => {
  test.each(readGoldenCsv('scores.csv').map((r, i) => [i + 2, r] as const))(
    'scores.csv line %i',
    async (_line, row) => {
      const { code, json } = await cliJson([
        'score',
        '--instrument',
        row.instrument!,
        '--values',
        row.item_values!,
      ]);
      expect(code).toBe(0);
      expect(json).toMatchObject({
        instrument: row.instrument,
        total: Number(row.total),
        band: row.band,
        critical: row.critical === 'true',
        complete: true,
      });
      if (row.anxiety3a) expect(json.subscales).toEqual({ anxiety3a: Number(row.anxiety3a) });
    },
  );
});

describe('anxin tier agrees with every golden vector', () => {
  test.each(readGoldenCsv('default-tiers.csv').map((r, i) => [i + 2, r] as const))(
    'default-tiers.csv line %i',
    async (_line, row) => {
      const args = ['tier', '--programme', row.programme!];
      if (row.phq9_values) args.push('--phq9', row.phq9_values);
      if (row.gad7_values) args.push('--gad7', row.gad7_values);
      if (row.epds_values) args.push('--epds', row.epds_values);
      const { code, json } = await cliJson(args);
      expect(code).toBe(0);
      expect(json[row.programme === 'school' ? 'level' : 'result']).toBe(row.expected);
      expect((json.reasons as unknown[]).length > 0).toBe(
        row.expected !== 'green' && row.expected !== 'negative',
      );
    },
  );
});

describe('the built anxin binary', () => {
  beforeAll(ensureBuilt, 300_000);

  test('score and tier print the documented JSON', () => {
    expect(
      anxin(['score', '--instrument', 'EPDS', '--values', '1 2 3 0 2 1 1 2 0 1', '--json']).json(),
    ).toEqual({
      instrument: 'EPDS',
      version: '1.0',
      total: 13,
      band: 'probable',
      critical: true,
      criticalItems: [10],
      subscales: { anxiety3a: 5 },
      complete: true,
    });
    expect(
      anxin([
        'tier',
        '--programme',
        'school',
        '--phq9',
        '3 3 3 3 2 2 1 1 0',
        '--gad7',
        '3 3 3 3 3 0 0',
        '--json',
      ]).json(),
    ).toEqual({
      level: 'orange',
      reasons: [
        {
          zh: 'PHQ-9 总分 18（15–19）',
          en: 'PHQ-9 total 18 (15–19)',
          fact: { kind: 'total_band', instrument: 'PHQ-9', total: 18, min: 15, max: 19, complete: true },
        },
        {
          zh: 'GAD-7 总分 15 ≥ 15',
          en: 'GAD-7 total 15 ≥ 15',
          fact: { kind: 'total_at_least', instrument: 'GAD-7', total: 15, min: 15, complete: true },
        },
      ],
      ruleSet: 'school-default@1.1',
      complete: true,
    });
  });

  test('--phq2 and --gad2: a positive pre-screen is yellow at school and 需关注 (watch) in perinatal care', () => {
    expect(
      anxin(['tier', '--programme', 'school', '--phq2', '3 3', '--gad2', '1 1', '--json']).json(),
    ).toEqual({
      level: 'yellow',
      reasons: [
        {
          zh: 'PHQ-2 总分 6 ≥ 3，建议完成完整量表（PHQ-9）',
          en: 'PHQ-2 total 6 ≥ 3: complete the full PHQ-9',
          fact: {
            kind: 'total_at_least',
            instrument: 'PHQ-2',
            total: 6,
            min: 3,
            complete: true,
            label: { zh: '建议完成完整量表（PHQ-9）', en: 'complete the full PHQ-9' },
          },
        },
      ],
      ruleSet: 'school-default@1.1',
      complete: true,
    });
    expect(anxin(['tier', '--programme', 'perinatal', '--gad2', '2 1', '--json']).json()).toMatchObject({
      result: 'watch',
      reasons: [{ zh: 'GAD-2 总分 3 ≥ 3，建议完成完整量表（GAD-7）' }],
    });
    expect(anxin(['tier', '--programme', 'school', '--phq2', '1 1', '--json']).json()).toMatchObject({
      level: 'green',
      reasons: [],
    });
    const wrong = anxin(['tier', '--programme', 'school', '--phq2', '3 3 3', '--json']);
    expect(wrong.code).toBe(2);
    expect(wrong.json().error.code).toBe('invalid_input');
  });

  test('a value that is no option of its item, or the wrong count, is refused in words', () => {
    const bad = anxin(['score', '--instrument', 'PHQ-9', '--values', '0 0 0 0 0 0 0 0 4', '--json']);
    expect(bad.code).toBe(2);
    expect(bad.json().error.code).toBe('invalid_input');
    expect(anxin(['score', '--instrument', 'PHQ-9', '--values', '0 0', '--json']).json().error.code).toBe(
      'invalid_input',
    );
    expect(anxin(['score', '--instrument', 'NOPE', '--values', '0', '--json']).json().error.code).toBe(
      'not_found',
    );
  });

  test("with --data-dir the data folder's saved rule set is used", async () => {
    const dir = tempDir();
    const { ctx } = await setUpApp(dir);
    const { defaultSchoolRules } = await import('../../shared/tiers');
    const stricter = {
      ...defaultSchoolRules,
      rules: defaultSchoolRules.rules.map((r) =>
        r.when.kind === 'total' && r.when.instrument === 'GAD-7' && r.level === 'yellow'
          ? { ...r, when: { ...r.when, min: 8 } }
          : r,
      ),
    };
    const { ok } = await import('../helpers/app');
    await ok(ctx, 'tiers.save', { programme: 'school', ruleSet: stricter });
    await ok(ctx, 'auth.logout', {});
    const args = ['tier', '--programme', 'school', '--gad7', '1 1 1 1 1 1 2', '--json'];
    expect(anxin(args).json().level).toBe('green');
    expect(anxin([...args, '--data-dir', dir], { ANXIN_PASSWORD: ADMIN_PASSWORD }).json()).toMatchObject({
      level: 'yellow',
      ruleSet: 'school-default@1',
    });
  });
});
