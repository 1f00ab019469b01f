import { existsSync, readFileSync } from 'node:fs';
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

export function loadWindowState(dataDir: string): WindowState {
  const file = join(dataDir, FILE);
  if (!existsSync(file)) return DEFAULT_WINDOW_STATE;
  const parsed = boundsSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  return parsed.success ? parsed.data : DEFAULT_WINDOW_STATE;
}

export function saveWindowState(dataDir: string, state: WindowState): void {
  writeFileAtomic(join(dataDir, FILE), JSON.stringify(state));
}
