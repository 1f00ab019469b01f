import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';

const RENDERER = resolve(import.meta.dirname, '../../renderer/src');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'i18n' ? [] : sources(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('the renderer shows what the contract allows', () => {
  test('no screen keeps a hand-copied list of roles: pages and buttons ask can(role, method)', () => {
    // A list of two or more role names in one array literal is a copy of the contract's table.
    const roleList =
      /\[\s*'(admin|psychologist|screener|class_teacher|supervisor)'\s*,\s*'(admin|psychologist|screener|class_teacher|supervisor)'/;
    const copies = sources(RENDERER).filter((file) => roleList.test(readFileSync(file, 'utf8')));
    expect(copies.map((f) => f.slice(RENDERER.length + 1))).toEqual([]);
    // Every navigation entry names the method its page stands on.
    const nav = [
      'shell/nav.tsx',
      'features/screening/nav.tsx',
      'features/cases/nav.tsx',
      'features/reports/nav.tsx',
    ];
    for (const file of nav) {
      const text = readFileSync(join(RENDERER, file), 'utf8');
      expect(text, file).not.toMatch(/\broles:/);
      expect(text.match(/\bmethod: '/g)?.length ?? 0, file).toBe(text.match(/\bpath: '/g)?.length ?? 0);
    }
  });
});
