import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../../services/atomic-file';

/**
 * The hub's X25519 keys live beside its data (DIR/hub-keys.json, mode 0600), not in the database:
 * a copy of the database (a dump, a replica) cannot open the bundles on its own.
 */
export const HUB_KEYS_FILE = 'hub-keys.json';

const base64 = z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/);
export const hubKeysSchema = z.strictObject({
  hubId: z.string().uuid(),
  publicKey: base64,
  privateKey: base64,
});
export type HubKeys = z.infer<typeof hubKeysSchema>;

export const hubKeysPath = (dataDir: string): string => join(dataDir, HUB_KEYS_FILE);

export const hubKeysExist = (dataDir: string): boolean => existsSync(hubKeysPath(dataDir));

/** The keys, or null when the folder holds none; throws on a damaged file (never overwritten silently). */
export function readHubKeys(dataDir: string): HubKeys | null {
  let text: string;
  try {
    text = readFileSync(hubKeysPath(dataDir), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const parsed = hubKeysSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`${hubKeysPath(dataDir)} is damaged`);
  return parsed.data;
}

export function writeHubKeys(dataDir: string, keys: HubKeys): void {
  writeFileAtomic(hubKeysPath(dataDir), JSON.stringify(keys, null, 2));
}
