import type { Db } from '../db/database';
import { statement } from '../db/statements';

export function getSetting(db: Db, key: string): string | null {
  const row = statement<[string], { value: string }>(db, 'SELECT value FROM settings WHERE key = ?').get(key);
  return row?.value ?? null;
}

export function setSetting(db: Db, key: string, value: string): void {
  db.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ).run(key, value);
}
