// A clone of the project alone must pass its tests: no test, bench, script or CI step may read a
// file outside the repository (the reference material once handed over beside the checkout least
// of all). This catches a relative path that climbs out of the checkout, and an absolute path to
// anything beside it.
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

/** The folder that holds the checkout, worked out here so no machine's path is written down. */
const PARENT = dirname(ROOT);

/**
 * The paths in `text` (a file in `fromDir`) that leave the repository: '../…' literals resolved
 * from the file's folder, or from the root when joined to a root constant, and absolute paths into
 * the checkout's parent folder other than the checkout itself.
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
    ...text.split(/['"`\s]/).filter((word) => word.startsWith(PARENT + '/') && outside(resolve(word))),
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

  test('the check would catch the old reads of a folder beside the checkout', () => {
    const here = join(ROOT, 'test/unit');
    const check = (text: string) => escapes(text, here);
    // Built here rather than written out: a folder beside the checkout, seen from this test's folder.
    const beside = relative(here, join(PARENT, 'reference', 'golden'));
    expect(check(`path.resolve(__dirname, '${beside}')`)).toEqual([beside]);
    expect(check(`join(projectRoot, '../reference/samples')`)).toEqual(['../reference/samples']);
    const absolute = join(PARENT, 'reference', 'samples');
    expect(check(`readFileSync('${absolute}/a.xlsx')`)).toEqual([`${absolute}/a.xlsx`]);
    // The project's own folders, reached from inside, are fine.
    expect(check(`import { x } from '../../electron/db/database';`)).toEqual([]);
    expect(check(`readFileSync('${join(ROOT, 'test/fixtures/golden/scores.csv')}')`)).toEqual([]);
  });
});
