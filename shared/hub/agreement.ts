import { z } from 'zod';

/**
 * The sharing agreement between one installation and its district hub. It travels in the
 * invitation, the installation shows it in its settings, every bundle carries the agreement it
 * was written under, and the hub refuses a bundle holding more than its installation agreed to.
 *
 * Default: aggregates (per campaign, grade and class; or per time point and township) and
 * pseudonymous case records. `names` adds the name and class of people with an open case at a
 * high level (the agreement's `nameLevels`), nothing else and nobody else.
 */
export const programmeSchema = z.enum(['school', 'perinatal']);
export type HubProgramme = z.infer<typeof programmeSchema>;

export const agreementSchema = z.strictObject({
  version: z.literal(1),
  programme: programmeSchema,
  aggregates: z.literal(true),
  cases: z.literal(true),
  /** Names and classes of high-risk people (open cases at one of `nameLevels`). */
  names: z.boolean(),
  /** The level ids whose open cases may carry a name when `names` is true. */
  nameLevels: z.array(z.string().min(1).max(40)).max(10),
});
export type SharingAgreement = z.infer<typeof agreementSchema>;

/** The levels whose people count as high-risk for `names`: red and orange in schools, critical and positive at a clinic. */
export const HIGH_RISK_LEVELS: Record<HubProgramme, readonly string[]> = {
  school: ['red', 'orange'],
  perinatal: ['critical', 'positive'],
};

export function defaultAgreement(programme: HubProgramme, names = false): SharingAgreement {
  return {
    version: 1,
    programme,
    aggregates: true,
    cases: true,
    names,
    nameLevels: names ? [...HIGH_RISK_LEVELS[programme]] : [],
  };
}
