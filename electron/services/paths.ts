import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_FOLDER = 'Anxin';

/**
 * The per-user application-data folder, the same one Electron's `userData` names
 * for this product, so the window, the server and the CLI share one database.
 */
export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  if (env.ANXIN_DATA_DIR) return env.ANXIN_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_FOLDER);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_FOLDER);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_FOLDER);
}
