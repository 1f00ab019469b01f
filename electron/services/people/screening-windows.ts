import { z } from 'zod';
import type { WindowSettings } from '../../../shared/api/people';
import {
  defaultScreeningWindows,
  screeningWindowsSchema,
  type ScreeningWindows,
} from '../../../shared/people';
import type { Db } from '../../db/database';
import { nowIso } from '../../db/database';
import { parseJsonColumn } from '../../db/json-column';
import { audit } from '../audit';

/**
 * The perinatal time-point windows are versioned like the tier rules: version 1 is the built-in
 * default (read from code, never stored, so a database that never changed them follows the
 * shipped default), and each save adds version 2, 3 … with who and when. Versions are rows of the
 * settings table (`perinatal.windows.v<N>`), so no migration is needed; a saved version is never
 * rewritten, and the newest is the one every status, due list, statistic and export reads.
 */
const KEY_PREFIX = 'perinatal.windows.v';
const DEFAULT_VERSION = 1;

const storedVersionColumn = z.object({
  windows: screeningWindowsSchema,
  createdAt: z.string(),
  createdBy: z.number().int().nullable(),
});

interface SavedVersion {
  version: number;
  windows: ScreeningWindows;
  createdAt: string;
  createdBy: string | null;
}

function savedVersions(db: Db): SavedVersion[] {
  const rows = db
    .prepare<[string], { key: string; value: string }>(
      "SELECT key, value FROM settings WHERE key LIKE ? || '%'",
    )
    .all(KEY_PREFIX);
  const names = new Map(
    db
      .prepare<[], { id: number; display_name: string }>('SELECT id, display_name FROM users')
      .all()
      .map((u) => [u.id, u.display_name]),
  );
  return rows
    .map((row) => {
      const stored = parseJsonColumn(storedVersionColumn, row.value, 'time-point window version');
      return {
        version: Number(row.key.slice(KEY_PREFIX.length)),
        windows: stored.windows,
        createdAt: stored.createdAt,
        createdBy: stored.createdBy === null ? null : (names.get(stored.createdBy) ?? null),
      };
    })
    .filter((v) => Number.isInteger(v.version))
    .sort((a, b) => b.version - a.version);
}

/** The windows in force: the newest saved version, else the built-in default. The one reader. */
export function currentScreeningWindows(db: Db): ScreeningWindows {
  return savedVersions(db)[0]?.windows ?? defaultScreeningWindows;
}

export function screeningWindowSettings(db: Db): WindowSettings {
  const saved = savedVersions(db);
  const builtin = { version: DEFAULT_VERSION, createdAt: null, createdBy: null };
  const [latest] = saved;
  return {
    active: latest ?? { ...builtin, windows: defaultScreeningWindows },
    defaults: defaultScreeningWindows,
    history: [
      ...saved.map(({ version, createdAt, createdBy }) => ({ version, createdAt, createdBy })),
      builtin,
    ],
  };
}

/** Saves the windows as the next version (the input is already checked by the contract's schema). */
export function saveScreeningWindows(db: Db, userId: number, windows: ScreeningWindows): WindowSettings {
  const checked = screeningWindowsSchema.parse(windows);
  db.transaction(() => {
    const next = Math.max(DEFAULT_VERSION, ...savedVersions(db).map((v) => v.version)) + 1;
    db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run(
      `${KEY_PREFIX}${next}`,
      JSON.stringify({ windows: checked, createdAt: nowIso(), createdBy: userId }),
    );
    audit(db, userId, 'timepoints.save', String(next));
  })();
  return screeningWindowSettings(db);
}
