import { createHash } from 'node:crypto';
import { agreementSchema } from '../../../shared/hub/agreement';
import { bundlePayloadSchema, namesWithinAgreement, type BundlePayload } from '../../../shared/hub/bundle';
import type { IngestOutcome, IngestRefusal } from '../../../shared/hub/ingest';
import {
  BundleCryptoError,
  enrolmentValid,
  openBundle,
  readEnvelopeHeader,
  signatureValid,
  type EnvelopeHeader,
  type OpenedBundle,
} from '../../security/bundle-crypto';
import type { HubDb, HubQueries } from '../db/hub-db';
import { applyInstallationFields, applyRecords, bundleVersion } from './apply';
import { appendHubAudit } from './audit';
import type { HubKeys } from './keys';

/**
 * Ingests one report bundle: every check in a fixed order, the first failure refuses with its
 * code; an accepted bundle is applied in one transaction with its audit row. Every outcome,
 * refusals included, is in the hub's audit. A refused bundle changes nothing else (not even the
 * enrolment: a later good bundle still carries the enrolment MAC).
 */
/**
 * The largest file taken as a bundle: the format's own caps (20,000 aggregates, 50,000 cases)
 * stay well below it after encryption and base64; anything bigger is refused unread.
 */
export const MAX_BUNDLE_BYTES = 64 * 1024 * 1024;

interface InstallationRow {
  id: string;
  status: 'invited' | 'enrolled' | 'revoked';
  invite_secret: string | null;
  signing_key: string | null;
  agreement: unknown;
}

class Refused extends Error {
  constructor(
    readonly reason: IngestRefusal,
    readonly installationId: string | null,
    readonly bundleId: string | null = null,
  ) {
    super(reason);
  }
}

async function installationRow(db: HubQueries, id: string, lock = false): Promise<InstallationRow | null> {
  const [row] = await db.query<InstallationRow>(
    `SELECT id::text AS id, status, invite_secret, signing_key, agreement
       FROM installations WHERE id = $1::uuid${lock ? ' FOR UPDATE' : ''}`,
    [id],
  );
  return row ?? null;
}

/** Which key check the bundle passes: the pinned key, or enrolment by the invitation's secret. */
function keyCheck(row: InstallationRow, opened: OpenedBundle): 'pinned' | 'enrol' | null {
  if (row.signing_key !== null) return opened.signingKey === row.signing_key ? 'pinned' : null;
  if (row.invite_secret !== null && enrolmentValid(opened, row.invite_secret, row.id)) return 'enrol';
  return null;
}

function parsePayload(opened: OpenedBundle, header: EnvelopeHeader): BundlePayload | null {
  let json: unknown;
  try {
    json = JSON.parse(opened.payload);
  } catch {
    return null;
  }
  const parsed = bundlePayloadSchema.safeParse(json);
  if (!parsed.success) return null;
  const payload = parsed.data;
  if (payload.hubId !== header.hubId || payload.installationId !== header.installationId) return null;
  if (!Number.isFinite(Date.parse(payload.createdAt))) return null;
  // Each record once: the upsert could not tell which of two copies is meant.
  if (new Set(payload.aggregates.map((a) => a.key)).size !== payload.aggregates.length) return null;
  if (new Set(payload.cases.map((c) => c.ref)).size !== payload.cases.length) return null;
  return payload;
}

async function bundleSeen(db: HubQueries, bundleId: string): Promise<boolean> {
  const rows = await db.query('SELECT 1 FROM bundles WHERE bundle_id = $1::uuid', [bundleId]);
  return rows.length > 0;
}

