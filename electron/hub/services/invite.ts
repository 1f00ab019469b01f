import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/api/errors';
import { defaultAgreement, type HubProgramme } from '../../../shared/hub/agreement';
import { INVITE_FORMAT, inviteSchema, type HubInvite } from '../../../shared/hub/invite';
import { newSecret } from '../../security/bundle-crypto';
import type { HubDb } from '../db/hub-db';
import { appendHubAudit } from './audit';
import { hubInfo } from './hub';
import type { HubKeys } from './keys';

export interface InviteInput {
  name: string;
  programme: HubProgramme;
  township?: string | null;
  shareNames: boolean;
  uploadUrl?: string | null;
}

/**
 * A one-time invitation for a named installation: a new installation id, a one-time secret that
 * vouches for its signing key in its first bundle, and the sharing agreement. Names are unique
 * (`conflict`); re-inviting a revoked installation's name gives a new id, so nothing signed
 * under the old one is accepted again.
 */
export async function inviteInstallation(
  db: HubDb,
  keys: HubKeys,
  input: InviteInput,
  actor: string,
): Promise<HubInvite> {
  const hub = await hubInfo(db);
  const invite: HubInvite = inviteSchema.parse({
    format: INVITE_FORMAT,
    hubId: keys.hubId,
    hubName: hub.name,
    hubPublicKey: keys.publicKey,
    installationId: randomUUID(),
    installationName: input.name,
    township: input.township ?? null,
    secret: newSecret(),
    agreement: defaultAgreement(input.programme, input.shareNames),
    uploadUrl: input.uploadUrl ?? null,
    issuedAt: new Date().toISOString(),
  });
  await db.transaction(async (tx) => {
    const [existing] = await tx.query<{ id: string; status: string }>(
      `SELECT id::text AS id, status FROM installations WHERE name = $1 AND status <> 'revoked' FOR UPDATE`,
      [input.name],
    );
    if (existing)
      throw new AppError('conflict', `An installation named ${input.name} is already invited or enrolled.`);
    await tx.query(
      `INSERT INTO installations (id, name, programme, township, agreement, invite_secret, status)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6, 'invited')`,
      [
        invite.installationId,
        invite.installationName,
        input.programme,
        invite.township,
        JSON.stringify(invite.agreement),
        invite.secret,
      ],
    );
    await appendHubAudit(tx, {
      actor,
      action: 'installation.invite',
      installationId: invite.installationId,
      detail: {
        name: invite.installationName,
        programme: input.programme,
        township: invite.township,
        names: invite.agreement.names,
      },
    });
  });
  return invite;
}

export interface HubInstallationRecord {
  id: string;
  name: string;
  programme: HubProgramme;
  township: string | null;
  status: 'invited' | 'enrolled' | 'revoked';
}

export async function installationByName(db: HubDb, name: string): Promise<HubInstallationRecord | null> {
  const [row] = await db.query<HubInstallationRecord>(
    // The live installation of that name, else the most recently revoked one.
    `SELECT id::text AS id, name, programme, township, status FROM installations
      WHERE name = $1 ORDER BY status = 'revoked', invited_at DESC LIMIT 1`,
    [name],
  );
  return row ?? null;
}
