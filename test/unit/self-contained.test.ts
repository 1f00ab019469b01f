// A clone of the project alone must pass its tests: no test, bench, script or CI step may read a
// file outside the repository (the reference material once handed over beside it, ../shared,
// least of all). This catches a relative path that climbs out of the checkout.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const FOLDERS = ['test', 'bench', 'scripts', '.ci'];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory())
      return name === 'fixtures' || name === '__snapshots__' ? [] : files(path);
    return /\.(ts|mts|mjs|js|sh)$/.test(name) || !name.includes('.') ? [path] : [];
  });
}

/**
 * The paths in `text` (a file in `fromDir`) that leave the repository: '../…' literals resolved
 * from the file's folder, or from the root when joined to a root constant, and absolute /work/shared.
 */
function escapes(text: string, fromDir: string): string[] {
  const outside = (path: string) => path !== ROOT && !path.startsWith(ROOT + '/');
  return [
    ...[...text.matchAll(/['"`](\.\.\/[^'"`$]*)['"`]/g)]
      .map((m) => m[1]!)
      .filter((literal) => outside(resolve(fromDir, literal))),
    ...[...text.matchAll(/\b(?:ROOT|root|projectRoot)\s*,\s*['"`](\.\.\/[^'"`]*)['"`]/g)]
      .map((m) => m[1]!)
      .filter((literal) => outside(resolve(ROOT, literal))),
    ...[...text.matchAll(/\/work\/shared\b/g)].map((m) => m[0]),
  ];
}

describe('the project stands alone', () => {
  test.each(FOLDERS)('nothing under %s/ reads a file outside the repository', (folder) => {
    const offenders = files(join(ROOT, folder))
      // This file quotes the old paths on purpose, below.
      .filter((file) => file !== import.meta.filename)
      .map((file) => [relative(ROOT, file), escapes(readFileSync(file, 'utf8'), dirname(file))] as const)
      .filter(([, found]) => found.length > 0);
    expect(offenders).toEqual([]);
  });

  test('the check would catch the old reads of ../shared', () => {
    const check = (text: string) => escapes(text, join(ROOT, 'test/unit'));
    expect(check(`path.resolve(__dirname, '../../../shared/golden')`)).toEqual(['../../../shared/golden']);
    expect(check(`join(projectRoot, '../shared/samples')`)).toEqual(['../shared/samples']);
    expect(check(`import { x } from '../../shared/tiers';`)).toEqual([]);
  });
});
