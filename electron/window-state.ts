import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from './services/atomic-file';

const FILE = 'window-state.json';
const boundsSchema = z.object({
  width: z.number().int().min(640).max(10000),
  height: z.number().int().min(480).max(10000),
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  maximized: z.boolean().default(false),
});
export type WindowState = z.infer<typeof boundsSchema>;

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1280, height: 820, maximized: false };

/** A few hundred bytes when written by us; anything much larger is not ours to parse. */
const MAX_BYTES = 64 * 1024;

/**
 * The saved window bounds, or the defaults when the file is missing, truncated, garbage, huge or
 * out of range: a damaged convenience file must never stop the window from opening.
 */
export function loadWindowState(dataDir: string): WindowState {
  const file = join(dataDir, FILE);
  try {
    if (!statSync(file).isFile() || statSync(file).size > MAX_BYTES) return DEFAULT_WINDOW_STATE;
    const parsed = boundsSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : DEFAULT_WINDOW_STATE;
  } catch {
    return DEFAULT_WINDOW_STATE;
  }
}

export function saveWindowState(dataDir: string, state: WindowState): void {
  writeFileAtomic(join(dataDir, FILE), JSON.stringify(state));
}
