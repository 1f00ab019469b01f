import { readdirSync, statSync } from 'node:fs';
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
