/**
 * Why the hub refuses a bundle: codes the CLI prints as they are and the hub's pages word in the
 * user's language. Every refusal is written to the hub's audit with its code.
 */
export const INGEST_REFUSALS = [
  /** Not a report bundle at all (not the envelope's JSON, or cut short). */
  'not_a_bundle',
  /** The encryption's integrity check failed: a byte was changed on the way. */
  'tampered',
  /** Written for another hub. */
  'wrong_hub',
  /** No invitation was ever made for this installation id. */
  'unknown_installation',
  /** The installation was revoked; its bundles are no longer accepted. */
  'revoked',
  /** The signing key is not the one pinned at enrolment, or the invitation's secret does not vouch for it. */
  'not_enrolled',
  /** The signature does not match the content. */
  'bad_signature',
  /** The content does not follow the bundle format. */
  'invalid_payload',
  /** The bundle holds more than the installation's agreement shares (a name it may not send). */
  'outside_agreement',
  /** This bundle was already received (the same bundle id): nothing is applied again. */
  'replayed',
] as const;
export type IngestRefusal = (typeof INGEST_REFUSALS)[number];

export type IngestOutcome =
  | { status: 'accepted'; installationId: string; bundleId: string; changed: number }
  | { status: 'unchanged'; installationId: string; bundleId: string }
  | { status: 'rejected'; reason: IngestRefusal; installationId: string | null };

/** `anxin hub ingest --json` and the upload page's answer. */
export interface IngestSummary {
  accepted: number;
  unchanged: number;
  rejected: { file: string; reason: IngestRefusal }[];
}
