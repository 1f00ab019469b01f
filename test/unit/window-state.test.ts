import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { DEFAULT_WINDOW_STATE, loadWindowState, saveWindowState } from '../../electron/window-state';
import { useTempDirs } from '../helpers/temp';

const tempDir = useTempDirs();

describe('window-state.json', () => {
  test('a saved state comes back', () => {
    const dir = tempDir();
    saveWindowState(dir, { width: 1400, height: 900, x: 10, y: 20, maximized: true });
    expect(loadWindowState(dir)).toEqual({ width: 1400, height: 900, x: 10, y: 20, maximized: true });
  });

  test.each([
    ['missing', null],
    ['truncated JSON', '{"width": 14'],
    ['garbage bytes', Buffer.from([0xff, 0x00, 0x13, 0x37])],
    ['empty', ''],
    ['JSON null', 'null'],
    ['a string', '"big"'],
    ['out of range', '{"width": 5, "height": 99999}'],
    ['wrong types', '{"width": "1400", "height": 900}'],
    ['huge', `{"width": 1400, "height": 900, "pad": "${'x'.repeat(1024 * 1024)}"}`],
  ])('%s: the defaults, never a throw', (_label, content) => {
    const dir = tempDir();
    if (content !== null) writeFileSync(join(dir, 'window-state.json'), content);
    expect(loadWindowState(dir)).toEqual(DEFAULT_WINDOW_STATE);
  });

  test('a folder where the file should be: the defaults', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'window-state.json'));
    expect(loadWindowState(dir)).toEqual(DEFAULT_WINDOW_STATE);
  });
});
