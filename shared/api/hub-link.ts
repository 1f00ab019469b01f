import { z } from 'zod';
import { agreementSchema, programmeSchema } from '../hub/agreement';
import { bundleLevelSchema } from '../hub/bundle';

/**
 * The installation's side of the district hub: its enrolment, what it sends (shown before it is
 * sent) and the report bundle. Files travel as base64 like every other upload and download.
 */
export const hubEnrolInputSchema = z.object({
  /** The invitation file's text (JSON), as `anxin hub invite` wrote it. */
  invite: z.string().min(1).max(20_000),
  /** Leave one hub for another: without it, an invitation from a different hub is refused. */
  replace: z.boolean().default(false),
});
export type HubEnrolInput = z.input<typeof hubEnrolInputSchema>;

export const hubEnrolmentSchema = z.object({
  hubId: z.string(),
  hubName: z.string(),
  installationId: z.string(),
  installationName: z.string(),
  agreement: agreementSchema,
});
export type HubEnrolment = z.infer<typeof hubEnrolmentSchema>;

export const hubLinkStatusSchema = z.object({
  /** The programme this organisation screens in (what an invitation must match). */
  programme: programmeSchema,
  link: hubEnrolmentSchema
    .extend({
      township: z.string().nullable(),
      uploadUrl: z.string().nullable(),
      enrolledAt: z.string(),
      /** Bundles written so far (the last one's sequence number). */
      sequence: z.number().int(),
      lastBundleAt: z.string().nullable(),
      lastBundleId: z.string().nullable(),
    })
    .nullable(),
});
export type HubLinkStatus = z.infer<typeof hubLinkStatusSchema>;

export const bundleCountsSchema = z.object({
  aggregates: z.number().int(),
  cases: z.number().int(),
  /** Case records carrying a name (only where the agreement allows it). */
  named: z.number().int(),
});
export type BundleCounts = z.infer<typeof bundleCountsSchema>;

/** Exactly what a bundle written now would hold: the agreement, each record kind's fields, and counts. */
export const sharingPreviewSchema = z.object({
  agreement: agreementSchema,
  hubName: z.string(),
  installationName: z.string(),
  fields: z.object({
    aggregate: z.array(z.string()),
    case: z.array(z.string()),
    /** The fields a named case record adds; empty when the agreement shares no names. */
    named: z.array(z.string()),
  }),
  counts: bundleCountsSchema,
  /** The level legend the bundle carries (to name the agreement's name levels). */
  levels: z.array(bundleLevelSchema),
  /** People on the roster / register the bundle counts (never lists). */
  people: z.number().int(),
});
export type SharingPreview = z.infer<typeof sharingPreviewSchema>;

export const hubBundleFileSchema = z.object({
  fileName: z.string(),
  contentBase64: z.string(),
  bundleId: z.string(),
  sequence: z.number().int(),
  counts: bundleCountsSchema,
});
export type HubBundleFile = z.infer<typeof hubBundleFileSchema>;

export const hubPushResultSchema = z.object({
  bundleId: z.string(),
  sequence: z.number().int(),
  /** The hub's answer: accepted, unchanged, or rejected with its refusal code. */
  status: z.enum(['accepted', 'unchanged', 'rejected']),
  reason: z.string().nullable(),
});
export type HubPushResult = z.infer<typeof hubPushResultSchema>;
