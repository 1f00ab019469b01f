import { z } from 'zod';
import { localizedTextSchema } from './schema';

const intervalSchema = z.object({ min: z.number(), max: z.number() });

export const scaleResultSchema = z.object({
  /** The judged score: the sum, or for a mean scale the mean over answered items; null when none answered. */
  score: z.number().nullable(),
  /** Sum of the answered items' contributions (reversed items already reversed). */
  raw: z.number().nullable(),
  mean: z.number().nullable().optional(),
  /** Normed standard score; only for complete scales whose respondent matches a norm group. */
  standard: z.number().nullable().optional(),
  /** Where the score of a complete answer must lie, given the unanswered items. */
  range: intervalSchema,
  /** Null unless every possible completion of the answers lands in the same band. */
  band: z.string().nullable(),
  /** Null when the scale has no cut-off or the missing answers could still decide it. */
  positive: z.boolean().nullable(),
  answered: z.number().int(),
  expected: z.number().int(),
});
export type ScaleResult = z.infer<typeof scaleResultSchema>;

export const scoreWarningSchema = z.object({
  code: z.enum(['no_norm_group', 'validity_undetermined']),
  scale: z.string().optional(),
  rule: z.string().optional(),
});
export type ScoreWarning = z.infer<typeof scoreWarningSchema>;

/** What one completed (or imported) sheet scored; stored as is, so it names its definition version. */
export const scoreResultSchema = z.object({
  instrumentId: z.string(),
  version: z.string(),
  /** The answered option value of every item (unscored ones too), null when unanswered. */
  itemScores: z.record(z.string(), z.number().nullable()),
  /** Printed item numbers, so reasons can say "item 9" without the definition at hand. */
  itemNumbers: z.record(z.string(), z.number().int()),
  total: z.number().nullable(),
  totalRange: intervalSchema,
  subscales: z.record(z.string(), scaleResultSchema),
  band: z.string().nullable(),
  positive: z.boolean().nullable(),
  critical: z.array(
    z.object({
      item: z.string(),
      number: z.number().int(),
      value: z.number(),
      min: z.number(),
      reason: localizedTextSchema,
    }),
  ),
  /** Critical items left blank: a blank never rules risk out, so callers must be able to say so. */
  criticalUnanswered: z.array(z.object({ item: z.string(), number: z.number().int() })),
  complete: z.boolean(),
  answered: z.number().int(),
  expected: z.number().int(),
  missing: z.array(z.string()),
  valid: z.boolean(),
  invalidReasons: z.array(z.object({ rule: z.string(), reason: localizedTextSchema })),
  warnings: z.array(scoreWarningSchema),
});
export type ScoreResult = z.infer<typeof scoreResultSchema>;
