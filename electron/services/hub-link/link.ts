import { randomBytes } from 'node:crypto';
import { refusal } from '../../../shared/api/errors';
import type { HubEnrolment, HubLinkStatus } from '../../../shared/api/hub-link';
import { agreementSchema, type HubProgramme, type SharingAgreement } from '../../../shared/hub/agreement';
import { inviteSchema } from '../../../shared/hub/invite';
import type { Db } from '../../db/database';
import { nowIso } from '../../db/database';
import { newSigningKeys, type KeyPair } from '../../security/bundle-crypto';
import { audit } from '../audit';
import { getSetting } from '../settings';

/** This installation's enrolment as stored (one row, migration 23). */
export interface HubLink {
  hubId: string;
  hubName: string;
  hubPublicKey: string;
  installationId: string;
  installationName: string;
  township: string | null;
  enrolmentSecret: string;
  agreement: SharingAgreement;
  uploadUrl: string | null;
  signing: KeyPair;
  pseudonymKey: Buffer;
  sequence: number;
  enrolledAt: string;
  lastBundleAt: string | null;
  lastBundleId: string | null;
}

interface LinkRow {
  hub_id: string;
  hub_name: string;
  hub_public_key: string;
  installation_id: string;
  installation_name: string;
  township: string | null;
  enrolment_secret: string;
  agreement: string;
  upload_url: string | null;
  signing_public_key: string;
  signing_private_key: string;
  pseudonym_key: string;
  sequence: number;
  enrolled_at: string;
  last_bundle_at: string | null;
  last_bundle_id: string | null;
}

/** The hub programme this organisation screens in: a school, or a maternal service's perinatal care. */
export function organisationProgramme(db: Db): HubProgramme {
  return getSetting(db, 'org.type') === 'maternal' ? 'perinatal' : 'school';
}

export function readLink(db: Db): HubLink | null {
  const row = db.prepare<[], LinkRow>('SELECT * FROM hub_link WHERE id = 1').get();
  if (!row) return null;
  return {
    hubId: row.hub_id,
    hubName: row.hub_name,
    hubPublicKey: row.hub_public_key,
    installationId: row.installation_id,
    installationName: row.installation_name,
    township: row.township,
    enrolmentSecret: row.enrolment_secret,
    agreement: agreementSchema.parse(JSON.parse(row.agreement)),
    uploadUrl: row.upload_url,
    signing: { publicKey: row.signing_public_key, privateKey: row.signing_private_key },
    pseudonymKey: Buffer.from(row.pseudonym_key, 'base64'),
    sequence: row.sequence,
    enrolledAt: row.enrolled_at,
    lastBundleAt: row.last_bundle_at,
    lastBundleId: row.last_bundle_id,
  };
}

export function requireLink(db: Db): HubLink {
  const link = readLink(db);
  if (!link)
    throw refusal('conflict', 'hub.not_enrolled', 'This installation has not joined a district hub.');
  return link;
}

const enrolmentOf = (link: HubLink): HubEnrolment => ({
  hubId: link.hubId,
  hubName: link.hubName,
  installationId: link.installationId,
  installationName: link.installationName,
  agreement: link.agreement,
});

export function hubLinkStatus(db: Db): HubLinkStatus {
  const link = readLink(db);
  return {
    programme: organisationProgramme(db),
    link: link && {
      ...enrolmentOf(link),
      township: link.township,
      uploadUrl: link.uploadUrl,
      enrolledAt: link.enrolledAt,
      sequence: link.sequence,
      lastBundleAt: link.lastBundleAt,
      lastBundleId: link.lastBundleId,
    },
  };
}

function parseInvite(text: string) {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const parsed = inviteSchema.safeParse(json);
  if (!parsed.success)
    throw refusal('invalid_input', 'hub.invalid_invite', 'Not a district hub invitation file.');
  return parsed.data;
}

/**
 * 加入区县平台: stores the invitation and makes this installation's signing keys and pseudonym
 * key. Enrolling again from the same hub (a fresh invitation) keeps the pseudonym key, so the
 * hub's records of the same people stay theirs; another hub needs `replace`. The bundle counter
 * goes on for the same installation id (the hub orders its bundles by it) and restarts for a new one.
 */
export function enrol(db: Db, userId: number | null, inviteText: string, replace = false): HubEnrolment {
  const invite = parseInvite(inviteText);
  const programme = organisationProgramme(db);
  if (invite.agreement.programme !== programme)
    throw refusal('conflict', 'hub.programme_mismatch', `The invitation is for ${invite.agreement.programme}, this organisation screens ${programme}.`, { programme: invite.agreement.programme }); // prettier-ignore
  const current = readLink(db);
  if (current && current.hubId !== invite.hubId && !replace)
    throw refusal('conflict', 'hub.other_hub', 'Already enrolled in another district hub.', {
      hubName: current.hubName,
    });
  const keepPseudonyms = current !== null && current.hubId === invite.hubId;
  const pseudonymKey = keepPseudonyms ? current.pseudonymKey : randomBytes(32);
  const sequence = keepPseudonyms && current.installationId === invite.installationId ? current.sequence : 0;
  // The same invitation again (enrol run twice) keeps the key the hub may already have pinned.
  const sameInvite =
    keepPseudonyms &&
    current.installationId === invite.installationId &&
    current.enrolmentSecret === invite.secret;
  const signing = sameInvite ? current.signing : newSigningKeys();
  db.transaction(() => {
    db.prepare('DELETE FROM hub_link').run();
    db.prepare(
      `INSERT INTO hub_link (id, hub_id, hub_name, hub_public_key, installation_id, installation_name, township,
         enrolment_secret, agreement, upload_url, signing_public_key, signing_private_key, pseudonym_key,
         sequence, enrolled_at, enrolled_by)
       VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      invite.hubId,
      invite.hubName,
      invite.hubPublicKey,
      invite.installationId,
      invite.installationName,
      invite.township,
      invite.secret,
      JSON.stringify(invite.agreement),
      invite.uploadUrl,
      signing.publicKey,
      signing.privateKey,
      pseudonymKey.toString('base64'),
      sequence,
      nowIso(),
      userId,
    );
    // Ids and the agreement's switches only: no names, no keys, no secret.
    audit(db, userId, 'hub.enrol', undefined, {
      hubId: invite.hubId,
      installationId: invite.installationId,
      names: invite.agreement.names,
      replaced: current !== null && current.hubId !== invite.hubId,
    });
  })();
  return enrolmentOf(requireLink(db));
}
