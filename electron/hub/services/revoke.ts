import { AppError } from '../../../shared/api/errors';
import type { HubDb } from '../db/hub-db';
import { appendHubAudit } from './audit';

/**
 * Revokes an installation: its bundles are refused from now on (`revoked`), an unused invitation
 * secret is dropped. Its records stay for the district's history; its name may be invited again
 * (a new installation id).
 */
export async function revokeInstallation(
  db: HubDb,
  installationId: string,
  actor: string,
): Promise<{ installationId: string; alreadyRevoked: boolean }> {
  return db.transaction(async (tx) => {
    const [row] = await tx.query<{ status: string }>(
      'SELECT status FROM installations WHERE id = $1::uuid FOR UPDATE',
      [installationId],
    );
    if (!row) throw new AppError('not_found', `No installation ${installationId}.`);
    if (row.status === 'revoked') return { installationId, alreadyRevoked: true };
    await tx.query(
      `UPDATE installations SET status = 'revoked', revoked_at = now(), invite_secret = NULL WHERE id = $1::uuid`,
      [installationId],
    );
    await appendHubAudit(tx, { actor, action: 'installation.revoke', installationId });
    return { installationId, alreadyRevoked: false };
  });
}
