import { z } from 'zod';
import { programmeSchema } from '../instruments';
import { classRefSchema, type Role } from './auth';
import { apiErrorCodes } from './errors';
import { isoDate } from './people';

/**
 * What a roster export may contain: everything (psychology staff), who needs attention and the
 * next action (class teachers), figures only (supervisors), or rows under pseudonymous codes
 * with identifiers and quasi-identifiers left out and small counts hidden (de-identified).
 */
export const exportVariantSchema = z.enum(['full', 'class-teacher', 'aggregate', 'deidentified']);
export type ExportVariant = z.infer<typeof exportVariantSchema>;

/** Minimum necessary by role: a role never receives more than its variants allow. */
export const EXPORT_VARIANTS_BY_ROLE: Record<Role, readonly ExportVariant[]> = {
  admin: ['full', 'class-teacher', 'aggregate', 'deidentified'],
  psychologist: ['full', 'class-teacher', 'aggregate', 'deidentified'],
  supervisor: ['aggregate', 'deidentified'],
  class_teacher: ['class-teacher'],
  screener: [],
};

/** Columns a reader may be spared on top of what the variant drops. */
export const leaveOutSchema = z.enum(['diagnosis', 'items']);
export type LeaveOut = z.infer<typeof leaveOutSchema>;

/** Who the rows cover: some grades or classes (school) or some townships (perinatal); everyone when empty. */
export const populationSchema = z.object({
  grades: z.array(z.string().trim().min(1).max(40)).max(50).default([]),
  classes: z.array(classRefSchema).max(200).default([]),
  townships: z.array(z.string().trim().min(1).max(60)).max(200).default([]),
});
export type Population = z.infer<typeof populationSchema>;

export const rosterExportInputSchema = z
  .object({
    programme: programmeSchema,
    variant: exportVariantSchema.default('full'),
    from: isoDate.optional(),
    to: isoDate.optional(),
    /** Only these warning levels (rule-set level ids) on the roster; all when omitted. */
    levels: z.array(z.string().trim().min(1).max(32)).max(20).optional(),
    population: populationSchema.optional(),
    leaveOut: z.array(leaveOutSchema).max(2).default([]),
    /** De-identified only: every date of a person moves by the same secret number of days. */
    shiftDates: z.boolean().default(false),
  })
  .refine((i) => !i.from || !i.to || i.from <= i.to, {
    message: 'from must not be after to',
    path: ['from'],
  })
  .refine((i) => !i.shiftDates || i.variant === 'deidentified', {
    message: 'dates are shifted in the de-identified variant only',
    path: ['shiftDates'],
  })
  // A file about one class or one township would name its few people by sex and level.
  .refine(
    (i) =>
      i.variant !== 'deidentified' ||
      !i.population ||
      (!i.population.classes.length && !i.population.townships.length),
    {
      message: 'the de-identified file covers whole grades or everyone, not a class or township',
      path: ['population'],
    },
  );
export type RosterExportInput = z.input<typeof rosterExportInputSchema>;

export const rosterExportDownloadSchema = z.object({ fileName: z.string(), contentBase64: z.string() });

/** What the CLI prints: the counts are rows written, never the data itself. */
export const rosterExportResultSchema = z.object({
  file: z.string(),
  people: z.number().int(),
  screenings: z.number().int(),
  variant: exportVariantSchema,
});
export type RosterExportResult = z.infer<typeof rosterExportResultSchema>;

export const exportJobIdSchema = z.object({ jobId: z.string().regex(/^[0-9a-f]{16,64}$/) });

export const exportPhaseSchema = z.enum([
  'reading',
  'summary',
  'statistics',
  'roster',
  'screenings',
  'finishing',
]);
export type ExportPhase = z.infer<typeof exportPhaseSchema>;

/** Why a failed export failed, beyond its code: it outgrew the job's memory (narrow the range). */
export const EXPORT_TOO_LARGE = 'exports.out_of_memory' as const;

/**
 * A running or finished export: `done` of `total` rows written so far. A failed one says why as a
 * code (and a reason the UI knows, such as EXPORT_TOO_LARGE), never as a sentence: the UI words it.
 */
export const exportProgressSchema = z.object({
  state: z.enum(['running', 'done', 'failed', 'cancelled']),
  phase: exportPhaseSchema,
  done: z.number().int(),
  total: z.number().int(),
  people: z.number().int().optional(),
  screenings: z.number().int().optional(),
  errorCode: z.enum(apiErrorCodes).optional(),
  errorReason: z.string().optional(),
});
export type ExportProgress = z.infer<typeof exportProgressSchema>;