/** The checks before anything is written; returns what the apply step needs. */
async function check(db: HubDb, keys: HubKeys, file: Buffer) {
  if (file.length > MAX_BUNDLE_BYTES) throw new Refused('not_a_bundle', null);
  let header: EnvelopeHeader;
  try {
    header = readEnvelopeHeader(file);
  } catch {
    throw new Refused('not_a_bundle', null);
  }
  if (header.hubId !== keys.hubId) throw new Refused('wrong_hub', null);
  const installationId = header.installationId;
  const row = await installationRow(db, installationId);
  if (!row) throw new Refused('unknown_installation', null);
  if (row.status === 'revoked') throw new Refused('revoked', installationId);
  let opened: OpenedBundle;
  try {
    opened = openBundle(file, keys);
  } catch (error) {
    // An authenticated envelope whose inside is not ours is malformed content, not a changed byte.
    const reason =
      error instanceof BundleCryptoError && error.reason === 'malformed' ? 'invalid_payload' : 'tampered';
    throw new Refused(reason, installationId);
  }
  const key = keyCheck(row, opened);
  if (!key) throw new Refused('not_enrolled', installationId);
  if (!signatureValid(opened, opened.signingKey)) throw new Refused('bad_signature', installationId);
  const payload = parsePayload(opened, header);
  if (!payload) throw new Refused('invalid_payload', installationId);
  // The hub's copy of the agreement rules, whatever the bundle claims it was written under.
  const agreement = agreementSchema.safeParse(row.agreement);
  if (!agreement.success || !namesWithinAgreement({ ...payload, agreement: agreement.data }))
    throw new Refused('outside_agreement', installationId, payload.bundleId);
  if (await bundleSeen(db, payload.bundleId)) throw new Refused('replayed', installationId, payload.bundleId);
  return { installationId, opened, payload, key };
}

export async function ingestBundle(
  db: HubDb,
  keys: HubKeys,
  file: Buffer,
  actor: string,
): Promise<IngestOutcome> {
  const digest = createHash('sha256').update(file).digest('hex');
  try {
    const { installationId, opened, payload, key } = await check(db, keys, file);
    const { version, sequence } = bundleVersion(payload);
    return await db.transaction(async (tx): Promise<IngestOutcome> => {
      // One ingest per installation at a time; what was checked above is checked again under the lock.
      const row = await installationRow(tx, installationId, true);
      if (!row || row.status === 'revoked') throw new Refused('revoked', installationId, payload.bundleId);
      if (keyCheck(row, opened) === null) throw new Refused('not_enrolled', installationId, payload.bundleId);
      if (await bundleSeen(tx, payload.bundleId))
        throw new Refused('replayed', installationId, payload.bundleId);
      if (key === 'enrol' && row.signing_key === null)
        await tx.query(
          `UPDATE installations SET signing_key = $2, status = 'enrolled', enrolled_at = now(), invite_secret = NULL
            WHERE id = $1::uuid`,
          [installationId, opened.signingKey],
        );
      const newest = await applyInstallationFields(tx, installationId, payload);
      // An older snapshot than the newest already applied has nothing left to say.
      const records = newest ? await applyRecords(tx, installationId, payload) : 0;
      await tx.query(
        `INSERT INTO bundles (bundle_id, installation_id, sequence, created_at, digest, changed)
         VALUES ($1::uuid, $2::uuid, $3, $4::timestamptz, $5, $6)`,
        [payload.bundleId, installationId, sequence, new Date(version).toISOString(), digest, records],
      );
      const outcome: IngestOutcome =
        records > 0 || newest
          ? { status: 'accepted', installationId, bundleId: payload.bundleId, changed: records }
          : { status: 'unchanged', installationId, bundleId: payload.bundleId };
      await appendHubAudit(tx, {
        actor,
        action: `bundle.${outcome.status}`,
        installationId,
        detail: {
          bundleId: payload.bundleId,
          sequence,
          createdAt: payload.createdAt,
          digest,
          changed: records,
          newest,
          ...(key === 'enrol' ? { enrolled: true } : {}),
        },
      });
      return outcome;
    });
  } catch (error) {
    if (!(error instanceof Refused)) throw error;
    // A refused bundle's installation id is only recorded when it names a known installation.
    await appendHubAudit(db, {
      actor,
      action: 'bundle.rejected',
      installationId: error.installationId,
      detail: { reason: error.reason, digest, ...(error.bundleId ? { bundleId: error.bundleId } : {}) },
    });
    return { status: 'rejected', reason: error.reason, installationId: error.installationId };
  }
}
