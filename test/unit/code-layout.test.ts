import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const src = join(root, 'renderer/src');

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

const rendererFiles = walk(join(root, 'renderer')).map((f) => relative(root, f).split('\\').join('/'));

describe('the renderer is organised by feature', () => {
  test('every feature the issue names has its folder under features/', () => {
    const features = readdirSync(join(src, 'features')).sort();
    for (const name of [
      'people',
      'import',
      'screening',
      'cases',
      'dashboard',
      'exports',
      'reports',
      'library',
      'rules',
      'users',
      'settings',
      'respondent',
      'station',
    ]) {
      expect(features, name).toContain(name);
    }
    for (const part of ['kiosk', 'board', 'paper']) {
      expect(statSync(join(src, 'features/screening', part)).isDirectory(), part).toBe(true);
    }
  });

  test('no screen lives outside features/ (the old pages/, screening/, screens/, respondent/, station/ are gone)', () => {
    const stray = rendererFiles.filter((f) =>
      /^renderer\/(src\/(pages|screening|screens|respondent|alerts|components)\/|station\/)/.test(f),
    );
    expect(stray).toEqual([]);
  });
});

describe('styles live with their components', () => {
  test('global (non-module) CSS stays under 1,500 lines', () => {
    const global = rendererFiles.filter((f) => f.endsWith('.css') && !f.endsWith('.module.css'));
    const lines = global.reduce((n, f) => n + readFileSync(join(root, f), 'utf8').split('\n').length, 0);
    expect(lines).toBeLessThan(1500);
  });
});

describe('each domain rule has one home', () => {
  const sources = ['electron', 'shared', 'renderer/src'].flatMap((dir) =>
    walk(join(root, dir)).filter((f) => /\.(ts|tsx)$/.test(f)),
  );
  const definitions = (pattern: RegExp) =>
    sources.filter((f) => pattern.test(readFileSync(f, 'utf8'))).map((f) => relative(root, f));

  test.each([
    ['maskName', /(function|const) maskName\b/, 'shared/people/mask.ts'],
    ['compareGrades', /(function|const) compareGrades\b/, 'shared/people/school.ts'],
    ['warning counts', /(function|const) warningCount\b/, 'shared/figures/warning.ts'],
    ['rates and their rounding', /(function|const) percentText\b/, 'shared/figures/rates.ts'],
    ['school terms', /(function|const) presetPeriod\b/, 'shared/figures/periods.ts'],
    ['the current level', /(function|const) currentLevel\b/, 'shared/figures/current-level.ts'],
    ['period figures', /(function|const) periodFigures\b/, 'shared/figures/definitions.ts'],
    ['time points due in a period', /(function|const) dueTimePoints\b/, 'shared/figures/definitions.ts'],
    ['referral transitions', /(const) REFERRAL_NEXT\b/, 'shared/cases/transitions.ts'],
    ['typed dates', /(function|const) parseTypedDate\b/, 'shared/people/date.ts'],
    ['todayIso', /(function|const) todayIso\b/, 'shared/people/date.ts'],
  ])('%s is defined once, in shared/', (_name, pattern, home) => {
    expect(definitions(pattern)).toEqual([home]);
  });
});
