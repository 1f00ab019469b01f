import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import type { HubDb } from '../../electron/hub/db/hub-db';
import { initHub } from '../../electron/hub/services/hub';
import { inviteInstallation, type InviteInput } from '../../electron/hub/services/invite';
import { readHubKeys, type HubKeys } from '../../electron/hub/services/keys';
import type { HubInvite } from '../../shared/hub/invite';
import { syntheticInstallation, type SyntheticInstallation } from './hub-bundles';

/**
 * A hub made by the real services (initHub, inviteInstallation) on a test store, and synthetic
 * installations enrolled from its real invitation files.
 */
export interface TestHub {
  db: HubDb;
  keys: HubKeys;
  dataDir: string;
  recoveryCode: string;
  invite(
    name: string,
    input?: Partial<InviteInput>,
  ): Promise<{ invite: HubInvite; inst: SyntheticInstallation }>;
}

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

export function tempHubDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'anxin-hub-'));
  dirs.push(dir);
  return dir;
}

export async function testHub(db: HubDb, name = '示例县心理健康教育指导中心'): Promise<TestHub> {
  const dataDir = tempHubDir();
  const { recoveryCode } = await initHub(db, dataDir, {
    name,
    adminUsername: 'admin',
    adminPassword: 'correct horse battery',
  });
  const keys = readHubKeys(dataDir)!;
  return {
    db,
    keys,
    dataDir,
    recoveryCode,
    async invite(installationName, input = {}) {
      const invite = await inviteInstallation(
        db,
        keys,
        { name: installationName, programme: 'school', shareNames: false, ...input },
        'cli:admin',
      );
      return { invite, inst: syntheticInstallation(invite) };
    },
  };
}

/** The installation's records as rows sorted by key, for comparing states. */
export async function dumpInstallation(db: HubDb, installationId: string) {
  const aggregates = await db.query(
    'SELECT * FROM aggregates WHERE installation_id = $1::uuid ORDER BY key',
    [installationId],
  );
  const cases = await db.query('SELECT * FROM cases WHERE installation_id = $1::uuid ORDER BY ref', [
    installationId,
  ]);
  const [installation] = await db.query(
    `SELECT people, levels, last_sequence, last_created_at::text AS last_created_at, status, signing_key
       FROM installations WHERE id = $1::uuid`,
    [installationId],
  );
  return JSON.parse(JSON.stringify({ aggregates, cases, installation })) as unknown;
}
