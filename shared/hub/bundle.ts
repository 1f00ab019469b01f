import { z } from 'zod';
import { localizedTextSchema } from '../instruments/schema';
import { reasonFactSchema } from '../tiers/reasons';
import { agreementSchema } from './agreement';

/**
 * What one report bundle says, once the hub has opened its envelope (electron/security/bundle-crypto.ts).
 * Every bundle is a full snapshot of what the agreement shares, so a newer bundle supersedes the
 * hub's records one by one, and an older one arriving late changes only what it is newest for:
 * each record's version is the bundle's `createdAt` (ties broken by `sequence`).
 *
 * Strict objects throughout: a field the agreement does not name cannot ride along unnoticed.
 */
export const BUNDLE_FORMAT = 'anxin-report/1';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const count = z.number().int().nonnegative();
const levelId = z.string().min(1).max(40);
/** A stable pseudonym per person (or case) and installation: 16 base32 characters, no way back to the person. */
export const pseudonymSchema = z.string().regex(/^[a-z2-7]{16}$/);

export const levelCountsSchema = z.record(levelId, count);

/**
 * One aggregate row. School: per campaign, grade and class. Perinatal: per month, time point and
 * township. Dimensions a programme does not use are null.
 */
export const aggregateSchema = z.strictObject({
  /** Stable within the installation: the record key the hub versions. */
  key: z.string().min(1).max(200),
  campaign: z
    .strictObject({
      ref: z.string().min(1).max(40),
      name: z.string().max(100),
      startsOn: isoDate,
      endsOn: isoDate,
    })
    .nullable(),
  grade: z.string().max(40).nullable(),
  className: z.string().max(60).nullable(),
  /** Perinatal time point (early|mid|late|postpartum42). */
  timePoint: z.string().max(40).nullable(),
  township: z.string().max(60).nullable(),
  /** YYYY-MM the figures belong to (a campaign's start month; a perinatal month). */
  month: z.string().regex(/^\d{4}-\d{2}$/),
  /** 应测 / 应筛: people due. */
  expected: count,
  /** 实测 / 已筛: people with a submitted sheet. */
  screened: count,
  declined: count,
  /** Screened people by their level. */
  levels: levelCountsSchema,
  /** People with a critical answer (submitted or not). */
  critical: count,
  /** Referrals made, and those attended (到位). */
  referred: count,
  attended: count,
});
export type BundleAggregate = z.infer<typeof aggregateSchema>;

export const caseTaskSchema = z.strictObject({
  kind: z.string().min(1).max(40),
  dueOn: isoDate,
});

/** A pseudonymous case record: what the district needs to see that follow-up happens. */
export const caseRecordSchema = z.strictObject({
  /** Pseudonym of the case (a person may have several over time). */
  ref: pseudonymSchema,
  /** Pseudonym of the person. */
  person: pseudonymSchema,
  status: z.enum(['open', 'lifted', 'closed']),
  level: levelId.nullable(),
  /** 紫色 (perinatal: confirmed diagnosis under management). */
  purple: z.boolean(),
  reasons: z.array(reasonFactSchema).max(40),
  openedOn: isoDate,
  endedOn: isoDate.nullable(),
  /** Open tasks (next action and its due date); `overdue` is reckoned against the bundle's day. */
  tasks: z.array(caseTaskSchema).max(20),
  referral: z.enum(['none', 'referred', 'attended', 'concluded']),
  /** The closing reason or the specialist's conclusion, as a code. */
  outcome: z.string().max(40).nullable(),
  /** Only where the agreement has `names` and the level is one of its `nameLevels`. */
  name: z.string().max(60).optional(),
  grade: z.string().max(40).optional(),
  className: z.string().max(60).optional(),
});
export type BundleCase = z.infer<typeof caseRecordSchema>;

export const bundleLevelSchema = z.strictObject({
  id: levelId,
  name: localizedTextSchema,
  colour: z.string().max(20),
});

export const bundlePayloadSchema = z.strictObject({
  format: z.literal(BUNDLE_FORMAT),
  bundleId: z.string().uuid(),
  hubId: z.string().uuid(),
  installationId: z.string().uuid(),
  /** 1, 2, 3… per installation: the order it wrote its bundles in. */
  sequence: z.number().int().positive(),
  createdAt: z.string().datetime(),
  agreement: agreementSchema,
  installation: z.strictObject({ name: z.string().min(1).max(100), township: z.string().max(60).nullable() }),
  /** The level legend, most urgent first. */
  levels: z.array(bundleLevelSchema).max(10),
  /** People on the roster / register now (active). */
  people: count,
  aggregates: z.array(aggregateSchema).max(20_000),
  cases: z.array(caseRecordSchema).max(50_000),
});
export type BundlePayload = z.infer<typeof bundlePayloadSchema>;

/** True when every case that carries a name, grade or class is allowed one by the agreement. */
export function namesWithinAgreement(payload: BundlePayload): boolean {
  const { names, nameLevels } = payload.agreement;
  return payload.cases.every((c) => {
    const named = c.name !== undefined || c.className !== undefined || c.grade !== undefined;
    if (!named) return true;
    return names && c.status === 'open' && c.level !== null && nameLevels.includes(c.level);
  });
}
