import { refusal } from '../../../shared/api/errors';
import type {
  BundleCounts,
  HubBundleFile,
  HubPushResult,
  SharingPreview,
} from '../../../shared/api/hub-link';
import type { HubProgramme } from '../../../shared/hub/agreement';
import { aggregateSchema, caseRecordSchema, type BundlePayload } from '../../../shared/hub/bundle';
import { INGEST_REFUSALS, type IngestOutcome } from '../../../shared/hub/ingest';
import { todayIso } from '../../../shared/people';
import type { Db } from '../../db/database';
import { sealBundle } from '../../security/bundle-crypto';
import { audit } from '../audit';
import { requireLink } from './link';
import { buildPayload } from './payload';

export const BUNDLE_EXTENSION = '.anxinreport';

/** The fields a named case record can add (only under an agreement with `names`). */
const NAMED_FIELDS = ['name', 'grade', 'className'] as const;

/** Each programme's dimensions: the other programme's are always null, so they are not listed as sent. */
const UNUSED: Record<HubProgramme, { aggregate: readonly string[]; named: readonly string[] }> = {
  school: { aggregate: ['timePoint', 'township'], named: [] },
  perinatal: { aggregate: ['campaign', 'grade', 'className'], named: ['grade', 'className'] },
};

export function bundleCounts(payload: BundlePayload): BundleCounts {
  return {
    aggregates: payload.aggregates.length,
    cases: payload.cases.length,
    named: payload.cases.filter((c) => c.name !== undefined).length,
  };
}

/**
 * 本机构发送的内容: the agreement, every field each record kind can carry, and how many records a
 * bundle written now would hold. Read from the payload builder itself, so it cannot drift from
 * what is sent.
 */
export function sharingPreview(db: Db, now: Date = new Date()): SharingPreview {
  const link = requireLink(db);
  const payload = db.transaction(() => buildPayload(db, now, undefined, link))();
  const unused = UNUSED[link.agreement.programme];
  return {
    agreement: link.agreement,
    hubName: link.hubName,
    installationName: link.installationName,
    fields: {
      aggregate: Object.keys(aggregateSchema.shape).filter(
        (f) => f !== 'key' && !unused.aggregate.includes(f),
      ),
      case: Object.keys(caseRecordSchema.shape).filter(
        (f) => !(NAMED_FIELDS as readonly string[]).includes(f),
      ),
      named: link.agreement.names ? NAMED_FIELDS.filter((f) => !unused.named.includes(f)) : [],
    },
    counts: bundleCounts(payload),
    levels: payload.levels,
    people: payload.people,
  };
}

/** `上报-<机构>-<YYYYMMDD>.anxinreport`, with nothing a file system would refuse. */
export function bundleFileName(installationName: string, now: Date): string {
  const safe = installationName.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 60);
  return `上报-${safe}-${todayIso(now).replaceAll('-', '')}${BUNDLE_EXTENSION}`;
}

/**
 * 上报: the next bundle, signed with this installation's key and encrypted to the hub. The
 * sequence advances in the same transaction that reads the snapshot, so two bundles never share
 * a number and a failure leaves the counter where it was.
 */
export function writeBundle(
  db: Db,
  userId: number | null,
  now: Date = new Date(),
): { bytes: Buffer; fileName: string; bundleId: string; sequence: number; counts: BundleCounts } {
  return db.transaction(() => {
    const link = requireLink(db);
    const sequence = link.sequence + 1;
    const payload = buildPayload(db, now, sequence, link);
    const bytes = sealBundle({
      payloadJson: JSON.stringify(payload),
      hubId: link.hubId,
      installationId: link.installationId,
      hubPublicKey: link.hubPublicKey,
      signing: link.signing,
      enrolmentSecret: link.enrolmentSecret,
    });
    db.prepare('UPDATE hub_link SET sequence = ?, last_bundle_at = ?, last_bundle_id = ? WHERE id = 1').run(
      sequence,
      payload.createdAt,
      payload.bundleId,
    );
    const counts = bundleCounts(payload);
    // Ids in the detail (machine text), not the subject the trail's list reads out.
    audit(db, userId, 'hub.bundle', undefined, { bundleId: payload.bundleId, sequence, ...counts });
    return {
      bytes,
      fileName: bundleFileName(link.installationName, now),
      bundleId: payload.bundleId,
      sequence,
      counts,
    };
  })();
}

export function bundleFile(db: Db, userId: number, now: Date = new Date()): HubBundleFile {
  const { bytes, ...rest } = writeBundle(db, userId, now);
  return { ...rest, contentBase64: bytes.toString('base64') };
}

/** The hub's answer to a push, read strictly: anything else is a failed push. */
function outcomeOf(json: unknown): IngestOutcome | null {
  if (typeof json !== 'object' || json === null) return null;
  const o = json as Record<string, unknown>;
  if (o.status === 'accepted' || o.status === 'unchanged') return o as IngestOutcome;
  if (o.status === 'rejected' && (INGEST_REFUSALS as readonly unknown[]).includes(o.reason))
    return o as IngestOutcome;
  return null;
}

/**
 * Pushes a new bundle to the invitation's upload address (`POST /hub/api/bundles`, the bytes as
 * application/octet-stream) when the network allows. The bundle is written (and counted) first:
 * if the push fails the same bundle can still travel by file.
 */
export async function pushBundle(
  db: Db,
  userId: number | null,
  now: Date = new Date(),
  post: typeof fetch = fetch,
): Promise<HubPushResult> {
  const link = requireLink(db);
  if (!link.uploadUrl)
    throw refusal('conflict', 'hub.no_upload_url', 'The invitation gives no upload address.');
  const { bytes, bundleId, sequence } = writeBundle(db, userId, now);
  let response: Response;
  try {
    response = await post(link.uploadUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: new Uint8Array(bytes),
      signal: AbortSignal.timeout(60_000),
    });
  } catch {
    throw refusal('conflict', 'hub.push_failed', 'The hub could not be reached.', { status: 'network' });
  }
  const outcome = outcomeOf(await response.json().catch(() => null));
  if (!outcome)
    throw refusal('conflict', 'hub.push_failed', `The hub answered ${response.status}.`, {
      status: response.status,
    });
  audit(db, userId, 'hub.push', undefined, { bundleId, status: outcome.status });
  return {
    bundleId,
    sequence,
    status: outcome.status,
    reason: outcome.status === 'rejected' ? outcome.reason : null,
  };
}
